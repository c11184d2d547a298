//! Speech: [`Article`] → the article's script, a [`SectionScript`] per section: its title and
//! the sentences it is spoken as.
//!
//! Each paragraph is split into sentences ([`crate::sentences`]), and each sentence into pieces of
//! written text with their spoken forms ([`normalize`]). A section's heading is a sentence of
//! its own. Pauses are not decided here: they follow from the structure (heading, paragraph,
//! sentence) and the [`Pauses`] setting, in the markup and the audio alike.

mod amounts;
pub mod capitals;
pub mod contact;
mod dates;
pub mod locale;
pub mod marks;
pub mod normalize;
pub mod number_forms;
pub mod numbers;
pub mod piece;
mod pronounce;
mod rule;
mod titles;
pub mod units;

use crate::segment::Article;
use normalize::Piece;
use serde::{Deserialize, Serialize};

/// Lengths of the silences hark puts between the parts of an article, in milliseconds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pauses {
    /// Before and after a heading.
    #[serde(rename = "heading_pause_ms")]
    pub heading_ms: u32,
    /// Between paragraphs.
    #[serde(rename = "paragraph_pause_ms")]
    pub paragraph_ms: u32,
    /// Between sentences of a paragraph.
    #[serde(rename = "sentence_pause_ms")]
    pub sentence_ms: u32,
}

impl Default for Pauses {
    fn default() -> Self {
        Pauses {
            heading_ms: 1200,
            paragraph_ms: 600,
            sentence_ms: 250,
        }
    }
}

/// The longest pause hark will write or insert: a longer one is a mistake, not a wish.
pub const MAX_PAUSE_MS: u32 = 10_000;

/// One sentence: what was written and how it is spoken.
#[derive(Debug, Clone, PartialEq)]
pub struct Sentence {
    /// The pieces; their written text concatenates to the sentence as written.
    pub pieces: Vec<Piece>,
    /// The language of a passage in a language other than its section's (BCP 47), which it
    /// is read by the rules of and spoken in; `None`: the section's.
    pub language: Option<String>,
}

impl Sentence {
    /// Normalizes one written sentence in English.
    pub fn new(written: &str) -> Self {
        Sentence {
            pieces: normalize::normalize(written),
            language: None,
        }
    }

    /// Normalizes one written sentence in `language` (a primary subtag: "en", "fr"): English
    /// by hark's rules, any other language by its number conventions ([`locale`]), its words
    /// left to the voice.
    pub fn in_language(written: &str, language: &str) -> Self {
        if language == "en" {
            return Sentence::new(written);
        }
        Sentence {
            pieces: locale::normalize(written, language),
            language: None,
        }
    }

    /// A sentence of a passage in `language` (BCP 47), other than its section's.
    pub fn passage(written: &str, language: &str) -> Self {
        Sentence {
            language: Some(language.to_string()),
            ..Sentence::in_language(written, crate::language::primary(language))
        }
    }

    /// The sentence as written (for subtitles).
    pub fn written(&self) -> String {
        self.pieces.iter().map(Piece::written).collect()
    }

    /// The sentence as an engine should read it.
    pub fn spoken(&self) -> String {
        normalize::spoken(&self.pieces)
    }

    /// The sentence as an engine should read it, with the stretches a lexicon gives as IPA.
    pub fn spoken_with_ipa(&self) -> (String, Vec<piece::IpaSpan>) {
        piece::spoken_with_ipa(&self.pieces)
    }
}

/// A section of a prepared article: where it is, its title, and its sentences as written and
/// as spoken (the heading sentence, then its paragraphs of sentences). The one section type
/// every renderer and sink reads.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SectionScript {
    /// Position in the article, from 0.
    pub index: usize,
    /// Heading level: 1 for the title section, 2–6 below.
    pub level: u8,
    /// The section's title (its heading, or the article's title for a lead without one).
    pub title: String,
    /// The heading, spoken with a pause before and after; `None` when hark made the title up.
    pub heading: Option<Sentence>,
    /// Paragraphs, each a list of sentences.
    pub paragraphs: Vec<Vec<Sentence>>,
    /// The language it is spoken in (BCP 47), for `xml:lang` and the voice.
    pub language: String,
}

