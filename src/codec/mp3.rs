//! MP3 encoding with LAME (the `mp3lame-encoder` crate, which builds LAME from source): mono,
//! constant bit rate, at the voice's own sample rate (22.05 and 16 kHz are MPEG-2 rates).

use crate::error::AudioError;
use mp3lame_encoder::{Bitrate, Builder, FlushGap, MonoPcm, Quality};

/// The bit rates a podcast episode may use (kbit/s).
pub const BITRATES: [u32; 5] = [64, 80, 96, 112, 128];

fn bitrate(kbps: u32) -> Result<Bitrate, AudioError> {
    Ok(match kbps {
        64 => Bitrate::Kbps64,
        80 => Bitrate::Kbps80,
        96 => Bitrate::Kbps96,
        112 => Bitrate::Kbps112,
        128 => Bitrate::Kbps128,
        _ => {
            return Err(AudioError::Bitrate {
                format: "MP3",
                kbps,
                offered: &BITRATES,
            });
        }
    })
}

/// Encodes 16-bit mono samples at `rate` into MP3 frames (no tags).
pub fn encode(samples: &[i16], rate: u32, kbps: u32) -> Result<Vec<u8>, AudioError> {
    let fail = |step: &'static str, e: &dyn std::fmt::Display| AudioError::Encode {
        format: "MP3",
        step,
        reason: e.to_string(),
    };
    let mut builder = Builder::new().ok_or_else(|| fail("start", &"LAME could not start"))?;
    builder
        .set_num_channels(1)
        .map_err(|e| fail("channels", &e))?;
    builder
        .set_sample_rate(rate)
        .map_err(|e| fail("sample rate", &e))?;
    builder
        .set_brate(bitrate(kbps)?)
        .map_err(|e| fail("bit rate", &e))?;
    // LAME's quality 7 ("ok"): faster than its default 5, and no audible difference for one
    // synthetic voice in mono at these bit rates.
    builder
        .set_quality(Quality::Ok)
        .map_err(|e| fail("quality", &e))?;
    // The LAME tag (an "Info" frame at the start) records the encoder's delay and padding, so
    // that players which read it (FFmpeg and the browsers built on it, Apple's, Readium's)
    // start on the first real sample: the clips of the EPUB and DAISY editions, and the
    // chapters, then land on the sample hark put them at, not ~50 ms early.
    builder
        .set_to_write_vbr_tag(true)
        .map_err(|e| fail("tag", &e))?;
    let mut encoder = builder.build().map_err(|e| fail("setup", &e))?;
    let mut out = Vec::new();
    for chunk in samples.chunks(1 << 16) {
        out.reserve(mp3lame_encoder::max_required_buffer_size(chunk.len()));
        encoder
            .encode_to_vec(MonoPcm(chunk), &mut out)
            .map_err(|e| fail("encoding", &e))?;
    }
    out.reserve(7200);
    encoder
        .flush_to_vec::<FlushGap>(&mut out)
        .map_err(|e| fail("flush", &e))?;
    // LAME wrote a placeholder of the tag's size first; now that the delay and the padding are
    // known, the tag takes its place.
    let mut tag = Vec::with_capacity(encoder.lame_tag_size());
    if encoder.lame_tag_encode_to_vec(&mut tag).is_some() && tag.len() <= out.len() {
        out[..tag.len()].copy_from_slice(&tag);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_of_audio_makes_mpeg_frames() {
        let samples: Vec<i16> = (0..22050)
            .map(|i| ((i % 50) * 400 - 10000) as i16)
            .collect();
        let mp3 = encode(&samples, 22050, 64).unwrap();
        // Frame sync at the start; about 8 kB for one second at 64 kbit/s.
        assert_eq!(mp3[0], 0xff);
        assert_eq!(mp3[1] & 0xe0, 0xe0);
        assert!((6_000..12_000).contains(&mp3.len()), "{}", mp3.len());
        // The first frame is the LAME tag, with the encoder's delay filled in.
        let info = mp3[..400].windows(4).position(|w| w == b"Info");
        let lame = mp3[..400].windows(4).position(|w| w == b"LAME");
        assert!(info.is_some() && lame.is_some());
        let at = lame.unwrap() + 21;
        let delay = (u32::from(mp3[at]) << 4) | (u32::from(mp3[at + 1]) >> 4);
        assert!((500..3000).contains(&delay), "{delay}");
        assert!(encode(&samples, 22050, 65).is_err());
    }

    /// An encoder's failure reaches the user as what failed, in which episode, and the fix:
    /// not "check the free space and permissions".
    #[test]
    fn a_refused_bit_rate_says_which_episode_and_what_to_use() {
        let error = encode(&[0; 100], 22050, 65)
            .map_err(crate::error::PodcastError::audio("harbour"))
            .unwrap_err();
        let message = error.to_string();
        assert!(
            message.contains("episode harbour")
                && message.contains("MP3 at 65 kbit/s is not offered")
                && message.contains("--bitrate")
                && !message.contains("free space"),
            "{message}"
        );
    }
}
