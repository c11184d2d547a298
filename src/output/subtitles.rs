//! WebVTT: subtitles (one cue per sentence, the written text) and chapters (one cue per
//! section). Times come from sample counts through [`crate::audio::ms_for_samples`].

use crate::audio::ms_for_samples;
use crate::edition::Cue;

/// `HH:MM:SS.mmm`.
pub fn timestamp(ms: u64) -> String {
    format!(
        "{:02}:{:02}:{:02}.{:03}",
        ms / 3_600_000,
        ms / 60_000 % 60,
        ms / 1000 % 60,
        ms % 1000
    )
}

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

/// Chapters: (title, start sample, end sample) per section.
pub fn render_chapters(chapters: &[(String, u64, u64)], rate: u32) -> String {
    let cues: Vec<Cue> = chapters
        .iter()
        .map(|(t, s, e)| Cue {
            start: *s,
            end: *e,
            text: t.clone(),
        })
        .collect();
    render(&cues, rate)
}

#[cfg(test)]
mod tests {
    use super::*;

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
