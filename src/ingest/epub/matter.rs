//! Front and back matter: the parts of a book that are not read in an audio edition (the cover,
//! the title page, the copyright page, the printed table of contents, the index, the
//! colophon, and the notes, which are not read in the middle of the text either). Known by the
//! book's own words for them (EPUB 3 landmarks and `epub:type`, the EPUB 2 guide), then by the
//! name of the file or of its entry in the table of contents.

/// The structural types (EPUB 3 `epub:type`, EPUB 2 guide `type`) of parts left out.
const TYPES: &[&str] = &[
    "cover",
    "titlepage",
    "title-page",
    "halftitlepage",
    "copyright-page",
    "copyright",
    "toc",
    "lot",
    "loi",
    "index",
    "colophon",
    "imprint",
    "endnotes",
    "rearnotes",
    "footnotes",
    "errata",
];

/// Words that name such a part, as a file name or a contents entry says it.
const NAMES: &[&str] = &[
    "cover",
    "title page",
    "titlepage",
    "copyright",
    "contents",
    "table of contents",
    "toc",
    "index",
    "colophon",
    "notes",
    "endnotes",
    "footnotes",
];

/// What is known of a spine file when deciding.
pub struct Part<'a> {
    /// Its path inside the archive.
    pub path: &'a str,
    /// The types the book gives it (landmarks, guide, its `<body>`'s or first section's
    /// `epub:type`).
    pub types: Vec<String>,
    /// The titles of its entries in the table of contents.
    pub titles: Vec<&'a str>,
}

/// Words that name such a part as a file name. Not "index" or "notes": converters name the
/// book's text itself `index_split_000.html`, and a chapter may be `notes-from-a-journey`.
/// "title" alone is a title page too ("title.xhtml"), but not as one word among others.
const FILE_NAMES: &[&str] = &["cover", "titlepage", "copyright", "colophon", "toc"];

/// Whether the part is front or back matter, and what it is called (for the dropped list).
pub fn matter(part: &Part) -> Option<String> {
    if let Some(kind) = part
        .types
        .iter()
        .flat_map(|t| t.split_whitespace())
        .find(|t| TYPES.contains(&t.to_ascii_lowercase().as_str()))
    {
        return Some(kind.to_ascii_lowercase());
    }
    // The whole title, or its last part after a dash or colon ("Book Title - Contents").
    let named = |name: &str| {
        let name = name.to_lowercase();
        let last = [": ", " - ", " – ", " — "]
            .iter()
            .filter_map(|sep| name.rsplit_once(sep).map(|(_, l)| l.trim()))
            .min_by_key(|l| l.len())
            .unwrap_or(&name);
        NAMES
            .iter()
            .find(|n| name == **n || last == **n)
            .map(|n| n.to_string())
    };
    if let Some(title) = part.titles.iter().find_map(|t| named(t.trim())) {
        return Some(title);
    }
    let stem = part
        .path
        .rsplit('/')
        .next()
        .unwrap_or_default()
        .split('.')
        .next()
        .unwrap_or_default()
        .to_lowercase()
        .replace(['_', '-'], " ");
    // File names carry numbers and prefixes ("01_cover", "x_copyright"): any word counts.
    let words: Vec<&str> = stem
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
        .collect();
    if words == ["title"] {
        return Some("title page".into());
    }
    words
        .into_iter()
        .find(|w| FILE_NAMES.contains(w))
        .map(str::to_string)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn part<'a>(path: &'a str, types: &[&str], titles: &[&'a str]) -> Part<'a> {
        Part {
            path,
            types: types.iter().map(|t| t.to_string()).collect(),
            titles: titles.to_vec(),
        }
    }

    #[test]
    fn by_type_by_title_and_by_file_name() {
        assert_eq!(
            matter(&part("a.xhtml", &["frontmatter copyright-page"], &[])).as_deref(),
            Some("copyright-page")
        );
        assert_eq!(
            matter(&part("a.xhtml", &[], &["Table of Contents"])).as_deref(),
            Some("table of contents")
        );
        assert_eq!(
            matter(&part("OEBPS/01_cover.xhtml", &[], &[])).as_deref(),
            Some("cover")
        );
        assert_eq!(matter(&part("OEBPS/index_split_000.html", &[], &[])), None);
        assert_eq!(
            matter(&part("OEBPS/x_copyright.html", &[], &[])).as_deref(),
            Some("copyright")
        );
        // Chapters are read, whatever they are called.
        assert_eq!(
            matter(&part(
                "OEBPS/chapter-3.xhtml",
                &["bodymatter chapter"],
                &["The Cover Story"]
            )),
            None
        );
        assert_eq!(
            matter(&part("OEBPS/discovery.xhtml", &[], &["Discovery"])),
            None
        );
    }
}
