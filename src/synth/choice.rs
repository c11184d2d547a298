//! The voice for an article's language: the eSpeak NG, Piper or Kokoro voice that speaks it,
//! and a warning when the voice asked for does not.

use super::voice_spec::{EngineKind, VoiceSpec};
use crate::synth::{espeak, kokoro, piper};

/// The voice to read an article in `language` (BCP 47) with. An eSpeak NG voice given
/// without a name becomes eSpeak's voice for that language ("fr-FR" → `fr-fr` or `fr`,
/// English → the default `en-us`); a Piper voice given without a name, the Piper voice in
/// `dirs` that speaks it (else eSpeak's, with a warning). The warning says when the voice
/// does not speak the language, and names one that does.
pub fn voice_for_language(
    spec: &VoiceSpec,
    language: &str,
    dirs: &[std::path::PathBuf],
) -> (VoiceSpec, Option<String>) {
    let primary = crate::language::primary(language).to_ascii_lowercase();
    let espeak_languages = espeak_languages();
    match (spec.engine, spec.name.as_deref()) {
        (EngineKind::Espeak, None) => match espeak_voice_for(language) {
            Some(name) => (
                VoiceSpec {
                    engine: EngineKind::Espeak,
                    name: Some(name),
                    language: None,
                },
                None,
            ),
            None => (
                VoiceSpec {
                    engine: EngineKind::Espeak,
                    name: Some(espeak::DEFAULT_VOICE.into()),
                    language: None,
                },
                Some(format!(
                    "no eSpeak NG voice speaks the article's language ({language}); reading it with {} (see `hark voices`)",
                    espeak::DEFAULT_VOICE
                )),
            ),
        },
        (EngineKind::Espeak, Some(name)) => {
            let speaks = crate::language::primary(name).eq_ignore_ascii_case(&primary)
                || espeak_languages
                    .iter()
                    .all(|l| !l.eq_ignore_ascii_case(name));
            let warning = (!speaks).then(|| {
                let better = espeak_voice_for(language)
                    .map(|v| format!(": use --voice espeak:{v}, or leave --voice out"))
                    .unwrap_or_default();
                format!("the voice espeak:{name} does not speak the article's language ({language}){better}")
            });
            (spec.clone(), warning)
        }
        (EngineKind::Piper, None) => match piper_voice_for(language, dirs) {
            Some(name) => (
                VoiceSpec {
                    engine: EngineKind::Piper,
                    name: Some(name),
                    language: None,
                },
                None,
            ),
            None => espeak_instead(language, |name| {
                format!(
                    "no Piper voice in the voice folders speaks the article's language ({language}); reading it with espeak:{name} (install one with `hark voices install NAME`; `hark voices --lang {primary}` lists those there are)"
                )
            }),
        },
        (EngineKind::Kokoro, name) => kokoro_for_language(name, language, dirs),
        (EngineKind::Piper, Some(name)) => {
            let file = std::path::Path::new(name)
                .file_stem()
                .map(|s| s.to_string_lossy().to_string())
                .unwrap_or_default();
            let speaks = piper_language(&file).is_none_or(|l| l == primary);
            let warning = (!speaks).then(|| {
                let better = piper_voice_for(language, dirs)
                    .map(|v| format!(": use --voice piper:{v}, or --voice piper to choose by language"))
                    .or_else(|| {
                        espeak_voice_for(language).map(|v| format!(": no Piper voice for it is installed; --voice espeak:{v} speaks it"))
                    })
                    .unwrap_or_default();
                format!("the voice piper:{name} does not speak the article's language ({language}){better}")
            });
            (spec.clone(), warning)
        }
    }
}

/// eSpeak NG's voice for `language`, when the engine asked for has none: with the warning
/// `why` words from its name.
fn espeak_instead(language: &str, why: impl Fn(&str) -> String) -> (VoiceSpec, Option<String>) {
    let espeak = VoiceSpec {
        engine: EngineKind::Espeak,
        name: None,
        language: None,
    };
    let (voice, _) = voice_for_language(&espeak, language, &[]);
    let warning = why(voice.name.as_deref().unwrap_or_default());
    (voice, Some(warning))
}

