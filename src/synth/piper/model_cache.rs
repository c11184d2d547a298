//! A voice's model as ONNX Runtime optimized it, kept between runs.
//!
//! Most of the time to open a Piper voice goes into optimizing its graph (constant folding,
//! operator fusion): ~0.45 s of ~0.6 s for a medium voice on the development machine (timed by hand). ONNX
//! Runtime can write the optimized graph out; a session built from that file with optimization
//! off is ready in ~0.2 s and computes the same samples (tests/piper.rs compares them). The file
//! is only valid for the runtime build that wrote it, so it is kept under the model's sha256 and
//! a hash of the runtime's build string, in `$XDG_CACHE_HOME/hark/models` (by default
//! `~/.cache/hark/models`); a file that does not load is removed and made again.
//!
//! The graph is saved at the "extended" level, not "all": the last level adds layout changes
//! for the machine at hand, which ONNX Runtime warns make a saved graph hardware-specific (and
//! which leave Piper's one-dimensional convolutions as they are anyway).
//!
//! For a model run in halves (`graph_split`) the folder also holds the encoder's optimized
//! graph (`<sha256>-encoder-ort-<runtime>.onnx`), the decoder half as hark wrote it
//! (`<sha256>-decoder.onnx`), and a memo per model file (`model-<hash of its path>.json`: size,
//! modification time, sha256, where it was cut), so that opening the voice again reads neither
//! the model nor cuts it. A model file replaced by another (a newer version of the voice) takes
//! its old graphs with it once no memo names them.

use ort::session::Session;
use ort::session::builder::{GraphOptimizationLevel, SessionBuilder};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// The cache folder, if the environment names a home for it.
pub fn folder() -> Option<PathBuf> {
    let base = std::env::var_os("XDG_CACHE_HOME")
        .map(PathBuf::from)
        .filter(|p| p.is_absolute())
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cache")))?;
    Some(base.join("hark").join("models"))
}

/// Where the optimized graph of the model with this sha256 lives, for the loaded runtime; `part`
/// names a piece of the model (`"encoder"`, `"decoder"`), `""` the whole.
pub fn file_for(folder: &Path, model_sha256: &str, part: &str) -> PathBuf {
    let runtime = crate::digest::short_hex(ort::info().as_bytes());
    let part = if part.is_empty() {
        String::new()
    } else {
        format!("-{part}")
    };
    folder.join(format!("{model_sha256}{part}-ort-{runtime}.onnx"))
}

