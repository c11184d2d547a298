//! Markdown (CommonMark with front matter, tables and footnotes) → [`Document`], via pulldown-cmark.
//!
//! Headings keep their levels; links are read as their text; images, code blocks, raw HTML and
//! footnote definitions are not read (code and images are listed as dropped); footnote markers
//! vanish; tables become rows of cells. YAML front matter gives the title and nothing else.
//! The walk keeps counters rather than recursing, so deeply nested input cannot exhaust the stack.

use crate::document::{Block, Document, DropKind, Dropped, collapse_whitespace, strip_controls};
use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

#[derive(Default)]
struct Walk {
    doc: Document,
    /// Inline text of the block being read.
    buf: String,
    /// Text of the list items being read, innermost last.
    items: Vec<String>,
    /// Items of the outermost list being read (nested items are flattened into it).
    list: Vec<String>,
    list_depth: usize,
    quote_depth: usize,
    /// Inside something whose text is not spoken (image alt, footnote definition, front matter).
    skip_depth: usize,
    image_alt: String,
    front_matter: String,
    in_front_matter: bool,
    code: Option<String>,
    table: Option<Vec<Vec<String>>>,
    row: Vec<String>,
    /// Letters and digits of `buf` that came as inline code, and as anything else: a
    /// paragraph or list item made only of code (an API listing) is code, not prose.
    buf_code: usize,
    buf_prose: usize,
    /// Whether each item being read (parallel to `items`) has been code only so far.
    items_code_only: Vec<bool>,
    /// Items of the outermost list that were code only.
    list_code: Vec<String>,
    in_heading: bool,
}

/// Parses Markdown. Never fails.
pub fn parse(input: &str) -> Document {
    let input = strip_controls(input);
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
        | Options::ENABLE_PLUSES_DELIMITED_METADATA_BLOCKS
        | Options::ENABLE_HEADING_ATTRIBUTES;
    let mut w = Walk::default();
    for event in Parser::new_ext(&input, options) {
        w.event(event);
    }
    w.doc
}

impl Walk {
    fn event(&mut self, event: Event) {
        match event {
            Event::Start(tag) => self.start(tag),
            Event::End(tag) => self.end(tag),
            Event::Code(t) => {
                self.buf_code += alphanumerics(&t);
                self.text(&t)
            }
            Event::Text(t) | Event::InlineMath(t) | Event::DisplayMath(t) => {
                self.buf_prose += alphanumerics(&t);
                self.text(&t)
            }
            Event::SoftBreak => self.text(" "),
            Event::HardBreak => self.hard_break(),
            // Raw HTML, footnote markers, rules and task boxes are not spoken.
            Event::Html(_)
            | Event::InlineHtml(_)
            | Event::FootnoteReference(_)
            | Event::Rule
            | Event::TaskListMarker(_) => {}
        }
    }

    fn text(&mut self, t: &str) {
        if self.in_front_matter {
            self.front_matter.push_str(t);
        } else if let Some(code) = self.code.as_mut() {
            code.push_str(t);
        } else if self.skip_depth > 0 {
            self.image_alt.push_str(t);
        } else {
            self.buf.push_str(t);
        }
    }

