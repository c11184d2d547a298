//! Error types, one family per stage. Each names the thing that failed (file, section, voice)
//! and, where there is one, the fix. Sources are kept for `--verbose` chains.

use thiserror::Error;

/// Reading an input.
#[derive(Debug, Error)]
pub enum IngestError {
    /// The file could not be read.
    #[error("{path}: cannot read it: {source} (check the path and its permissions)")]
    Read {
        path: String,
        #[source]
        source: std::io::Error,
    },
    /// Larger than any article.
    #[error(
        "{path}: larger than {limit} bytes; hark reads articles, not archives (split the file)"
    )]
    TooLarge { path: String, limit: usize },
    /// Binary data.
    #[error("{path}: looks like binary data, not text (give hark a .txt, .md or .html article)")]
    Binary { path: String },
    /// Nothing to speak.
    #[error("{path}: there is no text to speak in it")]
    Empty { path: String },
}

/// Reading SSML.
#[derive(Debug, Error, PartialEq, Eq)]
pub enum MarkupError {
    /// Not well-formed XML, or a construct the reader refuses.
    #[error("malformed SSML at byte {offset}: {message}")]
    Malformed { offset: usize, message: String },
}

/// Writing output.
#[derive(Debug, Error)]
pub enum OutputError {
    /// Writing to standard output or a file failed.
    #[error("cannot write {what}: {source}")]
    Write {
        what: String,
        #[source]
        source: std::io::Error,
    },
}
