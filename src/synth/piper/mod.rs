//! Piper neural voices (VITS models in ONNX) through ONNX Runtime.
//!
//! Text → eSpeak NG IPA phonemes one clause at a time, with the clause punctuation put back as
//! Piper's own phonemizer does → ids through the voice's `phoneme_id_map` → one inference per
//! chunk (a sentence, or pieces of a very long one under a phoneme budget) → 16-bit samples.
//!
//! The model runs in two halves (`graph_split`): one encoder session, shared, and a decoder
//! session per worker that turns the encoder's latent into samples piece by piece (`decode`),
//! so that the cores work on different sentences at once while the memory for a sentence stays
//! bounded. A model that cannot be cut runs whole, one session per worker.

pub mod board;
pub mod config;
pub mod decode;
pub mod graph_split;
pub mod model_cache;
pub mod protobuf;
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
    /// Threads for ONNX Runtime inside one inference (0: one per worker for a model run in
    /// halves; the cores shared among the workers for a whole model).
    pub threads: usize,
    /// Sentences worked on at once (0: one per core for a model run in halves, one for a whole
    /// model).
    pub workers: usize,
    /// Run the model whole even where it can be cut at its decoder.
    pub whole_model: bool,
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
        let fail = |e: &dyn std::fmt::Display| SynthError::Unavailable {
            engine: ENGINE,
            message: format!("cannot load the model {}: {e}", files.model.display()),
        };
        let cache = model_cache::folder();
        let memo = cache
            .as_deref()
            .and_then(|c| model_cache::recall(c, &files.model));
        // A model opened before: its halves from the cache, without reading the model.
        let remembered = match (&memo, cache.as_deref()) {
            (Some(memo), Some(cache)) if !options.whole_model => memo
                .halves
                .as_ref()
                .and_then(|h| open_remembered(env, cache, &memo.sha256, h, options).ok()),
            _ => None,
        };
        let (inference, model_sha256) = match (remembered, memo) {
            (Some(halves), Some(memo)) => (halves, memo.sha256),
            (_, memo) => {
                // A model to run whole that was seen before need not be read or cut again.
                let (sha256, split) = match memo
                    .as_ref()
                    .filter(|m| options.whole_model || m.halves.is_none())
                {
                    Some(memo) => (memo.sha256.clone(), None),
                    None => {
                        let model = std::fs::read(&files.model).map_err(|e| fail(&e))?;
                        let split = if options.whole_model {
                            None
                        } else {
                            graph_split::split(&model).ok()
                        };
                        (sha256_hex(&model), split)
                    }
                };
                let cached = |part: &str| {
                    cache
                        .as_deref()
                        .map(|f| model_cache::file_for(f, &sha256, part))
                };
                let halves = split.map(|split| {
                    let inference = open_halves(env, &split, options, &cached);
                    (split, inference)
                });
                let inference = match halves {
                    Some((split, Ok(halves))) => {
                        if let Some(cache) = cache.as_deref() {
                            remember(cache, &files.model, &sha256, Some(&split));
                        }
                        halves
                    }
                    Some((_, Err(e))) => {
                        eprintln!(
                            "hark: warning: voice {} runs as one whole model, which is slower ({e})",
                            files.name
                        );
                        open_whole(env, &files.model, options, &cached).map_err(|e| fail(&e))?
                    }
                    None => {
                        // Remembered only when the model was tried and cannot be cut: a model
                        // run whole on request is tried again next time.
                        if let (Some(cache), None, false) =
                            (cache.as_deref(), &memo, options.whole_model)
                        {
                            remember(cache, &files.model, &sha256, None);
                        }
                        open_whole(env, &files.model, options, &cached).map_err(|e| fail(&e))?
                    }
                };
                (inference, sha256)
            }
        };
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
        let defaults = config.inference;
        let rate = prosody.rate.factor(espeak::NORMAL_WPM).max(0.1);
        let scales = [
            options.noise_scale.unwrap_or(defaults.noise_scale),
            defaults.length_scale / rate,
            options.noise_w.unwrap_or(defaults.noise_w),
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
            inference,
            scales,
            speaker,
            warned: Vec::new(),
        })
    }
}

