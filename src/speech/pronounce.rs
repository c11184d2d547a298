//! A lexicon's entries applied to a sentence's pieces, after normalization: a matched word or
//! run of words becomes a [`Piece::Sub`], written as in the article (the subtitles keep it)
//! and spoken as the entry says. An entry that matches a piece the normalizer made whole (an
//! acronym it spelled, an abbreviation it expanded) overrides it: the lexicon is more specific
//! than hark's own lists.

use super::piece::Piece;
use crate::lexicon::{Lexicon, Span};

/// `pieces` with the entries of `lexicon` for `language` applied.
pub fn apply(lexicon: &Lexicon, pieces: Vec<Piece>, language: &str) -> Vec<Piece> {
    if lexicon.is_empty() {
        return pieces;
    }
    let mut out = Vec::with_capacity(pieces.len());
    for piece in pieces {
        match piece {
            Piece::Text(text) => {
                let mut copied = 0;
                for span in lexicon.spans(&text, language) {
                    if span.start > copied {
                        out.push(Piece::Text(text[copied..span.start].to_string()));
                    }
                    copied = span.end;
                    out.push(from_entry(text[span.start..span.end].to_string(), span));
                }
                if copied < text.len() {
                    out.push(Piece::Text(text[copied..].to_string()));
                }
            }
            made @ (Piece::Spell(_) | Piece::Sub { .. }) => {
                match lexicon.whole(made.written(), language) {
                    Some(span) => out.push(from_entry(made.written().to_string(), span)),
                    None => out.push(made),
                }
            }
            other => out.push(other),
        }
    }
    out
}

/// The piece an entry makes of `written`.
fn from_entry(written: String, span: Span) -> Piece {
    match span.ipa {
        Some(ipa) => Piece::Phoneme {
            written,
            ipa,
            said: span.said,
        },
        None => Piece::Sub {
            written,
            spoken: span.said,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lexicon(text: &str) -> Lexicon {
        Lexicon::from_text("t.txt", text).unwrap()
    }

    fn both(lexicon: &Lexicon, pieces: Vec<Piece>) -> (String, String) {
        let pieces = apply(lexicon, pieces, "en");
        let written: String = pieces.iter().map(Piece::written).collect();
        (written, super::super::piece::spoken(&pieces))
    }

    #[test]
    fn words_are_said_as_the_lexicon_says_and_written_as_before() {
        let l = lexicon("Sing'oei = Sing oy\nBill = Billy\n");
        let text = "Sing'oei and Bill paid the bill.";
        let (written, said) = both(&l, vec![Piece::Text(text.into())]);
        assert_eq!(written, text);
        assert_eq!(said, "Sing oy and Billy paid the bill.");
    }

    #[test]
    fn entries_pointing_at_each_other_are_applied_once() {
        let l = lexicon("a = b\nb = a\n");
        assert_eq!(both(&l, vec![Piece::Text("a b".into())]).1, "b a");
    }

    #[test]
    fn an_entry_overrides_what_the_normalizer_made() {
        let l = lexicon("KANU = Kah new\nDr = Drive\n");
        let (written, said) = both(
            &l,
            vec![
                Piece::Text("The ".into()),
                Piece::Spell("KANU".into()),
                Piece::Text(" on ".into()),
                Piece::Sub {
                    written: "Dr".into(),
                    spoken: "Doctor".into(),
                },
            ],
        );
        assert_eq!(written, "The KANU on Dr");
        assert_eq!(said, "The Kah new on Drive");
    }
}
