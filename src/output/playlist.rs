//! Playlists and cue sheets: the sections of an edition with their titles and durations.

use crate::audio::Chapter;

/// One file of a playlist.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The file, relative to the playlist.
    pub file: String,
    pub title: String,
    pub duration_ms: u64,
}

/// An extended M3U playlist (`#EXTINF:seconds,title`), UTF-8 (`.m3u8`).
pub fn m3u8(title: &str, entries: &[Entry]) -> String {
    let mut out = String::from("#EXTM3U\n");
    out.push_str(&format!("#PLAYLIST:{}\n", one_line(title)));
    for entry in entries {
        out.push_str(&format!(
            "#EXTINF:{},{}\n{}\n",
            entry.duration_ms.div_ceil(1000),
            one_line(&entry.title),
            entry.file
        ));
    }
    out
}

/// A cue sheet for the combined WAV: one track per section, times in frames of 1/75 s.
pub fn cue_sheet(title: &str, audio: &str, tracks: &[Chapter]) -> String {
    // The cue sheet's file types: MP3 for MP3, WAVE for any other audio (as players read it).
    let kind = if audio.ends_with(".mp3") {
        "MP3"
    } else {
        "WAVE"
    };
    let mut out = format!(
        "TITLE \"{}\"\nFILE \"{}\" {kind}\n",
        quote(title),
        quote(audio)
    );
    for (i, track) in tracks.iter().enumerate() {
        let frames = track.start_ms * 75 / 1000;
        out.push_str(&format!(
            "  TRACK {:02} AUDIO\n    TITLE \"{}\"\n    INDEX 01 {:02}:{:02}:{:02}\n",
            i + 1,
            quote(&track.title),
            frames / 75 / 60,
            frames / 75 % 60,
            frames % 75
        ));
    }
    out
}

fn one_line(s: &str) -> String {
    crate::document::collapse_whitespace(s)
}

fn quote(s: &str) -> String {
    one_line(s).replace('"', "'")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn playlist_lists_sections_with_durations() {
        let entry = Entry {
            file: "00-a.wav".into(),
            title: "A\nb".into(),
            duration_ms: 1500,
        };
        let p = m3u8("T", &[entry]);
        assert_eq!(p, "#EXTM3U\n#PLAYLIST:T\n#EXTINF:2,A b\n00-a.wav\n");
    }

    #[test]
    fn cue_sheet_frames() {
        let c = cue_sheet(
            "T \"x\"",
            "t.wav",
            &[
                Chapter {
                    title: "One".into(),
                    start_ms: 0,
                    end_ms: 61_500,
                },
                Chapter {
                    title: "Two".into(),
                    start_ms: 61_500,
                    end_ms: 70_000,
                },
            ],
        );
        assert!(c.contains("TITLE \"T 'x'\""));
        assert!(c.contains("INDEX 01 01:01:37"));
    }
}
