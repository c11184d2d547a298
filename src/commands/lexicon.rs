//! `hark lexicon check`: reads lexicon files the way an export would and says, per file, how
//! many entries it has, or what is wrong and on which line; and warns of IPA that eSpeak NG
//! voices cannot say (they say the entry's words there instead). `hark lexicon suggest`: the
//! words of an article eSpeak NG would guess at, as lexicon lines to correct.

use super::report::{Reporter, print};
use crate::cli::LexiconFormat;
use hark::lexicon::entry::Say;
use hark::lexicon::pls::Suggested;
use hark::synth::espeak::Espeak;
use std::path::PathBuf;

/// Checks each file; false if any is wrong.
pub fn lexicon_check(files: &[PathBuf], report: &Reporter) -> bool {
    let mut ok = true;
    let mut out = String::new();
    for file in files {
        let read = hark::lexicon::read_text(file).and_then(|text| {
            let entries = hark::lexicon::parse(file, &text)?;
            // A PLS file is also held to PLS 1.0's structure.
            let problems = if hark::lexicon::is_pls(file, &text) {
                hark::lexicon::pls::conformance(&text)
            } else {
                Vec::new()
            };
            Ok((entries, problems))
        });
        match read {
            Ok((entries, problems)) => {
                if !problems.is_empty() {
                    for problem in problems {
                        report.warn(&format!("{}: {problem}", file.display()));
                    }
                    report.warn(&format!(
                        "{}: not a conforming PLS 1.0 document (hark reads it, other tools may not)",
                        file.display()
                    ));
                    ok = false;
                }
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

/// Prints the words of `input` that the article's eSpeak NG voice does not have in its
/// dictionary, most frequent first, each as a lexicon line with eSpeak NG's phonemes for it
/// now. False if the article or a lexicon cannot be read, or eSpeak NG cannot be opened.
pub fn lexicon_suggest(
    input: &str,
    lang: Option<&str>,
    lexicons: &[PathBuf],
    format: LexiconFormat,
    report: &Reporter,
) -> bool {
    let options = hark::ReadOptions {
        lang: lang.map(str::to_string),
        lexicons: lexicons.to_vec(),
        ..Default::default()
    };
    let Some(prepared) = report.prepare(input, &options) else {
        return false;
    };
    let lexicon = match hark::lexicon::Lexicon::for_article(input, lexicons) {
        Ok(lexicon) => lexicon,
        Err(e) => {
            report.error(&e);
            return false;
        }
    };
    let language = &prepared.article.language;
    let written: Vec<String> = prepared
        .sections
        .iter()
        .flat_map(|s| s.body())
        .map(|s| s.written())
        .collect();
    let sentences: Vec<&str> = written.iter().map(String::as_str).collect();
    let primary = language.primary();
    let guesses = hark::lexicon::suggest::guesses(&sentences, primary, |word| {
        lexicon.whole(word, primary).is_some()
    });
    let voice_name = hark::synth::espeak_voice_for(&language.tag)
        .unwrap_or_else(|| hark::synth::espeak::DEFAULT_VOICE.to_string());
    let voice = match Espeak::new(&voice_name, Default::default()) {
        Ok(voice) => voice,
        Err(e) => {
            report.error(&e);
            return false;
        }
    };
    let word_list = hark::lexicon::suggest::WordList::for_language(language.primary());
    if word_list.is_empty() {
        report.warn(&format!(
            "no word list for {} in /usr/share/dict: common words eSpeak NG reads well by its rules may be listed too (on Debian: apt-get install wamerican, wfrench, wngerman, …)",
            language.tag
        ));
    }
    let guesses: Vec<_> = guesses
        .into_iter()
        .filter(|g| !word_list.has(&g.word))
        .collect();
    let words: Vec<&str> = guesses.iter().map(|g| g.word.as_str()).collect();
    let known = known_words(&voice, &words);
    let mut suggested = Vec::new();
    for (guess, known) in guesses.iter().zip(known) {
        if known {
            continue;
        }
        let now = voice
            .ipa_clauses(&guess.word)
            .map(|clauses| {
                clauses
                    .iter()
                    .map(|c| c.phonemes.as_str())
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .unwrap_or_default();
        suggested.push(Suggested {
            word: guess.word.clone(),
            ipa: now,
            count: guess.count,
        });
    }
    let heading = format!(
        "Words eSpeak NG ({voice_name}) will guess at in {input}, most frequent first, each with how it is said now: correct the IPA (or write the words to say), then keep it."
    );
    let out = match format {
        LexiconFormat::Pls => hark::lexicon::pls::write(&language.tag, &heading, &suggested),
        LexiconFormat::Text => text_lines(language.primary(), &heading, &suggested),
    };
    print(out.as_bytes(), report)
}

/// The suggestions as lines of the text form, under a comment; in a `[lang]` section when
/// the article is not in English.
fn text_lines(language: &str, heading: &str, suggested: &[Suggested]) -> String {
    let mut out = String::new();
    if language != "en" {
        out.push_str(&format!("[{language}]\n"));
    }
    out.push_str(&format!("# {heading}\n"));
    for s in suggested {
        let said = if s.ipa.is_empty() {
            s.word.clone()
        } else {
            format!("/{}/", s.ipa)
        };
        let times = s.times();
        out.push_str(&format!("{} = {said}   # {times}\n", s.word));
    }
    if suggested.is_empty() {
        out.push_str("# (none: eSpeak NG knows every name here, or a lexicon has it)\n");
    }
    if language != "en" {
        // What follows, pasted after these, is for any language again.
        out.push_str("[*]\n");
    }
    out
}

/// Whether the voice's dictionary has each word (where it cannot be asked, none: all listed).
fn known_words(voice: &Espeak, words: &[&str]) -> Vec<bool> {
    #[cfg(unix)]
    if let Ok(known) = voice.in_dictionary(words) {
        return known;
    }
    let _ = voice;
    vec![false; words.len()]
}
