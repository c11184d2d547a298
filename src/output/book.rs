//! What an edition that is a book (the M4B, the DAISY talking book) says about its work: the
//! article's or book's title, authors, date, language, identity, cover and narrating voice.

use crate::document::Cover;

/// What the book says about itself, for its tags and metadata.
#[derive(Debug, Clone, Default)]
pub struct BookInfo {
    pub title: String,
    pub authors: Vec<String>,
    /// The publication date the source declares.
    pub date: Option<String>,
    pub language: String,
    /// The source's identity (its SHA-256), as `urn:sha256:…`.
    pub identifier: String,
    pub cover: Option<Cover>,
    /// The voice that reads it.
    pub narrator: String,
}
