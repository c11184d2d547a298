//! Putting voices where hark finds them (finding them is [`crate::synth::piper::voice_files`]
//! and [`crate::synth::kokoro::voice_files`]).
//!
//! Piper voices (`NAME.onnx` with `NAME.onnx.json`) are looked for in `./voices/`, then the user
//! folder (`$XDG_DATA_HOME/hark/voices`, by default `~/.local/share/hark/voices`), then the
//! folder given with `--voices-dir` or `HARK_VOICES`. `install` copies a voice in from a path, or
//! downloads it from a URL (or by name from the Piper voices hub) through a `.part` file that is
//! checked before it is renamed into place. Kokoro's model and voice packs go to the same
//! folders (`install_kokoro`).

use crate::error::VoiceError;
use crate::progress::Progress;
use crate::synth::kokoro::{packs, voice_files as kokoro_files};
use crate::synth::piper::VoiceFiles;
use crate::synth::piper::config::LanguageConfig;
pub use crate::synth::piper::voice_files::{find_piper_voice, piper_voices, search_dirs, user_dir};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

/// The usual home of Piper voices; `HARK_VOICE_BASE_URL` replaces it (mirrors, tests).
pub const HUB_BASE_URL: &str = "https://huggingface.co/rhasspy/piper-voices/resolve/main";

/// The hub's address: `HARK_VOICE_BASE_URL`, else [`HUB_BASE_URL`], without a trailing slash.
fn hub_base() -> String {
    std::env::var("HARK_VOICE_BASE_URL")
        .unwrap_or_else(|_| HUB_BASE_URL.to_string())
        .trim_end_matches('/')
        .to_string()
}

/// A voice the hub offers (`hark voices available`).
#[derive(Debug, Clone, serde::Serialize)]
pub struct HubVoice {
    /// The name to install it by (`en_US-joe-medium`).
    pub name: String,
    /// Its language code (`en_US`).
    pub language: String,
    /// Its language in words (`English (United States)`).
    pub language_name: String,
    /// `x_low`, `low`, `medium` or `high`.
    pub quality: String,
    /// How many speakers it has.
    pub speakers: u64,
    /// The size of its files, in bytes.
    pub bytes: u64,
}

/// The voices the hub offers, from its catalogue (`voices.json`), sorted by name.
pub fn available() -> Result<Vec<HubVoice>, VoiceError> {
    let url = format!("{}/voices.json", hub_base());
    let failed = |why: String| VoiceError::Download {
        url: url.clone(),
        why,
    };
    let mut response = ureq::get(&url).call().map_err(|e| failed(e.to_string()))?;
    let text = response
        .body_mut()
        .with_config()
        .limit(64 * 1024 * 1024)
        .read_to_string()
        .map_err(|e| failed(e.to_string()))?;
    catalogue(&text).map_err(|why| failed(format!("not the hub's catalogue: {why}")))
}

/// Reads the hub's `voices.json`: an object of voice name → its language, quality, speakers
/// and files (each with its size).
fn catalogue(text: &str) -> Result<Vec<HubVoice>, String> {
    let all: serde_json::Map<String, serde_json::Value> =
        serde_json::from_str(text).map_err(|e| e.to_string())?;
    let mut out: Vec<HubVoice> = all
        .into_iter()
        .map(|(name, v)| {
            // The catalogue describes a voice's language as the voice's own config does.
            let language: Option<LanguageConfig> =
                serde_json::from_value(v["language"].clone()).ok();
            let code = language
                .as_ref()
                .map(|l| l.code.clone())
                .unwrap_or_default();
            let language_name = language
                .as_ref()
                .map(LanguageConfig::name)
                .unwrap_or_default();
            let bytes = v["files"]
                .as_object()
                .map(|files| {
                    files
                        .values()
                        .filter_map(|f| f["size_bytes"].as_u64())
                        .sum()
                })
                .unwrap_or(0);
            HubVoice {
                name,
                language: code,
                language_name,
                quality: v["quality"].as_str().unwrap_or_default().to_string(),
                speakers: v["num_speakers"].as_u64().unwrap_or(1),
                bytes,
            }
        })
        .collect();
    out.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(out)
}

