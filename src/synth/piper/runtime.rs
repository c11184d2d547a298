//! ONNX Runtime, loaded at run time (`ort` with `load-dynamic`): finding `libonnxruntime` and
//! creating the one environment of the process. The build needs nothing; a missing or too old
//! runtime is a message that says how to get one.

use crate::error::SynthError;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// The ONNX Runtime release hark's `ort` (2.0.0-rc.15, API 31) needs at least.
pub const MIN_VERSION: &str = "1.31";

static ENVIRONMENT: OnceLock<Result<ort::environment::Environment, String>> = OnceLock::new();

fn library_names() -> &'static [&'static str] {
    if cfg!(target_os = "windows") {
        &["onnxruntime.dll"]
    } else if cfg!(target_os = "macos") {
        &["libonnxruntime.dylib"]
    } else {
        &["libonnxruntime.so", "libonnxruntime.so.1"]
    }
}

/// Where hark looks for the library, in order: `ORT_DYLIB_PATH`, next to the hark binary, the
/// usual library folders, and the `onnxruntime` Python package's `capi` folder.
pub fn candidates() -> Vec<PathBuf> {
    let mut out = Vec::new();
    if let Some(p) = std::env::var_os("ORT_DYLIB_PATH") {
        out.push(PathBuf::from(p));
    }
    let mut dirs: Vec<PathBuf> = Vec::new();
    if let Some(dir) = std::env::current_exe()
        .ok()
        .and_then(|e| e.parent().map(Path::to_path_buf))
    {
        dirs.push(dir);
    }
    for d in [
        "/usr/local/lib",
        "/usr/lib",
        "/usr/lib/x86_64-linux-gnu",
        "/usr/lib/aarch64-linux-gnu",
        "/opt/homebrew/lib",
        "/opt/onnxruntime/lib",
    ] {
        dirs.push(PathBuf::from(d));
    }
    dirs.extend(python_capi_dirs());
    for dir in dirs {
        for name in library_names() {
            out.push(dir.join(name));
        }
        // Python wheels ship the library with its full version in the name.
        if let Ok(entries) = std::fs::read_dir(&dir) {
            let mut versioned: Vec<PathBuf> = entries
                .flatten()
                .map(|e| e.path())
                .filter(|p| {
                    p.file_name()
                        .is_some_and(|n| n.to_string_lossy().starts_with("libonnxruntime.so."))
                })
                .collect();
            versioned.sort();
            out.extend(versioned.into_iter().rev());
        }
    }
    out
}

/// `site-packages/onnxruntime/capi` folders of the Python installations around.
fn python_capi_dirs() -> Vec<PathBuf> {
    let mut roots: Vec<PathBuf> = Vec::new();
    if let Some(home) = std::env::var_os("HOME").map(PathBuf::from) {
        roots.push(home.join(".local/lib"));
        roots.push(home.join(".pyenv/versions"));
    }
    roots.extend(["/usr/lib", "/usr/local/lib"].map(PathBuf::from));
    if let Some(venv) = std::env::var_os("VIRTUAL_ENV").map(PathBuf::from) {
        roots.push(venv.join("lib"));
    }
    let mut out = Vec::new();
    for root in roots {
        // root/python3.X/(site|dist)-packages, or root/<version>/lib/python3.X/... for pyenv
        let mut level = vec![root.clone()];
        if root.ends_with("versions") {
            level = std::fs::read_dir(&root)
                .into_iter()
                .flatten()
                .flatten()
                .map(|e| e.path().join("lib"))
                .collect();
        }
        for lib in level {
            for entry in std::fs::read_dir(&lib).into_iter().flatten().flatten() {
                if entry.file_name().to_string_lossy().starts_with("python3") {
                    for packages in ["site-packages", "dist-packages"] {
                        out.push(entry.path().join(packages).join("onnxruntime/capi"));
                    }
                }
            }
        }
    }
    out
}

fn unavailable(message: String) -> SynthError {
    SynthError::Unavailable {
        engine: "piper",
        message,
    }
}

/// The process's ONNX Runtime environment, created on first use.
/// The first of the [`candidates`] that is there: the library hark would load.
pub fn find() -> Option<PathBuf> {
    candidates().into_iter().find(|p| p.is_file())
}

pub fn environment() -> Result<&'static ort::environment::Environment, SynthError> {
    let result = ENVIRONMENT.get_or_init(|| {
        let Some(path) = find() else {
            return Err(format!(
                "the ONNX Runtime library (libonnxruntime, version {MIN_VERSION} or newer) was not found. \
                 Get it with `pip install onnxruntime` (hark finds it in the package's capi folder), or download a release \
                 from the ONNX Runtime project and set ORT_DYLIB_PATH to the library file, or put it next to the hark binary"
            ));
        };
        // Loading an old library would fail deep inside ort; say which version is needed instead.
        if let Some(version) = version_in_name(&path)
            && version_less(&version, MIN_VERSION)
        {
            return Err(format!(
                "{} is ONNX Runtime {version}; hark needs {MIN_VERSION} or newer (pip install 'onnxruntime>={MIN_VERSION}', or set ORT_DYLIB_PATH)",
                path.display()
            ));
        }
        let builder = ort::init_from(&path).map_err(|e| {
            format!("cannot load ONNX Runtime from {}: {e} (hark needs version {MIN_VERSION} or newer; set ORT_DYLIB_PATH to another copy)", path.display())
        })?;
        builder
            .with_name("hark")
            .build()
            .map_err(|e| format!("ONNX Runtime from {} did not start: {e} (hark needs version {MIN_VERSION} or newer)", path.display()))
    });
    result.as_ref().map_err(|m| unavailable(m.clone()))
}

/// "1.31.1" from ".../libonnxruntime.so.1.31.1".
fn version_in_name(path: &Path) -> Option<String> {
    let name = path.file_name()?.to_string_lossy().to_string();
    let version = name.strip_prefix("libonnxruntime.so.")?;
    (version.split('.').count() >= 2).then(|| version.to_string())
}

fn version_less(a: &str, b: &str) -> bool {
    let parse = |s: &str| {
        s.split('.')
            .map(|p| p.parse::<u32>().unwrap_or(0))
            .collect::<Vec<_>>()
    };
    parse(a) < parse(b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_from_file_names() {
        assert_eq!(
            version_in_name(Path::new("/x/libonnxruntime.so.1.31.1")).as_deref(),
            Some("1.31.1")
        );
        assert_eq!(version_in_name(Path::new("/x/libonnxruntime.so.1")), None);
        assert!(version_less("1.20.0", MIN_VERSION));
        assert!(!version_less("1.31.1", MIN_VERSION));
    }
}
