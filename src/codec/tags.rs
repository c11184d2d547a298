//! What an audio file says about itself ([`Tags`]), and those tags as Vorbis comments, which
//! Opus and FLAC files carry (ID3 for MP3 is [`super::id3`]).

use crate::audio::{Chapter, timestamp};

/// What an audio file says about itself. Empty fields are left out of the file.
#[derive(Debug, Clone, Copy, Default)]
pub struct Tags<'a> {
    pub title: &'a str,
    pub artist: &'a str,
    /// The feed's or the article's title.
    pub album: &'a str,
    /// `YYYY-MM-DD`.
    pub date: &'a str,
    pub comment: &'a str,
    /// The language (BCP 47).
    pub language: &'a str,
    /// The section's number and the number of sections, from 1.
    pub track: Option<(u32, u32)>,
    /// The chapters within this file.
    pub chapters: &'a [Chapter],
}

impl Tags<'_> {
    /// The tags as Vorbis comments (Opus and FLAC), chapters as `CHAPTER001=00:01:02.500` and
    /// `CHAPTER001NAME=…`.
    pub fn vorbis_comments(&self) -> Vec<String> {
        let mut list: Vec<String> = [
            ("TITLE", self.title),
            ("ARTIST", self.artist),
            ("ALBUM", self.album),
            ("DATE", self.date),
            ("DESCRIPTION", self.comment),
            ("LANGUAGE", self.language),
        ]
        .iter()
        .filter(|(_, value)| !value.is_empty())
        .map(|(key, value)| format!("{key}={value}"))
        .collect();
        if let Some((track, total)) = self.track {
            list.push(format!("TRACKNUMBER={track}"));
            list.push(format!("TRACKTOTAL={total}"));
        }
        for (i, chapter) in self.chapters.iter().enumerate() {
            list.push(format!(
                "CHAPTER{:03}={}",
                i + 1,
                timestamp(chapter.start_ms)
            ));
            list.push(format!("CHAPTER{:03}NAME={}", i + 1, chapter.title));
        }
        list
    }
}

/// The body of a Vorbis comment header: vendor, then the comments, lengths little-endian.
pub fn vorbis_comment_body(tags: &Tags) -> Vec<u8> {
    let list = tags.vorbis_comments();
    let vendor = concat!("hark ", env!("CARGO_PKG_VERSION"));
    let mut c = Vec::new();
    c.extend((vendor.len() as u32).to_le_bytes());
    c.extend(vendor.as_bytes());
    c.extend((list.len() as u32).to_le_bytes());
    for comment in list {
        c.extend((comment.len() as u32).to_le_bytes());
        c.extend(comment.as_bytes());
    }
    c
}
