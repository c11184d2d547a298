//! A loaded Piper voice as an [`Engine`]: its config, its ONNX sessions and the eSpeak NG
//! voices that phonemize for it; each section's sentences spread over the sessions' workers.
//! Only in builds with the `piper` feature (ONNX Runtime).

use super::chunks::{PHONEME_BUDGET, chunk_clauses};
use super::config::{ENGINE, VoiceConfig, phoneme_ids, read_config};
use super::options::PiperOptions;
use super::sessions::{Inference, open_model};
use super::voice_files::VoiceFiles;
use super::{board, decode, runtime};
use crate::error::SynthError;
use crate::synth::espeak::{self, Clause};
use crate::synth::{Engine, Prosody, Utterance, UtterancePart, VoiceInfo};

/// A loaded Piper voice.
pub struct Piper {
    info: VoiceInfo,
    config: VoiceConfig,
    /// The eSpeak NG voice that phonemizes for this voice (opened once: opening reads files).
    phonemizer: espeak::Espeak,
    /// eSpeak NG voices that phonemize passages in other languages, opened when first needed.
    passage_phonemizers: Vec<(String, espeak::Espeak)>,
    /// The sessions; sentences of a section are spread over their workers.
    inference: Inference,
    scales: [f32; 3],
    speaker: Option<i64>,
    warned: Vec<char>,
}

impl Piper {
    /// Loads a voice: its config, and an ONNX session for its model.
    pub fn open(
        files: &VoiceFiles,
        prosody: Prosody,
        options: &PiperOptions,
    ) -> Result<Self, SynthError> {
        let config = read_config(files)?;
        let env = runtime::environment()?;
        let (inference, model_sha256) = open_model(env, files, options)?;
        let speaker = match (&options.speaker, config.num_speakers) {
            (None, 1) => None,
            (None, _) => Some(0),
            (Some(s), n) => {
                let id = config
                    .speaker_id_map
                    .get(s)
                    .copied()
                    .or_else(|| s.parse::<i64>().ok());
                match id {
                    Some(id) if n > 1 && (0..i64::from(n)).contains(&id) => Some(id),
                    _ => {
                        let mut names: Vec<&String> = config.speaker_id_map.keys().collect();
                        names.sort();
                        return Err(SynthError::VoiceNotFound {
                            engine: ENGINE,
                            voice: format!(
                                "{}#speaker {s} (it has {}{})",
                                files.name,
                                if n == 1 {
                                    "1 speaker".to_string()
                                } else {
                                    format!("{n} speakers")
                                },
                                if names.is_empty() {
                                    String::new()
                                } else {
                                    format!(
                                        ": {}",
                                        names
                                            .iter()
                                            .take(20)
                                            .map(|s| s.as_str())
                                            .collect::<Vec<_>>()
                                            .join(", ")
                                    )
                                }
                            ),
                        });
                    }
                }
            }
        };
        let defaults = config.inference;
        let rate = prosody.rate.factor().max(0.1);
        let scales = [
            options.noise_scale.unwrap_or(defaults.noise_scale),
            defaults.length_scale / rate,
            options.noise_w.unwrap_or(defaults.noise_w),
        ];
        let info = VoiceInfo {
            engine: ENGINE.into(),
            name: files.name.clone(),
            sample_rate: config.audio.sample_rate,
            model_sha256: Some(model_sha256),
            scales: Some(scales),
            speaker,
        };
        let phonemizer = espeak::Espeak::new(&config.espeak.voice, Prosody::default())?;
        Ok(Piper {
            info,
            config,
            phonemizer,
            passage_phonemizers: Vec::new(),
            inference,
            scales,
            speaker,
            warned: Vec::new(),
        })
    }
}

impl Piper {
    /// The phoneme chunks a sentence is spoken as.
    pub fn chunks(&self, text: &str) -> Result<Vec<String>, SynthError> {
        let clauses = self.phonemizer.ipa_clauses(text)?;
        Ok(chunk_clauses(&clauses, PHONEME_BUDGET))
    }

    /// The eSpeak NG voice that phonemizes a passage in `language` for this voice (its
    /// phonemes are IPA, whatever the language), opened when first needed; `None`: the voice's
    /// own language.
    fn phonemizer_for(&mut self, language: Option<&str>) -> Result<&espeak::Espeak, SynthError> {
        let Some(voice) = language.and_then(crate::synth::espeak_voice_for) else {
            return Ok(&self.phonemizer);
        };
        if !self.passage_phonemizers.iter().any(|(v, _)| *v == voice) {
            let phonemizer = espeak::Espeak::new(&voice, Prosody::default())?;
            self.passage_phonemizers.push((voice.clone(), phonemizer));
        }
        Ok(self
            .passage_phonemizers
            .iter()
            .find(|(v, _)| *v == voice)
            .map(|(_, p)| p)
            .unwrap_or(&self.phonemizer))
    }

