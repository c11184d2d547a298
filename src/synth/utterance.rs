//! What an engine is asked to say: one sentence's spoken text, its passage language, and the
//! stretches a lexicon gives as IPA, with the text cut at them for the engines that take
//! phonemes.

use crate::speech::piece::IpaSpan;

/// One sentence for an engine: its plain spoken text, and the language of a passage in a
/// language other than the article's (BCP 47), for the engine to speak it in.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Utterance {
    /// The spoken text.
    pub text: String,
    /// The passage's language; `None`: the voice's own.
    pub language: Option<String>,
    /// Stretches of `text` a lexicon gives as IPA, said as phonemes by the engines that take
    /// them (eSpeak NG, Piper); the others say the text.
    pub ipa: Vec<IpaSpan>,
}

/// A stretch of an utterance, as an engine that takes phonemes reads it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UtterancePart<'a> {
    /// Text to read.
    Text(&'a str),
    /// Words a lexicon gives as IPA: the IPA to say, the words where it cannot be said.
    Ipa { words: &'a str, ipa: &'a str },
}

impl Utterance {
    /// The text cut at its IPA stretches, in order; a stretch that overlaps the one before,
    /// or does not fall on the text's characters, is read as text.
    pub fn parts(&self) -> Vec<UtterancePart<'_>> {
        let text = self.text.as_str();
        let mut parts = Vec::new();
        let mut copied = 0;
        for span in &self.ipa {
            let (start, end) = (span.start.max(copied), span.end.max(copied));
            let (Some(before), Some(words)) = (text.get(copied..start), text.get(start..end))
            else {
                continue;
            };
            parts.push(UtterancePart::Text(before));
            parts.push(UtterancePart::Ipa {
                words,
                ipa: &span.ipa,
            });
            copied = end;
        }
        parts.push(UtterancePart::Text(text.get(copied..).unwrap_or_default()));
        parts
    }

    /// A sentence in the voice's own language.
    pub fn plain(text: impl Into<String>) -> Self {
        Utterance {
            text: text.into(),
            language: None,
            ipa: Vec::new(),
        }
    }
}
