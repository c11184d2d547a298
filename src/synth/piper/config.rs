//! A Piper voice's `.onnx.json`: sample rate, eSpeak NG voice, inference defaults, speakers, and
//! the phoneme → id map; and the phonemes → ids layout Piper's models expect.

use super::voice_files::VoiceFiles;
use crate::error::SynthError;
use serde::Deserialize;
use std::collections::HashMap;

/// The engine's name in messages and the manifest.
pub const ENGINE: &str = "piper";

/// Reads and checks a voice's config.
pub fn read_config(files: &VoiceFiles) -> Result<VoiceConfig, SynthError> {
    let bytes = std::fs::read(&files.config).map_err(|e| SynthError::Unavailable {
        engine: ENGINE,
        message: format!("cannot read {}: {e}", files.config.display()),
    })?;
    serde_json::from_slice(&bytes).map_err(|e| SynthError::Unavailable {
        engine: ENGINE,
        message: format!(
            "{} is not a Piper voice config: {e} (reinstall the voice with `hark voices install`)",
            files.config.display()
        ),
    })
}

/// The parts of a Piper voice config that hark uses.
#[derive(Debug, Clone, Deserialize)]
pub struct VoiceConfig {
    /// Audio settings.
    pub audio: AudioConfig,
    /// Which eSpeak NG voice phonemizes for it.
    #[serde(default)]
    pub espeak: EspeakConfig,
    /// Inference defaults.
    #[serde(default)]
    pub inference: InferenceConfig,
    /// Phoneme (one codepoint) → ids.
    pub phoneme_id_map: HashMap<String, Vec<i64>>,
    /// Speakers in the model (1 for single-speaker voices).
    #[serde(default = "one")]
    pub num_speakers: u32,
    /// Speaker name → id, for multi-speaker voices.
    #[serde(default)]
    pub speaker_id_map: HashMap<String, i64>,
    /// The voice's language.
    #[serde(default)]
    pub language: Option<LanguageConfig>,
}

fn one() -> u32 {
    1
}

/// `audio` in the config.
#[derive(Debug, Clone, Deserialize)]
pub struct AudioConfig {
    /// Samples per second of the model's output.
    pub sample_rate: u32,
    /// "x_low", "low", "medium", "high".
    #[serde(default)]
    pub quality: Option<String>,
}

/// `espeak` in the config.
#[derive(Debug, Clone, Deserialize)]
pub struct EspeakConfig {
    /// eSpeak NG voice name, e.g. "en-us".
    pub voice: String,
}

impl Default for EspeakConfig {
    fn default() -> Self {
        EspeakConfig {
            voice: "en-us".into(),
        }
    }
}

/// `inference` in the config.
#[derive(Debug, Clone, Copy, Deserialize)]
pub struct InferenceConfig {
    /// Variation of the voice (0 makes it deterministic).
    #[serde(default = "default_noise_scale")]
    pub noise_scale: f32,
    /// Speaking slowness: 1 normal, larger slower.
    #[serde(default = "default_length_scale")]
    pub length_scale: f32,
    /// Variation of phoneme lengths (0 makes it deterministic).
    #[serde(default = "default_noise_w")]
    pub noise_w: f32,
}

fn default_noise_scale() -> f32 {
    0.667
}
fn default_length_scale() -> f32 {
    1.0
}
fn default_noise_w() -> f32 {
    0.8
}

impl Default for InferenceConfig {
    fn default() -> Self {
        InferenceConfig {
            noise_scale: 0.667,
            length_scale: 1.0,
            noise_w: 0.8,
        }
    }
}

/// `language` in the config.
#[derive(Debug, Clone, Deserialize)]
pub struct LanguageConfig {
    /// e.g. "en_US".
    pub code: String,
    /// e.g. "English", when the config says.
    #[serde(default)]
    pub name_english: Option<String>,
    /// e.g. "United States", when the config says.
    #[serde(default)]
    pub country_english: Option<String>,
}

impl LanguageConfig {
    /// "English (United States)", or the code when the config names neither.
    pub fn name(&self) -> String {
        match (&self.name_english, &self.country_english) {
            (Some(name), Some(country)) => format!("{name} ({country})"),
            (Some(name), None) => name.clone(),
            _ => self.code.clone(),
        }
    }
}

/// Ids for a phoneme string, laid out as Piper's models expect: `^ _ p1 _ p2 … _ $`.
/// Phonemes missing from the map are skipped and returned, so the caller can warn once.
pub fn phoneme_ids(phonemes: &str, map: &HashMap<String, Vec<i64>>) -> (Vec<i64>, Vec<char>) {
    use unicode_normalization::UnicodeNormalization;
    let id = |s: &str| map.get(s).cloned().unwrap_or_default();
    let pad = id("_");
    let mut ids = id("^");
    ids.extend(&pad);
    let mut unknown = Vec::new();
    for c in phonemes.nfd() {
        match map.get(c.encode_utf8(&mut [0; 4]) as &str) {
            Some(p) => {
                ids.extend(p);
                ids.extend(&pad);
            }
            None => {
                if !unknown.contains(&c) {
                    unknown.push(c);
                }
            }
        }
    }
    ids.extend(id("$"));
    (ids, unknown)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_padded_between_phonemes() {
        let map: HashMap<String, Vec<i64>> =
            [("^", 1), ("$", 2), ("_", 0), ("a", 14), ("b", 15), (" ", 3)]
                .iter()
                .map(|(k, v)| (k.to_string(), vec![*v]))
                .collect();
        let (ids, unknown) = phoneme_ids("a b☃", &map);
        assert_eq!(ids, [1, 0, 14, 0, 3, 0, 15, 0, 2]);
        assert_eq!(unknown, ['☃']);
    }

    #[test]
    fn parses_a_config() {
        let json = r#"{"audio":{"sample_rate":22050,"quality":"medium"},"espeak":{"voice":"en-us"},
            "inference":{"noise_scale":0.667,"length_scale":1,"noise_w":0.8},"phoneme_id_map":{"_":[0]},
            "num_speakers":1,"speaker_id_map":{},"language":{"code":"en_US"}}"#;
        let c: VoiceConfig = serde_json::from_str(json).unwrap();
        assert_eq!(c.audio.sample_rate, 22050);
        assert_eq!(c.language.unwrap().code, "en_US");
    }
}
