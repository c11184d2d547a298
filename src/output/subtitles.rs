//! WebVTT: subtitles (one cue per sentence, the written text) and chapters (one cue per
//! section). Times come from sample counts through [`crate::audio::ms_for_samples`].

use crate::audio::timestamp;
use crate::audio::{Chapter, ms_for_samples};
use crate::edition::Cue;

/// Text safe inside a cue: no blank lines, no "-->", markup characters escaped.
fn cue_text(text: &str) -> String {
    crate::document::collapse_whitespace(text)
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// Subtitles for one audio file, `offset` samples into it.
pub fn render(cues: &[Cue], rate: u32) -> String {
    let mut out = String::from("WEBVTT\n");
    for (i, cue) in cues.iter().enumerate() {
        out.push_str(&format!(
            "\n{}\n{} --> {}\n{}\n",
            i + 1,
            timestamp(ms_for_samples(cue.start, rate)),
            timestamp(ms_for_samples(cue.end, rate)),
            cue_text(&cue.text)
        ));
    }
    out
}

/// Parses `HH:MM:SS.mmm` as written by [`timestamp`].
fn parse_timestamp(t: &str) -> Option<u64> {
    let (hms, ms) = t.trim().split_once('.')?;
    let mut parts = hms.split(':').map(|p| p.parse::<u64>().ok());
    let (h, m, s) = (parts.next()??, parts.next()??, parts.next()??);
    Some(((h * 60 + m) * 60 + s) * 1000 + ms.parse::<u64>().ok()?)
}

/// The times of the cues of a WebVTT file that [`render`] wrote, in milliseconds.
pub fn cue_times(vtt: &str) -> Vec<(u64, u64)> {
    vtt.lines()
        .filter_map(|line| line.split_once(" --> "))
        .filter_map(|(start, end)| Some((parse_timestamp(start)?, parse_timestamp(end)?)))
        .collect()
}

/// The cues of a WebVTT file that [`render`] wrote, moved `offset_ms` later, without their
/// numbers (to join several sections' subtitles into one file after a `WEBVTT` line).
pub fn shifted_cues(vtt: &str, offset_ms: u64) -> String {
    let mut out = String::new();
    let mut lines = vtt.lines().peekable();
    while let Some(line) = lines.next() {
        let Some((start, end)) = line.split_once(" --> ") else {
            continue;
        };
        let (Some(start), Some(end)) = (parse_timestamp(start), parse_timestamp(end)) else {
            continue;
        };
        out.push_str(&format!(
            "\n{} --> {}\n",
            timestamp(start + offset_ms),
            timestamp(end + offset_ms)
        ));
        while let Some(text) = lines.next_if(|l| !l.trim().is_empty()) {
            out.push_str(text);
            out.push('\n');
        }
    }
    out
}

/// Chapters: one cue per section, numbered like [`render`]'s.
pub fn render_chapters(chapters: &[Chapter]) -> String {
    let mut out = String::from("WEBVTT\n");
    for (i, chapter) in chapters.iter().enumerate() {
        out.push_str(&format!(
            "\n{}\n{} --> {}\n{}\n",
            i + 1,
            timestamp(chapter.start_ms),
            timestamp(chapter.end_ms),
            cue_text(&chapter.title)
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps_have_hours_minutes_seconds_and_milliseconds() {
        assert_eq!(timestamp(0), "00:00:00.000");
        assert_eq!(timestamp(3_723_045), "01:02:03.045");
    }

    #[test]
    fn cues_move_by_an_offset() {
        let vtt = "WEBVTT\n\n1\n00:00:01.200 --> 00:00:02.000\nHello &amp; bye\n\n2\n00:00:02.500 --> 00:00:03.000\nNext\n";
        assert_eq!(
            shifted_cues(vtt, 61_000),
            "\n00:01:02.200 --> 00:01:03.000\nHello &amp; bye\n\n00:01:03.500 --> 00:01:04.000\nNext\n"
        );
    }

    #[test]
    fn chapters_are_numbered_cues() {
        let chapters = [
            Chapter::from_samples("One", 0, 22050, 22050),
            Chapter::from_samples("Two & <three>", 22050, 33075, 22050),
        ];
        assert_eq!(
            render_chapters(&chapters),
            "WEBVTT\n\n1\n00:00:00.000 --> 00:00:01.000\nOne\n\n2\n00:00:01.000 --> 00:00:01.500\nTwo &amp; &lt;three&gt;\n"
        );
    }

    #[test]
    fn cues_and_timestamps() {
        let cues = vec![Cue {
            start: 22050,
            end: 44100 + 22050 * 3600,
            text: "A <b> & c\n\nd".into(),
        }];
        let vtt = render(&cues, 22050);
        assert_eq!(
            vtt,
            "WEBVTT\n\n1\n00:00:01.000 --> 01:00:02.000\nA &lt;b&gt; &amp; c d\n"
        );
    }
}
