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
    /// Said as IPA (a lexicon's `<phoneme>`) by the engines that take phonemes; `said` is what
    /// is spoken where IPA cannot be used (the entry's alias, else the word as written).
    Phoneme {
        written: String,
        ipa: String,
        said: String,
    },
}

impl Piece {
    /// The text as written.
    pub fn written(&self) -> &str {
        match self {
            Piece::Text(t) | Piece::Spell(t) => t,
            Piece::Sub { written, .. } | Piece::Phoneme { written, .. } => written,
        }
    }
}

/// The spoken form of a sentence's pieces, as plain text an engine reads.
pub fn spoken(pieces: &[Piece]) -> String {
    spoken_with_ipa(pieces).0
}

/// A stretch of a sentence's spoken text that a lexicon gives as IPA: engines that take
/// phonemes say the IPA in place of the text there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IpaSpan {
    /// Byte range in the spoken text (what is said where IPA cannot be used).
    pub start: usize,
    pub end: usize,
    /// The IPA, as the lexicon wrote it.
    pub ipa: String,
}

/// The spoken form of a sentence's pieces, with where in it IPA is to be said instead.
pub fn spoken_with_ipa(pieces: &[Piece]) -> (String, Vec<IpaSpan>) {
    let mut out = String::new();
    let mut spans = Vec::new();
    for piece in pieces {
        match piece {
            Piece::Text(t) => out.push_str(t),
            Piece::Sub { spoken, .. } => out.push_str(spoken),
            Piece::Spell(t) => out.push_str(&spell(t)),
            Piece::Phoneme { ipa, said, .. } => {
                let start = out.len();
                out.push_str(said);
                spans.push(IpaSpan {
                    start,
                    end: out.len(),
                    ipa: ipa.clone(),
                });
            }
        }
    }
    (out, spans)
}

/// Letters separated by spaces, so any engine names them: "MSS" → "M S S".
pub fn spell(t: &str) -> String {
    t.chars()
        .filter(|c| c.is_alphanumeric())
        .map(String::from)
        .collect::<Vec<_>>()
        .join(" ")
}
