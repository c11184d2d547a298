//! Which engine and voice: `engine:voice` as given on the command line ([`VoiceSpec`]) and
//! the engines that make audio files ([`EngineKind`]).

use serde::{Deserialize, Serialize};

/// The engines that make audio files. (The system's speech service speaks live only: its
/// voices are `hark speak`'s, see [`crate::speak`].)
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum EngineKind {
    /// eSpeak NG, linked into hark.
    Espeak,
    /// Piper neural voices through ONNX Runtime.
    Piper,
    /// Kokoro-82M voices through ONNX Runtime.
    Kokoro,
}

impl EngineKind {
    /// The name used in `engine:voice`.
    pub fn name(self) -> &'static str {
        match self {
            EngineKind::Espeak => "espeak",
            EngineKind::Piper => "piper",
            EngineKind::Kokoro => "kokoro",
        }
    }
}

/// `engine:voice` as given on the command line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VoiceSpec {
    /// Which engine.
    pub engine: EngineKind,
    /// Which of its voices; `None` for the engine's default.
    pub name: Option<String>,
    /// The language the voice reads in, where the engine phonemizes by the article rather than
    /// by the voice (Kokoro); set by [`crate::synth::voice_for_language`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
}

impl std::str::FromStr for VoiceSpec {
    type Err = String;

    /// Parses `espeak:en-us`, `espeak`, `piper`, `kokoro:af_heart` (or a blend,
    /// `kokoro:af_heart*0.7+af_bella*0.3`), or a bare eSpeak NG voice name like `en-gb`.
    fn from_str(s: &str) -> Result<Self, String> {
        let (engine, name) = match s.split_once(':') {
            Some((engine, name)) => (engine, Some(name)),
            None if matches!(s, "espeak" | "espeak-ng" | "piper" | "kokoro" | "system") => {
                (s, None)
            }
            None => ("espeak", Some(s)),
        };
        let engine = match engine {
            "espeak" | "espeak-ng" => EngineKind::Espeak,
            "piper" => EngineKind::Piper,
            "kokoro" => EngineKind::Kokoro,
            "system" => {
                return Err(format!(
                    "'{s}': the system speech service speaks live and cannot write files: use it with `hark speak --voice system:NAME`; here give an espeak:, piper: or kokoro: voice (see `hark voices`)"
                ));
            }
            other => {
                return Err(format!(
                    "unknown engine '{other}' in voice '{s}' (hark has: espeak, piper, kokoro; e.g. --voice espeak:en-us, --voice piper:en_US-joe-medium or --voice kokoro:af_heart)"
                ));
            }
        };
        let name = name
            .map(str::trim)
            .filter(|n| !n.is_empty())
            .map(str::to_string);
        if let (EngineKind::Kokoro, Some(name)) = (engine, &name) {
            name.parse::<crate::synth::kokoro::packs::Blend>()?;
        }
        // `piper` or `kokoro` alone: the engine's voice for each article's language (see
        // voice_for_language).
        Ok(VoiceSpec {
            engine,
            name,
            language: None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn voice_specs() {
        assert_eq!(
            "espeak:en-us".parse(),
            Ok(VoiceSpec {
                engine: EngineKind::Espeak,
                name: Some("en-us".into()),
                language: None,
            })
        );
        assert_eq!(
            "espeak".parse(),
            Ok(VoiceSpec {
                engine: EngineKind::Espeak,
                name: None,
                language: None,
            })
        );
        assert_eq!(
            "en-gb".parse(),
            Ok(VoiceSpec {
                engine: EngineKind::Espeak,
                name: Some("en-gb".into()),
                language: None,
            })
        );
        let kokoro: VoiceSpec = "kokoro:af_heart*0.7+af_bella*0.3".parse().unwrap();
        assert_eq!(kokoro.engine, EngineKind::Kokoro);
        assert_eq!(kokoro.name.as_deref(), Some("af_heart*0.7+af_bella*0.3"));
        assert!(
            "kokoro:af_heart*x"
                .parse::<VoiceSpec>()
                .unwrap_err()
                .contains("not a number")
        );
        assert!(
            "festival:kal"
                .parse::<VoiceSpec>()
                .unwrap_err()
                .contains("unknown engine")
        );
    }
}
