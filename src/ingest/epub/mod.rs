//! EPUB books (EPUB 3 and EPUB 2) → [`Document`]: the chapters of the book's table of contents
//! (its navigation document, or the NCX), in spine order, each a heading at its level, read
//! through the HTML reader without article extraction (a chapter is all content). The title,
//! language and date come from the package metadata. Front and back matter ([`matter`]) are
//! left out and listed, unless the reader keeps boilerplate; notes are not read mid-sentence
//! (note references are taken back, note files and asides left out).
//!
//! The archive is read with limits ([`archive`]): nothing outside it is ever named, nothing is
//! written, and a ZIP that inflates beyond reason is refused, as is DRM-encrypted content.

pub mod anchors;
pub mod archive;
pub mod matter;
pub mod package;
pub mod toc;

use crate::document::{Block, Document, DropKind, Dropped, collapse_whitespace};
use archive::Archive;
use package::Package;

/// The chapters of a book: its table of contents, or where it has none, its spine files.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Chapter {
    /// Its number for `--chapters`, from 1.
    pub number: usize,
    pub title: String,
    /// 1 for a top-level chapter.
    pub level: u8,
    /// Left out as front or back matter (what it is), unless boilerplate is kept.
    pub matter: Option<String>,
}

/// Chapters chosen by number (`3-7,9`), numbered from 1 as the table of contents lists them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Chapters(Vec<(usize, usize)>);

impl Chapters {
    /// Reads `3-7,9`; an error says what is wrong.
    pub fn parse(list: &str) -> Result<Chapters, String> {
        let mut ranges = Vec::new();
        for part in list.split(',').map(str::trim) {
            let number = |s: &str| -> Result<usize, String> {
                s.trim()
                    .parse::<usize>()
                    .ok()
                    .filter(|&n| n >= 1)
                    .ok_or_else(|| format!("{s:?} in --chapters is not a chapter number: give numbers from 1 and ranges, such as 3-7,9 (hark markup --list-chapters BOOK numbers them)"))
            };
            let (from, to) = match part.split_once('-') {
                Some((a, b)) => (number(a)?, number(b)?),
                None => (number(part)?, number(part)?),
            };
            if from > to {
                return Err(format!(
                    "{part:?} in --chapters runs backwards: write {to}-{from}"
                ));
            }
            ranges.push((from, to));
        }
        Ok(Chapters(ranges))
    }

    /// Whether chapter `n` (from 1) is chosen.
    pub fn has(&self, n: usize) -> bool {
        self.0.iter().any(|&(a, b)| (a..=b).contains(&n))
    }

    /// The highest number chosen.
    fn last(&self) -> usize {
        self.0.iter().map(|&(_, b)| b).max().unwrap_or(0)
    }
}

