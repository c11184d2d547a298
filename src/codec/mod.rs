//! Audio codecs: samples → the bytes of an audio file, in the formats hark writes (WAV is
//! written by `output::wav`; this module covers the compressed ones) and the tags each carries.
//! The export's `--audio` and the podcast's episodes share these encoders.
//!
//! - [`mp3`]: LAME, mono CBR, with ID3v2.4 tags from [`id3`];
//! - [`opus`]: libopus in Ogg, resampled to 48 kHz, with Vorbis comments;
//! - [`flac`]: lossless (`flacenc`), with Vorbis comments, and read back with `claxon` (a
//!   resumed export's combined edition is made from the FLAC sections already written);
//! - [`resample`]: the sample-rate conversion Opus and the podcast's `--sample-rate` need.
pub mod flac;
mod format;
pub mod id3;
pub mod m4b;
pub mod mp3;
pub mod opus;
pub mod resample;
mod tags;

pub use format::AudioFormat;
pub use tags::{Tags, vorbis_comment_body};

use crate::error::AudioError;

/// A compressed file of `samples` (mono, at `rate`) in `format`, tagged; `kbps` for the lossy
/// formats (their default when `None`). WAV is not compressed here: see `output::wav`.
pub fn encode(
    format: AudioFormat,
    samples: &[i16],
    rate: u32,
    kbps: Option<u32>,
    tags: &Tags,
) -> Result<Vec<u8>, AudioError> {
    let kbps = kbps.or(format.default_kbps()).unwrap_or(0);
    match format {
        AudioFormat::Mp3 => {
            let mut file = id3::id3v2(tags)?;
            file.extend(mp3::encode(samples, rate, kbps)?);
            Ok(file)
        }
        AudioFormat::Opus => opus::encode(samples, rate, kbps, tags),
        AudioFormat::Flac => flac::encode(samples, rate, tags),
        AudioFormat::Wav => Err(AudioError::Encode {
            format: "WAV",
            step: "setup",
            reason: "WAV is written by output::wav".into(),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_are_named_as_their_extensions() {
        for format in AudioFormat::ALL {
            assert_eq!(AudioFormat::from_name(format.name()), Some(format));
        }
        assert_eq!(AudioFormat::from_name("MP3"), Some(AudioFormat::Mp3));
        assert_eq!(AudioFormat::from_name("aac"), None);
        assert!(AudioFormat::Opus.lossy() && !AudioFormat::Flac.lossy());
        assert!(AudioFormat::Mp3.accepts_kbps(64) && !AudioFormat::Mp3.accepts_kbps(65));
    }

    #[test]
    fn empty_tags_are_left_out() {
        let tags = Tags {
            title: "Harbour",
            track: Some((2, 5)),
            ..Tags::default()
        };
        assert_eq!(
            tags.vorbis_comments(),
            ["TITLE=Harbour", "TRACKNUMBER=2", "TRACKTOTAL=5"]
        );
    }
}