/// A graph to build a session from.
#[derive(Clone, Copy)]
pub enum Source<'a> {
    File(&'a Path),
    Memory(&'a [u8]),
}

fn commit_source(builder: SessionBuilder, source: Source<'_>) -> ort::Result<Session> {
    let mut builder = builder;
    match source {
        Source::File(path) => builder.commit_from_file(path),
        Source::Memory(bytes) => builder.commit_from_memory(bytes),
    }
}

/// A session from an optimized graph saved by `commit`, with optimization off.
pub fn load(
    build: &dyn Fn() -> ort::Result<SessionBuilder>,
    cached: &Path,
) -> ort::Result<Session> {
    build()?
        .with_optimization_level(GraphOptimizationLevel::Disable)?
        .commit_from_file(cached)
}

/// Builds a session for `model`: from its optimized graph in `cached` when that loads, else
/// from the model itself, saving the optimized graph to `cached` on the way (when given).
pub fn commit(
    build: &dyn Fn() -> ort::Result<SessionBuilder>,
    model: Source<'_>,
    cached: Option<&Path>,
) -> ort::Result<Session> {
    if let Some(cached) = cached.filter(|c| c.is_file()) {
        match load(build, cached) {
            Ok(session) => return Ok(session),
            // Truncated, or from a runtime that reads it differently: made again below.
            Err(_) => {
                let _ = std::fs::remove_file(cached);
            }
        }
    }
    let optimized = || -> ort::Result<SessionBuilder> {
        Ok(build()?.with_optimization_level(GraphOptimizationLevel::Level2)?)
    };
    let Some(cached) = cached.filter(|c| {
        c.parent()
            .is_some_and(|p| std::fs::create_dir_all(p).is_ok())
    }) else {
        return commit_source(optimized()?, model);
    };
    // Written under a name of this process's own, then renamed: a reader never sees half a file.
    let part = cached.with_extension(format!("{}.part", std::process::id()));
    let saving = commit_source(optimized()?.with_optimized_model_path(&part)?, model);
    match saving {
        Ok(session) => {
            if std::fs::rename(&part, cached).is_ok() {
                forget_other_runtimes(cached);
            } else {
                let _ = std::fs::remove_file(&part);
            }
            Ok(session)
        }
        // A cache that cannot be written (a full or read-only disk) must not stop the voice.
        Err(_) => {
            let _ = std::fs::remove_file(&part);
            commit_source(optimized()?, model)
        }
    }
}

/// Removes the same model's graphs saved for other runtime builds: they would not be used again
/// unless that runtime comes back, and each is as large as the model.
fn forget_other_runtimes(kept: &Path) {
    let (Some(folder), Some(name)) = (kept.parent(), kept.file_name().and_then(|n| n.to_str()))
    else {
        return;
    };
    let Some((sha, _)) = name.split_once("-ort-") else {
        return;
    };
    let Ok(entries) = std::fs::read_dir(folder) else {
        return;
    };
    let same_model = format!("{sha}-ort-");
    for entry in entries.flatten() {
        let other = entry.file_name().to_string_lossy().to_string();
        if other != name && other.starts_with(&same_model) && other.ends_with(".onnx") {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// What hark remembers about a model file between runs, so that opening the voice again need
/// not read, hash and cut the model (~0.3 s of a ~0.55 s start, timed by hand): the file's
/// size and modification time, which say it is unchanged, its sha256, and how it is cut.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Memo {
    pub size: u64,
    pub modified_ns: u128,
    pub sha256: String,
    /// How the model is cut at its decoder, when it is (`graph_split`).
    pub halves: Option<super::decode::Shape>,
}

/// The memo of `model`, named after its full path.
fn memo_file(folder: &Path, model: &Path) -> Option<PathBuf> {
    let path = std::fs::canonicalize(model).ok()?;
    let key = crate::digest::short_hex(path.to_string_lossy().as_bytes());
    Some(folder.join(format!("model-{key}.json")))
}

/// The size and modification time of `model`.
pub fn stamp(model: &Path) -> Option<(u64, u128)> {
    let meta = std::fs::metadata(model).ok()?;
    let modified = meta
        .modified()
        .ok()?
        .duration_since(std::time::UNIX_EPOCH)
        .ok()?;
    Some((meta.len(), modified.as_nanos()))
}

/// The memo of `model`, if there is one and the file has not changed since.
pub fn recall(folder: &Path, model: &Path) -> Option<Memo> {
    let memo: Memo =
        serde_json::from_slice(&std::fs::read(memo_file(folder, model)?).ok()?).ok()?;
    (stamp(model)? == (memo.size, memo.modified_ns)).then_some(memo)
}

/// Keeps a memo of `model` (best effort: a cache that cannot be written is no error). When the
/// file at that path was another model before (a voice replaced by a newer version), that
/// model's graphs are removed unless another memo still names them: nothing would use them.
pub fn remember(folder: &Path, model: &Path, memo: &Memo) {
    let (Some(file), Ok(json)) = (memo_file(folder, model), serde_json::to_vec(memo)) else {
        return;
    };
    let replaced = std::fs::read(&file)
        .ok()
        .and_then(|bytes| serde_json::from_slice::<Memo>(&bytes).ok())
        .filter(|old| old.sha256 != memo.sha256);
    write_whole(&file, &json);
    if let Some(old) = replaced {
        forget_unused_model(folder, &old.sha256);
    }
}

/// Removes the graphs kept for the model with this sha256 (`<sha256>-….onnx`), unless a memo
/// still names it.
fn forget_unused_model(folder: &Path, sha256: &str) {
    let Ok(entries) = std::fs::read_dir(folder) else {
        return;
    };
    let files: Vec<(String, PathBuf)> = entries
        .flatten()
        .map(|e| (e.file_name().to_string_lossy().to_string(), e.path()))
        .collect();
    let still_named = files.iter().any(|(name, path)| {
        name.starts_with("model-")
            && name.ends_with(".json")
            && std::fs::read(path)
                .ok()
                .and_then(|bytes| serde_json::from_slice::<Memo>(&bytes).ok())
                .is_some_and(|memo| memo.sha256 == sha256)
    });
    if still_named {
        return;
    }
    let prefix = format!("{sha256}-");
    for (name, path) in &files {
        if name.starts_with(&prefix) && name.ends_with(".onnx") {
            let _ = std::fs::remove_file(path);
        }
    }
}

/// Where the decoder half of the model with this sha256 is kept, as `graph_split` wrote it (it
/// is optimized at every start: see `Piper::open`).
pub fn decoder_file(folder: &Path, model_sha256: &str) -> PathBuf {
    folder.join(format!("{model_sha256}-decoder.onnx"))
}

/// Writes `bytes` to `file` under a name of this process's own, then renames it, so a reader
/// never sees half a file; best effort.
pub fn write_whole(file: &Path, bytes: &[u8]) {
    let Some(parent) = file.parent() else { return };
    if std::fs::create_dir_all(parent).is_err() {
        return;
    }
    let part = file.with_extension(format!("{}.part", std::process::id()));
    if std::fs::write(&part, bytes).is_err() || std::fs::rename(&part, file).is_err() {
        let _ = std::fs::remove_file(&part);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn memo(sha256: &str, model: &Path) -> Memo {
        let (size, modified_ns) = stamp(model).unwrap();
        Memo {
            size,
            modified_ns,
            sha256: sha256.into(),
            halves: None,
        }
    }

    #[test]
    fn a_replaced_models_graphs_go_unless_another_memo_names_them() {
        let dir = tempfile::tempdir().unwrap();
        let cache = dir.path().join("cache");
        std::fs::create_dir_all(&cache).unwrap();
        let (voice, copy) = (dir.path().join("voice.onnx"), dir.path().join("copy.onnx"));
        std::fs::write(&voice, b"old").unwrap();
        std::fs::write(&copy, b"old").unwrap();
        let old_graphs = ["aaaa-decoder.onnx", "aaaa-encoder-ort-1234.onnx"];
        for name in old_graphs {
            std::fs::write(cache.join(name), b"graph").unwrap();
        }
        std::fs::write(cache.join("bbbb-decoder.onnx"), b"graph").unwrap();
        remember(&cache, &voice, &memo("aaaa", &voice));
        remember(&cache, &copy, &memo("aaaa", &copy));

        // The voice file is replaced: the copy's memo still names the old model.
        std::fs::write(&voice, b"new").unwrap();
        remember(&cache, &voice, &memo("cccc", &voice));
        assert!(old_graphs.iter().all(|n| cache.join(n).exists()));

        // Now the copy is replaced too: the old model's graphs go, and only they.
        std::fs::write(&copy, b"new").unwrap();
        remember(&cache, &copy, &memo("cccc", &copy));
        assert!(old_graphs.iter().all(|n| !cache.join(n).exists()));
        assert!(cache.join("bbbb-decoder.onnx").exists());
        assert_eq!(recall(&cache, &voice).unwrap().sha256, "cccc");
    }
}
