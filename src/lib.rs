//! hark turns articles into audio editions.
//!
//! The pipeline, top to bottom (each stage a plain function from one owned type to the next;
//! only ingest and the output sinks touch the file system):
//!
//! ```text
//! bytes ─ingest─▶ Document ─clean─▶ Document ─segment─▶ Article ─speech─▶ [SectionScript] ─markup─▶ SSML
//!                                                                              │
//!            ─synth─▶ samples ─edition─▶ SectionAudio ─sinks─▶ files ─▶ editions (export, podcast)
//! ```
//!
//! [`prepare_path`] runs everything up to the script: a [`Prepared`] article is its head
//! (title, date, language, what was dropped) and one vector of sections, each with its title and
//! its sentences as written and as spoken. The renderers in [`output`] and [`markup`] turn it
//! into text; [`export`] pushes its audio through the sinks of [`output::sinks`]. The modules
//! are declared below in that order: each imports only modules declared before it
//! (`scripts/imports` checks).

// Foundations, used by every stage: errors, hashing, dates, progress, file-name slugs, the document
// model, Roman numerals, sentence boundaries and each language's words, XML.
pub mod error;
pub mod digest;
pub mod calendar;
pub mod progress;
pub mod slug;
pub mod files;
pub mod document;
pub mod numerals;
pub mod locale_words;
pub mod sentences;
pub mod xml;

// Reading: bytes → Document → Article, and the article's language.
pub mod ingest;
pub mod clean;
pub mod headings;
pub mod language;
pub mod segment;

// Speech: Article → Script (with the pronunciation lexicons), and the Script as SSML.
pub mod lexicon;
pub mod speech;
pub mod markup;

// Voices: Script → samples, installing voices, a section's audio with its pauses and cues.
pub mod synth;
pub mod voices;
pub mod audio;
pub mod loudness;
pub mod edition;
pub mod codec;

// Writing: the files of an edition, exports, podcasts, and live speech.
pub mod output;
pub mod export;
pub mod podcast;
pub mod speak;

use error::IngestError;
use ingest::{Format, Source};
use segment::ArticleHead;
use speech::SectionScript;

/// What shapes the reading of an article (not the voice).
#[derive(Debug, Clone, Default)]
pub struct ReadOptions {
    /// Force a format instead of detecting it.
    pub from: Option<Format>,
    /// Keep what `clean` would drop.
    pub keep_boilerplate: bool,
    /// Read the article in this language (BCP 47), whatever it declares or seems to be.
    pub lang: Option<String>,
    /// Of a book, the chapters to read (all when `None`).
    pub chapters: Option<ingest::epub::Chapters>,
    /// Pronunciation lexicons given with `--lexicon`, after the one beside the article and
    /// before the user's ([`lexicon::Lexicon::for_article`]).
    pub lexicons: Vec<std::path::PathBuf>,
}

/// An article read and turned into speech, ready for markup or synthesis.
#[derive(Debug, Clone)]
pub struct Prepared {
    /// The decoded input.
    pub source: Source,
    /// Its title, date, language, what was left out and the warnings.
    pub article: ArticleHead,
    /// Its sections, each with its sentences as written and as spoken.
    pub sections: Vec<SectionScript>,
}

/// Reads `path` (or standard input for `-`) and prepares it.
pub fn prepare_path(path: &str, options: &ReadOptions) -> Result<Prepared, IngestError> {
    let bytes = ingest::read_input(path)?;
    prepare_bytes(path, &bytes, options)
}

/// Prepares an article from its bytes; `path` names it in messages and the manifest.
pub fn prepare_bytes(
    path: &str,
    bytes: &[u8],
    options: &ReadOptions,
) -> Result<Prepared, IngestError> {
    let source = ingest::decode(path, bytes, options.from)?;
    let mut doc = ingest::parse(
        &source,
        bytes,
        options.keep_boilerplate,
        options.chapters.as_ref(),
    )?;
    // A book's chapters come from its table of contents and its matter was left out by
    // ingest; the web page's boilerplate rules and heading guesses are not for it.
    if source.format != ingest::Format::Epub {
        if options.chapters.is_some() {
            doc.warnings.push(
                "--chapters chooses a book's chapters; this is not a book, so all of it is read"
                    .into(),
            );
        }
        if !options.keep_boilerplate {
            doc = clean::clean(doc);
        }
        doc = headings::promote(doc);
    }
    let declared = doc.language.clone();
    let mut article = segment::segment(doc);
    // Detection reads a few thousand characters (language::detect); a book's opening is enough.
    let mut opening = String::new();
    for paragraph in article.sections.iter().flat_map(|s| s.paragraphs.iter()) {
        if opening.len() > language::SAMPLE_CHARS * 4 {
            break;
        }
        opening.push_str(paragraph);
        opening.push('\n');
    }
    let (found, warning) = language::decide(options.lang.as_deref(), declared.as_deref(), &opening);
    article.language = found;
    article.warnings.extend(warning);
    let lexicon = lexicon::Lexicon::for_article(path, &options.lexicons)?;
    let sections = speech::script(&article, &lexicon);
    if sections.iter().all(|s| s.sentences().next().is_none()) {
        return Err(IngestError::Empty {
            path: path.to_string(),
        });
    }
    Ok(Prepared {
        source,
        article: article.head(),
        sections,
    })
}
