//! Where Piper voices live: a voice's two files, the folders searched for them, and finding
//! one by name. Installing voices is [`crate::voices`].

use crate::error::VoiceError;
use std::path::{Path, PathBuf};

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

/// The user's voice folder.
pub fn user_dir() -> Option<PathBuf> {
    Some(dirs::data_dir()?.join("hark/voices"))
}

/// The folders searched for voices, in order; `explicit` is `--voices-dir` (else `HARK_VOICES`).
pub fn search_dirs(explicit: Option<&Path>) -> Vec<PathBuf> {
    let mut dirs = vec![PathBuf::from("voices")];
    dirs.extend(user_dir());
    if let Some(dir) = explicit
        .map(Path::to_path_buf)
        .or_else(|| std::env::var_os("HARK_VOICES").map(PathBuf::from))
    {
        dirs.push(dir);
    }
    dirs
}

/// The files in `dirs` and their sub-folders one level down, sorted within each folder: where
/// voices' files are looked for (Piper's here, Kokoro's too).
pub fn files_in(dirs: &[PathBuf]) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for dir in dirs {
        let mut files = Vec::new();
        for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                files.extend(
                    std::fs::read_dir(&path)
                        .into_iter()
                        .flatten()
                        .flatten()
                        .map(|e| e.path())
                        .filter(|p| p.is_file()),
                );
            } else {
                files.push(path);
            }
        }
        files.sort();
        out.extend(files);
    }
    out
}

/// Every Piper voice in `dirs` (and their sub-folders one level down); the first of a name wins.
pub fn piper_voices(dirs: &[PathBuf]) -> Vec<VoiceFiles> {
    let mut found: Vec<VoiceFiles> = Vec::new();
    for model in files_in(dirs) {
        if let Some(voice) = VoiceFiles::at(&model)
            && !found.iter().any(|f| f.name == voice.name)
        {
            found.push(voice);
        }
    }
    found
}

/// The Piper voice called `name` (a voice name, or a path to its `.onnx`).
pub fn find_piper_voice(name: &str, dirs: &[PathBuf]) -> Result<VoiceFiles, VoiceError> {
    if name.ends_with(".onnx") {
        return VoiceFiles::at(Path::new(name)).ok_or_else(|| VoiceError::NotFound {
            name: name.to_string(),
            searched: vec![],
            installed: vec![],
        });
    }
    let voices = piper_voices(dirs);
    match voices.iter().position(|v| v.name == name) {
        Some(i) => Ok(voices.into_iter().nth(i).expect("found at i")),
        None => Err(VoiceError::NotFound {
            name: name.to_string(),
            searched: dirs.to_vec(),
            installed: voices.into_iter().map(|v| v.name).collect(),
        }),
    }
}
