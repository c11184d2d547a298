//! The shared vocabulary of the pipeline: what `ingest` produces and `clean` and `segment` consume.
//!
//! A [`Document`] is a flat list of [`Block`]s in reading order, plus what cleaning dropped.
//! Every format (plain text, Markdown, HTML) maps onto these blocks, so that everything after
//! ingest is format-blind.

use serde::{Deserialize, Serialize};

/// One unit of an article's body, in reading order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    /// A heading; `level` is 1 (title) to 6.
    Heading { level: u8, text: String },
    /// Running prose.
    Paragraph(String),
    /// The items of a list, each as its own text.
    List(Vec<String>),
    /// A block quotation.
    Quote(String),
    /// A code block; kept so that the listener can be told code was left out.
    Code(String),
    /// A table as rows of cells; the first row is the header when `header` is set.
    Table {
        rows: Vec<Vec<String>>,
        header: bool,
    },
    /// A figure's caption (the image itself cannot be heard).
    Figure(String),
}

/// What kind of boilerplate a dropped piece was, so that a user can see why it was left out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum DropKind {
    /// "More To Read", "Related", lists of headlines.
    RelatedLinks,
    /// "Advertisement" and similar markers.
    Ad,
    /// "PHOTO | FILE", "Image caption", photo credits.
    PhotoCredit,
    /// A pull quote that repeats an earlier sentence word for word.
    PullQuote,
    /// "Top Stories Today", "Trending Now" and the headlines under them.
    SiteWidget,
    /// "Share this article", "Follow us on…".
    Share,
    /// Cookie and consent banners.
    CookieBanner,
    /// Copyright lines and page footers.
    Footer,
    /// Code blocks (never read as code).
    Code,
    /// Images without a caption.
    Image,
    /// Markdown front matter other than the title.
    FrontMatter,
    /// Footnote definitions.
    Footnote,
    /// Video and gallery player controls: "Play Video", "Image 1 of 4", "Fullscreen".
    PlayerControls,
    /// "Updated 3:04 PM EDT": when the page changed, not what it says.
    Timestamp,
    /// The author's bio line at the end ("Jane Doe covers health for …").
    AuthorBio,
    /// Reference markers, Pandoc attribute blocks and the like: marks, not words.
    Markup,
    /// A book's front and back matter: cover, title page, copyright, printed contents, index,
    /// colophon, notes.
    BookMatter,
}

/// A piece of the input that will not be spoken, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dropped {
    /// Why it was dropped.
    pub kind: DropKind,
    /// The text as written.
    pub text: String,
}

/// An article after ingest: its title (when the format states one) and its blocks.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Document {
    /// The title the source declares (HTML `<title>`/readability, Markdown front matter).
    /// Plain text has none: its first line is a level-1 heading instead.
    pub title: Option<String>,
    /// The publication date the source declares, `YYYY-MM-DD` (see `ingest::date`).
    pub date: Option<String>,
    /// The language the source declares, as written there (HTML `lang`, `og:locale`,
    /// `content-language`; front matter `lang`; SSML `xml:lang`).
    pub language: Option<String>,
    /// The authors the source declares (an EPUB's `dc:creator`), in its order.
    pub authors: Vec<String>,
    /// The cover picture the source declares (an EPUB's cover image), for editions that show one.
    pub cover: Option<Cover>,
    /// The body, in reading order.
    pub blocks: Vec<Block>,
    /// What ingest or cleaning left out.
    pub dropped: Vec<Dropped>,
    /// Non-fatal problems met on the way (replaced bytes, unsupported constructs).
    pub warnings: Vec<String>,
}

/// A picture that stands for the whole work: a book's cover.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cover {
    /// Its media type as declared (`image/jpeg`, `image/png`, …).
    pub media_type: String,
    pub bytes: Vec<u8>,
}

/// Collapses runs of whitespace (including newlines and NBSP) into single spaces and trims.
pub fn collapse_whitespace(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for word in s.split(|c: char| c.is_whitespace()) {
        if word.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// Removes characters that no listener can hear and no XML document may hold (NUL and other
/// C0/C1 controls but tab and newline, BOMs, noncharacters), and the bidirectional controls
/// (embeddings, overrides, isolates, marks) that can make a written title read as something
/// else. Unpaired surrogates never reach here.
pub fn strip_controls(s: &str) -> String {
    without_escape_sequences(s)
        .chars()
        .filter(|&c| {
            c == '\n'
                || c == '\t'
                || !(c.is_control()
                    || matches!(
                        c,
                        '\u{feff}'
                            | '\u{fffe}'
                            | '\u{ffff}'
                            | '\u{200e}'
                            | '\u{200f}'
                            | '\u{202a}'..='\u{202e}'
                            | '\u{2066}'..='\u{2069}'
                    ))
        })
        .collect()
}

/// Text copied from a terminal carries ANSI escape sequences ("\x1b[31m"): the escape alone
/// would be dropped as a control, leaving "[31m" to be read. CSI sequences (ESC [ … final
/// byte) and OSC sequences (ESC ] … BEL or ESC \\) go whole; another ESC takes the character
/// after it.
fn without_escape_sequences(s: &str) -> std::borrow::Cow<'_, str> {
    if !s.contains('\u{1b}') {
        return std::borrow::Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '\u{1b}' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('[') => {
                // Parameters and intermediates, then one final byte in @..~.
                for c in chars.by_ref() {
                    if ('@'..='~').contains(&c) {
                        break;
                    }
                }
            }
            Some(']') => {
                while let Some(c) = chars.next() {
                    if c == '\u{7}' || (c == '\u{1b}' && chars.next_if_eq(&'\\').is_some()) {
                        break;
                    }
                }
            }
            _ => {}
        }
    }
    std::borrow::Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terminal_colours_are_not_read() {
        assert_eq!(
            strip_controls("\u{1b}[1;31merror\u{1b}[0m: done \u{1b}]0;title\u{7}ok"),
            "error: done ok"
        );
    }

    #[test]
    fn collapses_all_whitespace() {
        assert_eq!(collapse_whitespace("  a\u{a0}\n b\t c  "), "a b c");
    }

    #[test]
    fn strips_nul_and_controls_but_keeps_newlines() {
        assert_eq!(strip_controls("a\0b\u{7}c\nd\u{feff}"), "abc\nd");
        assert_eq!(strip_controls("ab\u{202e}cd\u{2066}e\u{200f}"), "abcde");
    }
}
