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
use crate::synth::espeak::Clause;
use crate::synth::phonemizers::{Lacking, Phonemizers};
use crate::synth::workers::on_free_workers;
use crate::synth::{Engine, Prosody, Utterance, VoiceInfo, to_i16};

/// A loaded Piper voice.
pub struct Piper {
    info: VoiceInfo,
    config: VoiceConfig,
    /// The eSpeak NG voices that phonemize for this voice: its own, and those of passages.
    phonemizers: Phonemizers,
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
        let phonemizers = Phonemizers::new(&config.espeak.voice)?;
        Ok(Piper {
            info,
            config,
            phonemizers,
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
        let clauses = self.phonemizers.own().ipa_clauses(text)?;
        Ok(chunk_clauses(&clauses, PHONEME_BUDGET))
    }

    /// The clauses of an utterance: eSpeak NG's phonemes for its text, and a lexicon's IPA
    /// taken as it is where it gives some, with no eSpeak NG pass for those words. IPA with a
    /// symbol the voice lacks is left to eSpeak NG (its words), with a warning.
    fn clauses(&mut self, utterance: &Utterance) -> Result<Vec<Clause>, SynthError> {
        let map = &self.config.phoneme_id_map;
        let (name, warned) = (&self.info.name, &mut self.warned);
        let accept = |ipa: &str| match ipa
            .chars()
            .find(|c| !map.contains_key(c.to_string().as_str()))
        {
            None => Ok(ipa.to_string()),
            Some(symbol) => Err(Lacking(symbol)),
        };
        let lacking = |symbol: char, ipa: &str, words: &str| {
            // Once per symbol, as for the phonemes eSpeak NG gives that it lacks.
            if !warned.contains(&symbol) {
                warned.push(symbol);
                log::warn!(
                    "voice {name} has no phoneme '{symbol}' (U+{:04X}) for the lexicon's IPA /{ipa}/; it says \"{words}\" instead",
                    symbol as u32,
                );
            }
        };
        let (_, clauses) = self.phonemizers.clauses(utterance, accept, lacking)?;
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
            results[i] = Some(audio.map(|audio| to_i16(&audio)));
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
    on_free_workers(sessions, sentences, |session, chunks| {
        chunks.iter().try_fold(Vec::new(), |mut samples, chunk| {
            samples.extend(decode::whole(session, chunk.clone(), scales, speaker)?);
            Ok(samples)
        })
    })
    .into_iter()
    .map(|r| {
        r.unwrap_or_else(|| {
            Err(SynthError::Failed {
                engine: ENGINE,
                message: "not synthesized".into(),
            })
        })
    })
    .collect()
}