/// The hub URL of a voice name like `en_US-joe-medium`: `<base>/en/en_US/joe/medium/en_US-joe-medium.onnx`.
pub fn hub_url(name: &str) -> Option<String> {
    let mut parts = name.splitn(3, '-');
    let (code, dataset, quality) = (parts.next()?, parts.next()?, parts.next()?);
    let family = code.split('_').next()?;
    if family.is_empty() || dataset.is_empty() || quality.is_empty() || name.contains(['/', '\\']) {
        return None;
    }
    Some(format!(
        "{}/{family}/{code}/{dataset}/{quality}/{name}.onnx",
        hub_base()
    ))
}

/// Installs a voice into `dest` from a path to its `.onnx`, a URL of its `.onnx`, or a hub name.
/// Returns the installed voice.
pub fn install(source: &str, dest: &Path, progress: &Progress) -> Result<VoiceFiles, VoiceError> {
    std::fs::create_dir_all(dest).map_err(|e| VoiceError::Io {
        what: dest.display().to_string(),
        source: e,
    })?;
    let local = Path::new(source);
    let (model_src, name) = if local.exists() {
        let files = VoiceFiles::at(local).ok_or_else(|| VoiceError::Invalid {
            what: source.to_string(),
            why: "a voice is a NAME.onnx file with NAME.onnx.json beside it".into(),
        })?;
        (Source::Path(files.model.clone()), files.name)
    } else if source.starts_with("http://") || source.starts_with("https://") {
        let file = source
            .rsplit('/')
            .next()
            .unwrap_or_default()
            .split('?')
            .next()
            .unwrap_or_default();
        let name = file
            .strip_suffix(".onnx")
            .filter(|n| !n.is_empty() && !n.starts_with('.'))
            .ok_or_else(|| VoiceError::Invalid {
                what: source.to_string(),
                why: "the URL must end in NAME.onnx (its NAME.onnx.json is fetched beside it)"
                    .into(),
            })?;
        (Source::Url(source.to_string()), name.to_string())
    } else {
        let url = hub_url(source).ok_or_else(|| VoiceError::Invalid {
            what: source.to_string(),
            why: "not a file, a URL, or a voice name like en_US-joe-medium".into(),
        })?;
        (Source::Url(url), source.to_string())
    };
    let model = dest.join(format!("{name}.onnx"));
    let config = dest.join(format!("{name}.onnx.json"));
    // Both files are fetched to .part names and checked before either is renamed into place.
    let (model_part, config_part) = (
        crate::files::part_path(&model),
        crate::files::part_path(&config),
    );
    let result = (|| {
        model_src.fetch(&model_part, progress, &format!("{name}.onnx"))?;
        model_src
            .sibling(".json")
            .fetch(&config_part, progress, &format!("{name}.onnx.json"))?;
        check_model(&model_part)?;
        check_config(&config_part)?;
        std::fs::rename(&config_part, &config).map_err(|e| VoiceError::Io {
            what: config.display().to_string(),
            source: e,
        })?;
        std::fs::rename(&model_part, &model).map_err(|e| VoiceError::Io {
            what: model.display().to_string(),
            source: e,
        })
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&model_part);
        let _ = std::fs::remove_file(&config_part);
    }
    result?;
    Ok(VoiceFiles {
        name,
        model,
        config,
    })
}

/// What `hark voices install` put in place for Kokoro.
#[derive(Debug, Clone)]
pub enum KokoroInstalled {
    /// A model file.
    Model(PathBuf),
    /// A voice pack and the voices in it.
    Pack(PathBuf, Vec<String>),
}

/// Whether `source` (a path or URL) names a Kokoro model or voice pack rather than a Piper voice.
pub fn is_kokoro_source(source: &str) -> bool {
    let name = source.rsplit('/').next().unwrap_or_default();
    let name = name.split('?').next().unwrap_or_default();
    let path = Path::new(name);
    kokoro_files::is_pack_name(path)
        || (kokoro_files::is_model_name(path) && !Path::new(&format!("{source}.json")).exists())
}

