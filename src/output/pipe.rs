//! The whole edition as one WAV stream on a pipe (`hark export … -o -`), for pipelines such as
//! `hark export a.txt -o - | lame - a.mp3`. A pipe cannot be rewound to fill in the sizes, so
//! the header says "as long as the stream", with the largest sizes, as sox and ffmpeg write to
//! pipes; the samples of each section follow as it is finished.

use crate::error::{ExportError, OutputError};
use crate::output::sinks::{Finished, Sink};
use std::io::Write;

/// The RIFF and data sizes a WAV header on a pipe gives: unknown, so the largest.
const UNKNOWN_SIZE: u32 = u32::MAX;

/// Writes the edition, 16-bit PCM mono, to `out` as sections arrive.
pub struct WavPipe<W: Write + Send> {
    out: W,
}

impl<W: Write + Send> WavPipe<W> {
    pub fn new(out: W) -> Self {
        WavPipe { out }
    }

    fn write(&mut self, bytes: &[u8]) -> Result<(), ExportError> {
        self.out
            .write_all(bytes)
            .map_err(|e| ExportError::from(OutputError::Stdout(e)))
    }
}

/// The 44-byte header of a 16-bit mono PCM stream at `rate` of unknown length.
fn header(rate: u32) -> Vec<u8> {
    let mut h = Vec::with_capacity(44);
    h.extend_from_slice(b"RIFF");
    h.extend_from_slice(&UNKNOWN_SIZE.to_le_bytes());
    h.extend_from_slice(b"WAVEfmt ");
    h.extend_from_slice(&16u32.to_le_bytes()); // the fmt chunk's size
    h.extend_from_slice(&1u16.to_le_bytes()); // PCM
    h.extend_from_slice(&1u16.to_le_bytes()); // mono
    h.extend_from_slice(&rate.to_le_bytes());
    h.extend_from_slice(&(rate * 2).to_le_bytes()); // bytes per second
    h.extend_from_slice(&2u16.to_le_bytes()); // bytes per sample frame
    h.extend_from_slice(&16u16.to_le_bytes()); // bits per sample
    h.extend_from_slice(b"data");
    h.extend_from_slice(&UNKNOWN_SIZE.to_le_bytes());
    h
}

impl<W: Write + Send> Sink for WavPipe<W> {
    fn begin(&mut self, rate: u32) -> Result<(), ExportError> {
        self.write(&header(rate))
    }

    fn section(&mut self, section: &Finished<'_>) -> Result<(), ExportError> {
        if !section.has_audio() {
            return Ok(());
        }
        section.blocks(&mut |samples| {
            let bytes: Vec<u8> = samples.iter().flat_map(|s| s.to_le_bytes()).collect();
            self.write(&bytes)
        })
    }

    fn finish(&mut self, _: &mut crate::output::manifest::Manifest) -> Result<(), ExportError> {
        self.out
            .flush()
            .map_err(|e| ExportError::from(OutputError::Stdout(e)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_header_is_a_pcm_header_of_unknown_length() {
        let h = header(22050);
        assert_eq!(h.len(), 44);
        assert_eq!(&h[0..4], b"RIFF");
        assert_eq!(&h[8..16], b"WAVEfmt ");
        assert_eq!(u32::from_le_bytes(h[24..28].try_into().unwrap()), 22050);
        assert_eq!(u32::from_le_bytes(h[28..32].try_into().unwrap()), 44100);
        assert_eq!(&h[36..40], b"data");
        assert_eq!(u32::from_le_bytes(h[40..44].try_into().unwrap()), u32::MAX);
    }
}
