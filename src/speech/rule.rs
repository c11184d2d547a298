//! The shape of a normalization rule: a pattern, the context it may look at, and how it speaks
//! its match. The rules themselves are listed in [`super::normalize`].

use super::piece::Piece;
use regex::{Captures, Regex};

/// A normalization rule: a pattern, and how to speak what it matched (`None`: leave as written).
pub(super) struct Rule {
    /// The pattern as written, for the combined search.
    pub pattern: String,
    /// The pattern anchored at the start, to match at a position the combined search found.
    pub anchored: Regex,
    /// How to speak a match.
    pub speak: fn(&Captures, &Context) -> Option<Piece>,
}

/// What a rule may look at around its match.
pub(super) struct Context<'a> {
    /// The sentence before the match.
    pub before: &'a str,
    /// The sentence after it.
    pub after: &'a str,
    /// Whether the whole sentence is set in capitals.
    pub shouting: bool,
}

/// A rule for `pattern`, in which `\d` means an ASCII digit.
pub(super) fn rule(pattern: &str, speak: fn(&Captures, &Context) -> Option<Piece>) -> Rule {
    // `\d` would also match other scripts' digits ("߇"), which the number readers neither
    // speak nor slice safely: numbers are ASCII digits here (found by fuzzing).
    let pattern = &pattern.replace(r"\d", "[0-9]");
    let anchored =
        Regex::new(&format!("^(?:{pattern})")).expect("normalization patterns are valid");
    Rule {
        pattern: pattern.to_string(),
        anchored,
        speak,
    }
}

/// The whole match, spoken as `spoken`.
pub(super) fn sub(caps: &Captures, spoken: String) -> Option<Piece> {
    Some(Piece::Sub {
        written: caps[0].to_string(),
        spoken,
    })
}