/// A Kokoro voice reads in the article's language (eSpeak NG phonemizes for it), so its spec
/// carries the language. Without a name: the first installed voice made for that language
/// (else eSpeak NG's voice, with a warning).
fn kokoro_for_language(
    name: Option<&str>,
    language: &str,
    dirs: &[std::path::PathBuf],
) -> (VoiceSpec, Option<String>) {
    let primary = crate::language::primary(language).to_ascii_lowercase();
    let name = name.map(str::to_string).or_else(|| {
        kokoro::voice_files::voices(dirs)
            .0
            .into_iter()
            .map(|v| v.name)
            .find(|n| {
                kokoro::voice_files::language(n).is_some_and(|(l, _)| {
                    crate::language::primary(l).eq_ignore_ascii_case(&primary)
                })
            })
    });
    match name {
        Some(name) => (
            VoiceSpec {
                engine: EngineKind::Kokoro,
                name: Some(name),
                language: Some(language.to_string()),
            },
            None,
        ),
        None => espeak_instead(language, |name| {
            format!(
                "no Kokoro voice in the voice folders was made for the article's language ({language}); reading it with espeak:{name} (name one with --voice kokoro:NAME: any Kokoro voice reads any language eSpeak NG phonemizes)"
            )
        }),
    }
}

/// The primary language of a Piper voice from its name ("fr_FR-siwis-medium" → "fr").
fn piper_language(name: &str) -> Option<String> {
    let code = name.split('-').next()?;
    let primary = code.split('_').next()?.to_ascii_lowercase();
    (2..=3)
        .contains(&primary.len())
        .then_some(primary)
        .filter(|p| p.chars().all(|c| c.is_ascii_lowercase()))
}

/// The Piper voice in `dirs` for a language: one of its region ("pt-BR" → pt_BR-…) if there
/// is one, else one of the language; the first by name of several.
pub fn piper_voice_for(language: &str, dirs: &[std::path::PathBuf]) -> Option<String> {
    let primary = crate::language::primary(language).to_ascii_lowercase();
    let region = language.replace('-', "_").to_ascii_lowercase();
    let mut names: Vec<String> = piper::voice_files::piper_voices(dirs)
        .into_iter()
        .map(|v| v.name)
        .filter(|n| piper_language(n).as_deref() == Some(primary.as_str()))
        .collect();
    names.sort();
    names
        .iter()
        .find(|n| {
            n.split('-')
                .next()
                .is_some_and(|c| c.eq_ignore_ascii_case(&region))
        })
        .or(names.first())
        .cloned()
}

/// Whether some voice hark can use speaks `language`: eSpeak NG's, or a Piper voice in `dirs`.
pub fn speaks(language: &str, dirs: &[std::path::PathBuf]) -> bool {
    let primary = crate::language::primary(language).to_ascii_lowercase();
    primary == "en"
        || espeak_languages()
            .iter()
            .any(|l| crate::language::primary(l) == primary)
        || piper_voice_for(language, dirs).is_some()
}

/// The languages of eSpeak NG's voices, in lower case ("en-us", "fr-fr", "sw"). They do not
/// change while hark runs: listed once, not per article.
fn espeak_languages() -> &'static [String] {
    static LANGUAGES: std::sync::LazyLock<Vec<String>> = std::sync::LazyLock::new(|| {
        espeak::voices()
            .map(|vs| {
                vs.into_iter()
                    .map(|v| v.language.to_ascii_lowercase())
                    .collect()
            })
            .unwrap_or_default()
    });
    &LANGUAGES
}

/// eSpeak NG's voice for a language (BCP 47): "fr-CA" → fr-ca if eSpeak has it, else fr, else
/// its main variety (fr-fr), else any variety; English → hark's default `en-us`. `None` when
/// eSpeak has no voice for it.
pub fn espeak_voice_for(language: &str) -> Option<String> {
    let tag = language.to_ascii_lowercase();
    let primary = crate::language::primary(&tag).to_string();
    if primary == "en" {
        return Some(espeak::DEFAULT_VOICE.to_string());
    }
    let languages = espeak_languages();
    let main = format!("{primary}-{primary}");
    [tag, primary.clone(), main]
        .into_iter()
        .find(|t| languages.iter().any(|l| l == t))
        .or_else(|| {
            languages
                .iter()
                .find(|l| l.starts_with(&format!("{primary}-")))
                .cloned()
        })
}
