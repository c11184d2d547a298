//! Headings a page sets without heading markup: numbered paragraphs that head what follows
//! ("1. Take any blankets you can find") and short lines set in capitals ("POINT GUARDS
//! BEHAVE") standing over prose. [`Document`] → [`Document`], after cleaning, so that a
//! heading right after a dropped ad label is still seen as one.

use crate::document::{Block, Document};
use regex::Regex;
use std::sync::LazyLock;

static NUMBERED: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(\d{1,2})[.)]\s+\S").expect("a valid pattern"));

/// Turns heading-like paragraphs into headings.
pub fn promote(mut doc: Document) -> Document {
    let level = doc
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Heading { level, .. } if *level >= 2 => Some(*level),
            _ => None,
        })
        .min()
        .unwrap_or(2);
    let numbers: Vec<Option<u32>> = doc.blocks.iter().map(numbered_head).collect();
    let mut promoted = Vec::with_capacity(doc.blocks.len());
    for (i, block) in doc.blocks.iter().enumerate() {
        let next = doc.blocks.get(i + 1);
        let heads_prose = |words: usize| match next {
            Some(Block::Paragraph(t)) => t.split_whitespace().count() > words.max(12),
            Some(Block::List(_)) => true,
            _ => false,
        };
        let in_sequence = numbers[i].is_some_and(|n| {
            numbers.contains(&Some(n + 1)) || (n > 1 && numbers.contains(&Some(n - 1)))
        });
        if let Block::Paragraph(text) = block {
            let words = text.split_whitespace().count();
            if (in_sequence && heads_prose(words)) || (is_caps_line(text) && heads_prose(words)) {
                promoted.push(Block::Heading {
                    level,
                    text: text.clone(),
                });
                continue;
            }
        }
        promoted.push(block.clone());
    }
    doc.blocks = promoted;
    doc
}

/// The number of a short numbered paragraph ("3. Keep the doors shut"), if it is one.
fn numbered_head(block: &Block) -> Option<u32> {
    let Block::Paragraph(text) = block else {
        return None;
    };
    if text.split_whitespace().count() > 16 {
        return None;
    }
    NUMBERED.captures(text)?[1].parse().ok()
}

/// A short line in capitals that is not a sentence: "GIRLS SOCCER", "WHAT WE KNOW".
pub fn is_caps_line(text: &str) -> bool {
    let words: Vec<&str> = text.split_whitespace().collect();
    let letters: Vec<char> = text.chars().filter(|c| c.is_alphabetic()).collect();
    !words.is_empty()
        && words.len() <= 10
        && letters.len() >= 4
        && letters.iter().all(|c| c.is_uppercase())
        && !text
            .trim_end()
            .ends_with(['.', ',', ';', ':', '—', '–', '-'])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn para(s: &str) -> Block {
        Block::Paragraph(s.into())
    }

    const PROSE: &str = "A long paragraph of prose that explains the step in detail, with more words than any heading would ever carry.";

    #[test]
    fn numbered_paragraphs_in_sequence_head_sections() {
        let doc = Document {
            blocks: vec![
                para("1. Take any blankets you can find"),
                para(PROSE),
                para("2. Keep the doors shut"),
                para(PROSE),
            ],
            ..Default::default()
        };
        let out = promote(doc);
        assert!(matches!(&out.blocks[0], Block::Heading { text, .. } if text.starts_with("1.")));
        assert!(matches!(&out.blocks[2], Block::Heading { .. }));
    }

    #[test]
    fn a_lone_number_or_a_list_item_stays() {
        let doc = Document {
            blocks: vec![para("1. Take any blankets you can find"), para(PROSE)],
            ..Default::default()
        };
        assert_eq!(promote(doc.clone()).blocks, doc.blocks);
    }

    #[test]
    fn caps_lines_over_prose() {
        let doc = Document {
            blocks: vec![
                para("GIRLS SOCCER"),
                para(PROSE),
                para("LOS ANGELES —"),
                para(PROSE),
            ],
            ..Default::default()
        };
        let out = promote(doc);
        assert!(matches!(&out.blocks[0], Block::Heading { text, .. } if text == "GIRLS SOCCER"));
        assert_eq!(out.blocks[2], para("LOS ANGELES —"));
        // A label in capitals ("UPDATE:") introduces what follows; it heads nothing.
        assert!(!is_caps_line("UPDATE:"));
    }
}
