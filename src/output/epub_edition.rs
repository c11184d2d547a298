//! The EPUB 3 edition with Media Overlays (`--edition epub`): the article as a book whose text
//! and narration are synchronized, for reading systems that highlight the sentence being
//! spoken (Thorium Reader, Apple Books, …). One XHTML document per section, each sentence in
//! an element of its own; one SMIL overlay per document whose clips are hark's sentence cues,
//! to the millisecond; the section's audio as MP3; a navigation document from the headings; the
//! package with the accessibility metadata. Written as the sections come, straight into the
//! ZIP (`mimetype` first and stored, as the format asks), then renamed into place whole.

use super::manifest::Manifest;
use super::sentence_spans::Spans;
use super::sinks::{Finished, Made, Sink};
use crate::error::{ExportError, OutputError};
use crate::speech::SectionScript;
use crate::xml::escape;
use std::io::Write;
use std::path::{Path, PathBuf};

/// The class a reading system gives the sentence being spoken.
const ACTIVE_CLASS: &str = "-epub-media-overlay-active";

/// A section written into the book: its number, title, level and overlay length.
struct Written {
    index: usize,
    title: String,
    level: u8,
    duration_ms: u64,
}

/// Writes `<folder>.epub` in the article's folder.
pub struct EpubEditionSink {
    dir: PathBuf,
    folder: String,
    title: String,
    language: String,
    /// The article's identity (its source's SHA-256).
    identifier: String,
    sections: Vec<SectionScript>,
    zip: Option<zip::ZipWriter<std::fs::File>>,
    written: Vec<Written>,
    /// A section could not be spoken: no book that points at missing audio.
    failed: bool,
}

impl EpubEditionSink {
    pub fn new(
        dir: &Path,
        folder: &str,
        title: &str,
        language: &str,
        identifier: &str,
        sections: &[SectionScript],
    ) -> Self {
        EpubEditionSink {
            dir: dir.to_path_buf(),
            folder: folder.to_string(),
            title: title.to_string(),
            language: language.to_string(),
            identifier: identifier.to_string(),
            sections: sections.to_vec(),
            zip: None,
            written: Vec::new(),
            failed: false,
        }
    }

    fn part(&self) -> PathBuf {
        self.dir.join(format!(".{}.epub.part", self.folder))
    }

    fn add(&mut self, name: &str, bytes: &[u8], stored: bool) -> Result<(), ExportError> {
        let part = self.part();
        let Some(zip) = self.zip.as_mut() else {
            return Ok(());
        };
        let method = if stored {
            zip::CompressionMethod::Stored
        } else {
            zip::CompressionMethod::Deflated
        };
        let options = zip::write::SimpleFileOptions::default().compression_method(method);
        zip.start_file(name, options)
            .map_err(|e| io_error(&part, std::io::Error::other(e.to_string())))?;
        zip.write_all(bytes).map_err(|e| io_error(&part, e))
    }
}

fn io_error(path: &Path, source: std::io::Error) -> ExportError {
    ExportError::Output(OutputError::Write {
        what: path.display().to_string(),
        source,
    })
}

