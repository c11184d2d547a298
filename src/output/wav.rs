//! WAV files: 16-bit PCM mono, written with hound through a `.part` file; `finalize()` is
//! called and checked (a `Drop` cannot report a failed header update).

use crate::error::OutputError;
use crate::files::part_path;
use std::path::Path;

fn spec(rate: u32) -> hound::WavSpec {
    hound::WavSpec {
        channels: 1,
        sample_rate: rate,
        bits_per_sample: 16,
        sample_format: hound::SampleFormat::Int,
    }
}

fn write_error(path: &Path, e: impl std::fmt::Display) -> OutputError {
    OutputError::Write {
        what: path.display().to_string(),
        source: std::io::Error::other(e.to_string()),
    }
}

/// Writes a whole WAV file atomically.
pub fn write(path: &Path, samples: &[i16], rate: u32) -> Result<(), OutputError> {
    let mut w = WavStream::create(path, rate)?;
    w.append(samples)?;
    w.finish()
}

/// A WAV file written piece by piece (the combined edition), renamed into place by [`WavStream::finish`].
/// Dropped unfinished (a write failed, or the export stopped), it removes its `.part` file.
pub struct WavStream {
    writer: Option<hound::WavWriter<std::io::BufWriter<std::fs::File>>>,
    path: std::path::PathBuf,
}

impl Drop for WavStream {
    fn drop(&mut self) {
        if self.writer.is_some() {
            let _ = std::fs::remove_file(part_path(&self.path));
        }
    }
}

impl WavStream {
    /// Starts `path` (as `path.part`).
    pub fn create(path: &Path, rate: u32) -> Result<Self, OutputError> {
        let writer = hound::WavWriter::create(part_path(path), spec(rate))
            .map_err(|e| write_error(path, e))?;
        Ok(WavStream {
            writer: Some(writer),
            path: path.to_path_buf(),
        })
    }

    /// Appends samples.
    pub fn append(&mut self, samples: &[i16]) -> Result<(), OutputError> {
        let Some(writer) = self.writer.as_mut() else {
            return Ok(());
        };
        let mut w = writer.get_i16_writer(samples.len() as u32);
        for &s in samples {
            w.write_sample(s);
        }
        w.flush().map_err(|e| write_error(&self.path, e))
    }

    /// Finalizes the header and renames the file into place.
    pub fn finish(mut self) -> Result<(), OutputError> {
        let part = part_path(&self.path);
        let Some(writer) = self.writer.take() else {
            return Ok(());
        };
        let result = writer
            .finalize()
            .map_err(|e| write_error(&self.path, e))
            .and_then(|()| {
                std::fs::rename(&part, &self.path).map_err(|source| OutputError::Write {
                    what: self.path.display().to_string(),
                    source,
                })
            });
        if result.is_err() {
            let _ = std::fs::remove_file(&part);
        }
        result
    }
}

/// Reads a 16-bit mono WAV back: its samples and rate.
pub fn read(path: &Path) -> Result<(Vec<i16>, u32), hound::Error> {
    let reader = hound::WavReader::open(path)?;
    let spec = reader.spec();
    if spec.channels != 1
        || spec.bits_per_sample != 16
        || spec.sample_format != hound::SampleFormat::Int
    {
        return Err(hound::Error::Unsupported);
    }
    let samples = reader
        .into_samples::<i16>()
        .collect::<Result<Vec<_>, _>>()?;
    Ok((samples, spec.sample_rate))
}

/// Reads a 16-bit mono WAV back `block` samples at a time, each to `take`: a file of any
/// length in the memory of one block.
pub fn read_blocks<E: From<OutputError>>(
    path: &Path,
    block: usize,
    take: &mut dyn FnMut(&[i16]) -> Result<(), E>,
) -> Result<(), E> {
    let unreadable = |e: hound::Error| OutputError::ReadBack {
        what: path.display().to_string(),
        source: std::io::Error::other(e.to_string()),
    };
    let mut reader = hound::WavReader::open(path).map_err(unreadable)?;
    let spec = reader.spec();
    if spec.channels != 1 || spec.bits_per_sample != 16 {
        return Err(unreadable(hound::Error::Unsupported).into());
    }
    let mut samples = reader.samples::<i16>();
    let mut buffer = Vec::with_capacity(block);
    loop {
        buffer.clear();
        for sample in samples.by_ref().take(block) {
            buffer.push(sample.map_err(unreadable)?);
        }
        if buffer.is_empty() {
            return Ok(());
        }
        take(&buffer)?;
    }
}

/// The number of samples and the rate of a WAV file, from its header, checked against its size.
pub fn probe(path: &Path) -> Option<(u64, u32)> {
    let reader = hound::WavReader::open(path).ok()?;
    let spec = reader.spec();
    let frames = u64::from(reader.duration());
    let expected_bytes = frames * u64::from(spec.bits_per_sample / 8) * u64::from(spec.channels);
    let file_bytes = std::fs::metadata(path).ok()?.len();
    (file_bytes >= expected_bytes + 44).then_some((frames, spec.sample_rate))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn read_in_blocks_is_read_whole() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("b.wav");
        let samples: Vec<i16> = (0..1000).map(|i| (i * 7 % 3000) as i16).collect();
        write(&path, &samples, 22050).unwrap();
        let mut back = Vec::new();
        let mut blocks = 0;
        read_blocks::<OutputError>(&path, 300, &mut |b| {
            blocks += 1;
            back.extend_from_slice(b);
            Ok(())
        })
        .unwrap();
        assert_eq!((back, blocks), (samples, 4));
    }

    #[test]
    fn round_trip() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.wav");
        write(&path, &[0, 1, -1, 32767, -32768], 22050).unwrap();
        assert_eq!(read(&path).unwrap(), (vec![0, 1, -1, 32767, -32768], 22050));
        assert_eq!(probe(&path), Some((5, 22050)));
    }
}
