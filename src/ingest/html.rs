//! HTML → [`Document`]: the article of a web page, not its navigation, banners or footer.
//!
//! The article is found by `dom_smoothie` (a port of Mozilla's Readability, the extractor behind
//! Firefox's reader view); when it finds none, the page's `<body>` is read with the obvious chrome
//! (`nav`, `header`, `footer`, `aside`, forms, scripts) left out. The chosen HTML is then walked
//! with an explicit stack (never recursion, so deep nesting cannot exhaust the stack) and mapped
//! onto blocks: `h1`–`h6`, `p`, `li`, `blockquote`, `figcaption`, `pre`, tables. Entities are
//! decoded by the HTML parser.

use crate::document::{Block, Document, DropKind, Dropped, collapse_whitespace, strip_controls};
use ego_tree::iter::Edge;
use scraper::{Html, Node};

/// Parses an HTML page. Never fails: a page without an article gives what its body holds.
pub fn parse(input: &str) -> Document {
    let input = strip_controls(input);
    let mut doc = Document::default();
    let page = Html::parse_document(&input);
    doc.language = declared_language(&page);
    let depth = max_depth(&page);
    if depth > MAX_EXTRACTION_DEPTH {
        // Readability's scoring is quadratic in nesting depth; no real article nests this deep.
        doc.warnings.push(format!(
            "the page nests elements {depth} deep; reading its whole body without article extraction"
        ));
        doc.title = page_title(&page);
        walk(&page, &mut doc, false);
        return doc;
    }
    let cfg = dom_smoothie::Config {
        max_elements_to_parse: 200_000,
        ..Default::default()
    };
    let extracted =
        dom_smoothie::Readability::new(input.as_str(), None, Some(cfg)).and_then(|mut r| r.parse());
    match extracted {
        Ok(article) if !article.text_content.trim().is_empty() => {
            let title = collapse_whitespace(&article.title);
            let fallback = (!title.is_empty()).then_some(title);
            doc.title = super::title::page_headline(&page, fallback, article.site_name.as_deref());
            doc.date = article
                .published_time
                .as_deref()
                .and_then(super::date::find);
            walk(&Html::parse_fragment(&article.content), &mut doc, false);
        }
        other => {
            if let Err(e) = other {
                doc.warnings.push(format!(
                    "article extraction failed ({e}); reading the whole page body"
                ));
            }
            doc.title = page_title(&page);
            walk(&page, &mut doc, false);
        }
    }
    doc
}

/// Parses a page once, for callers that look at it before reading it ([`content_of`]).
pub fn parse_page(input: &str) -> Html {
    Html::parse_document(&strip_controls(input))
}

/// One XHTML document of a book, parsed: all of its body is content, so there is no article
/// extraction (which would take a short chapter for a page's chrome).
pub fn content_of(page: &Html) -> Document {
    let mut doc = Document {
        language: declared_language(page),
        ..Default::default()
    };
    walk(page, &mut doc, true);
    doc
}

