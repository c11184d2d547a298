//! The formats an export can write its audio in (`--audio`), their names, bit rates, and
//! whether they are lossy.

use super::{mp3, opus};

/// The formats an export can write its audio in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum AudioFormat {
    /// 16-bit PCM WAV: what every editor opens, and the largest.
    #[default]
    Wav,
    /// Lossless, about half the size of WAV.
    Flac,
    /// MP3 (LAME, mono, constant bit rate): what every player plays.
    Mp3,
    /// Ogg Opus at 48 kHz: the smallest for speech.
    Opus,
}

impl AudioFormat {
    /// Every format, in the order `--help` lists them.
    pub const ALL: [AudioFormat; 4] = [
        AudioFormat::Wav,
        AudioFormat::Flac,
        AudioFormat::Mp3,
        AudioFormat::Opus,
    ];

    /// Its name on the command line and in the manifest, which is also its files' extension.
    pub fn name(self) -> &'static str {
        match self {
            AudioFormat::Wav => "wav",
            AudioFormat::Flac => "flac",
            AudioFormat::Mp3 => "mp3",
            AudioFormat::Opus => "opus",
        }
    }

    /// The format named `name` (any case), if hark writes it.
    pub fn from_name(name: &str) -> Option<AudioFormat> {
        Self::ALL
            .into_iter()
            .find(|f| f.name().eq_ignore_ascii_case(name))
    }

    /// Whether decoding it gives back other samples than were encoded. A lossy section is
    /// never decoded to be encoded again (each round loses more).
    pub fn lossy(self) -> bool {
        matches!(self, AudioFormat::Mp3 | AudioFormat::Opus)
    }

    /// The bit rate used when none is given, kbit/s: clear mono speech at the least size.
    pub fn default_kbps(self) -> Option<u32> {
        match self {
            AudioFormat::Mp3 => Some(64),
            AudioFormat::Opus => Some(32),
            AudioFormat::Wav | AudioFormat::Flac => None,
        }
    }

    /// The bit rates it accepts, for messages.
    pub fn offered_kbps(self) -> String {
        match self {
            AudioFormat::Mp3 => mp3::BITRATES.map(|k| k.to_string()).join(", "),
            AudioFormat::Opus => format!("{} to {}", opus::BITRATES.start(), opus::BITRATES.end()),
            AudioFormat::Wav | AudioFormat::Flac => String::new(),
        }
    }

    /// Whether it takes `kbps`.
    pub fn accepts_kbps(self, kbps: u32) -> bool {
        match self {
            AudioFormat::Mp3 => mp3::BITRATES.contains(&kbps),
            AudioFormat::Opus => opus::BITRATES.contains(&kbps),
            AudioFormat::Wav | AudioFormat::Flac => false,
        }
    }
}