/// Keeps what `Piper::open` learnt of a model: its sha256 and, when it was cut, its decoder
/// half and the shape of the latent.
fn remember(cache: &Path, model: &Path, sha256: &str, split: Option<&graph_split::Split>) {
    let Some((size, modified_ns)) = model_cache::stamp(model) else {
        return;
    };
    if let Some(split) = split {
        model_cache::write_whole(&model_cache::decoder_file(cache, sha256), &split.decoder);
    }
    let memo = model_cache::Memo {
        size,
        modified_ns,
        sha256: sha256.to_string(),
        halves: split.map(|s| model_cache::Halves {
            latent: s.latent.clone(),
            hop: s.hop,
            context: s.context,
        }),
    };
    model_cache::remember(cache, model, &memo);
}

/// Workers and threads per session for a model in halves: a worker per core by default, each
/// on one thread (the workers are what uses the cores).
fn halves_workers(options: &PiperOptions) -> (usize, usize) {
    let workers = if options.workers > 0 {
        options.workers
    } else {
        std::thread::available_parallelism().map_or(1, usize::from)
    };
    (workers, options.threads.max(1))
}

fn halves_builder(
    env: &ort::environment::Environment,
    threads: usize,
) -> impl Fn() -> ort::Result<ort::session::builder::SessionBuilder> + '_ {
    move || {
        // Sentences differ in length, so a memory pattern planned for one is wasted on the next.
        Ok(ort::session::Session::builder(env)?
            .with_memory_pattern(false)?
            .with_intra_threads(threads)?)
    }
}

/// A decoder session per worker, around an encoder session.
fn with_decoders(
    env: &ort::environment::Environment,
    encoder: ort::session::Session,
    decoder: &[u8],
    shape: decode::Shape,
    options: &PiperOptions,
) -> ort::Result<Inference> {
    let (workers, threads) = halves_workers(options);
    let build = halves_builder(env, threads);
    let mut decoders = Vec::with_capacity(workers);
    for _ in 0..workers {
        // Optimized at every start (~20 ms each), and not kept optimized: the decoder's
        // two-dimensional convolutions pay only at the last level, whose graph is specific to
        // the machine.
        decoders.push(
            build()?
                .with_optimization_level(ort::session::builder::GraphOptimizationLevel::All)?
                .commit_from_memory(decoder)?,
        );
    }
    Ok(Inference::Halves {
        encoder: std::sync::Mutex::new(encoder),
        decoders,
        shape,
    })
}

/// The halves of a model just cut; the encoder's optimized graph is saved on the way.
fn open_halves(
    env: &ort::environment::Environment,
    split: &graph_split::Split,
    options: &PiperOptions,
    cached: &dyn Fn(&str) -> Option<PathBuf>,
) -> ort::Result<Inference> {
    let (_, threads) = halves_workers(options);
    let encoder = model_cache::commit(
        &halves_builder(env, threads),
        model_cache::Source::Memory(&split.encoder),
        cached("encoder").as_deref(),
    )?;
    let shape = decode::Shape {
        latent: split.latent.clone(),
        hop: split.hop,
        context: split.context,
    };
    with_decoders(env, encoder, &split.decoder, shape, options)
}

/// The halves of a model opened before, from the cache alone.
fn open_remembered(
    env: &ort::environment::Environment,
    cache: &Path,
    sha256: &str,
    halves: &model_cache::Halves,
    options: &PiperOptions,
) -> Result<Inference, String> {
    let (_, threads) = halves_workers(options);
    let encoder = model_cache::file_for(cache, sha256, "encoder");
    let encoder =
        model_cache::load(&halves_builder(env, threads), &encoder).map_err(|e| e.to_string())?;
    let decoder =
        std::fs::read(model_cache::decoder_file(cache, sha256)).map_err(|e| e.to_string())?;
    let shape = decode::Shape {
        latent: halves.latent.clone(),
        hop: halves.hop,
        context: halves.context,
    };
    with_decoders(env, encoder, &decoder, shape, options).map_err(|e| e.to_string())
}

