//! Sectioning: a cleaned [`Document`] → [`Article`], one [`Section`] per heading.
//!
//! Everything before the first heading is the title section (level 1), headed by the title when
//! the source states one. A text without headings is one section. Lists, tables, quotes and
//! captions become paragraphs in reading order; a code block becomes a short note that code was
//! left out, so a listener knows something was there.

use crate::document::{Block, Document, Dropped};

/// An article ready to be turned into speech.
#[derive(Debug, Clone, PartialEq)]
pub struct Article {
    /// The article's title (from the source, or its first words when it has none).
    pub title: String,
    /// The publication date the source declares, `YYYY-MM-DD`.
    pub date: Option<String>,
    /// The authors the source declares.
    pub authors: Vec<String>,
    /// The cover picture the source declares.
    pub cover: Option<crate::document::Cover>,
    /// The language it is read in (set after segmenting, see [`crate::language`]).
    pub language: crate::language::ArticleLanguage,
    /// The sections in reading order; never empty.
    pub sections: Vec<Section>,
    /// What was left out, and why.
    pub dropped: Vec<Dropped>,
    /// Non-fatal problems met while reading it.
    pub warnings: Vec<String>,
}

/// What is said about an article as a whole once its sections are speech: its [`Article`]
/// without the sections.
#[derive(Debug, Clone, PartialEq)]
pub struct ArticleHead {
    /// The article's title (from the source, or its first words when it has none).
    pub title: String,
    /// The publication date the source declares, `YYYY-MM-DD`.
    pub date: Option<String>,
    /// The authors the source declares.
    pub authors: Vec<String>,
    /// The cover picture the source declares.
    pub cover: Option<crate::document::Cover>,
    /// The language it is read in.
    pub language: crate::language::ArticleLanguage,
    /// What was left out, and why.
    pub dropped: Vec<Dropped>,
    /// Non-fatal problems met while reading it.
    pub warnings: Vec<String>,
}

impl Article {
    /// The article without its sections (once they have been turned into speech).
    pub fn head(self) -> ArticleHead {
        ArticleHead {
            title: self.title,
            date: self.date,
            authors: self.authors,
            cover: self.cover,
            language: self.language,
            dropped: self.dropped,
            warnings: self.warnings,
        }
    }
}

/// One section: a heading and the paragraphs under it.
#[derive(Debug, Clone, PartialEq)]
pub struct Section {
    /// Position in the article, from 0.
    pub index: usize,
    /// Heading level: 1 for the title section, 2–6 below.
    pub level: u8,
    /// The section's title (its heading, or the article's title for a lead without one).
    pub title: String,
    /// The heading as it is spoken; `None` when the title was made up by hark (not in the text).
    pub heading: Option<String>,
    /// The paragraphs, as written.
    pub paragraphs: Vec<String>,
}

/// What a listener hears in place of a code block.
pub const CODE_NOTE: &str = "A code example is left out here.";

/// Splits a document into sections at its headings.
pub fn segment(doc: Document) -> Article {
    let declared = doc.title.clone().filter(|t| !t.trim().is_empty());
    let mut sections: Vec<Section> = Vec::new();
    let mut current = Section {
        index: 0,
        level: 1,
        title: String::new(),
        heading: declared.clone(),
        paragraphs: Vec::new(),
    };
    // Until the first heading or paragraph, the lead section may take the first heading as its
    // own (or merge it with the declared title when they say the same).
    let mut lead_open = true;
    for block in doc.blocks {
        if !matches!(block, Block::Heading { .. }) {
            lead_open = false;
        }
        match block {
            Block::Heading { level, text } => {
                if std::mem::take(&mut lead_open) {
                    match &current.heading {
                        None => {
                            current.heading = Some(text);
                            current.level = level;
                            continue;
                        }
                        Some(title) if same_text(title, &text) => {
                            current.level = level;
                            continue;
                        }
                        Some(_) => {}
                    }
                }
                let index = sections.len() + 1;
                sections.push(std::mem::replace(
                    &mut current,
                    Section {
                        index,
                        level,
                        title: String::new(),
                        heading: Some(text),
                        paragraphs: Vec::new(),
                    },
                ));
            }
            Block::Paragraph(text) | Block::Quote(text) | Block::Figure(text) => {
                current.paragraphs.push(text)
            }
            Block::List(items) => current.paragraphs.extend(items),
            Block::Code(_) => current.paragraphs.push(CODE_NOTE.to_string()),
            Block::Table { rows, header } => current.paragraphs.extend(table_rows(&rows, header)),
        }
    }
    sections.push(current);
    let title = declared
        .or_else(|| {
            sections
                .iter()
                .find_map(|s| s.heading.clone())
                .filter(|h| !h.trim().is_empty())
        })
        .unwrap_or_else(|| title_from_text(&sections));
    for (index, section) in sections.iter_mut().enumerate() {
        section.index = index;
        section.title = match &section.heading {
            Some(h) => h.clone(),
            None => title.clone(),
        };
    }
    if sections[0].heading.is_none() {
        sections[0].level = 1;
    }
    Article {
        title,
        date: doc.date,
        authors: doc.authors,
        cover: doc.cover,
        language: Default::default(),
        sections,
        dropped: doc.dropped,
        warnings: doc.warnings,
    }
}