impl Sink for EpubEditionSink {
    fn begin(&mut self, _rate: u32) -> Result<(), ExportError> {
        let part = self.part();
        let file = std::fs::File::create(&part).map_err(|e| io_error(&part, e))?;
        self.zip = Some(zip::ZipWriter::new(file));
        self.add("mimetype", b"application/epub+zip", true)?;
        self.add("META-INF/container.xml", CONTAINER.as_bytes(), false)
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
            &self.title,
            &self.language,
            &format!("{}.epub (section {n})", self.folder),
        )?;
        let audio = format!("audio/s{n:03}.mp3");
        self.add(&format!("EPUB/{audio}"), &mp3, false)?;
        let (xhtml, smil) = documents(&script, n, &audio, &times, &self.language);
        self.add(&format!("EPUB/s{n:03}.xhtml"), xhtml.as_bytes(), false)?;
        self.add(&format!("EPUB/s{n:03}.smil"), smil.as_bytes(), false)?;
        self.written.push(Written {
            index: n,
            title: script.title.clone(),
            level: script.level,
            duration_ms: section.duration_ms(),
        });
        Ok(())
    }

    fn finish(&mut self, manifest: &mut Manifest) -> Result<(), ExportError> {
        let part = self.part();
        if self.failed || self.written.is_empty() {
            drop(self.zip.take());
            let _ = std::fs::remove_file(&part);
            if self.failed {
                log::warn!(
                    "{}: no EPUB edition: a section could not be spoken, and the book would point at its missing audio (export again to finish it)",
                    self.folder
                );
            }
            return Ok(());
        }
        let nav = nav(&self.title, &self.language, &self.written);
        self.add("EPUB/nav.xhtml", nav.as_bytes(), false)?;
        self.add("EPUB/style.css", STYLE.as_bytes(), false)?;
        let opf = package(&self.title, &self.language, &self.identifier, &self.written);
        self.add("EPUB/package.opf", opf.as_bytes(), false)?;
        if let Some(zip) = self.zip.take() {
            zip.finish()
                .map_err(|e| io_error(&part, std::io::Error::other(e.to_string())))?;
        }
        let name = format!("{}.epub", self.folder);
        std::fs::rename(&part, self.dir.join(&name)).map_err(|e| io_error(&part, e))?;
        manifest.epub = Some(name);
        Ok(())
    }
}

const CONTAINER: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
  <rootfiles><rootfile full-path="EPUB/package.opf" media-type="application/oebps-package+xml"/></rootfiles>
</container>
"#;

const STYLE: &str = ".-epub-media-overlay-active { background-color: #ffe14d; color: #000; }\n";

/// A section's content document and its overlay: every sentence (heading first) an element
/// with an id, each a `par` of that element and its clip.
fn documents(
    script: &SectionScript,
    n: usize,
    audio: &str,
    times: &[(u64, u64)],
    language: &str,
) -> (String, String) {
    let level = script.level.clamp(1, 6);
    let spans = Spans::of(script, n, times);
    let body = spans.xhtml(&script.title, level);
    let pars: String = spans
        .clips()
        .map(|(id, start, end)| {
            format!(
                "<par id=\"p-{id}\"><text src=\"s{n:03}.xhtml#{id}\"/><audio src=\"{audio}\" clipBegin=\"{}\" clipEnd=\"{}\"/></par>\n",
                clock(start),
                clock(end)
            )
        })
        .collect();
    let xhtml = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE html>
<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops" xml:lang="{lang}" lang="{lang}">
<head><meta charset="UTF-8"/><title>{title}</title><link rel="stylesheet" type="text/css" href="style.css"/></head>
<body><section epub:type="chapter" id="sec{n}">
{body}</section></body>
</html>
"#,
        lang = escape(language),
        title = escape(&script.title),
        n = n,
    );
    let smil = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<smil xmlns="http://www.w3.org/ns/SMIL" xmlns:epub="http://www.idpf.org/2007/ops" version="3.0">
<body><seq id="seq-{n}" epub:textref="s{n:03}.xhtml#sec{n}" epub:type="chapter">
{pars}</seq></body>
</smil>
"#
    );
    (xhtml, smil)
}

/// A clock value `h:mm:ss.mmm`, as SMIL and `media:duration` take it.
fn clock(ms: u64) -> String {
    format!(
        "{}:{:02}:{:02}.{:03}",
        ms / 3_600_000,
        ms / 60_000 % 60,
        ms / 1000 % 60,
        ms % 1000
    )
}

/// The navigation document: the sections as a nested list by level.
fn nav(title: &str, language: &str, written: &[Written]) -> String {
    let mut list = String::new();
    let mut open: Vec<u8> = Vec::new();
    for w in written {
        let level = w.level.max(1);
        while open.last().is_some_and(|&l| l > level) {
            list.push_str("</li></ol>");
            open.pop();
        }
        match open.last() {
            Some(&l) if l == level => list.push_str("</li>"),
            Some(_) => list.push_str("<ol>"),
            None => list.push_str("<ol>"),
        }
        if open.last() != Some(&level) {
            open.push(level);
        }
        list.push_str(&format!(
            "<li><a href=\"s{:03}.xhtml\">{}</a>",
            w.index,
            escape(&w.title)
        ));
    }
    while open.pop().is_some() {
        list.push_str("</li></ol>");
    }
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE html>
<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops" xml:lang="{lang}" lang="{lang}">
<head><meta charset="UTF-8"/><title>{title}</title></head>
<body><nav epub:type="toc" id="toc"><h1>{title}</h1>
{list}
</nav></body>
</html>
"#,
        lang = escape(language),
        title = escape(title),
    )
}

