//! What eSpeak NG is given for an utterance: plain text, or SSML for a passage in another
//! language, with a lexicon's IPA as eSpeak NG's own phoneme input.

use super::mnemonics;
use crate::synth::{Utterance, UtterancePart};
use crate::xml::escape;
use std::ffi::CString;

/// What eSpeak NG is given for an utterance: its text, or for a passage in another language
/// an SSML document in that language, which eSpeak reads with its own voice for it.
pub fn request(utterance: &Utterance) -> CString {
    let text = with_phonemes(utterance).replace('\0', " ");
    let request = match &utterance.language {
        Some(language) => format!(
            "<speak xml:lang=\"{}\">{}</speak>",
            escape(language),
            escape(&text)
        ),
        // Plain text that opens like that markup would be taken for it.
        None if text.starts_with('<') => format!(" {text}"),
        None => text,
    };
    CString::new(request).unwrap_or_default()
}

/// The utterance's text with its IPA stretches as eSpeak NG's phoneme input (`[[mnemonics]]`,
/// which it reads because every request is synthesized with `PHONEMES`), and any `[[` of the
/// article's own taken apart so that it is never read as phonemes. IPA with a symbol that has
/// no mnemonic is said as the entry's words, with a warning.
fn with_phonemes(utterance: &Utterance) -> String {
    let defused = |s: &str| s.replace("[[", "[ [");
    let mut out = String::with_capacity(utterance.text.len() + 16);
    for part in utterance.parts() {
        match part {
            UtterancePart::Text(text) => out.push_str(&defused(text)),
            UtterancePart::Ipa { words, ipa } => {
                match mnemonics::from_ipa(&crate::lexicon::ipa::cleaned(ipa)) {
                    Ok(phonemes) => {
                        out.push_str("[[");
                        out.push_str(&phonemes);
                        out.push_str("]]");
                    }
                    Err(symbol) => {
                        warn_once(&format!(
                            "eSpeak NG has no phoneme for '{symbol}' (U+{:04X}) in the lexicon's IPA /{ipa}/; it says \"{words}\" instead (write the IPA with other symbols, or give the entry words to say)",
                            symbol as u32
                        ));
                        out.push_str(&defused(words));
                    }
                }
            }
        }
    }
    out
}

/// Logs `message` the first time it comes in this process: a lexicon entry is met in many
/// sentences.
fn warn_once(message: &str) {
    static SAID: std::sync::Mutex<Vec<String>> = std::sync::Mutex::new(Vec::new());
    if let Ok(mut said) = SAID.lock()
        && !said.iter().any(|m| m == message)
    {
        log::warn!("{message}");
        said.push(message.to_string());
    }
}
