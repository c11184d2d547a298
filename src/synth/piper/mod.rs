//! Piper neural voices (VITS models in ONNX) through ONNX Runtime.
//!
//! Text → eSpeak NG IPA phonemes one clause at a time, with the clause punctuation put back as
//! Piper's own phonemizer does → ids through the voice's `phoneme_id_map` → one inference per
//! chunk (a sentence, or pieces of a very long one under a phoneme budget) → 16-bit samples.
//! One ONNX session per voice, reused for every sentence.

pub mod config;
pub mod model_cache;
pub mod runtime;

use super::{Engine, Prosody, VoiceInfo};
use crate::error::SynthError;
use crate::synth::espeak::{self, Clause};
use config::{VoiceConfig, phoneme_ids};
use std::path::{Path, PathBuf};

const ENGINE: &str = "piper";

/// Most phonemes sent to the model at once; longer sentences are cut at clause, then word,
/// boundaries. Piper's models are trained on sentences well under this.
pub const PHONEME_BUDGET: usize = 400;

/// Settings a Piper voice takes beyond rate, pitch and volume.
#[derive(Debug, Clone, Default)]
pub struct PiperOptions {
    /// Threads for ONNX Runtime inside one inference (0: the cores shared among the workers).
    pub threads: usize,
    /// Sessions working on different sentences at once (0 or 1: one).
    pub workers: usize,
    /// Override of the voice's noise_scale.
    pub noise_scale: Option<f32>,
    /// Override of the voice's noise_w.
    pub noise_w: Option<f32>,
    /// Speaker name or id, for multi-speaker voices.
    pub speaker: Option<String>,
}

/// A Piper voice's two files.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VoiceFiles {
    /// The voice's name (the file name without `.onnx`).
    pub name: String,
    /// The model.
    pub model: PathBuf,
    /// Its `.onnx.json`.
    pub config: PathBuf,
}

impl VoiceFiles {
    /// The files of `model` (`NAME.onnx` beside `NAME.onnx.json`), if both are there.
    pub fn at(model: &Path) -> Option<VoiceFiles> {
        let file = model.file_name()?.to_string_lossy().to_string();
        let name = file.strip_suffix(".onnx")?.to_string();
        let config = model.with_file_name(format!("{file}.json"));
        (model.is_file() && config.is_file()).then(|| VoiceFiles {
            name,
            model: model.to_path_buf(),
            config,
        })
    }
}

/// Reads and checks a voice's config.
pub fn read_config(files: &VoiceFiles) -> Result<VoiceConfig, SynthError> {
    let bytes = std::fs::read(&files.config).map_err(|e| SynthError::Unavailable {
        engine: ENGINE,
        message: format!("cannot read {}: {e}", files.config.display()),
    })?;
    serde_json::from_slice(&bytes).map_err(|e| SynthError::Unavailable {
        engine: ENGINE,
        message: format!(
            "{} is not a Piper voice config: {e} (reinstall the voice with `hark voices install`)",
            files.config.display()
        ),
    })
}