/// The package document: metadata (with the overlays' durations and the accessibility
/// metadata), manifest and spine.
fn package(title: &str, language: &str, identifier: &str, written: &[Written]) -> String {
    let total: u64 = written.iter().map(|w| w.duration_ms).sum();
    let mut items = String::new();
    let mut spine = String::new();
    let mut durations = String::new();
    for w in written {
        let n = w.index;
        items.push_str(&format!(
            "<item id=\"s{n}\" href=\"s{n:03}.xhtml\" media-type=\"application/xhtml+xml\" media-overlay=\"mo{n}\"/>\n<item id=\"mo{n}\" href=\"s{n:03}.smil\" media-type=\"application/smil+xml\"/>\n<item id=\"a{n}\" href=\"audio/s{n:03}.mp3\" media-type=\"audio/mpeg\"/>\n"
        ));
        spine.push_str(&format!("<itemref idref=\"s{n}\"/>\n"));
        durations.push_str(&format!(
            "<meta property=\"media:duration\" refines=\"#mo{n}\">{}</meta>\n",
            clock(w.duration_ms)
        ));
    }
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="id" xml:lang="{lang}">
<metadata xmlns:dc="http://purl.org/dc/elements/1.1/">
<dc:identifier id="id">urn:sha256:{identifier}</dc:identifier>
<dc:title>{title}</dc:title>
<dc:language>{lang}</dc:language>
<meta property="dcterms:modified">{modified}</meta>
<meta property="media:duration">{total}</meta>
{durations}<meta property="media:active-class">{ACTIVE_CLASS}</meta>
<meta property="schema:accessMode">textual</meta>
<meta property="schema:accessMode">auditory</meta>
<meta property="schema:accessModeSufficient">textual</meta>
<meta property="schema:accessModeSufficient">auditory</meta>
<meta property="schema:accessModeSufficient">textual,auditory</meta>
<meta property="schema:accessibilityFeature">synchronizedAudioText</meta>
<meta property="schema:accessibilityFeature">tableOfContents</meta>
<meta property="schema:accessibilityFeature">readingOrder</meta>
<meta property="schema:accessibilityHazard">none</meta>
<meta property="schema:accessibilitySummary">The whole text, narrated by a synthetic voice with each sentence highlighted as it is spoken; navigable by its headings.</meta>
</metadata>
<manifest>
<item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>
<item id="css" href="style.css" media-type="text/css"/>
{items}</manifest>
<spine>
{spine}</spine>
</package>
"#,
        lang = escape(language),
        title = escape(title),
        identifier = escape(identifier),
        modified = crate::calendar::now_utc(),
        total = clock(total),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clocks_and_dates() {
        assert_eq!(clock(3_723_004), "1:02:03.004");
        let now = crate::calendar::now_utc();
        assert_eq!(now.len(), 20, "{now}");
        assert!(now.starts_with("20") && now.ends_with('Z'));
    }

    #[test]
    fn the_nav_nests_by_level() {
        let w = |index, level| Written {
            index,
            title: format!("S{index}"),
            level,
            duration_ms: 1,
        };
        let nav = nav("T", "en", &[w(1, 1), w(2, 2), w(3, 3), w(4, 2)]);
        assert!(nav.contains(r#"<ol><li><a href="s001.xhtml">S1</a><ol><li><a href="s002.xhtml">S2</a><ol><li><a href="s003.xhtml">S3</a></li></ol></li><li><a href="s004.xhtml">S4</a></li></ol></li></ol>"#), "{nav}");
    }
}
