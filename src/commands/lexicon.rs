//! `hark lexicon check`: reads lexicon files the way an export would and says, per file, how
//! many entries it has, or what is wrong and on which line.

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
                let ipa_only = entries
                    .iter()
                    .filter(|e| matches!(e.say, Say::Phoneme { alias: None, .. }))
                    .count();
                out.push_str(&format!(
                    "{}: {}",
                    file.display(),
                    entries_counted(entries.len())
                ));
                if ipa_only > 0 {
                    out.push_str(&format!(
                        "; {} with IPA alone, which hark's engines do not speak yet (add the words to say after the IPA)",
                        entries_counted(ipa_only)
                    ));
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