/// Reads the book in `bytes`; `keep_matter` keeps front and back matter, `chosen` reads only
/// those chapters (a spine file is read when one of its entries is chosen, or, having none,
/// when the entry before it is: a chapter's sections that share its file come with it). An
/// error says what is wrong with the book, in words for the user.
pub fn read(
    bytes: &[u8],
    keep_matter: bool,
    chosen: Option<&Chapters>,
) -> Result<Document, String> {
    let mut book = open(bytes)?;
    let entries = &book.entries;
    if let Some(chosen) = chosen
        && chosen.last() > entries.len()
    {
        return Err(format!(
            "--chapters asks for chapter {}, but its table of contents lists {} (hark markup --list-chapters shows them)",
            chosen.last(),
            entries.len()
        ));
    }
    // The number of the last entry met in spine order, for files with none of their own.
    let mut current: Option<usize> = None;

    let mut doc = Document {
        title: book.package.title.clone(),
        language: book.package.language.clone(),
        date: book.package.date.as_deref().and_then(super::date::find),
        authors: book.package.authors.clone(),
        ..Default::default()
    };
    // A cover that cannot be read is no reason not to read the book.
    if let Some(item) = book.package.cover().cloned() {
        match book.archive.read(&item.path) {
            Ok(bytes) => {
                doc.cover = Some(crate::document::Cover {
                    media_type: item.media_type,
                    bytes,
                })
            }
            Err(e) => doc.warnings.push(format!("its cover is left out: {e}")),
        }
    }
    let (mut read_any, mut pictures) = (false, 0);
    for (id, linear) in &book.package.spine {
        let Some(item) = book.package.item(id) else {
            doc.warnings.push(format!(
                "the spine names {id}, which the manifest lacks; skipped"
            ));
            continue;
        };
        if !item.media_type.contains("html") {
            pictures += usize::from(item.media_type.starts_with("image/"));
            continue;
        }
        // This file's entries, by their number for --chapters (from 1).
        let numbered: Vec<(usize, &toc::Entry)> = (1..)
            .zip(&book.entries)
            .filter(|(_, e)| e.path == item.path)
            .collect();
        current = numbered.last().map(|&(n, _)| n).or(current);
        if let Some(chosen) = chosen {
            let wanted = if numbered.is_empty() {
                current.is_some_and(|n| chosen.has(n))
            } else {
                numbered.iter().any(|&(n, _)| chosen.has(n))
            };
            if !wanted {
                continue;
            }
        }
        // Entries pointing into this file are marked where they point.
        let fragments: Vec<(usize, &str)> = numbered
            .iter()
            .enumerate()
            .filter_map(|(i, (_, e))| e.fragment.as_deref().map(|f| (i, f)))
            .collect();
        let text = anchors::mark(&book.archive.text(&item.path)?, &fragments);
        let page = super::html::parse_page(&text);
        let left_out = if !linear {
            Some("a part outside the reading order".to_string())
        } else {
            book.matter_of(&item.path, &page)
        };
        let here: Vec<&toc::Entry> = numbered.into_iter().map(|(_, e)| e).collect();
        if let Some(what) = left_out
            && !keep_matter
        {
            let title = here
                .first()
                .map_or_else(|| file_name(&item.path), |e| e.title.clone());
            doc.dropped.push(Dropped {
                kind: DropKind::BookMatter,
                text: format!("{title} ({what})"),
            });
            continue;
        }
        let content = super::html::content_of(&page);
        if doc.language.is_none() {
            doc.language = content.language.clone();
        }
        push_chapter(&mut doc, content, &here, book.entries.is_empty());
        read_any = true;
    }
    // A book of pictures can still have a contents list: headings with nothing under them.
    let has_text = doc
        .blocks
        .iter()
        .any(|b| !matches!(b, Block::Heading { .. }));
    if !read_any || !has_text {
        return Err(match chosen {
            Some(_) if !read_any => "the chapters chosen with --chapters are all front or back matter (add --keep-boilerplate to read them)".into(),
            Some(_) => "the chapters chosen with --chapters have no text to read (their pages are pictures)".into(),
            None if pictures > 0 || read_any => "its pages are pictures (SVG or images), with no text to read".into(),
            None => "none of its spine files is a chapter hark can read (XHTML)".into(),
        });
    }
    Ok(doc)
}

/// The chapters as `--list-chapters` shows them: the table of contents in order, each marked
/// when its file is left out as front or back matter (each file read and judged once).
pub fn chapters(bytes: &[u8]) -> Result<Vec<Chapter>, String> {
    let mut book = open(bytes)?;
    let mut judged: std::collections::HashMap<String, Option<String>> = Default::default();
    let mut out = Vec::new();
    for (i, entry) in book.entries.iter().enumerate() {
        let matter = match judged.get(&entry.path) {
            Some(matter) => matter.clone(),
            None => {
                let xhtml = book.archive.text(&entry.path).unwrap_or_default();
                let matter = book.matter_of(&entry.path, &super::html::parse_page(&xhtml));
                judged.insert(entry.path.clone(), matter.clone());
                matter
            }
        };
        out.push(Chapter {
            number: i + 1,
            title: entry.title.clone(),
            level: entry.level,
            matter,
        });
    }
    Ok(out)
}

/// An opened book: its archive, package document, table of contents and landmarks.
struct Book<'a> {
    archive: Archive<'a>,
    package: Package,
    entries: Vec<toc::Entry>,
    landmarks: Vec<(String, String)>,
}

