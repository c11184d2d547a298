//! ID3v2.4 tags for an MP3 (a podcast episode or an exported section): title, artist, album,
//! track, date, language, comment, and one CHAP frame per chapter (with its title) under a CTOC
//! table of contents, so that players show chapters. Empty fields are left out.

use super::tags::Tags;
use crate::error::AudioError;
use id3::frame::{Comment, Frame, TableOfContents};
use id3::{Tag, TagLike, Version};

/// The tag's bytes, to be written before the MP3 frames.
pub fn id3v2(episode: &Tags) -> Result<Vec<u8>, AudioError> {
    let mut tag = Tag::new();
    tag.set_title(episode.title);
    if !episode.artist.is_empty() {
        tag.set_artist(episode.artist);
    }
    if !episode.album.is_empty() {
        tag.set_album(episode.album);
    }
    if let Some((track, total)) = episode.track {
        tag.set_track(track);
        tag.set_total_tracks(total);
    }
    if let Ok(date) = episode.date.parse() {
        tag.set_date_recorded(date);
    }
    let lang = crate::language::iso639_2(episode.language);
    if let Some(lang) = lang {
        tag.add_frame(Frame::text("TLAN", lang));
    }
    if !episode.comment.is_empty() {
        tag.add_frame(Comment {
            lang: lang.unwrap_or("und").into(),
            description: String::new(),
            text: episode.comment.to_string(),
        });
    }
    if episode.chapters.is_empty() {
        return write(tag);
    }
    let ids: Vec<String> = (0..episode.chapters.len())
        .map(|i| format!("chp{i}"))
        .collect();
    tag.add_frame(TableOfContents {
        element_id: "toc".into(),
        top_level: true,
        ordered: true,
        elements: ids.clone(),
        frames: vec![Frame::text("TIT2", episode.title)],
    });
    for (chapter, id) in episode.chapters.iter().zip(ids) {
        tag.add_frame(id3::frame::Chapter {
            element_id: id,
            start_time: chapter.start_ms as u32,
            end_time: chapter.end_ms as u32,
            start_offset: u32::MAX,
            end_offset: u32::MAX,
            frames: vec![Frame::text("TIT2", chapter.title.as_str())],
        });
    }
    write(tag)
}

fn write(tag: Tag) -> Result<Vec<u8>, AudioError> {
    let mut out = Vec::new();
    tag.write_to(&mut out, Version::Id3v24)
        .map_err(|e| AudioError::Tags {
            format: "ID3",
            reason: e.to_string(),
        })?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::audio::Chapter;

    #[test]
    fn chapters_are_read_back() {
        let chapters = vec![
            Chapter {
                title: "Intro".into(),
                start_ms: 0,
                end_ms: 1500,
            },
            Chapter {
                title: "Part two".into(),
                start_ms: 1500,
                end_ms: 4000,
            },
        ];
        let bytes = id3v2(&Tags {
            language: "fr",
            title: "T",
            artist: "A",
            album: "Feed",
            date: "2026-11-28",
            comment: "c",
            chapters: &chapters,
            ..Tags::default()
        })
        .unwrap();
        let tag = Tag::read_from2(std::io::Cursor::new(bytes)).unwrap();
        assert_eq!(tag.title(), Some("T"));
        let read: Vec<(String, u32, u32)> = tag
            .chapters()
            .map(|c| {
                let title = c
                    .frames
                    .iter()
                    .find_map(|f| f.content().text())
                    .unwrap_or_default();
                (title.to_string(), c.start_time, c.end_time)
            })
            .collect();
        assert_eq!(
            read,
            vec![("Intro".into(), 0, 1500), ("Part two".into(), 1500, 4000)]
        );
        assert_eq!(tag.tables_of_contents().count(), 1);
    }
}