impl SectionScript {
    /// Every sentence in speaking order, heading first.
    pub fn sentences(&self) -> impl Iterator<Item = &Sentence> {
        self.heading.iter().chain(self.paragraphs.iter().flatten())
    }

    /// The body sentences (not the heading) in order.
    pub fn body(&self) -> impl Iterator<Item = &Sentence> {
        self.paragraphs.iter().flatten()
    }
}

/// Turns an article into sentences of speakable text. A paragraph, or a long sentence, that
/// is clearly in another language than the article's ([`crate::language::passage_language`])
/// is read by that language's rules and marked to be spoken in it. The `lexicon`'s entries
/// for each sentence's language are applied after normalization.
pub fn script(article: &Article, lexicon: &crate::lexicon::Lexicon) -> Vec<SectionScript> {
    let language = article.language.primary();
    let pronounced = |mut s: Sentence| {
        let own = s.language.as_deref().unwrap_or(language).to_string();
        s.pieces = pronounce::apply(lexicon, std::mem::take(&mut s.pieces), &own);
        s
    };
    let sentence = |s: &str| pronounced(Sentence::in_language(s, language));
    let paragraph = |p: &&str| -> Vec<Sentence> {
        let p: &str = p;
        if let Some(other) = crate::language::passage_language(p, language) {
            let rules = crate::language::primary(&other);
            return crate::sentences::split_in(p, rules)
                .into_iter()
                .map(|r| pronounced(Sentence::passage(&p[r], &other)))
                .collect();
        }
        crate::sentences::split_in(p, language)
            .into_iter()
            .map(|r| {
                let written = &p[r];
                match crate::language::passage_language(written, language) {
                    Some(other) => pronounced(Sentence::passage(written, &other)),
                    None => sentence(written),
                }
            })
            .collect()
    };
    // Paragraphs are independent (telling a passage's language is most of the work), so they
    // are spread over the cores; the result is the same in any order.
    let all: Vec<&str> = article
        .sections
        .iter()
        .flat_map(|section| section.paragraphs.iter().map(String::as_str))
        .collect();
    let mut spoken = in_parallel(&all, paragraph).into_iter();
    article
        .sections
        .iter()
        .map(|section| SectionScript {
            index: section.index,
            level: section.level,
            title: section.title.clone(),
            language: article.language.tag.clone(),
            heading: section
                .heading
                .as_deref()
                .filter(|h| !h.trim().is_empty())
                .map(sentence),
            paragraphs: section
                .paragraphs
                .iter()
                .map(|_| spoken.next().unwrap_or_default())
                .filter(|p| !p.is_empty())
                .collect(),
        })
        .collect()
}

/// `f` of every item, in order, the items shared among the cores in contiguous runs.
fn in_parallel<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let cores = std::thread::available_parallelism().map_or(1, usize::from);
    if cores < 2 || items.len() < 2 {
        return items.iter().map(f).collect();
    }
    let run = items.len().div_ceil(cores);
    std::thread::scope(|scope| {
        let f = &f;
        let runs: Vec<_> = items
            .chunks(run)
            .map(|chunk| scope.spawn(move || chunk.iter().map(f).collect::<Vec<R>>()))
            .collect();
        runs.into_iter()
            .flat_map(|r| r.join().unwrap_or_else(|p| std::panic::resume_unwind(p)))
            .collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::segment::Section;

    #[test]
    fn headings_and_sentences() {
        let article = Article {
            title: "T".into(),
            date: None,
            authors: vec![],
            cover: None,
            language: Default::default(),
            sections: vec![Section {
                index: 0,
                level: 1,
                title: "T".into(),
                heading: Some("T".into()),
                paragraphs: vec!["Dr Who came. He left.".into(), "  ".into()],
            }],
            dropped: vec![],
            warnings: vec![],
        };
        let s = script(&article, &Default::default());
        let sec = &s[0];
        assert_eq!(
            sec.heading.as_ref().map(Sentence::written).as_deref(),
            Some("T")
        );
        assert_eq!(sec.paragraphs.len(), 1);
        assert_eq!(sec.paragraphs[0][0].spoken(), "Doctor Who came.");
        assert_eq!(sec.sentences().count(), 3);
    }
}
