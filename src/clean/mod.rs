//! Boilerplate removal: [`Document`] → [`Document`] without what nobody should hear.
//!
//! Drops related-link blocks ("More To Read" and the headlines under it), ad markers, photo
//! credits, share prompts, cookie banners, footers, trailing site widgets ("Top Stories Today"),
//! pull quotes that repeat an earlier sentence word for word, and the picture links embedded
//! posts leave in a paragraph ("pic.twitter.com/…"). Everything dropped is kept in
//! [`Document::dropped`] with its [`DropKind`], so the manifest shows what was left out and
//! `--keep-boilerplate` (which skips this stage) gets it back.

use crate::document::{Block, Document, DropKind, Dropped};
use crate::sentences;
use markers::{marker_kind, normalize};
use regex::Regex;
use std::collections::HashSet;
use std::sync::LazyLock;
mod credits;
mod markers;

/// Removes boilerplate from a document's blocks.
pub fn clean(mut doc: Document) -> Document {
    let blocks = std::mem::take(&mut doc.blocks);
    let mut kept: Vec<Block> = Vec::with_capacity(blocks.len());
    let mut seen = HashSet::new();
    let mut repeated_long = 0usize;
    let mut i = 0;
    while i < blocks.len() {
        let block = &blocks[i];
        let line = short_text(block);
        let first_bio_line = i + 1;
        if let Some(kind) = line.and_then(marker_kind) {
            doc.dropped.push(Dropped {
                kind,
                text: block_text(block),
            });
            i += 1;
            if kind == DropKind::AuthorBio {
                // "About the author" and the paragraphs of the box under it.
                while let Some(next) = blocks
                    .get(i)
                    .filter(
                        |b| matches!(b, Block::Paragraph(t) if t.split_whitespace().count() <= 80),
                    )
                    .filter(|_| i <= first_bio_line + 2)
                {
                    doc.dropped.push(Dropped {
                        kind,
                        text: block_text(next),
                    });
                    i += 1;
                }
            }
            if matches!(kind, DropKind::RelatedLinks | DropKind::SiteWidget)
                && line.is_some_and(is_block_head)
            {
                // The headlines that follow a "More To Read" or "Top Stories" head go with it.
                while let Some(next) = blocks.get(i).filter(|b| is_headline_run(b)) {
                    doc.dropped.push(Dropped {
                        kind,
                        text: block_text(next),
                    });
                    i += 1;
                }
            }
            continue;
        }
        if let Some(text) = long_text(block) {
            let key = normalize(text);
            if key.split(' ').count() >= 5 && seen.contains(&key) && !is_pull_quote_sized(text) {
                // A long paragraph said again is a refrain or a repeated notice: content.
                repeated_long += 1;
            } else if key.split(' ').count() >= 5 && seen.contains(&key) {
                doc.dropped.push(Dropped {
                    kind: DropKind::PullQuote,
                    text: text.to_string(),
                });
                i += 1;
                continue;
            }
            if is_cookie_banner(&key) {
                doc.dropped.push(Dropped {
                    kind: DropKind::CookieBanner,
                    text: text.to_string(),
                });
                i += 1;
                continue;
            }
            seen.insert(key);
            for range in sentences::split(text) {
                seen.insert(normalize(&text[range]));
            }
            for quoted in quotations(text) {
                seen.insert(normalize(quoted));
            }
        }
        let unstamped = without_stamps_block(block, &mut doc.dropped);
        let block = unstamped.as_ref().unwrap_or(block);
        let credited = without_credit(block, &mut doc.dropped);
        let block = credited.as_ref().unwrap_or(block);
        if matches!(block, Block::Paragraph(t) | Block::Figure(t) if t.is_empty()) {
            i += 1;
            continue;
        }
        match without_picture_links(block, &mut doc.dropped) {
            Some(Block::Paragraph(text)) if text.is_empty() => {}
            Some(block) => kept.push(block),
            None => kept.push(block.clone()),
        }
        i += 1;
    }
    drop_closing_bio(&mut kept, &mut doc.dropped);
    doc.blocks = kept;
    if repeated_long > 0 {
        let (paragraphs, verb, they) = match repeated_long {
            1 => ("1 long paragraph".to_string(), "repeats", "it is"),
            n => (format!("{n} long paragraphs"), "repeat", "they are"),
        };
        doc.warnings.push(format!(
            "{paragraphs} {verb} an earlier one word for word; {they} kept and read again (only a \
             short repeated passage is taken for a pull quote)"
        ));
    }
    warn_when_much_is_dropped(&mut doc);
    doc
}

/// A pull quote is a sentence or two lifted from the text: at most two sentences and 60
/// words. A repeated paragraph longer than that is not one.
fn is_pull_quote_sized(text: &str) -> bool {
    text.split_whitespace().count() <= 60 && sentences::split(text).len() <= 2
}

