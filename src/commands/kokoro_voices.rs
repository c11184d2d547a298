//! The Kokoro part of `hark voices`: each voice in the installed packs with the language its
//! name says it was made for, and the model that would speak it.

use hark::synth::kokoro::voice_files;

/// The Kokoro voices in `dirs` as `hark voices --json` gives them; an unreadable pack is a
/// row with its error.
pub fn listed(dirs: &[std::path::PathBuf]) -> Vec<serde_json::Value> {
    let model = voice_files::models(dirs).into_iter().next();
    let (voices, errors) = voice_files::voices(dirs);
    let mut out: Vec<serde_json::Value> = voices
        .iter()
        .map(|v| {
            let (language, language_name) = voice_files::language(&v.name).unwrap_or(("", ""));
            // `--voice kokoro` alone takes the first voice made for the article's language.
            let default = !language.is_empty()
                && voices
                    .iter()
                    .find(|o| voice_files::language(&o.name).map(|l| l.0) == Some(language))
                    .is_some_and(|o| o.name == v.name);
            serde_json::json!({
                "name": v.name,
                "language": language,
                "language_name": language_name,
                "gender": voice_files::gender(&v.name),
                "pack": v.pack.display().to_string(),
                "model": model.as_ref().map(|m| m.display().to_string()),
                "sample_rate": 24000,
                "default": default,
            })
        })
        .collect();
    out.extend(
        errors
            .into_iter()
            .map(|e| serde_json::json!({ "name": "", "language": "", "error": e.to_string() })),
    );
    out
}

/// The table rows of [`listed`]: VOICE, LANGUAGE, NAME, GENDER, DEFAULT, ABOUT.
pub fn rows(voices: &[serde_json::Value]) -> Vec<Vec<String>> {
    voices
        .iter()
        .map(|v| {
            let text = |key: &str| v[key].as_str().unwrap_or_default().to_string();
            let about = match (v["error"].as_str(), v["model"].as_str()) {
                (Some(e), _) => format!("unusable: {e}"),
                (None, Some(model)) => format!(
                    "Kokoro-82M, 24000 Hz, reads any language eSpeak NG phonemizes ({})",
                    std::path::Path::new(model)
                        .file_name()
                        .map(|n| n.to_string_lossy().to_string())
                        .unwrap_or_default()
                ),
                (None, None) => {
                    "Kokoro voice; no Kokoro model installed (`hark voices install kokoro-v1.0.onnx`)"
                        .to_string()
                }
            };
            vec![
                format!("kokoro:{}", text("name")),
                text("language"),
                text("language_name"),
                text("gender"),
                if v["default"].as_bool() == Some(true) {
                    "--voice kokoro"
                } else {
                    ""
                }
                .to_string(),
                about,
            ]
        })
        .collect()
}
