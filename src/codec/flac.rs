//! FLAC: lossless, about half the size of WAV for speech. Encoded by `flacenc` (mono, 16 bit,
//! fixed 4,096-sample blocks) with the tags as a VORBIS_COMMENT block after the STREAMINFO; read
//! back by `claxon`, whose STREAMINFO also gives a file's exact length without decoding it.

use super::tags::{Tags, vorbis_comment_body};
use crate::error::AudioError;
use flacenc::component::BitRepr;
use flacenc::error::Verify;
use std::path::Path;

/// Samples per FLAC frame: the reference encoder's choice for 16-bit audio at these rates.
const BLOCK: usize = 4096;

/// The METADATA_BLOCK type of Vorbis comments (FLAC format, section 8.6).
const VORBIS_COMMENT: u8 = 4;

/// A FLAC file of `samples`, mono at `rate`, tagged.
pub fn encode(samples: &[i16], rate: u32, tags: &Tags) -> Result<Vec<u8>, AudioError> {
    let fail = |step: &'static str, e: &dyn std::fmt::Display| AudioError::Encode {
        format: "FLAC",
        step,
        reason: e.to_string(),
    };
    let config = flacenc::config::Encoder::default()
        .into_verified()
        .map_err(|(_, e)| fail("setup", &e))?;
    let wide: Vec<i32> = samples.iter().map(|&s| i32::from(s)).collect();
    let source = flacenc::source::MemSource::from_samples(&wide, 1, 16, rate as usize);
    let stream = flacenc::encode_with_fixed_block_size(&config, source, BLOCK)
        .map_err(|e| fail("encoding", &e))?;
    let mut sink = flacenc::bitsink::ByteSink::new();
    stream.write(&mut sink).map_err(|e| fail("writing", &e))?;
    with_comments(sink.as_slice(), tags).ok_or_else(|| AudioError::Tags {
        format: "FLAC",
        reason: "the encoder's metadata blocks could not be read".into(),
    })
}

/// The stream with a VORBIS_COMMENT block appended to its metadata blocks.
fn with_comments(stream: &[u8], tags: &Tags) -> Option<Vec<u8>> {
    if stream.get(..4)? != b"fLaC" {
        return None;
    }
    // Walk the metadata blocks to the last one (the header's top bit marks it).
    let mut at = 4;
    loop {
        let header = stream.get(at..at + 4)?;
        let length = u32::from_be_bytes([0, header[1], header[2], header[3]]) as usize;
        if header[0] & 0x80 != 0 {
            break;
        }
        at += 4 + length;
    }
    let last_header = at;
    let length = u32::from_be_bytes([0, stream[at + 1], stream[at + 2], stream[at + 3]]) as usize;
    let frames = at + 4 + length;
    let body = vorbis_comment_body(tags);
    let mut out = Vec::with_capacity(stream.len() + body.len() + 4);
    out.extend_from_slice(&stream[..frames]);
    out[last_header] &= 0x7f;
    out.push(0x80 | VORBIS_COMMENT);
    out.extend_from_slice(&(body.len() as u32).to_be_bytes()[1..]);
    out.extend(body);
    out.extend_from_slice(&stream[frames..]);
    Some(out)
}

/// A FLAC file's length in samples and its rate, from its STREAMINFO; `None` when it is not a
/// whole FLAC file.
pub fn probe(path: &Path) -> Option<(u64, u32)> {
    let info = claxon::FlacReader::open(path).ok()?.streaminfo();
    Some((info.samples?, info.sample_rate))
}

/// A mono 16-bit FLAC file's samples and rate.
pub fn read(path: &Path) -> Result<(Vec<i16>, u32), claxon::Error> {
    let mut reader = claxon::FlacReader::open(path)?;
    let rate = reader.streaminfo().sample_rate;
    let samples = reader
        .samples()
        .map(|s| s.map(|s| s.clamp(i16::MIN.into(), i16::MAX.into()) as i16))
        .collect::<Result<Vec<i16>, _>>()?;
    Ok((samples, rate))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_to_the_same_samples_with_its_tags() {
        let samples: Vec<i16> = (0..30_000)
            .map(|i| ((i as f32 * 0.03).sin() * 9000.0) as i16)
            .collect();
        let tags = Tags {
            title: "Sea trials",
            album: "Harbour reopens",
            language: "en",
            track: Some((2, 3)),
            ..Tags::default()
        };
        let file = encode(&samples, 22_050, &tags).unwrap();
        assert!(file.len() < samples.len() * 2, "{} bytes", file.len());
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.flac");
        std::fs::write(&path, &file).unwrap();
        assert_eq!(probe(&path), Some((30_000, 22_050)));
        assert_eq!(read(&path).unwrap(), (samples, 22_050));
        let reader = claxon::FlacReader::open(&path).unwrap();
        assert_eq!(reader.get_tag("TITLE").next(), Some("Sea trials"));
        assert_eq!(reader.get_tag("TRACKNUMBER").next(), Some("2"));
    }

    #[test]
    fn a_file_that_is_not_flac_has_no_length() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.flac");
        std::fs::write(&path, b"RIFF....WAVE").unwrap();
        assert_eq!(probe(&path), None);
    }
}