/// The share of an article's words left out as boilerplate (code and front matter aside,
/// which are left out by design), with a warning past a quarter: a listener should not lose
/// a third of an article without being told.
fn warn_when_much_is_dropped(doc: &mut Document) {
    let words = |t: &str| t.split_whitespace().count();
    let dropped: usize = doc
        .dropped
        .iter()
        .filter(|d| !matches!(d.kind, DropKind::Code | DropKind::FrontMatter))
        .map(|d| words(&d.text))
        .sum();
    let kept: usize = doc.blocks.iter().map(|b| words(&block_text(b))).sum();
    let total = dropped + kept;
    if total > 0 && dropped * 4 > total {
        doc.warnings.push(format!(
            "{}% of the article's words ({dropped} of {total}) were dropped as boilerplate; \
             run with -v to see them, or keep them with --keep-boilerplate",
            dropped * 100 / total
        ));
    }
}

/// A short paragraph (a byline, a kicker) without the time stamps among its parts (kept in
/// `dropped`), or `None` when it has none.
fn without_stamps_block(block: &Block, dropped: &mut Vec<Dropped>) -> Option<Block> {
    let Block::Paragraph(text) = block else {
        return None;
    };
    let (kept, stamps) = markers::without_stamps(text)?;
    dropped.extend(stamps.into_iter().map(|text| Dropped {
        kind: DropKind::Timestamp,
        text,
    }));
    Some(Block::Paragraph(kept))
}

/// A caption or paragraph without the photo credit at its end (kept in `dropped`), or `None`
/// when it has none.
fn without_credit(block: &Block, dropped: &mut Vec<Dropped>) -> Option<Block> {
    let (text, figure) = match block {
        Block::Paragraph(t) => (t, false),
        Block::Figure(t) => (t, true),
        _ => return None,
    };
    let (kept, credit) = credits::split_credit(text)?;
    dropped.push(Dropped {
        kind: DropKind::PhotoCredit,
        text: credit,
    });
    Some(if figure {
        Block::Figure(kept)
    } else {
        Block::Paragraph(kept)
    })
}

/// The author's bio among the last two paragraphs goes (nothing after it but more bio or
/// furniture).
fn drop_closing_bio(blocks: &mut Vec<Block>, dropped: &mut Vec<Dropped>) {
    let start = blocks.len().saturating_sub(2);
    let mut i = start;
    while i < blocks.len() {
        match &blocks[i] {
            Block::Paragraph(text) if credits::is_author_bio(text) => {
                dropped.push(Dropped {
                    kind: DropKind::AuthorBio,
                    text: text.clone(),
                });
                blocks.remove(i);
            }
            _ => i += 1,
        }
    }
}

/// "… whenever needed pic.twitter.com/MYwRz9euaq": where a page embedded a post's photo, copied
/// text keeps the photo's link, which says nothing to a listener.
static PICTURE_LINK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\s*\bpic\.(?:twitter|x)\.com/[A-Za-z0-9]+").expect("a valid pattern")
});

/// The paragraph without its picture links (each kept in `dropped` as an image), or `None`
/// when it has none.
fn without_picture_links(block: &Block, dropped: &mut Vec<Dropped>) -> Option<Block> {
    let Block::Paragraph(text) = block else {
        return None;
    };
    let links: Vec<_> = PICTURE_LINK.find_iter(text).collect();
    if links.is_empty() {
        return None;
    }
    dropped.extend(links.iter().map(|link| Dropped {
        kind: DropKind::Image,
        text: link.as_str().trim().to_string(),
    }));
    Some(Block::Paragraph(
        PICTURE_LINK.replace_all(text, "").trim().to_string(),
    ))
}

/// The parts of `text` inside double quotation marks: a pull quote often repeats only those.
fn quotations(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut open: Option<usize> = None;
    for (i, c) in text.char_indices() {
        match (c, open) {
            ('“', _) | ('"', None) => open = Some(i + c.len_utf8()),
            ('”' | '"', Some(start)) => {
                out.push(&text[start..i]);
                open = None;
            }
            _ => {}
        }
    }
    out
}

/// The text of a block that could be a marker line: headings and short paragraphs.
fn short_text(block: &Block) -> Option<&str> {
    match block {
        Block::Heading { text, .. } | Block::Paragraph(text) | Block::Figure(text)
            if text.split_whitespace().count() <= 30 =>
        {
            Some(text)
        }
        _ => None,
    }
}

/// The text of prose blocks that a pull quote could repeat.
fn long_text(block: &Block) -> Option<&str> {
    match block {
        Block::Paragraph(text) | Block::Quote(text) => Some(text),
        _ => None,
    }
}

fn block_text(block: &Block) -> String {
    match block {
        Block::Heading { text, .. }
        | Block::Paragraph(text)
        | Block::Quote(text)
        | Block::Code(text)
        | Block::Figure(text) => text.clone(),
        Block::List(items) => items.join("\n"),
        Block::Table { rows, .. } => rows
            .iter()
            .map(|r| r.join(" | "))
            .collect::<Vec<_>>()
            .join("\n"),
    }
}

/// Heads of link blocks: the head line itself, not a "Read more: …" single link.
fn is_block_head(line: &str) -> bool {
    !line.contains(':') || line.trim_end().ends_with(':')
}