    /// The clauses of an utterance: eSpeak NG's phonemes for its text, and a lexicon's IPA
    /// taken as it is where it gives some, with no eSpeak NG pass for those words. IPA with a
    /// symbol the voice lacks is left to eSpeak NG (its words), with a warning.
    fn clauses(&mut self, utterance: &Utterance) -> Result<Vec<Clause>, SynthError> {
        let mut parts: Vec<(&str, Option<String>)> = Vec::new();
        for part in utterance.parts() {
            let (words, ipa) = match part {
                UtterancePart::Text(text) => {
                    parts.push((text, None));
                    continue;
                }
                UtterancePart::Ipa { words, ipa } => (words, ipa),
            };
            let cleaned = crate::lexicon::ipa::cleaned(ipa);
            let map = &self.config.phoneme_id_map;
            match cleaned
                .chars()
                .find(|c| !map.contains_key(c.to_string().as_str()))
            {
                None => parts.push((words, Some(cleaned))),
                Some(symbol) => {
                    // Once per symbol, as for the phonemes eSpeak NG gives that it lacks.
                    if !self.warned.contains(&symbol) {
                        self.warned.push(symbol);
                        log::warn!(
                            "voice {} has no phoneme '{symbol}' (U+{:04X}) for the lexicon's IPA /{ipa}/; it says \"{words}\" instead",
                            self.info.name,
                            symbol as u32,
                        );
                    }
                    parts.push((words, None));
                }
            }
        }
        let phonemizer = self.phonemizer_for(utterance.language.as_deref())?;
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
        Ok(clauses)
    }

    /// Phoneme ids of each chunk of a sentence, warning once per phoneme the voice lacks.
    fn sentence_ids(&mut self, utterance: &Utterance) -> Result<Vec<Vec<i64>>, SynthError> {
        let mut out = Vec::new();
        let clauses = self.clauses(utterance)?;
        let chunks = chunk_clauses(&clauses, PHONEME_BUDGET);
        for chunk in chunks {
            let (ids, unknown) = phoneme_ids(&chunk, &self.config.phoneme_id_map);
            for c in unknown {
                if !self.warned.contains(&c) {
                    log::warn!(
                        "voice {} has no phoneme {c:?} (U+{:04X}); it is skipped",
                        self.info.name,
                        c as u32
                    );
                    self.warned.push(c);
                }
            }
            out.push(ids);
        }
        Ok(out)
    }
}

/// Where a worker puts a sentence's result.
type Slot = std::sync::Mutex<Option<Result<Vec<f32>, SynthError>>>;

impl Engine for Piper {
    fn voice(&self) -> &VoiceInfo {
        &self.info
    }

    fn synthesize(&mut self, text: &str) -> Result<Vec<i16>, SynthError> {
        let mut results = self.synthesize_all(&[Utterance::plain(text)]);
        results.pop().unwrap_or_else(|| Ok(Vec::new()))
    }

    /// Phonemizes every sentence here (eSpeak NG is single-threaded), then the workers speak
    /// those that have phonemes in parallel.
    fn synthesize_all(&mut self, utterances: &[Utterance]) -> Vec<Result<Vec<i16>, SynthError>> {
        let mut results: Vec<Option<Result<Vec<i16>, SynthError>>> = Vec::new();
        let (mut speakable, mut at) = (Vec::new(), Vec::new());
        for utterance in utterances {
            match self.sentence_ids(utterance) {
                Ok(chunks) => {
                    at.push(results.len());
                    speakable.push(chunks);
                    results.push(None);
                }
                Err(e) => results.push(Some(Err(e))),
            }
        }
        let (scales, speaker) = (self.scales, self.speaker);
        let audio = match &mut self.inference {
            Inference::Halves {
                encoder,
                decoders,
                shape,
            } => {
                let voice = board::Voice {
                    encoder,
                    shape,
                    scales,
                    speaker,
                };
                board::speak(&voice, decoders, speakable)
            }
            Inference::Whole(sessions) => whole_sentences(sessions, &speakable, scales, speaker),
        };
        for (i, audio) in at.into_iter().zip(audio) {
            results[i] = Some(audio.map(|audio| {
                audio
                    .iter()
                    .map(|&x| (x * 32767.0).clamp(-32768.0, 32767.0) as i16)
                    .collect()
            }));
        }
        results.into_iter().flatten().collect()
    }
}

/// Whole-model sessions, one per worker, each taking the next sentence (its chunks' phoneme
/// ids) when it is free.
fn whole_sentences(
    sessions: &mut [ort::session::Session],
    sentences: &[Vec<Vec<i64>>],
    scales: [f32; 3],
    speaker: Option<i64>,
) -> Vec<Result<Vec<f32>, SynthError>> {
    let next = std::sync::atomic::AtomicUsize::new(0);
    let results: Vec<Slot> = sentences
        .iter()
        .map(|_| std::sync::Mutex::new(None))
        .collect();
    std::thread::scope(|scope| {
        for session in sessions.iter_mut() {
            let (next, results) = (&next, &results);
            scope.spawn(move || {
                loop {
                    let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    let Some(chunks) = sentences.get(i) else {
                        break;
                    };
                    let result = chunks.iter().try_fold(Vec::new(), |mut samples, chunk| {
                        samples.extend(decode::whole(session, chunk.clone(), scales, speaker)?);
                        Ok(samples)
                    });
                    *results[i].lock().unwrap_or_else(|p| p.into_inner()) = Some(result);
                }
            });
        }
    });
    results
        .into_iter()
        .map(|r| {
            r.into_inner()
                .unwrap_or_else(|p| p.into_inner())
                .unwrap_or_else(|| {
                    Err(SynthError::Failed {
                        engine: ENGINE,
                        message: "not synthesized".into(),
                    })
                })
        })
        .collect()
}