    fn start(&mut self, tag: Tag) {
        match tag {
            Tag::MetadataBlock(_) => self.in_front_matter = true,
            Tag::CodeBlock(_) => self.code = Some(String::new()),
            Tag::Image { .. } | Tag::FootnoteDefinition(_) => self.skip_depth += 1,
            Tag::BlockQuote(_) => self.quote_depth += 1,
            Tag::List(_) => {
                // An item's own text comes before the items nested in it.
                self.flush_item_text();
                if let Some(item) = self.items.last_mut().map(std::mem::take)
                    && !item.is_empty()
                {
                    self.list.push(item);
                }
                self.list_depth += 1;
            }
            Tag::Item => {
                self.items.push(String::new());
                self.items_code_only.push(true);
            }
            Tag::Table(_) => self.table = Some(Vec::new()),
            Tag::Heading { .. } | Tag::Paragraph => {
                self.in_heading = matches!(tag, Tag::Heading { .. });
                self.buf.clear();
                (self.buf_code, self.buf_prose) = (0, 0);
            }
            _ => {}
        }
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::MetadataBlock(_) => {
                self.in_front_matter = false;
                let fm = std::mem::take(&mut self.front_matter);
                self.doc.title = front_matter_title(&fm);
                self.doc.language =
                    front_matter_value(&fm, "lang").or_else(|| front_matter_value(&fm, "language"));
                self.doc.date = super::date::front_matter(&fm);
                self.doc.dropped.push(Dropped {
                    kind: DropKind::FrontMatter,
                    text: collapse_whitespace(&fm),
                });
            }
            TagEnd::CodeBlock => {
                if let Some(code) = self.code.take() {
                    self.doc.dropped.push(Dropped {
                        kind: DropKind::Code,
                        text: code.trim_end().to_string(),
                    });
                    if self.skip_depth == 0 {
                        self.doc.blocks.push(Block::Code(code));
                    }
                }
            }
            TagEnd::Image => {
                self.skip_depth = self.skip_depth.saturating_sub(1);
                let alt = collapse_whitespace(&std::mem::take(&mut self.image_alt));
                self.doc.dropped.push(Dropped {
                    kind: DropKind::Image,
                    text: alt,
                });
            }
            TagEnd::FootnoteDefinition => {
                self.skip_depth = self.skip_depth.saturating_sub(1);
                let text = collapse_whitespace(&std::mem::take(&mut self.image_alt));
                self.doc.dropped.push(Dropped {
                    kind: DropKind::Footnote,
                    text,
                });
            }
            TagEnd::Heading(level) => {
                self.in_heading = false;
                let text = self.take_buf();
                if self.skip_depth == 0 {
                    self.doc.blocks.push(Block::Heading {
                        level: heading_level(level),
                        text,
                    });
                }
            }
            TagEnd::Paragraph => {
                if !self.items.is_empty() {
                    self.flush_item_text();
                    return;
                }
                let code_only = self.buf_is_code_only();
                let text = self.take_buf();
                if !text.is_empty() && self.skip_depth == 0 {
                    let block = if code_only {
                        self.doc.dropped.push(Dropped {
                            kind: DropKind::Code,
                            text: text.clone(),
                        });
                        Block::Code(text)
                    } else if self.quote_depth > 0 {
                        Block::Quote(text)
                    } else {
                        Block::Paragraph(text)
                    };
                    self.doc.blocks.push(block);
                }
            }
            TagEnd::Item => {
                self.flush_item_text();
                let code_only = self.items_code_only.pop().unwrap_or(false);
                if let Some(item) = self.items.pop()
                    && !item.is_empty()
                {
                    if code_only {
                        self.list_code.push(item);
                    } else {
                        self.list.push(item);
                    }
                }
            }
            TagEnd::List(_) => {
                self.list_depth = self.list_depth.saturating_sub(1);
                if self.list_depth == 0 && self.skip_depth == 0 {
                    if !self.list.is_empty() {
                        self.doc
                            .blocks
                            .push(Block::List(std::mem::take(&mut self.list)));
                    }
                    if !self.list_code.is_empty() {
                        let code = std::mem::take(&mut self.list_code).join("\n");
                        self.doc.dropped.push(Dropped {
                            kind: DropKind::Code,
                            text: code.clone(),
                        });
                        self.doc.blocks.push(Block::Code(code));
                    }
                }
            }
            TagEnd::BlockQuote(_) => self.quote_depth = self.quote_depth.saturating_sub(1),
            TagEnd::TableCell => {
                let cell = self.take_buf();
                self.row.push(cell);
            }
            TagEnd::TableHead | TagEnd::TableRow => {
                let row = std::mem::take(&mut self.row);
                if let Some(table) = self.table.as_mut() {
                    table.push(row);
                }
            }
            TagEnd::Table => {
                if let Some(rows) = self.table.take()
                    && self.skip_depth == 0
                {
                    self.doc.blocks.push(Block::Table { rows, header: true });
                }
            }
            _ => {}
        }
    }

    /// Tight list items carry their text without a paragraph: move it into the item.
    fn flush_item_text(&mut self) {
        let code_only = self.buf_is_code_only();
        let text = self.take_buf();
        if text.is_empty() {
            return;
        }
        if let Some(item) = self.items.last_mut() {
            join(item, &text);
        }
        if let Some(flag) = self.items_code_only.last_mut() {
            *flag &= code_only;
        }
    }

    /// A hard line break ends the line's sentence: the text so far stands as its own
    /// paragraph (its own sentence in a list item or heading), as a `<br>` does in HTML.
    fn hard_break(&mut self) {
        if self.in_front_matter || self.code.is_some() || self.skip_depth > 0 {
            return self.text(" ");
        }
        let open_item_or_heading =
            !self.items.is_empty() || self.table.is_some() || self.in_heading;
        let ends_sentence = self
            .buf
            .trim_end()
            .ends_with(['.', '!', '?', ':', ';', '…']);
        if open_item_or_heading || self.buf_code > 0 {
            if !ends_sentence && !self.buf.trim().is_empty() {
                self.buf.push('.');
            }
            return self.text(" ");
        }
        let text = self.take_buf();
        if !text.is_empty() {
            self.doc.blocks.push(if self.quote_depth > 0 {
                Block::Quote(text)
            } else {
                Block::Paragraph(text)
            });
        }
    }

    /// Whether the text read since the block began is inline code and nothing else but
    /// punctuation.
    fn buf_is_code_only(&self) -> bool {
        self.buf_code > 0 && self.buf_prose == 0
    }

    fn take_buf(&mut self) -> String {
        (self.buf_code, self.buf_prose) = (0, 0);
        collapse_whitespace(&without_attributes(&std::mem::take(&mut self.buf)))
    }
}

