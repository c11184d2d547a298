//! What is spoken at a time. A section is spoken whole when it is short (an article's
//! sections are), and a long one (a book's chapter) a piece of sentences at a time, so that
//! memory holds pieces, not chapters. Pieces are spoken in windows: at least one per core,
//! more while the window stays under [`WINDOW_WORDS`].

use crate::speech::SectionScript;

/// The words a window may hold beyond the engine's own share: about 45 minutes of speech,
/// some 40 MB of samples; at most three windows are in memory.
pub const WINDOW_WORDS: usize = 6_000;

/// The most words spoken as one piece of a section: about three minutes of speech, 8 MB of
/// samples, as long as an article's sections run. A longer section is spoken in pieces and
/// streamed to its files, so a book's export holds what an article's does (measured: Moby-Dick,
/// chapters of up to 42 minutes, 151 MiB peak; at 1,500 words a piece it was 293 MiB).
pub const PIECE_WORDS: usize = 500;

/// The words of each of a section's sentences as spoken, heading first.
fn sentence_words(section: &SectionScript) -> Vec<usize> {
    section
        .sentences()
        .map(|s| s.spoken().split_whitespace().count())
        .collect()
}

/// The words of a section as spoken (heading and body).
pub fn section_words(section: &SectionScript) -> usize {
    sentence_words(section).iter().sum()
}

/// A run of a section's sentences (in speaking order, the heading first) spoken together.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Piece {
    pub section: usize,
    /// The first sentence, and how many.
    pub first: usize,
    pub count: usize,
    /// Whether it is the whole section.
    pub whole: bool,
    /// Whether it ends the section.
    pub last: bool,
    pub words: usize,
}

/// Each section's pieces, in order: one for a section of up to `limit` words (or one made by
/// an earlier run, `reused`), else runs of whole sentences of about `limit` words each.
pub fn pieces(sections: &[SectionScript], reused: &[bool], limit: usize) -> Vec<Piece> {
    let mut out = Vec::new();
    for (i, section) in sections.iter().enumerate() {
        let words = sentence_words(section);
        let total: usize = words.iter().sum();
        if total <= limit || reused.get(i).copied().unwrap_or(false) {
            out.push(Piece {
                section: i,
                first: 0,
                count: words.len(),
                whole: true,
                last: true,
                words: total,
            });
            continue;
        }
        let mut first = 0;
        while first < words.len() {
            let mut count = 0;
            let mut held = 0;
            while first + count < words.len()
                && (count == 0 || held + words[first + count] <= limit)
            {
                held += words[first + count];
                count += 1;
            }
            out.push(Piece {
                section: i,
                first,
                count,
                whole: false,
                last: first + count == words.len(),
                words: held,
            });
            first += count;
        }
    }
    out
}

/// Pieces (by position) in windows of up to `at_once`: at least `cores` (so that every core has
/// one), then more only while the window stays under [`WINDOW_WORDS`].
pub fn windows(words: &[usize], cores: usize, at_once: usize) -> Vec<Vec<usize>> {
    let mut out: Vec<Vec<usize>> = Vec::new();
    let mut current: Vec<usize> = Vec::new();
    let mut held = 0;
    for (i, &n) in words.iter().enumerate() {
        let full = current.len() >= at_once || (current.len() >= cores && held + n > WINDOW_WORDS);
        if full {
            out.push(std::mem::take(&mut current));
            held = 0;
        }
        current.push(i);
        held += n;
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::speech::Sentence;

    fn section(sentences: &[usize]) -> SectionScript {
        SectionScript {
            language: "en".into(),
            heading: Some(Sentence::new("Chapter")),
            paragraphs: vec![
                sentences
                    .iter()
                    .map(|&n| Sentence::new(&vec!["word"; n].join(" ")))
                    .collect(),
            ],
            ..Default::default()
        }
    }

    #[test]
    fn a_long_section_is_cut_into_pieces_of_whole_sentences() {
        let sections = [section(&[10, 10]), section(&[40, 40, 40, 500, 10])];
        let cut = pieces(&sections, &[false, false], 100);
        let spans: Vec<(usize, usize, usize, bool, bool)> = cut
            .iter()
            .map(|p| (p.section, p.first, p.count, p.whole, p.last))
            .collect();
        // Section 1: the heading and two sentences; one over-long sentence alone; the rest.
        assert_eq!(
            spans,
            [
                (0, 0, 3, true, true),
                (1, 0, 3, false, false),
                (1, 3, 1, false, false),
                (1, 4, 1, false, false),
                (1, 5, 1, false, true),
            ]
        );
        assert_eq!(cut[1].words, 81);
        // Every sentence is in exactly one piece.
        let counted: usize = cut.iter().filter(|p| p.section == 1).map(|p| p.count).sum();
        assert_eq!(counted, 6);
        // A section an earlier run made stays whole, however long.
        assert!(pieces(&sections, &[false, true], 100)[1].whole);
    }
}