/// A loaded Piper voice.
pub struct Piper {
    info: VoiceInfo,
    config: VoiceConfig,
    /// The eSpeak NG voice that phonemizes for this voice (opened once: opening reads files).
    phonemizer: espeak::Espeak,
    /// One session per worker; sentences of a section are spread over them.
    sessions: Vec<ort::session::Session>,
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
        let fail = |e: &dyn std::fmt::Display| SynthError::Unavailable {
            engine: ENGINE,
            message: format!("cannot load the model {}: {e}", files.model.display()),
        };
        // Several sessions, each on part of the cores, working on different sentences, use two
        // cores ~10% better than one session splitting each inference, but each holds its own
        // buffers (~1.8x the peak memory, scripts/bench-piper --workers 2): one by default.
        let cores = std::thread::available_parallelism().map_or(1, usize::from);
        let workers = options.workers.max(1);
        let threads = if options.threads > 0 {
            options.threads
        } else {
            (cores / workers).max(1)
        };
        let weights = ort::session::builder::PrepackedWeights::new();
        let build = || -> ort::Result<ort::session::builder::SessionBuilder> {
            // Sentences differ in length, so a memory pattern planned for one is wasted on the
            // next; without it peak memory is lower at no measurable cost (scripts/bench-piper).
            Ok(ort::session::Session::builder(env)?
                .with_memory_pattern(false)?
                .with_intra_threads(threads)?
                .with_prepacked_weights(&weights)?)
        };
        let model_sha256 = sha256_file(&files.model).map_err(|e| fail(&e))?;
        let cached = model_cache::folder().map(|f| model_cache::file_for(&f, &model_sha256));
        let mut sessions = Vec::with_capacity(workers);
        for _ in 0..workers {
            sessions.push(
                model_cache::commit(&build, &files.model, cached.as_deref())
                    .map_err(|e| fail(&e))?,
            );
        }
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
                                "{}#speaker {s} (it has {n} speaker(s){})",
                                files.name,
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
        let inference = config.inference;
        let rate = prosody.rate.factor(espeak::NORMAL_WPM).max(0.1);
        let scales = [
            options.noise_scale.unwrap_or(inference.noise_scale),
            inference.length_scale / rate,
            options.noise_w.unwrap_or(inference.noise_w),
        ];
        let info = VoiceInfo {
            engine: ENGINE,
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
            sessions,
            scales,
            speaker,
            warned: Vec::new(),
        })
    }

    /// The phoneme chunks a sentence is spoken as.
    pub fn chunks(&self, text: &str) -> Result<Vec<String>, SynthError> {
        let clauses = self.phonemizer.ipa_clauses(text)?;
        Ok(chunk_clauses(&clauses, PHONEME_BUDGET))
    }

    /// Phoneme ids of each chunk of a sentence, warning once per phoneme the voice lacks.
    fn sentence_ids(&mut self, text: &str) -> Result<Vec<Vec<i64>>, SynthError> {
        let mut out = Vec::new();
        for chunk in self.chunks(text)? {
            let (ids, unknown) = phoneme_ids(&chunk, &self.config.phoneme_id_map);
            for c in unknown {
                if !self.warned.contains(&c) {
                    eprintln!(
                        "hark: warning: voice {} has no phoneme {c:?} (U+{:04X}); it is skipped",
                        self.info.name, c as u32
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
type Slot = std::sync::Mutex<Option<Result<Vec<i16>, SynthError>>>;

/// One inference: phoneme ids → 16-bit samples.
fn infer(
    session: &mut ort::session::Session,
    scales: [f32; 3],
    speaker: Option<i64>,
    ids: Vec<i64>,
) -> Result<Vec<i16>, SynthError> {
    use ort::value::Tensor;
    let fail = |e: &dyn std::fmt::Display| SynthError::Failed {
        engine: ENGINE,
        message: format!("inference failed: {e}"),
    };
    let n = ids.len();
    let input = Tensor::from_array(([1usize, n], ids)).map_err(|e| fail(&e))?;
    let lengths = Tensor::from_array(([1usize], vec![n as i64])).map_err(|e| fail(&e))?;
    let scales = Tensor::from_array(([3usize], scales.to_vec())).map_err(|e| fail(&e))?;
    let outputs = match speaker {
        Some(sid) => {
            let sid = Tensor::from_array(([1usize], vec![sid])).map_err(|e| fail(&e))?;
            session.run(ort::inputs!["input" => input, "input_lengths" => lengths, "scales" => scales, "sid" => sid])
        }
        None => session.run(ort::inputs!["input" => input, "input_lengths" => lengths, "scales" => scales]),
    }
    .map_err(|e| fail(&e))?;
    let (_, audio) = outputs[0]
        .try_extract_tensor::<f32>()
        .map_err(|e| fail(&e))?;
    Ok(audio
        .iter()
        .map(|&x| (x * 32767.0).clamp(-32768.0, 32767.0) as i16)
        .collect())
}

impl Engine for Piper {
    fn voice(&self) -> &VoiceInfo {
        &self.info
    }

    fn synthesize(&mut self, text: &str) -> Result<Vec<i16>, SynthError> {
        let mut results = self.synthesize_all(&[text.to_string()]);
        results.pop().unwrap_or_else(|| Ok(Vec::new()))
    }

    /// Phonemizes every sentence here (eSpeak NG is single-threaded), then runs the inferences
    /// on the sessions in parallel, each taking the next sentence when it is free.
    fn synthesize_all(&mut self, texts: &[String]) -> Vec<Result<Vec<i16>, SynthError>> {
        let ids: Vec<Result<Vec<Vec<i64>>, SynthError>> =
            texts.iter().map(|t| self.sentence_ids(t)).collect();
        let (scales, speaker) = (self.scales, self.speaker);
        let next = std::sync::atomic::AtomicUsize::new(0);
        let results: Vec<Slot> = texts.iter().map(|_| std::sync::Mutex::new(None)).collect();
        std::thread::scope(|scope| {
            for session in self.sessions.iter_mut() {
                let (ids, next, results) = (&ids, &next, &results);
                scope.spawn(move || {
                    loop {
                        let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        let Some(sentence) = ids.get(i) else { break };
                        let result = match sentence {
                            Ok(chunks) => {
                                chunks.iter().try_fold(Vec::new(), |mut samples, chunk| {
                                    samples.extend(infer(session, scales, speaker, chunk.clone())?);
                                    Ok(samples)
                                })
                            }
                            Err(e) => Err(SynthError::Failed {
                                engine: ENGINE,
                                message: e.to_string(),
                            }),
                        };
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
}

/// Clause phonemes → chunks of at most `budget` characters, punctuation put back as Piper's
/// phonemizer does (`, ; :` then a space; `. ! ?` close the sentence). Long clauses are cut
/// at word boundaries, and a single overlong word at the budget: nothing is ever dropped.
pub fn chunk_clauses(clauses: &[Clause], budget: usize) -> Vec<String> {
    let mut pieces: Vec<String> = Vec::new();
    for clause in clauses {
        let mut text = clause.phonemes.clone();
        match clause.punctuation {
            Some(p @ (',' | ';' | ':')) => {
                text.push(p);
                text.push(' ');
            }
            Some(p) => text.push(p),
            None => text.push(' '),
        }
        if text.chars().count() <= budget {
            pieces.push(text);
            continue;
        }
        let mut current = String::new();
        for word in text.split_inclusive(' ') {
            if current.chars().count() + word.chars().count() > budget && !current.is_empty() {
                pieces.push(std::mem::take(&mut current));
            }
            if word.chars().count() > budget {
                let chars: Vec<char> = word.chars().collect();
                for part in chars.chunks(budget) {
                    pieces.push(part.iter().collect());
                }
            } else {
                current.push_str(word);
            }
        }
        if !current.is_empty() {
            pieces.push(current);
        }
    }
    let mut chunks: Vec<String> = Vec::new();
    for piece in pieces {
        match chunks.last_mut() {
            Some(last) if last.chars().count() + piece.chars().count() <= budget => {
                last.push_str(&piece)
            }
            _ => chunks.push(piece),
        }
    }
    chunks
        .into_iter()
        .map(|c| c.trim_end().to_string())
        .filter(|c| !c.is_empty())
        .collect()
}

fn sha256_file(path: &Path) -> std::io::Result<String> {
    use sha2::Digest;
    use std::io::Read;
    let mut file = std::fs::File::open(path)?;
    let mut hasher = sha2::Sha256::new();
    let mut buf = vec![0u8; 1 << 20];
    loop {
        let n = file.read(&mut buf)?;
        if n == 0 {
            break;
        }
        hasher.update(&buf[..n]);
    }
    Ok(hasher
        .finalize()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn clause(p: &str, punct: Option<char>) -> Clause {
        Clause {
            phonemes: p.into(),
            punctuation: punct,
        }
    }

    #[test]
    fn punctuation_is_put_back() {
        let chunks = chunk_clauses(
            &[clause("həlˈoʊ", Some(',')), clause("wˈɜːld", Some('.'))],
            400,
        );
        assert_eq!(chunks, ["həlˈoʊ, wˈɜːld."]);
    }

    #[test]
    fn long_input_is_cut_under_the_budget_and_nothing_is_lost() {
        let long = (0..300)
            .map(|i| format!("w{i}"))
            .collect::<Vec<_>>()
            .join(" ");
        let clauses = vec![
            clause(&long, None),
            clause("ab", Some(',')),
            clause(&"x".repeat(50), Some('.')),
        ];
        let chunks = chunk_clauses(&clauses, 40);
        assert!(chunks.iter().all(|c| c.chars().count() <= 40), "{chunks:?}");
        let joined: String = chunks
            .join(" ")
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        assert!(joined.contains("w0 w1") && joined.contains("w299") && joined.contains("ab,"));
        assert_eq!(joined.matches('x').count(), 50);
    }
}
