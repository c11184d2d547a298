//! Synthesis: text → 16-bit mono samples, through an [`Engine`] chosen by a [`VoiceSpec`].
//!
//! Engines live in their own modules behind one dyn-safe trait. hark calls an engine one
//! sentence at a time with plain spoken text (already normalized); pauses are not the engine's
//! business, hark inserts them as silence (see `edition`).

pub mod espeak;
pub mod piper;
pub mod kokoro;
mod utterance;
pub mod phonemizers;
pub mod workers;
mod voice_spec;
mod choice;

use crate::error::SynthError;
pub use choice::{espeak_voice_for, piper_voice_for, speaks, voice_for_language};
use serde::{Deserialize, Serialize};
pub use utterance::{Utterance, UtterancePart};
pub use voice_spec::{EngineKind, VoiceSpec};

/// What every engine does.
///
/// Duties of an implementor: return the samples of exactly the text given, at
/// [`VoiceInfo::sample_rate`], mono, without playing them; return an error (never panic) for
/// text it cannot speak; keep no state between calls that changes the next call's result.
pub trait Engine {
    /// The voice in use.
    fn voice(&self) -> &VoiceInfo;
    /// Synthesizes one sentence of plain text.
    fn synthesize(&mut self, text: &str) -> Result<Vec<i16>, SynthError>;

    /// Synthesizes several sentences, one result each, in order. Engines that can work on
    /// several at once, or speak a passage in its own language, override this; the default
    /// speaks them one after another in the voice's language.
    fn synthesize_all(&mut self, utterances: &[Utterance]) -> Vec<Result<Vec<i16>, SynthError>> {
        utterances
            .iter()
            .map(|u| self.synthesize(&u.text))
            .collect()
    }

    /// How many sections [`Engine::synthesize_sections`] speaks at once: 1 unless the engine
    /// can speak whole sections side by side (eSpeak NG, in one process per section).
    fn sections_at_once(&self) -> usize {
        1
    }

    /// Several sections' sentences, one list of results per section, in order: the same
    /// results as [`Engine::synthesize_all`] on each section. By default one after another.
    fn synthesize_sections(&mut self, sections: &[&[Utterance]]) -> Vec<SectionResults> {
        sections.iter().map(|s| self.synthesize_all(s)).collect()
    }
}

/// One section's results from an engine: each sentence's samples, or why it failed.
pub type SectionResults = Vec<Result<Vec<i16>, SynthError>>;

/// A neural model's float samples (-1 to 1) as the 16-bit samples every engine returns,
/// clipped where the model overshoots.
pub fn to_i16(samples: &[f32]) -> Vec<i16> {
    samples
        .iter()
        .map(|&x| (x * 32767.0).clamp(-32768.0, 32767.0) as i16)
        .collect()
}

/// A voice as the manifest records it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct VoiceInfo {
    /// Engine name (`espeak`).
    pub engine: std::borrow::Cow<'static, str>,
    /// Voice name as the engine knows it.
    pub name: String,
    /// Samples per second of what [`Engine::synthesize`] returns.
    pub sample_rate: u32,
    /// SHA-256 of the voice's model file, for engines that load one (Piper).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub model_sha256: Option<String>,
    /// The model's scales as run: [noise_scale, length_scale, noise_w] (Piper).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scales: Option<[f32; 3]>,
    /// The speaker of a multi-speaker model (Piper).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub speaker: Option<i64>,
}

/// The engine of the voice last used, kept while articles come in one language.
pub type EngineSlot = Option<(VoiceSpec, Box<dyn Engine>)>;

/// The engine for `voice`: the one in `slot` when it is that voice's, else a new one opened
/// in its place.
pub fn engine_for<'a>(
    slot: &'a mut EngineSlot,
    voice: VoiceSpec,
    prosody: Prosody,
    options: &OpenOptions,
) -> Result<&'a mut dyn Engine, SynthError> {
    if slot.as_ref().is_none_or(|(spec, _)| *spec != voice) {
        // The old engine goes first: two voices need not be in memory at once.
        *slot = None;
        let engine = open(&voice, prosody, options)?;
        *slot = Some((voice, engine));
    }
    match slot {
        Some((_, engine)) => Ok(engine.as_mut()),
        // Filled just above; an error rather than a panic all the same.
        None => Err(SynthError::Unavailable {
            engine: "hark",
            message: "no engine was opened".into(),
        }),
    }
}

/// How fast, how high, how loud: what the user asked, for the engine to map onto its own scale.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Prosody {
    /// Speaking rate.
    pub rate: Rate,
    /// Pitch, 0–100 (50 is the voice's normal).
    pub pitch: u8,
    /// Volume in percent of normal, 0–200.
    pub volume: u16,
}

impl Default for Prosody {
    fn default() -> Self {
        Prosody {
            rate: Rate::Factor(1.0),
            pitch: 50,
            volume: 100,
        }
    }
}

/// The rate hark calls normal (a factor of 1.0), in words per minute: what `180wpm` is measured
/// against, what `--max-hours` estimates with, and what every engine scales its own normal
/// speed by. (eSpeak NG's default happens to be the same; Piper's is the voice's own.)
pub const NORMAL_WPM: u32 = 175;

/// A speaking rate: a factor of the voice's normal rate, or words per minute.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub enum Rate {
    /// 1.0 is normal.
    Factor(f32),
    /// Words per minute.
    Wpm(u32),
}

