//! A stretch of a sentence and how it is spoken: the [`Piece`]s normalization makes, and the
//! plain text an engine reads from them.

/// A stretch of a sentence and how it is spoken.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece {
    /// Spoken as written.
    Text(String),
    /// Written one way, spoken another (SSML `<sub alias>`).
    Sub { written: String, spoken: String },
    /// Spelled letter by letter (SSML `<say-as interpret-as="characters">`).
    Spell(String),
}

impl Piece {
    /// The text as written.
    pub fn written(&self) -> &str {
        match self {
            Piece::Text(t) | Piece::Spell(t) => t,
            Piece::Sub { written, .. } => written,
        }
    }
}

/// The spoken form of a sentence's pieces, as plain text an engine reads.
pub fn spoken(pieces: &[Piece]) -> String {
    let mut out = String::new();
    for piece in pieces {
        match piece {
            Piece::Text(t) => out.push_str(t),
            Piece::Sub { spoken, .. } => out.push_str(spoken),
            Piece::Spell(t) => out.push_str(&spell(t)),
        }
    }
    out
}

/// Letters separated by spaces, so any engine names them: "MSS" → "M S S".
pub fn spell(t: &str) -> String {
    t.chars()
        .filter(|c| c.is_alphanumeric())
        .map(String::from)
        .collect::<Vec<_>>()
        .join(" ")
}
