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

use ort::session::Session;
use ort::session::builder::{GraphOptimizationLevel, SessionBuilder};
use std::path::{Path, PathBuf};

/// The cache folder, if the environment names a home for it.
pub fn folder() -> Option<PathBuf> {
    let base = std::env::var_os("XDG_CACHE_HOME")
        .map(PathBuf::from)
        .filter(|p| p.is_absolute())
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cache")))?;
    Some(base.join("hark").join("models"))
}

/// Where the optimized graph of the model with this sha256 lives, for the loaded runtime.
pub fn file_for(folder: &Path, model_sha256: &str) -> PathBuf {
    use sha2::Digest;
    let runtime = sha2::Sha256::digest(ort::info().as_bytes());
    let runtime: String = runtime[..8].iter().map(|b| format!("{b:02x}")).collect();
    folder.join(format!("{model_sha256}-ort-{runtime}.onnx"))
}

/// Builds a session for `model`: from its optimized graph in `cached` when that loads, else
/// from the model itself, saving the optimized graph to `cached` on the way (when given).
pub fn commit(
    build: &dyn Fn() -> ort::Result<SessionBuilder>,
    model: &Path,
    cached: Option<&Path>,
) -> ort::Result<Session> {
    if let Some(cached) = cached.filter(|c| c.is_file()) {
        let session = build()?
            .with_optimization_level(GraphOptimizationLevel::Disable)?
            .commit_from_file(cached);
        match session {
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
        return optimized()?.commit_from_file(model);
    };
    // Written under a name of this process's own, then renamed: a reader never sees half a file.
    let part = cached.with_extension(format!("{}.part", std::process::id()));
    let saving = optimized()?
        .with_optimized_model_path(&part)?
        .commit_from_file(model);
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
            optimized()?.commit_from_file(model)
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