fn alphanumerics(t: &str) -> usize {
    t.chars().filter(|c| c.is_alphanumeric()).count()
}

fn join(into: &mut String, text: &str) {
    if text.is_empty() {
        return;
    }
    if !into.is_empty() {
        into.push(' ');
    }
    into.push_str(text);
}

fn heading_level(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

/// Pandoc's attribute blocks ("{#intro .note}", "{.smallcaps}") and fenced-div fences
/// (":::", "::: warning") mark up the text; they are never read.
fn without_attributes(t: &str) -> std::borrow::Cow<'_, str> {
    static ATTRIBUTES: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(
            r#"\[([^\]\[]*)\]\{[#.][^}]*\}|\s?\{\s*[#.][\w:.-]+(?:\s+(?:[#.][\w:.-]+|[\w-]+=(?:"[^"]*"|\S+)))*\s*\}|^\s*:{3,}[ \t]*(?:\{[^}]*\}|[\w-]+)?\s*|\s*:{3,}\s*$"#,
        )
        .expect("a valid pattern")
    });
    ATTRIBUTES.replace_all(t, "$1")
}

/// The `title:` of YAML front matter or the `title =` of TOML (`+++`) front matter; only plain
/// and quoted scalars on one line are understood.
fn front_matter_title(yaml: &str) -> Option<String> {
    front_matter_value(yaml, "title")
}

