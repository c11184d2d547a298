//! The episode as Ogg Opus (RFC 7845), beside the MP3: resampled to 48 kHz, mono, VBR at the
//! given bit rate, in 20 ms frames, with the title, artist, album, date and one chapter per
//! section as Vorbis comments (`CHAPTER001=00:01:02.500`, `CHAPTER001NAME=…`).
//!
//! The encoder's look-ahead is declared as the pre-skip, and the last page's granule position
//! trims the padding of the last frame, so a decoder gives back exactly the input's samples.

use super::resample;
use super::tags::{Tags, vorbis_comment_body};
use crate::error::AudioError;
use ogg::writing::{PacketWriteEndInfo, PacketWriter};

/// The rate Opus is decoded at (and the one we encode at).
pub const RATE: u32 = 48_000;

/// Samples per frame at [`RATE`]: 20 ms.
const FRAME: usize = 960;

/// Frames per Ogg page: one second.
const FRAMES_PER_PAGE: usize = 50;

/// The bit rates offered, kbit/s (mono speech is transparent from about 24).
pub const BITRATES: std::ops::RangeInclusive<u32> = 16..=128;

/// The stream's serial number ("hark").
const SERIAL: u32 = 0x6861_726b;

/// Encodes `samples` (mono, at `rate`) as an Ogg Opus file.
pub fn encode(samples: &[i16], rate: u32, kbps: u32, tags: &Tags) -> Result<Vec<u8>, AudioError> {
    let fail = |e: &dyn std::fmt::Display| AudioError::Encode {
        format: "Opus",
        step: "encoding",
        reason: e.to_string(),
    };
    let pcm = resample::resample(samples, rate, RATE)?;
    let mut encoder = opus::Encoder::new(RATE, opus::Channels::Mono, opus::Application::Audio)
        .map_err(|e| fail(&e))?;
    encoder
        .set_bitrate(opus::Bitrate::Bits(kbps as i32 * 1000))
        .map_err(|e| fail(&e))?;
    let pre_skip = encoder.get_lookahead().map_err(|e| fail(&e))?.max(0) as usize;
    let mut out = Vec::new();
    let mut writer = PacketWriter::new(&mut out);
    let page = PacketWriteEndInfo::EndPage;
    writer
        .write_packet(head(pre_skip as u16, rate), SERIAL, page, 0)
        .map_err(|e| fail(&e))?;
    writer
        .write_packet(comments(tags), SERIAL, page, 0)
        .map_err(|e| fail(&e))?;
    // The decoder's output lags by the pre-skip: encode that much more (silence) at the end.
    let needed = pcm.len() + pre_skip;
    let frames = needed.div_ceil(FRAME).max(1);
    let mut packet = vec![0u8; 4000];
    for i in 0..frames {
        let mut frame = [0i16; FRAME];
        let from = (i * FRAME).min(pcm.len());
        let to = ((i + 1) * FRAME).min(pcm.len());
        frame[..to - from].copy_from_slice(&pcm[from..to]);
        let n = encoder.encode(&frame, &mut packet).map_err(|e| fail(&e))?;
        let last = i + 1 == frames;
        // The last granule position marks where the audio ends (RFC 7845 §4.4).
        let granule = if last { needed } else { (i + 1) * FRAME } as u64;
        let end = if last {
            PacketWriteEndInfo::EndStream
        } else if (i + 1) % FRAMES_PER_PAGE == 0 {
            PacketWriteEndInfo::EndPage
        } else {
            PacketWriteEndInfo::NormalPacket
        };
        writer
            .write_packet(packet[..n].to_vec(), SERIAL, end, granule)
            .map_err(|e| fail(&e))?;
    }
    drop(writer);
    Ok(out)
}

/// The identification header (RFC 7845 §5.1): mono, channel mapping family 0.
fn head(pre_skip: u16, input_rate: u32) -> Vec<u8> {
    let mut h = b"OpusHead".to_vec();
    h.push(1);
    h.push(1);
    h.extend(pre_skip.to_le_bytes());
    h.extend(input_rate.to_le_bytes());
    h.extend(0i16.to_le_bytes());
    h.push(0);
    h
}

/// The comment header (RFC 7845 §5.2).
fn comments(tags: &Tags) -> Vec<u8> {
    let mut c = b"OpusTags".to_vec();
    c.extend(vorbis_comment_body(tags));
    c
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::audio::Chapter;

    #[test]
    fn decodes_to_the_input_length() {
        let rate = 22_050;
        let input: Vec<i16> = (0..rate * 2)
            .map(|i| ((i as f32 * 0.05).sin() * 8000.0) as i16)
            .collect();
        let chapters = vec![
            Chapter {
                title: "One".into(),
                start_ms: 0,
                end_ms: 1000,
            },
            Chapter {
                title: "Two".into(),
                start_ms: 1000,
                end_ms: 2000,
            },
        ];
        let tags = Tags {
            language: "sw",
            title: "T",
            artist: "A",
            album: "B",
            date: "2025-03-04",
            chapters: &chapters,
            ..Tags::default()
        };
        let file = encode(&input, rate, 32, &tags).unwrap();
        let mut reader = ogg::reading::PacketReader::new(std::io::Cursor::new(file));
        let head = reader.read_packet().unwrap().unwrap();
        assert_eq!(&head.data[..8], b"OpusHead");
        let pre_skip = u16::from_le_bytes([head.data[10], head.data[11]]) as usize;
        let tags = reader.read_packet().unwrap().unwrap();
        let text = String::from_utf8_lossy(&tags.data);
        assert!(text.contains("CHAPTER002=00:00:01.000") && text.contains("CHAPTER002NAME=Two"));
        let mut decoder = opus::Decoder::new(RATE, opus::Channels::Mono).unwrap();
        let (mut decoded, mut end) = (Vec::new(), 0);
        let mut buf = vec![0i16; 5760];
        while let Some(p) = reader.read_packet().unwrap() {
            let n = decoder.decode(&p.data, &mut buf, false).unwrap();
            decoded.extend_from_slice(&buf[..n]);
            end = p.absgp_page() as usize;
        }
        let audio = &decoded[pre_skip..end.min(decoded.len())];
        assert_eq!(audio.len(), input.len() * 48_000 / rate as usize);
    }
}
