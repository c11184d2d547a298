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
    let depth = max_depth(&page);
    if depth > MAX_EXTRACTION_DEPTH {
        // Readability's scoring is quadratic in nesting depth; no real article nests this deep.
        doc.warnings.push(format!(
            "the page nests elements {depth} deep; reading its whole body without article extraction"
        ));
        doc.title = page_title(&page);
        walk(&page, &mut doc);
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
            walk(&Html::parse_fragment(&article.content), &mut doc);
        }
        other => {
            if let Err(e) = other {
                doc.warnings.push(format!(
                    "article extraction failed ({e}); reading the whole page body"
                ));
            }
            doc.title = page_title(&page);
            walk(&page, &mut doc);
        }
    }
    doc
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
    buf: String,
    stack: Vec<Kind>,
    row: Vec<String>,
    rows: Vec<Vec<String>>,
}

fn walk(html: &Html, doc: &mut Document) {
    let mut w = Walker {
        doc,
        buf: String::new(),
        stack: Vec::new(),
        row: Vec::new(),
        rows: Vec::new(),
    };
    for edge in html.tree.root().traverse() {
        match edge {
            Edge::Open(node) => match node.value() {
                Node::Text(t) if !w.silent() => w.buf.push_str(t),
                Node::Element(e) => match e.name() {
                    "br" => w.buf.push(' '),
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
        let text = collapse_whitespace(&std::mem::take(&mut self.buf));
        if text.is_empty() || self.silent() {
            return;
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
            Kind::Caption => Block::Figure(text),
            Kind::Cell => {
                self.row.push(text);
                return;
            }
            Kind::Paragraph | Kind::Code | Kind::Silent => Block::Paragraph(text),
        };
        self.doc.blocks.push(block);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_elements_to_blocks_and_decodes_entities() {
        let mut doc = Document::default();
        let html = Html::parse_document(
            "<html><body><nav>Home | About</nav><h2>Fish &amp; chips</h2><p>A <b>short</b> paragraph.</p>\
             <ul><li>one</li><li>two</li></ul><blockquote>Quoted.</blockquote><script>var x;</script>\
             <figure><img src=x><figcaption>A caption</figcaption></figure><footer>© Site</footer></body></html>",
        );
        walk(&html, &mut doc);
        assert_eq!(
            doc.blocks,
            [
                Block::Heading {
                    level: 2,
                    text: "Fish & chips".into()
                },
                Block::Paragraph("A short paragraph.".into()),
                Block::List(vec!["one".into(), "two".into()]),
                Block::Quote("Quoted.".into()),
                Block::Figure("A caption".into()),
            ]
        );
    }

    #[test]
    fn extracts_the_article_from_a_page() {
        let para = "The river rose through the night and the town woke to water in its streets. "
            .repeat(6);
        let page = format!(
            "<html><head><title>Flood - Daily</title></head><body><nav><a href=/>Home</a></nav>\
             <article><h1>Flood</h1><p>{para}</p><h2>What next</h2><p>{para}</p></article>\
             <footer>Copyright 2024 Daily</footer></body></html>"
        );
        let doc = parse(&page);
        assert!(doc.blocks.contains(&Block::Heading {
            level: 2,
            text: "What next".into()
        }));
        assert!(
            !doc.blocks
                .iter()
                .any(|b| matches!(b, Block::Paragraph(t) if t.contains("Copyright")))
        );
    }

    #[test]
    fn the_declared_publication_date_is_kept() {
        let para = "The river rose through the night and the town woke to water in its streets. "
            .repeat(6);
        let page = |head: &str| {
            format!(
                "<html><head><title>Flood</title>{head}</head><body>\
                 <article><h1>Flood</h1><p>{para}</p></article></body></html>"
            )
        };
        let meta = r#"<meta property="article:published_time" content="2024-06-25T21:28:31.000Z">"#;
        assert_eq!(parse(&page(meta)).date.as_deref(), Some("2024-06-25"));
        let json_ld = r#"<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","datePublished":"2019-02-21T08:00:08Z"}</script>"#;
        assert_eq!(parse(&page(json_ld)).date.as_deref(), Some("2019-02-21"));
        assert_eq!(parse(&page("")).date, None);
    }

    #[test]
    fn deep_nesting_is_walked_without_recursion() {
        let page = format!(
            "<html><body>{}deep text{}</body></html>",
            "<div>".repeat(3000),
            "</div>".repeat(3000)
        );
        let doc = parse(&page);
        assert!(
            doc.blocks
                .iter()
                .any(|b| matches!(b, Block::Paragraph(t) if t == "deep text"))
        );
    }
}
