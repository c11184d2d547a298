//! Playlists and cue sheets: the sections of an edition with their titles and durations.

/// An extended M3U playlist (`#EXTINF:seconds,title`), UTF-8 (`.m3u8`).
pub fn m3u8(title: &str, entries: &[(String, String, u64)]) -> String {
    let mut out = String::from("#EXTM3U\n");
    out.push_str(&format!("#PLAYLIST:{}\n", one_line(title)));
    for (file, entry_title, ms) in entries {
        out.push_str(&format!(
            "#EXTINF:{},{}\n{}\n",
            ms.div_ceil(1000),
            one_line(entry_title),
            file
        ));
    }
    out
}

/// A cue sheet for the combined WAV: one track per section, times in frames of 1/75 s.
pub fn cue_sheet(title: &str, wav: &str, tracks: &[(String, u64)]) -> String {
    let mut out = format!("TITLE \"{}\"\nFILE \"{}\" WAVE\n", quote(title), quote(wav));
    for (i, (track_title, start_ms)) in tracks.iter().enumerate() {
        let frames = start_ms * 75 / 1000;
        out.push_str(&format!(
            "  TRACK {:02} AUDIO\n    TITLE \"{}\"\n    INDEX 01 {:02}:{:02}:{:02}\n",
            i + 1,
            quote(track_title),
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
        let p = m3u8("T", &[("00-a.wav".into(), "A\nb".into(), 1500)]);
        assert_eq!(p, "#EXTM3U\n#PLAYLIST:T\n#EXTINF:2,A b\n00-a.wav\n");
    }

    #[test]
    fn cue_sheet_frames() {
        let c = cue_sheet(
            "T \"x\"",
            "t.wav",
            &[("One".into(), 0), ("Two".into(), 61_500)],
        );
        assert!(c.contains("TITLE \"T 'x'\""));
        assert!(c.contains("INDEX 01 01:01:37"));
    }
}