/// Opens the archive, refuses DRM, and reads the package document and table of contents.
fn open(bytes: &[u8]) -> Result<Book<'_>, String> {
    let mut archive = Archive::open(bytes)?;
    refuse_drm(&mut archive)?;
    let container = archive.text("META-INF/container.xml").map_err(|_| {
        "it has no META-INF/container.xml, so its package document cannot be found".to_string()
    })?;
    let opf_path = package::rootfile(&container)?;
    let opf = archive
        .text(&opf_path)
        .map_err(|_| format!("its package document {opf_path} is missing"))?;
    let package = package::parse(&opf_path, &opf)?;
    let (entries, landmarks) = table_of_contents(&mut archive, &package);
    Ok(Book {
        archive,
        package,
        entries,
        landmarks,
    })
}

/// The table of contents (the navigation document, else the NCX) and the landmarks.
fn table_of_contents(
    archive: &mut Archive,
    package: &Package,
) -> (Vec<toc::Entry>, Vec<(String, String)>) {
    if let Some(nav) = package.nav()
        && let Ok(text) = archive.text(nav)
    {
        let (entries, landmarks) = toc::from_nav(nav, &text);
        if !entries.is_empty() {
            return (entries, landmarks);
        }
    }
    match package.ncx_path().map(str::to_string) {
        Some(ncx) => {
            let text = archive.text(&ncx).unwrap_or_default();
            (toc::from_ncx(&ncx, &text), Vec::new())
        }
        None => (Vec::new(), Vec::new()),
    }
}

impl Book<'_> {
    /// Whether the file at `path` (its page parsed) is front or back matter, and what: by the
    /// types the book gives it (landmarks and guide entries pointing at it, the `epub:type`
    /// of its `<body>` and first `<section>`), the titles of its own contents entries (not
    /// those of sections inside it, such as "Footnotes"), and its name.
    fn matter_of(&self, path: &str, page: &scraper::Html) -> Option<String> {
        let mut types: Vec<String> = self
            .landmarks
            .iter()
            .chain(&self.package.guide)
            .filter(|(_, p)| p == path)
            .map(|(t, _)| t.clone())
            .collect();
        if let Ok(selector) = scraper::Selector::parse("body, body > section, body > div") {
            types.extend(
                page.select(&selector)
                    .take(2)
                    .filter_map(|e| e.value().attr("epub:type"))
                    .map(str::to_string),
            );
        }
        let part = matter::Part {
            path,
            types,
            titles: self
                .entries
                .iter()
                .filter(|e| e.path == path && e.fragment.is_none())
                .map(|e| e.title.as_str())
                .collect(),
        };
        matter::matter(&part)
    }
}

/// Appends one spine file's blocks: a heading for each of its table-of-contents entries (the
/// file's own heading of the same words taken as it), its other headings read as lines, and
/// its text. With no table of contents at all, the file's headings are kept as they are.
fn push_chapter(doc: &mut Document, content: Document, here: &[&toc::Entry], no_toc: bool) {
    let heading = |entry: &toc::Entry| Block::Heading {
        level: (entry.level + 1).min(6),
        text: entry.title.clone(),
    };
    let mut pending: Vec<&toc::Entry> = here.to_vec();
    if let Some(first) = pending.first()
        && first.fragment.is_none()
    {
        doc.blocks.push(heading(first));
        pending.remove(0);
    }
    let mut first_heading = here.first().map(|e| e.title.as_str());
    for block in content.blocks {
        match block {
            Block::Heading { text, .. } if anchors::marked_entry(&text).is_some() => {
                // Where an entry points into the file: its heading here, and the file's next
                // heading, when it is a part of the entry's words ("190"), is taken as it.
                let entry = anchors::marked_entry(&text).and_then(|k| here.get(k));
                if let Some(entry) = entry
                    && let Some(at) = pending.iter().position(|e| std::ptr::eq(*e, *entry))
                {
                    pending.remove(at);
                    doc.blocks.push(heading(entry));
                    first_heading = Some(entry.title.as_str());
                }
            }
            Block::Heading { level, text } if no_toc => doc.blocks.push(Block::Heading {
                level: level.max(2),
                text,
            }),
            Block::Heading { text, .. } => {
                // An entry pointing into the file takes the heading of its very words; the
                // file's first heading may be a part of its entry's ("Chapter 2" of
                // "Chapter 2: The Storm").
                if let Some(at) = pending.iter().position(|e| words(&e.title) == words(&text)) {
                    let entry = pending.remove(at);
                    doc.blocks.push(heading(entry));
                } else if first_heading.is_some_and(|t| same_title(t, &text)) {
                    // The chapter's own heading, already spoken as the entry's.
                } else {
                    doc.blocks.push(Block::Paragraph(text));
                }
                first_heading = None;
            }
            other => {
                // An entry pointing into the file that no heading matched starts where the
                // text does.
                if !pending.is_empty() && doc.blocks.is_empty() {
                    doc.blocks.push(heading(pending.remove(0)));
                }
                doc.blocks.push(other)
            }
        }
    }
    doc.dropped.extend(content.dropped);
    doc.warnings.extend(content.warnings);
}

