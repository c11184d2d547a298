//! Speaking live through the system's speech service, section by section.
//!
//! Two ways in, behind one [`LiveSpeaker`] trait:
//! - [`ssip`]: speech-dispatcher over its SSIP socket with a pure-Rust client (Linux; no system
//!   library at build time). Each section is one SSML message with hark's `<break>`s.
//! - [`tts`] (the `tts` crate: SAPI/WinRT on Windows, AVFoundation on macOS, libspeechd on Linux
//!   behind the `tts` cargo feature). It speaks plain text, so each sentence is an utterance
//!   and the pauses are waits between utterances ([`utterance_plan`]).
//!
//! Either way hark waits for each piece's end before the next, so it knows where the listener
//! is, and gives up on a service that never reports the end after a budget from the text.
//!
//! Both are in builds with the `speak` feature (on by default); without it, [`connect`] says
//! how to get them and the build has no SSIP code.
mod service;
#[cfg(all(unix, feature = "speak"))]
pub mod ssip;
#[cfg(all(feature = "speak", any(feature = "tts", windows, target_os = "macos")))]
pub mod tts;

pub use service::{
    Control, LiveSpeaker, ServiceSettings, ServiceVoice, Step, budget, utterance_plan,
};

use crate::error::SpeakError;

/// How hark reaches the speech service.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    /// speech-dispatcher over SSIP (built in on Linux and other Unixes).
    Ssip,
    /// The `tts` crate (Windows, macOS; Linux with the `tts` feature).
    Tts,
}

impl Backend {
    /// The platform's usual way: SSIP where speech-dispatcher lives, the `tts` crate elsewhere.
    pub fn platform_default() -> Backend {
        if cfg!(all(unix, not(target_os = "macos"))) {
            Backend::Ssip
        } else {
            Backend::Tts
        }
    }

    /// Whether this build of hark has the backend.
    pub fn is_built(self) -> bool {
        match self {
            Backend::Ssip => cfg!(all(unix, feature = "speak")),
            Backend::Tts => cfg!(all(
                feature = "speak",
                any(feature = "tts", windows, target_os = "macos")
            )),
        }
    }
}

impl std::fmt::Display for Backend {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Backend::Ssip => "ssip",
            Backend::Tts => "tts",
        })
    }
}

impl std::str::FromStr for Backend {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s.to_ascii_lowercase().as_str() {
            "ssip" | "speech-dispatcher" | "speechd" => Ok(Backend::Ssip),
            "tts" => Ok(Backend::Tts),
            _ => Err(format!(
                "'{s}' is not a speech backend: use ssip (speech-dispatcher) or tts"
            )),
        }
    }
}

/// Connects to the speech service the way `backend` says and applies the settings.
pub fn connect(
    backend: Backend,
    settings: &ServiceSettings,
) -> Result<Box<dyn LiveSpeaker>, SpeakError> {
    match backend {
        #[cfg(all(unix, feature = "speak"))]
        Backend::Ssip => Ok(Box::new(ssip::Speaker::connect(settings)?)),
        #[cfg(all(feature = "speak", any(feature = "tts", windows, target_os = "macos")))]
        Backend::Tts => Ok(Box::new(tts::TtsSpeaker::connect(settings)?)),
        #[allow(unreachable_patterns)]
        other => {
            let _ = settings;
            Err(not_built(other))
        }
    }
}

fn not_built(backend: Backend) -> SpeakError {
    if !cfg!(feature = "speak") {
        return SpeakError::Unsupported(
            "this hark was built without live speech (the `speak` feature): build it with \
             default features (`cargo install --path .`), or use `hark export` to write audio files"
                .to_string(),
        );
    }
    SpeakError::Unsupported(match backend {
        Backend::Ssip => {
            "speech-dispatcher (ssip) is only reachable on Linux and other Unixes; use --backend tts"
                .to_string()
        }
        Backend::Tts => "this hark was built without the tts backend: on Linux build it with \
             `cargo build --release --features tts` (needs libspeechd-dev and libclang-dev), \
             or leave out --backend to use speech-dispatcher directly"
            .to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backends_by_name() {
        assert_eq!("ssip".parse::<Backend>(), Ok(Backend::Ssip));
        assert_eq!("speech-dispatcher".parse::<Backend>(), Ok(Backend::Ssip));
        assert_eq!("TTS".parse::<Backend>(), Ok(Backend::Tts));
        assert!("sapi".parse::<Backend>().is_err());
        assert_eq!(
            Backend::platform_default().is_built(),
            cfg!(feature = "speak")
        );
    }
}
