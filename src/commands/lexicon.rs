//! `hark lexicon check`: reads lexicon files the way an export would and says, per file, how
//! many entries it has, or what is wrong and on which line; and warns of IPA that eSpeak NG
//! voices cannot say (they say the entry's words there instead).

use super::report::{Reporter, print};
use hark::lexicon::entry::Say;
use std::path::PathBuf;

/// Checks each file; false if any is wrong.
pub fn lexicon_check(files: &[PathBuf], report: &Reporter) -> bool {
    let mut ok = true;
    let mut out = String::new();
    for file in files {
        match hark::lexicon::read(file) {
            Ok(entries) => {
                let mut with_ipa = 0;
                for entry in &entries {
                    let Say::Phoneme { ipa, alias } = &entry.say else {
                        continue;
                    };
                    with_ipa += 1;
                    let cleaned = hark::lexicon::ipa::cleaned(ipa);
                    if let Err(symbol) = hark::synth::espeak::mnemonics::from_ipa(&cleaned) {
                        let instead = match alias {
                            Some(alias) => format!("\"{alias}\""),
                            None => "the word as written".into(),
                        };
                        report.warn(&format!(
                            "{}: /{ipa}/ has '{symbol}' (U+{:04X}), which eSpeak NG has no phoneme for: its voices say {instead} there (Piper voices say the IPA if they have the symbol)",
                            entry.origin, symbol as u32
                        ));
                    }
                }
                out.push_str(&format!(
                    "{}: {}",
                    file.display(),
                    entries_counted(entries.len())
                ));
                if with_ipa > 0 {
                    out.push_str(&format!(", {with_ipa} with IPA"));
                }
                out.push('\n');
            }
            Err(e) => {
                report.error(&e);
                ok = false;
            }
        }
    }
    print(out.as_bytes(), report) && ok
}

/// "1 entry", "3 entries".
fn entries_counted(n: usize) -> String {
    if n == 1 {
        "1 entry".into()
    } else {
        format!("{n} entries")
    }
}
