//! Sample buffers: silence of an exact length, trimming an engine's own silence, and the one
//! conversion between sample counts and milliseconds that every output uses (so the manifest,
//! WAV headers, subtitles and playlists always agree).

/// Samples in `ms` milliseconds at `rate` (rounded down: pauses are never longer than asked).
pub fn samples_for_ms(ms: u32, rate: u32) -> usize {
    (u64::from(ms) * u64::from(rate) / 1000) as usize
}

/// Milliseconds for `samples` at `rate`, rounded to the nearest millisecond.
pub fn ms_for_samples(samples: u64, rate: u32) -> u64 {
    (samples * 1000 + u64::from(rate) / 2) / u64::from(rate.max(1))
}

/// An audio length as h:mm:ss ("0:06:30", "3:44:43"), rounded to the second: how hark words
/// lengths in its messages.
pub fn length(ms: u64) -> String {
    let s = (ms + 500) / 1000;
    format!("{}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60)
}

/// `HH:MM:SS.mmm`: subtitles, chapters and the Vorbis comments' chapter marks.
pub fn timestamp(ms: u64) -> String {
    format!(
        "{:02}:{:02}:{:02}.{:03}",
        ms / 3_600_000,
        ms / 60_000 % 60,
        ms / 1000 % 60,
        ms % 1000
    )
}

/// A chapter of an edition: one section's title and where it lies in the whole, in
/// milliseconds (from sample counts through [`ms_for_samples`], so that a chapter ends exactly
/// where the next begins). Chapter files, cue sheets, ID3 and Opus tags are written from these.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Chapter {
    pub title: String,
    pub start_ms: u64,
    pub end_ms: u64,
}

impl Chapter {
    /// The chapter from `start` to `end` samples into an edition at `rate`.
    pub fn from_samples(title: &str, start: u64, end: u64, rate: u32) -> Chapter {
        Chapter {
            title: title.to_string(),
            start_ms: ms_for_samples(start, rate),
            end_ms: ms_for_samples(end, rate),
        }
    }
}

/// Below this amplitude a sample counts as silence when trimming (about -41 dBFS).
pub const SILENCE_THRESHOLD: i16 = 300;

/// The part of `samples` between the first and last sample louder than [`SILENCE_THRESHOLD`]:
/// engines pad their output with silence of their own, which would lengthen hark's pauses.
pub fn trim_silence(samples: &[i16]) -> &[i16] {
    let loud = |s: &i16| s.unsigned_abs() > SILENCE_THRESHOLD as u16;
    match (
        samples.iter().position(loud),
        samples.iter().rposition(loud),
    ) {
        (Some(first), Some(last)) => &samples[first..=last],
        _ => &[],
    }
}

/// Appends `ms` of silence to `buf`.
pub fn push_silence(buf: &mut Vec<i16>, ms: u32, rate: u32) {
    buf.resize(buf.len() + samples_for_ms(ms, rate), 0);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn conversions_are_exact() {
        assert_eq!(samples_for_ms(1200, 22050), 26460);
        assert_eq!(ms_for_samples(26460, 22050), 1200);
        assert_eq!(ms_for_samples(11, 22050), 0);
        assert_eq!(ms_for_samples(12, 22050), 1);
    }

    #[test]
    fn trims_both_ends() {
        assert_eq!(trim_silence(&[0, 3, 500, 0, -700, 2, 0]), &[500, 0, -700]);
        assert!(trim_silence(&[0, 1, -2, 299]).is_empty());
    }
}