/// Installs a Kokoro model (`kokoro….onnx`) or voice pack (`.npz`, `.npy`, `.bin`) into `dest`
/// from a path or URL, through a `.part` file checked before it is renamed into place: a model
/// must be ONNX, a pack must hold voices of Kokoro's shape.
pub fn install_kokoro(
    source: &str,
    dest: &Path,
    progress: &Progress,
) -> Result<KokoroInstalled, VoiceError> {
    std::fs::create_dir_all(dest).map_err(|e| VoiceError::Io {
        what: dest.display().to_string(),
        source: e,
    })?;
    let local = Path::new(source);
    let (from, name) = if local.is_file() {
        let name = local
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_default();
        (Source::Path(local.to_path_buf()), name)
    } else if source.starts_with("http://") || source.starts_with("https://") {
        let name = source
            .rsplit('/')
            .next()
            .unwrap_or_default()
            .split('?')
            .next()
            .unwrap_or_default()
            .to_string();
        (Source::Url(source.to_string()), name)
    } else {
        return Err(VoiceError::Invalid {
            what: source.to_string(),
            why: "no such file, and not an http(s) URL".into(),
        });
    };
    let target = dest.join(&name);
    let part = crate::files::part_path(&target);
    let result = (|| {
        from.fetch(&part, progress, &name)?;
        let installed = if kokoro_files::is_model_name(&target) {
            check_model(&part)?;
            KokoroInstalled::Model(target.clone())
        } else {
            let voices = packs::voice_names(&part).map_err(|e| renamed(e, source))?;
            for voice in &voices {
                packs::read_voice(&part, voice).map_err(|e| renamed(e, source))?;
            }
            KokoroInstalled::Pack(target.clone(), voices)
        };
        std::fs::rename(&part, &target).map_err(|e| VoiceError::Io {
            what: target.display().to_string(),
            source: e,
        })?;
        Ok(installed)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&part);
    }
    result
}

/// An error about the `.part` file, told of the file the user named.
fn renamed(e: VoiceError, source: &str) -> VoiceError {
    match e {
        VoiceError::Invalid { why, .. } => VoiceError::Invalid {
            what: source.to_string(),
            why,
        },
        other => other,
    }
}

enum Source {
    Path(PathBuf),
    Url(String),
}

impl Source {
    /// The file beside this one with `suffix` appended (the config of a model).
    fn sibling(&self, suffix: &str) -> Source {
        match self {
            Source::Path(p) => {
                let mut s = p.as_os_str().to_os_string();
                s.push(suffix);
                Source::Path(PathBuf::from(s))
            }
            Source::Url(u) => match u.split_once('?') {
                Some((path, query)) => Source::Url(format!("{path}{suffix}?{query}")),
                None => Source::Url(format!("{u}{suffix}")),
            },
        }
    }

    fn fetch(&self, to: &Path, progress: &Progress, label: &str) -> Result<(), VoiceError> {
        match self {
            Source::Path(p) => std::fs::copy(p, to)
                .map(|_| ())
                .map_err(|e| VoiceError::Io {
                    what: p.display().to_string(),
                    source: e,
                }),
            Source::Url(u) => download(u, to, progress, label),
        }
    }
}

/// Streams `url` into `to`, with a progress bar, checking the length the server announced.
fn download(url: &str, to: &Path, progress: &Progress, label: &str) -> Result<(), VoiceError> {
    let failed = |why: String| VoiceError::Download {
        url: url.to_string(),
        why,
    };
    let response = ureq::get(url).call().map_err(|e| failed(e.to_string()))?;
    let expected: Option<u64> = response
        .headers()
        .get("content-length")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse().ok());
    let mut body = response.into_body().into_reader();
    let mut file = std::fs::File::create(to).map_err(|e| VoiceError::Io {
        what: to.display().to_string(),
        source: e,
    })?;
    let bar = progress.download(label, expected);
    let mut buf = vec![0u8; 1 << 16];
    let mut total = 0u64;
    loop {
        let n = body.read(&mut buf).map_err(|e| failed(e.to_string()))?;
        if n == 0 {
            break;
        }
        file.write_all(&buf[..n]).map_err(|e| VoiceError::Io {
            what: to.display().to_string(),
            source: e,
        })?;
        total += n as u64;
        bar.set_position(total);
    }
    bar.finish_and_clear();
    file.sync_all().map_err(|e| VoiceError::Io {
        what: to.display().to_string(),
        source: e,
    })?;
    match expected {
        Some(len) if len != total => {
            Err(failed(format!("got {total} bytes of the {len} announced")))
        }
        _ if total == 0 => Err(failed("the server sent an empty file".into())),
        _ => Ok(()),
    }
}

