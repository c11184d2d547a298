//! Where Kokoro's files live: its model (`kokoro*.onnx`, fp32, fp16 or int8, with no Piper
//! `.onnx.json` beside it) and its voice packs (`.npz`, `.npy`, `.bin`), in the same voice
//! folders as Piper's voices, and the languages its voices speak by their names' first letter.

use super::packs::{self, Blend};
use crate::error::VoiceError;
use crate::synth::piper::voice_files::files_in;
use std::path::{Path, PathBuf};

/// The engine's name in `kokoro:NAME`.
pub const ENGINE: &str = "kokoro";

/// A voice in a pack.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KokoroVoice {
    /// Its name (`af_heart`).
    pub name: String,
    /// The pack it is in.
    pub pack: PathBuf,
}

/// Whether `path` is named as a Kokoro model: `kokoro….onnx` without a Piper config beside it.
pub fn is_model_name(path: &Path) -> bool {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    name.starts_with("kokoro")
        && name.ends_with(".onnx")
        && !path.with_file_name(format!("{name}.json")).exists()
}

/// Whether `path` is named as a voice pack: any `.npz`; a `.npy` or `.bin` named like a voice
/// (`af_heart.npy`) or like a pack (`voices-v1.0.bin`).
pub fn is_pack_name(path: &Path) -> bool {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default();
    if name.ends_with(".npz") {
        return true;
    }
    let stem = name
        .strip_suffix(".npy")
        .or_else(|| name.strip_suffix(".bin"))
        .unwrap_or_default();
    let voice_like = stem
        .split_once('_')
        .is_some_and(|(prefix, rest)| prefix.len() == 2 && !rest.is_empty())
        && stem
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
    packs::is_pack_name(&name) && (voice_like || stem.to_ascii_lowercase().contains("voices"))
}

/// The Kokoro models in `dirs`, in search order; `HARK_KOKORO_MODEL` comes first when set.
pub fn models(dirs: &[PathBuf]) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::env::var_os("HARK_KOKORO_MODEL")
        .map(PathBuf::from)
        .into_iter()
        .collect();
    out.extend(files_in(dirs).into_iter().filter(|p| is_model_name(p)));
    out
}

/// The model hark uses: the first of [`models`], or why there is none.
pub fn model(dirs: &[PathBuf]) -> Result<PathBuf, VoiceError> {
    models(dirs).into_iter().next().ok_or_else(|| VoiceError::Invalid {
        what: format!("kokoro (searched {})", crate::error::searched_list(dirs)),
        why: "no Kokoro model is installed: install kokoro-v1.0.onnx (or its .fp16 or .int8 form) with `hark voices install PATH-OR-URL`, or set HARK_KOKORO_MODEL to its path".into(),
    })
}

/// The voice packs in `dirs`, in search order.
pub fn pack_files(dirs: &[PathBuf]) -> Vec<PathBuf> {
    files_in(dirs)
        .into_iter()
        .filter(|p| is_pack_name(p))
        .collect()
}

/// Every voice in the packs of `dirs`, the first of a name winning; packs that cannot be read
/// come back as errors beside them.
pub fn voices(dirs: &[PathBuf]) -> (Vec<KokoroVoice>, Vec<VoiceError>) {
    let (mut found, mut errors): (Vec<KokoroVoice>, Vec<VoiceError>) = Default::default();
    for pack in pack_files(dirs) {
        match packs::voice_names(&pack) {
            Ok(names) => {
                for name in names {
                    if !found.iter().any(|v| v.name == name) {
                        found.push(KokoroVoice {
                            name,
                            pack: pack.clone(),
                        });
                    }
                }
            }
            Err(e) => errors.push(e),
        }
    }
    (found, errors)
}

/// The voices of a blend, each with its weight, or which is missing and what there is.
pub fn find(blend: &Blend, dirs: &[PathBuf]) -> Result<Vec<(KokoroVoice, f32)>, VoiceError> {
    let (found, _) = voices(dirs);
    blend
        .parts
        .iter()
        .map(|(name, weight)| {
            found
                .iter()
                .find(|v| v.name == *name)
                .map(|v| (v.clone(), *weight))
                .ok_or_else(|| VoiceError::Invalid {
                    what: format!("kokoro:{name}"),
                    why: if found.is_empty() {
                        format!(
                            "no Kokoro voice pack is installed in {}: install one (an .npz such as voices-v1.0.bin, or one voice's .npy) with `hark voices install PATH-OR-URL`",
                            crate::error::searched_list(dirs)
                        )
                    } else {
                        let names: Vec<&str> =
                            found.iter().take(60).map(|v| v.name.as_str()).collect();
                        format!(
                            "no voice of that name in the installed packs; they have: {} (`hark voices --engine kokoro` lists them)",
                            names.join(", ")
                        )
                    },
                })
        })
        .collect()
}

/// The language a Kokoro voice was made for, by the first letter of its name (`af_heart` →
/// American English); `None` for a name outside that scheme.
pub fn language(name: &str) -> Option<(&'static str, &'static str)> {
    let (prefix, _) = name.split_once('_')?;
    let mut letters = prefix.chars();
    let (first, second) = (letters.next()?, letters.next()?);
    if !matches!(second, 'f' | 'm') || letters.next().is_some() {
        return None;
    }
    Some(match first {
        'a' => ("en-US", "English (American)"),
        'b' => ("en-GB", "English (British)"),
        'e' => ("es", "Spanish"),
        'f' => ("fr-FR", "French"),
        'h' => ("hi", "Hindi"),
        'i' => ("it", "Italian"),
        'j' => ("ja", "Japanese"),
        'p' => ("pt-BR", "Portuguese (Brazilian)"),
        'z' => ("zh", "Chinese (Mandarin)"),
        _ => return None,
    })
}

/// A voice's gender by the second letter of its name (`af_…` female, `am_…` male).
pub fn gender(name: &str) -> &'static str {
    match name.as_bytes().get(1) {
        Some(b'f') if language(name).is_some() => "female",
        Some(b'm') if language(name).is_some() => "male",
        _ => "",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn models_and_packs_by_name() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        for name in [
            "kokoro-v1.0.int8.onnx",
            "en_US-joe-medium.onnx",
            "en_US-joe-medium.onnx.json",
            "voices-v1.0.bin",
            "af_heart.npy",
            "notes.bin",
            "ja.npz",
        ] {
            std::fs::write(d.join(name), b"x").unwrap();
        }
        let dirs = vec![d.to_path_buf()];
        assert_eq!(models(&dirs), [d.join("kokoro-v1.0.int8.onnx")]);
        let packs: Vec<String> = pack_files(&dirs)
            .iter()
            .map(|p| p.file_name().unwrap().to_string_lossy().to_string())
            .collect();
        assert_eq!(packs, ["af_heart.npy", "ja.npz", "voices-v1.0.bin"]);
        // A Kokoro-named model with a Piper config beside it is Piper's.
        std::fs::write(d.join("kokoro-v1.0.int8.onnx.json"), b"{}").unwrap();
        assert!(models(&dirs).is_empty());
    }

    #[test]
    fn languages_and_genders_from_names() {
        assert_eq!(language("af_heart").unwrap().0, "en-US");
        assert_eq!(language("jm_kumo").unwrap().1, "Japanese");
        assert_eq!(language("zf_xiaobei").unwrap().0, "zh");
        assert_eq!(language("heart"), None);
        assert_eq!(language("xx_y"), None);
        assert_eq!(gender("bm_george"), "male");
        assert_eq!(gender("my_voice"), "");
    }
}
