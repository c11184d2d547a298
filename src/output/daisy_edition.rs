//! The DAISY 2.02 edition (`--edition daisy`): a full-text, full-audio talking book in the
//! article's `daisy/` folder, for hardware players (Victor Reader, Plextalk), apps (Dolphin
//! EasyReader, Thorium) and daisy-player. Its files, as the 2.02 specification lays them out:
//!
//! - `ncc.html`, the navigation control centre: the book's metadata (`dc:*` and `ncc:*`) and
//!   a heading per section (the first `h1 class="title"`), each linking to its SMIL;
//! - `content.html`, the text: every sentence an element with an id;
//! - `sNNN.smil` (SMIL 1.0), a section's synchronization: a `par` per sentence of its `text`
//!   and the `audio` clip (`clip-begin`/`clip-end` in `npt=` seconds, from hark's cues), with
//!   `ncc:timeInThisSmil` and `ncc:totalElapsedTime`;
//! - `sNNN.mp3`, a section's audio.
//!
//! Written into `daisy.part/` as the sections come, renamed to `daisy/` at the end; a section
//! that could not be spoken means no book.

use super::book::BookInfo;
use super::manifest::Manifest;
use super::part_folder::PartFolder;
use super::sentence_spans::Spans;
use super::sinks::{Finished, Made, Sink};
use crate::audio::timestamp;
use crate::error::ExportError;
use crate::speech::SectionScript;
use crate::xml::escape;
use std::path::Path;

/// A section written into the book: what the NCC needs of it.
struct Written {
    title: String,
    level: u8,
    /// Its SMIL and the id of the `text` element its heading links to.
    smil: String,
    text_id: String,
}

/// Writes `daisy/` in the article's folder.
pub struct DaisyEditionSink {
    book: BookInfo,
    sections: Vec<SectionScript>,
    /// The content document's body so far.
    content: String,
    written: Vec<Written>,
    /// Milliseconds of audio before the next section.
    elapsed_ms: u64,
    failed: bool,
    folder: PartFolder,
}

impl DaisyEditionSink {
    pub fn new(dir: &Path, book: BookInfo, sections: &[SectionScript]) -> Self {
        DaisyEditionSink {
            book,
            sections: sections.to_vec(),
            content: String::new(),
            written: Vec::new(),
            elapsed_ms: 0,
            failed: false,
            folder: PartFolder::new(dir, "daisy"),
        }
    }
}

impl Sink for DaisyEditionSink {
    fn begin(&mut self, _rate: u32) -> Result<(), ExportError> {
        self.folder.begin(&[])
    }

    fn section(&mut self, section: &Finished<'_>) -> Result<(), ExportError> {
        let Some(script) = self.sections.get(section.index).cloned() else {
            return Ok(());
        };
        if let Made::Failed { .. } = section.made {
            self.failed = true;
            return Ok(());
        }
        let times = section.cue_times_ms()?;
        let n = section.index + 1;
        let mp3 = section.mp3(
            &self.book.title,
            &self.book.language,
            &format!("daisy/s{n:03}.mp3"),
        )?;
        self.folder.write(&format!("s{n:03}.mp3"), &mp3)?;
        let duration_ms = section.duration_ms();
        let level = self
            .written
            .last()
            .map_or(1, |w| script.level.clamp(1, w.level + 1).min(6));
        let spans = Spans::of(&script, n, &times);
        self.content.push_str(&spans.xhtml(&script.title, level));
        let smil = smil(&self.book, n, &spans, self.elapsed_ms, duration_ms);
        self.folder
            .write(&format!("s{n:03}.smil"), smil.as_bytes())?;
        self.written.push(Written {
            title: script.title.clone(),
            level,
            smil: format!("s{n:03}.smil"),
            text_id: spans
                .clips()
                .next()
                .map_or_else(String::new, |(id, ..)| format!("txt_{id}")),
        });
        self.elapsed_ms += duration_ms;
        Ok(())
    }

    fn finish(&mut self, manifest: &mut Manifest) -> Result<(), ExportError> {
        if !self.folder.started() {
            return Ok(());
        }
        if self.failed || self.written.is_empty() {
            self.folder.discard();
            if self.failed {
                log::warn!(
                    "no DAISY edition: a section could not be spoken, and the book would miss it (export again to finish it)"
                );
            }
            return Ok(());
        }
        let content = xhtml1(&self.book, "", &self.content);
        self.folder.write("content.html", content.as_bytes())?;
        // The NCC counts every file of the book, itself included.
        let files = 2 + 2 * self.written.len();
        let ncc = ncc(&self.book, &self.written, self.elapsed_ms, files);
        self.folder.write("ncc.html", ncc.as_bytes())?;
        self.folder.place()?;
        manifest.daisy = Some("daisy/ncc.html".into());
        Ok(())
    }
}

/// A clock value `hh:mm:ss` (`ncc:totalTime`), or with milliseconds (the SMIL's times, as
/// [`timestamp`] writes them).
fn clock(ms: u64, with_ms: bool) -> String {
    let full = timestamp(ms);
    match full.split_once('.') {
        Some((whole, _)) if !with_ms => whole.to_string(),
        _ => full,
    }
}

