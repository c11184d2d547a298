//! An edition's audio files in the format chosen with `--audio`: written whole and renamed into
//! place (WAV through [`wav`], the compressed formats through [`crate::codec`]), measured again
//! on a rerun to tell whether a section is whole, and read back when a resumed export's
//! combined edition needs a section made by an earlier run.
//!
//! WAV and FLAC files say their exact length; MP3 and Opus files are taken as whole when they
//! are there under their final name (they are renamed into place only when complete), with
//! the length the manifest recorded. Lossy files are never read back: decoding and encoding
//! again would lose quality twice, so the export speaks such a section again instead.

use crate::audio::samples_for_ms;
use crate::codec::{self, AudioFormat, Tags, flac};
use crate::error::{ExportError, OutputError};
use crate::files;
use crate::output::wav;
use std::path::Path;

/// How an edition's audio is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct AudioSettings {
    pub format: AudioFormat,
    /// Bit rate of the lossy formats, kbit/s; their default when `None`.
    pub kbps: Option<u32>,
}

/// Writes `samples` (mono, at `rate`) to `path` in the chosen format, whole or not at all.
pub fn write(
    settings: AudioSettings,
    path: &Path,
    samples: &[i16],
    rate: u32,
    tags: &Tags,
) -> Result<(), ExportError> {
    if settings.format == AudioFormat::Wav {
        return Ok(wav::write(path, samples, rate)?);
    }
    let bytes =
        codec::encode(settings.format, samples, rate, settings.kbps, tags).map_err(|source| {
            ExportError::Encode {
                path: path.display().to_string(),
                source,
            }
        })?;
    Ok(files::write_atomic(path, &bytes)?)
}

/// The length in samples of a whole file an earlier run left, at `rate`; `None` when it is
/// missing, at another rate, or (for WAV and FLAC) shorter than its header says. `recorded_ms`
/// is the manifest's length for it, which MP3 and Opus files are taken to have.
pub fn probe(format: AudioFormat, path: &Path, rate: u32, recorded_ms: Option<u64>) -> Option<u64> {
    let (samples, file_rate) = match format {
        AudioFormat::Wav => wav::probe(path)?,
        AudioFormat::Flac => flac::probe(path)?,
        AudioFormat::Mp3 | AudioFormat::Opus => {
            let there = std::fs::metadata(path).is_ok_and(|m| m.is_file() && m.len() > 0);
            let ms = recorded_ms.filter(|_| there)?;
            return Some(samples_for_ms(u32::try_from(ms).ok()?, rate) as u64);
        }
    };
    (file_rate == rate).then_some(samples)
}

/// Reads back the samples of a WAV or FLAC file an earlier run wrote.
pub fn read(format: AudioFormat, path: &Path) -> Result<Vec<i16>, ExportError> {
    let unreadable = |e: &dyn std::fmt::Display| {
        ExportError::Output(OutputError::ReadBack {
            what: path.display().to_string(),
            source: std::io::Error::other(e.to_string()),
        })
    };
    match format {
        AudioFormat::Wav => wav::read(path).map(|(s, _)| s).map_err(|e| unreadable(&e)),
        AudioFormat::Flac => flac::read(path).map(|(s, _)| s).map_err(|e| unreadable(&e)),
        AudioFormat::Mp3 | AudioFormat::Opus => Err(unreadable(&format!(
            "{} sections are not decoded to be encoded again",
            format.name()
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_format_is_written_and_measured_again() {
        let dir = tempfile::tempdir().unwrap();
        let samples: Vec<i16> = (0..22_050).map(|i| ((i % 40) * 300) as i16).collect();
        for format in AudioFormat::ALL {
            let path = dir.path().join(format!("s.{}", format.name()));
            let settings = AudioSettings { format, kbps: None };
            write(settings, &path, &samples, 22_050, &Tags::default()).unwrap();
            assert_eq!(
                probe(format, &path, 22_050, Some(1000)),
                Some(22_050),
                "{format:?}"
            );
            assert_eq!(
                probe(format, &path, 16_000, Some(1000)).is_some(),
                format.lossy()
            );
            if !format.lossy() {
                assert_eq!(read(format, &path).unwrap(), samples);
            }
        }
        let missing = dir.path().join("gone.mp3");
        assert_eq!(probe(AudioFormat::Mp3, &missing, 22_050, Some(1000)), None);
    }

    #[test]
    fn a_refused_bit_rate_names_the_file_and_the_fix() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("01-intro.mp3");
        let settings = AudioSettings {
            format: AudioFormat::Mp3,
            kbps: Some(65),
        };
        let error = write(settings, &path, &[0; 100], 22_050, &Tags::default()).unwrap_err();
        let message = error.to_string();
        assert!(
            message.contains("01-intro.mp3") && message.contains("--bitrate"),
            "{message}"
        );
        assert!(!path.exists());
    }
}
