//! Reading a sentence in a language other than English.
//!
//! hark's own normalizer ([`super::normalize`]) has English rules: "30" → "thirty". For any
//! other language the words for numbers, dates and money come from eSpeak NG, which reads
//! digits in each of its languages (and gives Piper its phonemes). What eSpeak cannot know is
//! the writer's convention: "40.000" is forty thousand in Spanish, "300 000" one number in
//! French. This module makes numbers unambiguous — thousands separators removed, the decimal
//! mark kept as the language writes it — following the table in `data/locales.tsv`, and leaves
//! the rest of the text as written.

use super::normalize::Piece;
use regex::Regex;
use std::collections::HashMap;
use std::sync::LazyLock;

/// How one language writes numbers.
#[derive(Debug, Clone)]
pub struct NumberStyle {
    /// The decimal mark: ',' or '.'.
    pub decimal: char,
    /// The characters that group thousands.
    pub thousands: Vec<char>,
    /// A grouped number in this style (see [`grouped_number`]), compiled once.
    grouped: Regex,
}

static STYLES: LazyLock<HashMap<&'static str, NumberStyle>> = LazyLock::new(|| {
    let mut styles = HashMap::new();
    for line in include_str!("../../data/locales.tsv").lines() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        let [code, decimal, thousands] = cols[..] else {
            continue;
        };
        let separators: Vec<char> = thousands
            .split_whitespace()
            .flat_map(|name| match name {
                "dot" => vec!['.'],
                "comma" => vec![','],
                // A space, a no-break space and a narrow no-break space all group digits.
                "space" => vec![' ', '\u{a0}', '\u{202f}'],
                "apostrophe" => vec!['\'', '’'],
                _ => vec![],
            })
            .collect();
        let decimal = decimal.chars().next().unwrap_or('.');
        let grouped = grouped_number(decimal, &separators);
        styles.insert(
            code,
            NumberStyle {
                decimal,
                thousands: separators,
                grouped,
            },
        );
    }
    styles
});

/// The number style of a language (its primary subtag); `None` when the table has none.
pub fn number_style(language: &str) -> Option<&'static NumberStyle> {
    STYLES.get(language)
}

/// The pieces of a sentence in `language` (a primary subtag other than "en"): numbers with
/// thousands separators become plain digits, everything else is spoken as written.
pub fn normalize(sentence: &str, language: &str) -> Vec<Piece> {
    let Some(style) = number_style(language) else {
        return vec![Piece::Text(sentence.to_string())];
    };
    let mut pieces = Vec::new();
    let mut last = 0;
    for m in style.grouped.find_iter(sentence) {
        // A group must not run on into more digits ("2019 100 personnes" is two numbers
        // only when the group after has other than three digits).
        let after = &sentence[m.end()..];
        if after.starts_with(|c: char| c.is_ascii_digit()) {
            continue;
        }
        let written = m.as_str();
        let spoken: String = written
            .chars()
            .filter(|c| !style.thousands.contains(c))
            .collect();
        if m.start() > last {
            pieces.push(Piece::Text(sentence[last..m.start()].to_string()));
        }
        pieces.push(Piece::Sub {
            written: written.to_string(),
            spoken,
        });
        last = m.end();
    }
    if last < sentence.len() {
        pieces.push(Piece::Text(sentence[last..].to_string()));
    }
    pieces
}

/// Digits grouped by threes with one of the style's separators, and the decimals after the
/// style's decimal mark: "1.234.567,89" in Spanish, "300 000" in French.
fn grouped_number(decimal: char, thousands: &[char]) -> Regex {
    let seps: String = thousands
        .iter()
        .map(|c| regex::escape(&c.to_string()))
        .collect::<Vec<_>>()
        .join("|");
    let decimal = regex::escape(&decimal.to_string());
    Regex::new(&format!(
        r"\b\d{{1,3}}(?:(?:{seps})\d{{3}})+(?:{decimal}\d+)?\b"
    ))
    .expect("a valid pattern")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::speech::normalize::spoken;

    fn say(s: &str, lang: &str) -> String {
        spoken(&normalize(s, lang))
    }

    #[test]
    fn numbers_as_each_language_writes_them() {
        assert_eq!(say("40.000 vidas", "es"), "40000 vidas");
        assert_eq!(say("un 5,5 % más", "es"), "un 5,5 % más");
        assert_eq!(say("300 000 ans", "fr"), "300000 ans");
        assert_eq!(say("le 30 juin", "fr"), "le 30 juin");
        assert_eq!(say("1.234.567,89 Euro", "de"), "1234567,89 Euro");
        assert_eq!(say("1'000 Franken", "de"), "1000 Franken");
        assert_eq!(say("2.500 pessoas", "pt"), "2500 pessoas");
        assert_eq!(say("1.200 persone", "it"), "1200 persone");
        assert_eq!(say("watu 1,500", "sw"), "watu 1500");
        assert_eq!(say("asilimia 2.5", "sw"), "asilimia 2.5");
    }

    #[test]
    fn written_text_is_kept_and_unknown_languages_pass_through() {
        let s = "Le 1er mai, 12 500 personnes.";
        let written: String = normalize(s, "fr").iter().map(Piece::written).collect();
        assert_eq!(written, s);
        assert_eq!(say("Habari 1.000", "xx"), "Habari 1.000");
    }
}