impl Rate {
    /// The rate as a factor of the normal rate, [`NORMAL_WPM`].
    pub fn factor(self) -> f32 {
        match self {
            Rate::Factor(f) => f,
            Rate::Wpm(w) => w as f32 / NORMAL_WPM as f32,
        }
    }
}

impl std::str::FromStr for Rate {
    type Err = String;

    /// Parses `1.2`, `1.2x`, `120%` (factors) or `180wpm` (words per minute).
    fn from_str(s: &str) -> Result<Self, String> {
        let t = s.trim().to_ascii_lowercase();
        let bad = || {
            format!(
                "'{s}' is not a rate (write a factor like 1.2 or 120%, or words per minute like 180wpm)"
            )
        };
        let rate = if let Some(w) = t.strip_suffix("wpm") {
            let w: u32 = w.trim().parse().map_err(|_| bad())?;
            if !(40..=900).contains(&w) {
                return Err(format!(
                    "'{s}': words per minute must be between 40 and 900"
                ));
            }
            Rate::Wpm(w)
        } else {
            let (num, scale) = match t.strip_suffix('%') {
                Some(p) => (p, 0.01),
                None => (t.strip_suffix('x').unwrap_or(&t), 1.0),
            };
            let f = num.trim().parse::<f32>().map_err(|_| bad())? * scale;
            if !(0.25..=4.0).contains(&f) {
                return Err(format!("'{s}': the rate factor must be between 0.25 and 4"));
            }
            Rate::Factor(f)
        };
        Ok(rate)
    }
}

/// Where an engine finds what it needs beyond the voice name.
#[derive(Debug, Clone, Default)]
pub struct OpenOptions {
    /// Folders searched for Piper voices, in order.
    pub voice_dirs: Vec<std::path::PathBuf>,
    /// Piper's own settings.
    pub piper: piper::PiperOptions,
    /// eSpeak NG: sections spoken at once, each in a process of its own (0: one per core).
    pub sections_at_once: usize,
}

/// Opens the engine a voice spec names.
pub fn open(
    spec: &VoiceSpec,
    prosody: Prosody,
    options: &OpenOptions,
) -> Result<Box<dyn Engine>, SynthError> {
    match spec.engine {
        #[cfg(not(feature = "piper"))]
        EngineKind::Piper => Err(SynthError::Unavailable {
            engine: "piper",
            message: "this hark was built without Piper voices (the `piper` feature); build it with them: cargo install --path . (default features), or use an espeak: voice".into(),
        }),
        #[cfg(feature = "piper")]
        EngineKind::Piper => {
            let name = spec.name.as_deref().unwrap_or_default();
            let files =
                piper::voice_files::find_piper_voice(name, &options.voice_dirs).map_err(|e| {
                    SynthError::Unavailable {
                        engine: "piper",
                        message: e.to_string(),
                    }
                })?;
            Ok(Box::new(piper::Piper::open(
                &files,
                prosody,
                &options.piper,
            )?))
        }
        #[cfg(not(feature = "piper"))]
        EngineKind::Kokoro => Err(SynthError::Unavailable {
            engine: "kokoro",
            message: "this hark was built without ONNX Runtime voices (the `piper` feature), which Kokoro needs; build it with them: cargo install --path . (default features), or use an espeak: voice".into(),
        }),
        #[cfg(feature = "piper")]
        EngineKind::Kokoro => {
            let name = spec.name.as_deref().unwrap_or_default();
            let language = spec.language.as_deref().unwrap_or("en-US");
            Ok(Box::new(kokoro::Kokoro::open(
                name,
                language,
                &options.voice_dirs,
                prosody,
                &options.piper,
            )?))
        }
        EngineKind::Espeak => Ok(Box::new(
            espeak::Espeak::new(
                spec.name.as_deref().unwrap_or(espeak::DEFAULT_VOICE),
                prosody,
            )?
            .sections_at_once(options.sections_at_once),
        )),
    }
}

#[cfg(test)]
pub mod mock {
    //! A deterministic engine for unit tests: a tone whose length follows the text.
    use super::*;

    /// Says every character as 10 ms of a square wave at 8 kHz; fails on text containing "boom".
    pub struct MockEngine {
        /// Its voice.
        pub info: VoiceInfo,
    }

    impl Default for MockEngine {
        fn default() -> Self {
            MockEngine {
                info: VoiceInfo {
                    engine: "espeak".into(),
                    name: "mock".into(),
                    sample_rate: 8000,
                    model_sha256: None,
                    scales: None,
                    speaker: None,
                },
            }
        }
    }

    impl Engine for MockEngine {
        fn voice(&self) -> &VoiceInfo {
            &self.info
        }

        fn synthesize(&mut self, text: &str) -> Result<Vec<i16>, SynthError> {
            if text.contains("boom") {
                return Err(SynthError::Failed {
                    engine: "mock",
                    message: "asked to fail".into(),
                });
            }
            let n = text.chars().count() * 80;
            Ok((0..n)
                .map(|i| if (i / 8) % 2 == 0 { 8000 } else { -8000 })
                .collect())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rates() {
        assert_eq!("1.2".parse(), Ok(Rate::Factor(1.2)));
        assert_eq!("150%".parse(), Ok(Rate::Factor(1.5)));
        assert_eq!("180wpm".parse(), Ok(Rate::Wpm(180)));
        assert!("fast".parse::<Rate>().is_err());
        assert!("10".parse::<Rate>().is_err());
        assert_eq!(Rate::Wpm(350).factor(), 2.0);
    }
}
