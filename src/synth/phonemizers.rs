//! eSpeak NG as the phonemizer of a neural voice (Piper, Kokoro): the voice's own eSpeak NG
//! voice, the ones for passages in other languages (opened when first needed), and an
//! utterance's clauses with a lexicon's IPA spliced in as it is. (Phonemes need no prosody:
//! the voices are opened with the default.)

use crate::error::SynthError;
use crate::synth::espeak::{Clause, Espeak};
use crate::synth::utterance::{Utterance, UtterancePart};

/// The eSpeak NG voices that phonemize for one neural voice.
pub struct Phonemizers {
    /// The eSpeak NG voice of the article's (or the voice's) language, and its name.
    own: (String, Espeak),
    /// Voices for passages in other languages, by eSpeak NG voice name.
    passages: Vec<(String, Espeak)>,
}

/// A lexicon's IPA that an engine cannot take: the first symbol it lacks.
pub struct Lacking(pub char);

impl Phonemizers {
    /// Opens the eSpeak NG voice `voice` (opening reads files: once per engine).
    pub fn new(voice: &str) -> Result<Self, SynthError> {
        Ok(Phonemizers {
            own: (voice.to_string(), Espeak::new(voice, Default::default())?),
            passages: Vec::new(),
        })
    }

    /// The voice's own phonemizer.
    pub fn own(&self) -> &Espeak {
        &self.own.1
    }

    /// The eSpeak NG voice name and phonemizer for a passage in `language` (its phonemes are
    /// IPA, whatever the language); `None`: the voice's own.
    pub fn for_language(&mut self, language: Option<&str>) -> Result<(&str, &Espeak), SynthError> {
        let Some(voice) = language.and_then(crate::synth::choice::espeak_voice_for) else {
            return Ok((&self.own.0, &self.own.1));
        };
        if voice == self.own.0 {
            return Ok((&self.own.0, &self.own.1));
        }
        if !self.passages.iter().any(|(v, _)| *v == voice) {
            let phonemizer = Espeak::new(&voice, Default::default())?;
            self.passages.push((voice.clone(), phonemizer));
        }
        Ok(self
            .passages
            .iter()
            .find(|(v, _)| *v == voice)
            .map(|(v, p)| (v.as_str(), p))
            .unwrap_or((&self.own.0, &self.own.1)))
    }

    /// The clauses of an utterance, and the eSpeak NG voice that phonemized them: eSpeak NG's
    /// phonemes for its text, and a lexicon's IPA where it gives some (`accept` turns it into
    /// the engine's alphabet, or names the first symbol the engine lacks; then the words are
    /// left to eSpeak NG and `lacking` is told).
    pub fn clauses(
        &mut self,
        utterance: &Utterance,
        accept: impl Fn(&str) -> Result<String, Lacking>,
        mut lacking: impl FnMut(char, &str, &str),
    ) -> Result<(String, Vec<Clause>), SynthError> {
        let mut parts: Vec<(&str, Option<String>)> = Vec::new();
        for part in utterance.parts() {
            match part {
                UtterancePart::Text(text) => parts.push((text, None)),
                UtterancePart::Ipa { words, ipa } => {
                    let cleaned = crate::lexicon::ipa::cleaned(ipa);
                    match accept(&cleaned) {
                        Ok(phonemes) => parts.push((words, Some(phonemes))),
                        Err(Lacking(symbol)) => {
                            lacking(symbol, ipa, words);
                            parts.push((words, None));
                        }
                    }
                }
            }
        }
        let (voice, phonemizer) = self.for_language(utterance.language.as_deref())?;
        let mut clauses = Vec::new();
        for (words, ipa) in parts {
            match ipa {
                Some(phonemes) => clauses.push(Clause {
                    phonemes,
                    punctuation: None,
                }),
                None if words.trim().is_empty() => {}
                None => clauses.extend(phonemizer.ipa_clauses(words)?),
            }
        }
        Ok((voice.to_string(), clauses))
    }
}