/// A top-level key's value in YAML (`key: value`) or TOML (`key = "value"`) front matter.
fn front_matter_value(yaml: &str, key: &str) -> Option<String> {
    yaml.lines().find_map(|line| {
        let value = line
            .strip_prefix(key)
            .and_then(|rest| rest.strip_prefix(':'))
            .or_else(|| {
                let (k, value) = line.split_once('=')?;
                (k.trim() == key).then_some(value)
            })?
            .trim();
        let value = value
            .strip_prefix('"')
            .and_then(|v| v.strip_suffix('"'))
            .or_else(|| value.strip_prefix('\'').and_then(|v| v.strip_suffix('\'')))
            .unwrap_or(value);
        let value = collapse_whitespace(value);
        (!value.is_empty()).then_some(value)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_only_paragraphs_and_items_are_code() {
        let doc = parse(
            "Stabilized APIs:\n\n- [`impl From<io::Stdout> for Stdio`](https://x.test/a)\n- [`io::Error::other`](https://x.test/b)\n\n`cargo build --release`\n\nRun `cargo build` to build it.\n",
        );
        assert_eq!(
            doc.blocks,
            [
                Block::Paragraph("Stabilized APIs:".into()),
                Block::Code("impl From<io::Stdout> for Stdio\nio::Error::other".into()),
                Block::Code("cargo build --release".into()),
                Block::Paragraph("Run cargo build to build it.".into()),
            ]
        );
        let mixed = parse("- `foo`, the first\n- `bar`\n");
        assert_eq!(
            mixed.blocks,
            [
                Block::List(vec!["foo, the first".into()]),
                Block::Code("bar".into())
            ]
        );
    }

    #[test]
    fn hard_line_breaks_end_a_sentence() {
        let doc = parse("123 Main Street  \nSpringfield\\\nOpen daily\n\n- one  \n  two\n");
        assert_eq!(
            doc.blocks,
            [
                Block::Paragraph("123 Main Street".into()),
                Block::Paragraph("Springfield".into()),
                Block::Paragraph("Open daily".into()),
                Block::List(vec!["one. two".into()]),
            ]
        );
    }

    #[test]
    fn headings_keep_levels_and_setext_works() {
        let doc = parse("# One\n\nText.\n\nTwo\n---\n\n### Three ###\n");
        let heads: Vec<_> = doc
            .blocks
            .iter()
            .filter(|b| matches!(b, Block::Heading { .. }))
            .cloned()
            .collect();
        assert_eq!(
            heads,
            [
                Block::Heading {
                    level: 1,
                    text: "One".into()
                },
                Block::Heading {
                    level: 2,
                    text: "Two".into()
                },
                Block::Heading {
                    level: 3,
                    text: "Three".into()
                }
            ]
        );
    }

    #[test]
    fn pandoc_spans_and_divs_are_not_read() {
        let doc = parse("::: note\nA [small]{.smallcaps} word.\n:::\n");
        assert_eq!(doc.blocks, [Block::Paragraph("A small word.".into())]);
    }

    #[test]
    fn toml_front_matter_and_pandoc_attributes() {
        let doc = parse(
            "+++\ntitle = \"Announcing Rust 1.74.0\"\ndate = 2023-11-16\nauthor = \"Team\"\n+++\n\n## What is new {#new .section}\n\nBody text.\n",
        );
        assert_eq!(doc.title.as_deref(), Some("Announcing Rust 1.74.0"));
        assert_eq!(doc.date.as_deref(), Some("2023-11-16"));
        assert_eq!(
            doc.blocks,
            [
                Block::Heading {
                    level: 2,
                    text: "What is new".into()
                },
                Block::Paragraph("Body text.".into())
            ]
        );
    }

    #[test]
    fn front_matter_gives_title_only() {
        let doc = parse("---\ntitle: \"Rivers: a guide\"\nauthor: Someone\n---\n\nBody text.\n");
        assert_eq!(doc.title.as_deref(), Some("Rivers: a guide"));
        assert_eq!(doc.blocks, [Block::Paragraph("Body text.".into())]);
    }

    #[test]
    fn links_images_footnotes_and_code() {
        let doc = parse(
            "See [the report](http://x.org) here![chart](c.png)[^1].\n\n```rust\nfn main() {}\n```\n\n[^1]: A note.\n",
        );
        assert_eq!(
            doc.blocks[0],
            Block::Paragraph("See the report here.".into())
        );
        assert!(matches!(doc.blocks[1], Block::Code(_)));
        assert_eq!(doc.blocks.len(), 2);
        let kinds: Vec<_> = doc.dropped.iter().map(|d| d.kind).collect();
        assert!(
            kinds.contains(&DropKind::Image)
                && kinds.contains(&DropKind::Code)
                && kinds.contains(&DropKind::Footnote)
        );
    }

    #[test]
    fn lists_quotes_and_tables() {
        let doc = parse("- a\n- b\n  - c\n\n> quoted\n\n| h1 | h2 |\n|---|---|\n| x | y |\n");
        assert_eq!(
            doc.blocks[0],
            Block::List(vec!["a".into(), "b".into(), "c".into()])
        );
        assert_eq!(doc.blocks[1], Block::Quote("quoted".into()));
        assert_eq!(
            doc.blocks[2],
            Block::Table {
                rows: vec![vec!["h1".into(), "h2".into()], vec!["x".into(), "y".into()]],
                header: true
            }
        );
    }

    #[test]
    fn deep_nesting_does_not_overflow() {
        let input = "> ".repeat(5000) + "deep\n";
        let doc = parse(&input);
        assert!(
            doc.blocks
                .iter()
                .any(|b| matches!(b, Block::Quote(t) if t == "deep"))
        );
    }
}