/// Whether a heading's words are an entry's: the same words, or one holding the other
/// ("Chapter 1" in "Chapter 1: The Storm"), or the same after their numbers, which books
/// write one way in the contents and another over the text ("I. Friendship", "1. Friendship").
fn same_title(a: &str, b: &str) -> bool {
    let (a, b) = (words(a), words(b));
    let unnumbered = |s: &str| -> String {
        match s.split_once(' ') {
            Some((first, rest))
                if first.chars().all(|c| c.is_ascii_digit())
                    || first.chars().all(|c| "ivxlcdm".contains(c)) =>
            {
                rest.to_string()
            }
            _ => s.to_string(),
        }
    };
    !a.is_empty()
        && !b.is_empty()
        && (a == b || a.contains(&b) || b.contains(&a) || unnumbered(&a) == unnumbered(&b))
}

/// A title's words, lower case, without punctuation.
fn words(s: &str) -> String {
    let kept: String = s
        .to_lowercase()
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect();
    collapse_whitespace(&kept)
}

/// A file's name without its folder, for the dropped list.
fn file_name(path: &str) -> String {
    path.rsplit('/').next().unwrap_or(path).to_string()
}

/// DRM: an `encryption.xml` that encrypts more than fonts (which books obfuscate openly).
fn refuse_drm(archive: &mut Archive) -> Result<(), String> {
    if !archive.has("META-INF/encryption.xml") {
        return Ok(());
    }
    let text = archive.text("META-INF/encryption.xml")?;
    let font_only = [
        "http://www.idpf.org/2008/embedding",
        "http://ns.adobe.com/pdf/enc#RC",
    ];
    let methods: Vec<&str> = text
        .split("Algorithm=\"")
        .skip(1)
        .filter_map(|s| s.split('"').next())
        .collect();
    let drm = text.contains("EncryptedData") && methods.iter().any(|m| !font_only.contains(m));
    if drm {
        return Err("its content is encrypted (DRM): hark can only read books without DRM; use the publisher's DRM-free edition".into());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_match_across_their_numbering() {
        assert!(same_title(
            "I. The Rabbi and the Diadem",
            "1. The Rabbi and The Diadem"
        ));
        assert!(same_title("190 A Four-Leaved Clover", "190"));
        assert!(same_title("Chapter 2: The Storm", "Chapter 2"));
        assert!(!same_title("II. Friendship", "III. True Charity"));
    }

    #[test]
    fn chapter_lists_are_numbers_and_ranges() {
        let c = Chapters::parse("3-5, 9").unwrap();
        assert!(c.has(3) && c.has(5) && c.has(9) && !c.has(6) && !c.has(1));
        assert!(Chapters::parse("0").unwrap_err().contains("from 1"));
        assert!(Chapters::parse("7-3").unwrap_err().contains("write 3-7"));
        assert!(
            Chapters::parse("two")
                .unwrap_err()
                .contains("--list-chapters")
        );
    }
}