/// Sessions for a whole model, one per worker (one by default: each holds its own buffers for
/// the longest sentence it speaks, ~1.8x the peak memory for two), on the cores shared among
/// them.
fn open_whole(
    env: &ort::environment::Environment,
    model: &Path,
    options: &PiperOptions,
    cached: &dyn Fn(&str) -> Option<PathBuf>,
) -> ort::Result<Inference> {
    let workers = options.workers.max(1);
    let cores = std::thread::available_parallelism().map_or(1, usize::from);
    let threads = if options.threads > 0 {
        options.threads
    } else {
        (cores / workers).max(1)
    };
    let weights = ort::session::builder::PrepackedWeights::new();
    let build = || -> ort::Result<ort::session::builder::SessionBuilder> {
        Ok(ort::session::Session::builder(env)?
            .with_memory_pattern(false)?
            .with_intra_threads(threads)?
            .with_prepacked_weights(&weights)?)
    };
    let mut sessions = Vec::with_capacity(workers);
    for _ in 0..workers {
        sessions.push(model_cache::commit(
            &build,
            model_cache::Source::File(model),
            cached("").as_deref(),
        )?);
    }
    Ok(Inference::Whole(sessions))
}

impl Piper {
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

/// How the model runs.
enum Inference {
    /// Whole, one session per worker.
    Whole(Vec<ort::session::Session>),
    /// In halves: one encoder shared by the workers, a decoder each.
    Halves {
        encoder: std::sync::Mutex<ort::session::Session>,
        decoders: Vec<ort::session::Session>,
        shape: decode::Shape,
    },
}

/// Where a worker puts a sentence's result.
type Slot = std::sync::Mutex<Option<Result<Vec<f32>, SynthError>>>;

impl Engine for Piper {
    fn voice(&self) -> &VoiceInfo {
        &self.info
    }

    fn synthesize(&mut self, text: &str) -> Result<Vec<i16>, SynthError> {
        let mut results = self.synthesize_all(&[text.to_string()]);
        results.pop().unwrap_or_else(|| Ok(Vec::new()))
    }

    /// Phonemizes every sentence here (eSpeak NG is single-threaded), then the workers speak
    /// them in parallel.
    fn synthesize_all(&mut self, texts: &[String]) -> Vec<Result<Vec<i16>, SynthError>> {
        let ids: Vec<Result<Vec<Vec<i64>>, SynthError>> =
            texts.iter().map(|t| self.sentence_ids(t)).collect();
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
                    piece_frames: decode::PIECE_FRAMES,
                };
                board::speak(&voice, decoders, &ids)
            }
            Inference::Whole(sessions) => whole_sentences(sessions, &ids, scales, speaker),
        };
        audio
            .into_iter()
            .map(|r| {
                r.map(|audio| {
                    audio
                        .iter()
                        .map(|&x| (x * 32767.0).clamp(-32768.0, 32767.0) as i16)
                        .collect()
                })
            })
            .collect()
    }
}

/// Whole-model sessions, one per worker, each taking the next sentence when it is free.
fn whole_sentences(
    sessions: &mut [ort::session::Session],
    ids: &[Result<Vec<Vec<i64>>, SynthError>],
    scales: [f32; 3],
    speaker: Option<i64>,
) -> Vec<Result<Vec<f32>, SynthError>> {
    let next = std::sync::atomic::AtomicUsize::new(0);
    let results: Vec<Slot> = ids.iter().map(|_| std::sync::Mutex::new(None)).collect();
    std::thread::scope(|scope| {
        for session in sessions.iter_mut() {
            let (next, results) = (&next, &results);
            scope.spawn(move || {
                loop {
                    let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    let Some(sentence) = ids.get(i) else { break };
                    let result = match sentence {
                        Ok(chunks) => chunks.iter().try_fold(Vec::new(), |mut samples, chunk| {
                            samples.extend(decode::whole(session, chunk.clone(), scales, speaker)?);
                            Ok(samples)
                        }),
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

fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::Digest;
    sha2::Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
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
