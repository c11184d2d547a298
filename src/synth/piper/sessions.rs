//! Building the ONNX sessions of a voice: the model in halves (an encoder, and a decoder per
//! worker), from the cache's memo when the model was opened before, or whole (`--whole-model`,
//! or a model `graph_split` cannot cut); and noting in the cache what was learnt of the model.

use super::decode::{self, ENGINE};
use super::options::PiperOptions;
use super::voice_files::VoiceFiles;
use super::{graph_split, model_cache};
use crate::error::SynthError;
use std::path::{Path, PathBuf};

/// How the model runs.
pub enum Inference {
    /// Whole, one session per worker.
    Whole(Vec<ort::session::Session>),
    /// In halves: one encoder shared by the workers, a decoder each.
    Halves {
        encoder: std::sync::Mutex<ort::session::Session>,
        decoders: Vec<ort::session::Session>,
        shape: decode::Shape,
    },
}

/// The sessions for a voice's model, and the model's sha256: the halves from the cache when the
/// model was opened before, else from the model (cut, or whole with `--whole-model` or when it
/// cannot be cut), noting in the cache what was learnt.
pub fn open_model(
    env: &ort::environment::Environment,
    files: &VoiceFiles,
    options: &PiperOptions,
) -> Result<(Inference, String), SynthError> {
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
    match (remembered, memo) {
        (Some(halves), Some(memo)) => Ok((halves, memo.sha256)),
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
                    (crate::digest::sha256_hex(&model), split)
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
                    log::warn!(
                        "voice {} runs as one whole model, which is slower ({e})",
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
            Ok((inference, sha256))
        }
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
        halves: split.map(|s| s.shape.clone()),
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
    with_decoders(env, encoder, &split.decoder, split.shape.clone(), options)
}

/// The halves of a model opened before, from the cache alone.
fn open_remembered(
    env: &ort::environment::Environment,
    cache: &Path,
    sha256: &str,
    shape: &decode::Shape,
    options: &PiperOptions,
) -> Result<Inference, String> {
    let (_, threads) = halves_workers(options);
    let encoder = model_cache::file_for(cache, sha256, "encoder");
    let encoder =
        model_cache::load(&halves_builder(env, threads), &encoder).map_err(|e| e.to_string())?;
    let decoder =
        std::fs::read(model_cache::decoder_file(cache, sha256)).map_err(|e| e.to_string())?;
    with_decoders(env, encoder, &decoder, shape.clone(), options).map_err(|e| e.to_string())
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