/// Seconds with milliseconds, as `npt=` and `dur` take them.
fn seconds(ms: u64) -> String {
    format!("{}.{:03}s", ms / 1000, ms % 1000)
}

/// A section's SMIL 1.0 file.
fn smil(book: &BookInfo, n: usize, spans: &Spans, elapsed_ms: u64, duration_ms: u64) -> String {
    let mut body = String::new();
    for (id, start, end) in spans.clips() {
        body.push_str(&format!(
            "   <par endsync=\"last\" id=\"par_{id}\">\n    <text src=\"content.html#{id}\" id=\"txt_{id}\"/>\n    <audio src=\"s{n:03}.mp3\" clip-begin=\"npt={}\" clip-end=\"npt={}\" id=\"aud_{id}\"/>\n   </par>\n",
            seconds(start),
            seconds(end),
        ));
    }
    format!(
        r#"<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE smil PUBLIC "-//W3C//DTD SMIL 1.0//EN" "http://www.w3.org/TR/REC-smil/SMIL10.dtd">
<smil>
 <head>
  <meta name="dc:format" content="Daisy 2.02"/>
  <meta name="dc:title" content="{title}"/>
  <meta name="dc:identifier" content="{identifier}"/>
  <meta name="ncc:generator" content="hark {version}"/>
  <meta name="ncc:totalElapsedTime" content="{elapsed}"/>
  <meta name="ncc:timeInThisSmil" content="{this}"/>
  <layout>
   <region id="txtView"/>
  </layout>
 </head>
 <body>
  <seq dur="{dur}">
{body}  </seq>
 </body>
</smil>
"#,
        title = escape(&book.title),
        identifier = escape(&book.identifier),
        version = env!("CARGO_PKG_VERSION"),
        elapsed = clock(elapsed_ms, true),
        this = clock(duration_ms, true),
        dur = seconds(duration_ms),
    )
}

/// An XHTML 1.0 document of the book (the content document, the NCC): its title and
/// language, `head` after the title, and `body`.
fn xhtml1(book: &BookInfo, head: &str, body: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml" xml:lang="{lang}" lang="{lang}">
<head>
<meta http-equiv="Content-Type" content="text/html; charset=utf-8"/>
<title>{title}</title>
{head}</head>
<body>
{body}</body>
</html>
"#,
        lang = escape(&book.language),
        title = escape(&book.title),
    )
}

/// The navigation control centre: metadata and a heading per section.
fn ncc(book: &BookInfo, written: &[Written], total_ms: u64, files: usize) -> String {
    let mut headings = String::new();
    for (i, w) in written.iter().enumerate() {
        let class = if i == 0 { " class=\"title\"" } else { "" };
        headings.push_str(&format!(
            "<h{l}{class} id=\"ncc_{n}\"><a href=\"{smil}#{text}\">{title}</a></h{l}>\n",
            l = w.level,
            n = i + 1,
            smil = w.smil,
            text = w.text_id,
            title = escape(&w.title),
        ));
    }
    let creator = if book.authors.is_empty() {
        "Unknown".to_string()
    } else {
        book.authors.join("; ")
    };
    let depth = written.iter().map(|w| w.level).max().unwrap_or(1);
    let meta = |name: &str, content: &str| {
        format!("<meta name=\"{name}\" content=\"{}\"/>\n", escape(content))
    };
    let mut head = String::new();
    head.push_str(&meta("dc:title", &book.title));
    head.push_str(&meta("dc:creator", &creator));
    head.push_str(&meta("dc:publisher", "hark"));
    head.push_str(&meta("dc:identifier", &book.identifier));
    head.push_str(&meta("dc:language", &book.language));
    head.push_str(&meta("dc:format", "Daisy 2.02"));
    head.push_str(&meta("dc:date", &crate::calendar::now_utc()[..10]));
    if let Some(date) = &book.date {
        head.push_str(&meta("ncc:sourceDate", date));
    }
    head.push_str(&meta("ncc:charset", "utf-8"));
    head.push_str(&meta(
        "ncc:generator",
        concat!("hark ", env!("CARGO_PKG_VERSION")),
    ));
    head.push_str(&meta("ncc:multimediaType", "audioFullText"));
    head.push_str(&meta("ncc:narrator", &book.narrator));
    head.push_str(&meta("ncc:setInfo", "1 of 1"));
    head.push_str(&meta("ncc:tocItems", &written.len().to_string()));
    head.push_str(&meta("ncc:depth", &depth.to_string()));
    head.push_str(&meta("ncc:totalTime", &clock(total_ms, false)));
    head.push_str(&meta("ncc:files", &files.to_string()));
    for page in [
        "ncc:pageNormal",
        "ncc:pageFront",
        "ncc:pageSpecial",
        "ncc:maxPageNormal",
    ] {
        head.push_str(&meta(page, "0"));
    }
    xhtml1(book, &head, &headings)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clocks_are_as_daisy_writes_them() {
        assert_eq!(clock(3_723_456, false), "01:02:03");
        assert_eq!(clock(3_723_456, true), "01:02:03.456");
        assert_eq!(seconds(61_005), "61.005s");
    }
}