fn same_text(a: &str, b: &str) -> bool {
    a.trim().eq_ignore_ascii_case(b.trim())
}

/// A table read row by row: "Header: value; Header: value." when it has a header row.
fn table_rows(rows: &[Vec<String>], header: bool) -> Vec<String> {
    let (head, body) = match (header, rows.split_first()) {
        (true, Some((head, body))) if !body.is_empty() => (Some(head), body),
        _ => (None, rows),
    };
    body.iter()
        .filter(|row| row.iter().any(|c| !c.is_empty()))
        .map(|row| {
            let cells: Vec<String> = match head {
                Some(head) => row
                    .iter()
                    .enumerate()
                    .map(|(i, cell)| match head.get(i).filter(|h| !h.is_empty()) {
                        Some(h) => format!("{h}: {cell}"),
                        None => cell.clone(),
                    })
                    .collect(),
                None => row.clone(),
            };
            let mut line = cells.join("; ");
            if !line.ends_with(['.', '!', '?']) {
                line.push('.');
            }
            line
        })
        .collect()
}

/// A title for a text that has none: its first words.
fn title_from_text(sections: &[Section]) -> String {
    let first = sections.iter().flat_map(|s| s.paragraphs.first()).next();
    let Some(text) = first else {
        return "Untitled".to_string();
    };
    let words: Vec<&str> = text.split_whitespace().take(10).collect();
    let mut title = words
        .join(" ")
        .trim_end_matches(['.', ',', ';', ':'])
        .to_string();
    if text.split_whitespace().count() > 10 {
        title.push('…');
    }
    if title.is_empty() {
        "Untitled".to_string()
    } else {
        title
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(blocks: Vec<Block>) -> Document {
        Document {
            blocks,
            ..Default::default()
        }
    }

    #[test]
    fn title_heading_and_sections() {
        let a = segment(doc(vec![
            Block::Heading {
                level: 1,
                text: "Title".into(),
            },
            Block::Paragraph("Standfirst.".into()),
            Block::Heading {
                level: 2,
                text: "Part".into(),
            },
            Block::List(vec!["a".into(), "b".into()]),
        ]));
        assert_eq!(a.title, "Title");
        assert_eq!(a.sections.len(), 2);
        assert_eq!(
            (a.sections[0].level, a.sections[0].title.as_str()),
            (1, "Title")
        );
        assert_eq!(a.sections[1].paragraphs, ["a", "b"]);
    }

    #[test]
    fn no_headings_is_one_section_with_a_made_up_title_not_spoken() {
        let a = segment(doc(vec![Block::Paragraph("Just some words here.".into())]));
        assert_eq!(a.sections.len(), 1);
        assert_eq!(a.title, "Just some words here");
        assert_eq!(a.sections[0].heading, None);
    }

    #[test]
    fn declared_title_merges_with_equal_first_heading() {
        let mut d = doc(vec![
            Block::Heading {
                level: 1,
                text: "Flood".into(),
            },
            Block::Paragraph("x.".into()),
        ]);
        d.title = Some("Flood".into());
        let a = segment(d);
        assert_eq!(a.sections.len(), 1);
    }

    #[test]
    fn tables_are_read_row_by_row() {
        let rows = vec![
            vec!["City".into(), "Rain".into()],
            vec!["Nairobi".into(), "12 mm".into()],
        ];
        assert_eq!(table_rows(&rows, true), ["City: Nairobi; Rain: 12 mm."]);
    }
}