/// An ONNX model is a protobuf whose first field is the IR version (tag 0x08).
fn check_model(path: &Path) -> Result<(), VoiceError> {
    let mut head = [0u8; 2];
    let ok = std::fs::File::open(path)
        .and_then(|mut f| f.read_exact(&mut head))
        .is_ok()
        && head[0] == 0x08;
    if ok {
        Ok(())
    } else {
        Err(VoiceError::Invalid {
            what: path.display().to_string(),
            why: "not an ONNX model".into(),
        })
    }
}

fn check_config(path: &Path) -> Result<(), VoiceError> {
    let bytes = std::fs::read(path).map_err(|e| VoiceError::Io {
        what: path.display().to_string(),
        source: e,
    })?;
    serde_json::from_slice::<crate::synth::piper::config::VoiceConfig>(&bytes)
        .map(|_| ())
        .map_err(|e| VoiceError::Invalid {
            what: path.display().to_string(),
            why: format!("not a Piper voice config: {e}"),
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_hub_catalogue_is_read_with_names_and_sizes() {
        let text = r#"{
            "sw_CD-lanfrica-medium": {"key": "sw_CD-lanfrica-medium", "quality": "medium",
                "num_speakers": 1,
                "language": {"code": "sw_CD", "family": "sw", "name_english": "Swahili",
                             "country_english": "Congo"},
                "files": {"a.onnx": {"size_bytes": 63000000}, "a.onnx.json": {"size_bytes": 5000}}},
            "en_GB-vctk-medium": {"quality": "medium", "num_speakers": 109,
                "language": {"code": "en_GB"}, "files": {}}
        }"#;
        let voices = catalogue(text).unwrap();
        assert_eq!(voices[0].name, "en_GB-vctk-medium");
        assert_eq!(voices[0].language_name, "en_GB");
        assert_eq!(voices[0].speakers, 109);
        assert_eq!(voices[1].language_name, "Swahili (Congo)");
        assert_eq!(voices[1].bytes, 63_005_000);
        assert!(catalogue("[1, 2]").is_err());
    }

    #[test]
    fn hub_urls_follow_the_hub_layout() {
        assert_eq!(
            hub_url("en_US-joe-medium").unwrap(),
            format!("{HUB_BASE_URL}/en/en_US/joe/medium/en_US-joe-medium.onnx")
        );
        assert_eq!(hub_url("nonsense"), None);
        assert_eq!(hub_url("../x-y-z"), None);
    }

    #[test]
    fn finds_voices_with_both_files_only() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a-b-c.onnx"), b"\x08\x01").unwrap();
        std::fs::write(dir.path().join("a-b-c.onnx.json"), b"{}").unwrap();
        std::fs::write(dir.path().join("lonely.onnx"), b"\x08\x01").unwrap();
        let found = piper_voices(&[dir.path().to_path_buf()]);
        assert_eq!(
            found.iter().map(|v| v.name.as_str()).collect::<Vec<_>>(),
            ["a-b-c"]
        );
    }

    #[test]
    fn install_from_a_path_checks_the_files() {
        let src = tempfile::tempdir().unwrap();
        let dest = tempfile::tempdir().unwrap();
        std::fs::write(src.path().join("x-y-z.onnx"), b"not onnx").unwrap();
        std::fs::write(src.path().join("x-y-z.onnx.json"), b"{}").unwrap();
        let err = install(
            src.path().join("x-y-z.onnx").to_str().unwrap(),
            dest.path(),
            &Progress::hidden(),
        )
        .unwrap_err();
        assert!(err.to_string().contains("not an ONNX model"), "{err}");
        assert_eq!(
            std::fs::read_dir(dest.path()).unwrap().count(),
            0,
            "nothing left behind"
        );
    }
}