/// The language a page declares: `<html lang>`, else `og:locale`, else the
/// `content-language` header written as a meta element (its first language).
fn declared_language(page: &Html) -> Option<String> {
    let first = |selector: &str, attr: &str| {
        let sel = scraper::Selector::parse(selector).ok()?;
        page.select(&sel)
            .find_map(|e| e.value().attr(attr))
            .map(|v| v.split(',').next().unwrap_or("").trim().to_string())
            .filter(|v| !v.is_empty())
    };
    first("html[lang]", "lang")
        .or_else(|| first("html[xml\\:lang]", "xml:lang"))
        .or_else(|| first(r#"meta[property="og:locale"]"#, "content"))
        .or_else(|| first(r#"meta[http-equiv="content-language" i]"#, "content"))
}

/// Deeper pages than this skip article extraction (see [`parse`]).
const MAX_EXTRACTION_DEPTH: usize = 400;

fn max_depth(page: &Html) -> usize {
    let (mut depth, mut max) = (0usize, 0usize);
    for edge in page.tree.root().traverse() {
        match edge {
            Edge::Open(_) => {
                depth += 1;
                max = max.max(depth);
            }
            Edge::Close(_) => depth -= 1,
        }
    }
    max
}

fn page_title(page: &Html) -> Option<String> {
    let selector = scraper::Selector::parse("title").ok()?;
    let title = collapse_whitespace(&page.select(&selector).next()?.text().collect::<String>());
    super::title::page_headline(page, (!title.is_empty()).then_some(title), None)
}

/// What a block-level element turns into.
#[derive(Clone, Copy, PartialEq)]
enum Kind {
    Heading(u8),
    Paragraph,
    Item,
    Quote,
    Caption,
    Code,
    Cell,
    /// Elements whose content is never spoken.
    Silent,
}

/// Whether a text is a page-break marker's own label (`<span epub:type="pagebreak"
/// title="171">171</span>`, or `role="doc-pagebreak"`): the printed book's page number, which a
/// listener does not need. Only the label goes: an HTML parser leaves a self-closed marker
/// open over the text after it, which stays.
fn is_page_number(node: ego_tree::NodeRef<'_, Node>, text: &str) -> bool {
    let Some(Node::Element(e)) = node.parent().map(|p| p.value()) else {
        return false;
    };
    let marks_page = e
        .attr("epub:type")
        .is_some_and(|t| t.split_whitespace().any(|t| t == "pagebreak"))
        || e.attr("role") == Some("doc-pagebreak");
    let label = text.trim();
    let numeral = !label.is_empty()
        && (label.chars().all(|c| c.is_ascii_digit())
            || label.chars().all(|c| "ivxlcdmIVXLCDM".contains(c)));
    marks_page && (numeral || (!label.is_empty() && e.attr("title") == Some(label)))
}

fn kind_of(name: &str) -> Option<Kind> {
    Some(match name {
        "h1" => Kind::Heading(1),
        "h2" => Kind::Heading(2),
        "h3" => Kind::Heading(3),
        "h4" => Kind::Heading(4),
        "h5" => Kind::Heading(5),
        "h6" => Kind::Heading(6),
        "p" | "div" | "section" | "article" | "main" | "dd" | "dt" | "address" | "center" => {
            Kind::Paragraph
        }
        "li" => Kind::Item,
        "blockquote" => Kind::Quote,
        "figcaption" | "caption" => Kind::Caption,
        "pre" => Kind::Code,
        "td" | "th" => Kind::Cell,
        "script" | "style" | "noscript" | "template" | "svg" | "math" | "iframe" | "object"
        | "nav" | "header" | "footer" | "aside" | "form" | "button" | "select" | "textarea"
        | "head" | "title" => Kind::Silent,
        _ => return None,
    })
}

struct Walker<'d> {
    doc: &'d mut Document,
    /// Whether an image's alt text is read, and how deep inside `<figure>`s the walk is (a
    /// figure's caption is read instead; a figure without one, its images' alt text, as a
    /// picture book's pages have it).
    read_alt: bool,
    figure_depth: usize,
    figure_alts: Vec<String>,
    figure_captioned: bool,
    buf: String,
    /// How deep inside `<strong>`/`<b>` and `<code>`/`<kbd>`/`<samp>` the walk is.
    bold_depth: usize,
    code_depth: usize,
    /// Bytes of `buf` read outside bold and outside code (whitespace aside): a paragraph
    /// with none outside bold is a heading candidate, with none outside code, code.
    plain_outside_bold: usize,
    plain_outside_code: usize,
    /// Where `buf` stood when the open `<sup>` or in-page `<a>` elements began, to take
    /// back a note marker ("[1]", "²") when it closes.
    marks: Vec<usize>,
    /// The bold run that opens the paragraph, while it is still the only text.
    lead_bold: Option<String>,
    stack: Vec<Kind>,
    row: Vec<String>,
    rows: Vec<Vec<String>>,
}

/// Walks `html` into `doc`'s blocks; `read_alt`: an image's alt text is read (in a book,
/// where images are part of the text; on a web page they are left out).
fn walk(html: &Html, doc: &mut Document, read_alt: bool) {
    let mut w = Walker {
        doc,
        read_alt,
        figure_depth: 0,
        figure_alts: Vec::new(),
        figure_captioned: false,
        buf: String::new(),
        bold_depth: 0,
        code_depth: 0,
        plain_outside_bold: 0,
        plain_outside_code: 0,
        marks: Vec::new(),
        lead_bold: None,
        stack: Vec::new(),
        row: Vec::new(),
        rows: Vec::new(),
    };
    for edge in html.tree.root().traverse() {
        match edge {
            Edge::Open(node) => match node.value() {
                Node::Text(t) if !w.silent() && !is_page_number(node, t) => w.text(t),
                Node::Element(e) => match e.name() {
                    // A line break ends a line of prose as a sentence would; in code it stays.
                    "br" => match w.stack.last() {
                        _ if w.in_code_lines() => w.buf.push('\n'),
                        Some(Kind::Paragraph | Kind::Quote) | None => w.flush(),
                        _ => w.buf.push(' '),
                    },
                    "strong" | "b" => w.bold_depth += 1,
                    "code" | "kbd" | "samp" | "tt" => w.code_depth += 1,
                    "sup" => w.marks.push(w.buf.len()),
                    "figure" => {
                        if w.figure_depth == 0 {
                            w.figure_alts.clear();
                            w.figure_captioned = false;
                        }
                        w.figure_depth += 1
                    }
                    "img" if w.read_alt && w.figure_depth > 0 && !w.silent() => {
                        let alt = collapse_whitespace(e.attr("alt").unwrap_or_default());
                        if !alt.is_empty() {
                            w.figure_alts.push(alt);
                        }
                    }
                    "img" if w.read_alt && w.figure_depth == 0 && !w.silent() => {
                        let alt = collapse_whitespace(e.attr("alt").unwrap_or_default());
                        if !alt.is_empty() {
                            w.flush();
                            w.doc.blocks.push(Block::Figure(alt));
                        }
                    }
                    // An in-page link, or a book's note reference (to another file): a mark.
                    "a" if e.attr("href").is_some_and(|h| h.starts_with('#'))
                        || e.attr("epub:type").is_some_and(|t| t.contains("noteref")) =>
                    {
                        w.marks.push(w.buf.len())
                    }
                    "tr" => w.row.clear(),
                    name => {
                        if let Some(kind) = kind_of(name) {
                            w.flush();
                            w.stack.push(kind);
                        }
                    }
                },
                _ => {}
            },
            Edge::Close(node) => {
                if let Node::Element(e) = node.value() {
                    match e.name() {
                        "strong" | "b" => {
                            w.bold_depth = w.bold_depth.saturating_sub(1);
                            w.end_lead_bold();
                        }
                        "figure" => {
                            w.figure_depth = w.figure_depth.saturating_sub(1);
                            if w.figure_depth == 0 && !w.figure_captioned {
                                w.flush();
                                for alt in std::mem::take(&mut w.figure_alts) {
                                    w.doc.blocks.push(Block::Figure(alt));
                                }
                            }
                        }
                        "code" | "kbd" | "samp" | "tt" => {
                            w.code_depth = w.code_depth.saturating_sub(1)
                        }
                        "sup" => w.take_back_note_mark(),
                        "a" if e.attr("href").is_some_and(|h| h.starts_with('#'))
                            || e.attr("epub:type").is_some_and(|t| t.contains("noteref")) =>
                        {
                            w.take_back_note_mark()
                        }
                        "tr" => {
                            let row = std::mem::take(&mut w.row);
                            if row.iter().any(|c| !c.is_empty()) {
                                w.rows.push(row);
                            }
                        }
                        "table" => {
                            let rows = std::mem::take(&mut w.rows);
                            if !rows.is_empty() && !w.silent() {
                                w.doc.blocks.push(Block::Table {
                                    rows,
                                    header: false,
                                });
                            }
                        }
                        name => {
                            if kind_of(name).is_some() {
                                w.flush();
                                w.stack.pop();
                            }
                        }
                    }
                }
            }
        }
    }
    w.flush();
}

impl Walker<'_> {
    fn silent(&self) -> bool {
        self.stack.contains(&Kind::Silent)
    }

    /// Inside code, or in a run of lines that has held only code so far.
    fn in_code_lines(&self) -> bool {
        self.code_depth > 0
            || self.stack.last() == Some(&Kind::Code)
            || (self.plain_outside_code == 0 && !self.buf.trim().is_empty())
    }

    fn text(&mut self, t: &str) {
        let visible = t.trim().len();
        if self.bold_depth == 0 {
            self.plain_outside_bold += visible;
        }
        if self.code_depth == 0 {
            self.plain_outside_code += visible;
        }
        self.buf.push_str(t);
    }

    /// A `<sup>` or in-page link that held only a note marker ("1", "[12]", "*", "†") is
    /// a reference, not words: its text is taken back out of the paragraph.
    fn take_back_note_mark(&mut self) {
        let Some(at) = self.marks.pop() else { return };
        let Some(added) = self.buf.get(at..) else {
            return;
        };
        let mark = added.trim().trim_matches(['[', ']', '(', ')']);
        let is_mark = !mark.is_empty()
            && mark.chars().count() <= 8
            && mark.chars().all(|c| {
                c.is_ascii_digit() || matches!(c, ',' | '-' | '–' | '*' | '†' | '‡' | ' ')
            });
        if is_mark {
            self.buf.truncate(at);
        }
    }

    /// When the paragraph's first bold run closes with nothing read before it, remember it:
    /// it is a run-in label ("Summary") if prose follows it.
    fn end_lead_bold(&mut self) {
        if self.bold_depth == 0 && self.plain_outside_bold == 0 && self.lead_bold.is_none() {
            self.lead_bold = Some(self.buf.clone());
        }
    }

    /// Ends the text run being read and turns it into a block of the innermost open kind.
    fn flush(&mut self) {
        let kind = self.stack.last().copied().unwrap_or(Kind::Paragraph);
        if kind == Kind::Code {
            let code = std::mem::take(&mut self.buf);
            if !code.trim().is_empty() {
                self.doc.dropped.push(Dropped {
                    kind: DropKind::Code,
                    text: code.trim_end().to_string(),
                });
                self.doc.blocks.push(Block::Code(code));
            }
            return;
        }
        let all_bold = self.plain_outside_bold == 0;
        let all_code = self.plain_outside_code == 0;
        let lead_bold = self.lead_bold.take().map(|b| collapse_whitespace(&b));
        (self.plain_outside_bold, self.plain_outside_code) = (0, 0);
        let text = collapse_whitespace(&std::mem::take(&mut self.buf));
        if text.is_empty() || self.silent() {
            return;
        }
        if kind == Kind::Paragraph {
            if all_code {
                // Code set in a paragraph (often a <div> of <code> lines and <br>s) is code.
                self.doc.dropped.push(Dropped {
                    kind: DropKind::Code,
                    text: text.clone(),
                });
                self.doc.blocks.push(Block::Code(text));
                return;
            }
            if all_bold && is_heading_like(&text) {
                self.doc.blocks.push(Block::Heading { level: 3, text });
                return;
            }
            // "<b>Summary</b> The study found…": the label stands apart, so a pause follows it.
            if let Some(label) = lead_bold.filter(|l| is_run_in_label(l, &text)) {
                let rest = text[label.len()..].trim_start().to_string();
                self.doc.blocks.push(Block::Paragraph(label));
                self.doc.blocks.push(Block::Paragraph(rest));
                return;
            }
        }
        let block = match kind {
            Kind::Heading(level) => Block::Heading { level, text },
            Kind::Item => match self.doc.blocks.last_mut() {
                Some(Block::List(items)) => {
                    items.push(text);
                    return;
                }
                _ => Block::List(vec![text]),
            },
            Kind::Quote => Block::Quote(text),
            Kind::Caption => {
                self.figure_captioned |= self.figure_depth > 0;
                Block::Figure(text)
            }
            Kind::Cell => {
                self.row.push(text);
                return;
            }
            Kind::Paragraph | Kind::Code | Kind::Silent => Block::Paragraph(text),
        };
        self.doc.blocks.push(block);
    }
}

/// A bold-only paragraph that reads as a heading: short, and not a sentence that ends in a
/// full stop or a colon (those are emphasis, or a label for what follows), nor an address
/// set in bold (an e-mail or a link).
fn is_heading_like(text: &str) -> bool {
    let words = text.split_whitespace().count();
    (1..=14).contains(&words)
        && !text.contains('@')
        && !text.contains("://")
        && !text
            .trim_end()
            .ends_with(['.', ':', ',', ';', '!', '"', '”'])
}

/// A bold run at a paragraph's start that labels it ("Summary", "Why it matters:"): a few
/// words, with prose after them.
fn is_run_in_label(label: &str, text: &str) -> bool {
    let words = label.split_whitespace().count();
    let rest = text.get(label.len()..).unwrap_or("").trim_start();
    (1..=5).contains(&words)
        && text.starts_with(label)
        && rest.split_whitespace().count() >= 3
        && !label.ends_with(['.', '!', '?', ','])
        && (label.ends_with(':') || rest.starts_with(|c: char| c.is_uppercase()))
}

#[cfg(test)]
#[path = "html_tests.rs"]
mod tests;