/// After a related-links or widget head: lists and short headline lines, up to the next prose.
fn is_headline_run(block: &Block) -> bool {
    match block {
        Block::List(_) => true,
        Block::Paragraph(text) => {
            let words = text.split_whitespace().count();
            words <= 20 && !text.trim_end().ends_with(['.', '!', '"', '”'])
        }
        _ => false,
    }
}

fn is_cookie_banner(normalized: &str) -> bool {
    normalized.contains("cookie")
        && [
            "we use",
            "this site uses",
            "this website uses",
            "accept",
            "consent",
            "cookie settings",
        ]
        .iter()
        .any(|p| normalized.contains(p))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn para(s: &str) -> Block {
        Block::Paragraph(s.to_string())
    }

    #[test]
    fn picture_links_of_embedded_posts_are_dropped() {
        let doc = Document {
            blocks: vec![
                para("I urge everyone to use them whenever needed pic.twitter.com/AbC123xyz"),
                para("pic.x.com/Q9z"),
                para("Read the report at example.org/report for the figures."),
            ],
            ..Default::default()
        };
        let out = clean(doc);
        assert_eq!(
            out.blocks,
            [
                para("I urge everyone to use them whenever needed"),
                para("Read the report at example.org/report for the figures."),
            ]
        );
        let links: Vec<&str> = out.dropped.iter().map(|d| d.text.as_str()).collect();
        assert_eq!(links, ["pic.twitter.com/AbC123xyz", "pic.x.com/Q9z"]);
        assert!(out.dropped.iter().all(|d| d.kind == DropKind::Image));
    }

    #[test]
    fn related_block_with_its_headlines_is_dropped() {
        let doc = Document {
            blocks: vec![
                para("The first paragraph of the story is here."),
                para("More To Read"),
                Block::List(vec!["A headline".into(), "Another headline".into()]),
                para("The story goes on with a long sentence about the matter."),
            ],
            ..Default::default()
        };
        let out = clean(doc);
        assert_eq!(out.blocks.len(), 2);
        assert_eq!(out.dropped.len(), 2);
        assert!(out.dropped.iter().all(|d| d.kind == DropKind::RelatedLinks));
    }

    #[test]
    fn repeated_pull_quote_is_spoken_once() {
        let doc = Document {
            blocks: vec![
                para("We did not come this far to stop now. The work goes on."),
                Block::Heading {
                    level: 2,
                    text: "Next".into(),
                },
                para("“We did not come this far to stop now.”"),
            ],
            ..Default::default()
        };
        let out = clean(doc);
        assert_eq!(out.blocks.len(), 2);
        assert_eq!(out.dropped[0].kind, DropKind::PullQuote);
    }

    #[test]
    fn pull_quote_of_a_quotation_is_dropped() {
        let doc = Document {
            blocks: vec![
                para("“A harbour is a habit of the town,” she said on Friday."),
                para("A harbour is a habit of the town."),
            ],
            ..Default::default()
        };
        assert_eq!(clean(doc).dropped[0].kind, DropKind::PullQuote);
    }

    #[test]
    fn repeated_long_paragraphs_are_kept_with_a_warning() {
        let long = "This notice is repeated on purpose. It has many sentences in it. \
                    Each of them matters to the reader. None of them is a pull quote. \
                    The notice ends here.";
        let doc = Document {
            blocks: vec![
                para(long),
                para("Something else entirely happens now."),
                para(long),
            ],
            ..Default::default()
        };
        let out = clean(doc);
        assert_eq!(out.blocks.len(), 3);
        assert!(out.warnings.iter().any(|w| w.contains("repeat")));
    }

    #[test]
    fn about_the_author_box_and_byline_stamps_are_dropped() {
        let doc = Document {
            blocks: vec![
                para("Jo Bloggs · The Tribune · Posted: Oct 14, 2022 9:27 AM ET"),
                para("The council voted on Monday to close the harbour for repairs."),
                para("It reopens in May, the mayor said."),
                para("ABOUT THE AUTHOR"),
                para("Jo Bloggs has covered the harbour since 2010."),
            ],
            ..Default::default()
        };
        let doc = clean(doc);
        assert_eq!(doc.blocks[0], para("Jo Bloggs, The Tribune"));
        assert_eq!(doc.blocks.len(), 3);
        assert!(
            doc.dropped
                .iter()
                .any(|d| d.kind == DropKind::AuthorBio && d.text.starts_with("Jo Bloggs has"))
        );
        assert!(doc.dropped.iter().any(|d| d.kind == DropKind::Timestamp));
    }

    #[test]
    fn much_dropped_is_warned() {
        let doc = Document {
            blocks: vec![
                para("Advertisement"),
                para("Advertisement"),
                para("Share this article"),
                para("A short story."),
            ],
            ..Default::default()
        };
        assert!(
            clean(doc)
                .warnings
                .iter()
                .any(|w| w.contains("dropped as boilerplate"))
        );
    }

    #[test]
    fn cookie_banner_is_dropped() {
        let doc = Document {
            blocks: vec![para(
                "We use cookies to improve your experience. Accept all cookies to continue.",
            )],
            ..Default::default()
        };
        assert_eq!(clean(doc).dropped[0].kind, DropKind::CookieBanner);
    }
}
