//! Reading a sentence in a language other than English.
//!
//! hark's own normalizer ([`super::normalize`]) has English rules: "30" → "thirty". For any
//! other language the words for numbers, dates and money come from eSpeak NG, which reads
//! digits in each of its languages (and gives Piper its phonemes). What eSpeak cannot know is
//! the writer's convention: "40.000" is forty thousand in Spanish, "300 000" one number in
//! French. This module makes numbers unambiguous — thousands separators removed, the decimal
//! mark kept as the language writes it — following the table in `data/locales.tsv`, and leaves
//! the language's own abbreviations, acronyms and misread forms to [`locale_words`].

use super::normalize::Piece;
use crate::locale_words::{self, Said};
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
/// thousands separators become plain digits, the language's abbreviations, acronyms and
/// misread forms ([`locale_words`]) are said as its table says, and everything else is spoken
/// as written.
pub fn normalize(sentence: &str, language: &str) -> Vec<Piece> {
    let style = number_style(language);
    let mut said = locale_words::for_language(language)
        .map(|words| locale_words::find(sentence, words))
        .unwrap_or_default();
    if let Some(style) = style {
        for said in &mut said {
            said.spoken = ungroup(&said.spoken, style);
        }
        // Grouped numbers outside the table's stretches.
        let mut numbers = Vec::new();
        for (start, end) in grouped_numbers(sentence, style) {
            if !said.iter().any(|s| start < s.end && s.start < end) {
                numbers.push(Said {
                    start,
                    end,
                    spoken: ungroup(&sentence[start..end], style),
                });
            }
        }
        said.extend(numbers);
        said.sort_by_key(|s| s.start);
    }
    let mut pieces = Vec::new();
    let mut last = 0;
    for s in said {
        if s.start > last {
            pieces.push(Piece::Text(sentence[last..s.start].to_string()));
        }
        pieces.push(Piece::Sub {
            written: sentence[s.start..s.end].to_string(),
            spoken: s.spoken,
        });
        last = s.end;
    }
    if last < sentence.len() || pieces.is_empty() {
        pieces.push(Piece::Text(sentence[last..].to_string()));
    }
    pieces
}

/// Where `text` has numbers grouped in `style`'s thousands ("40.000" in Spanish).
fn grouped_numbers(text: &str, style: &NumberStyle) -> Vec<(usize, usize)> {
    style
        .grouped
        .find_iter(text)
        // A group must not run on into more digits ("2019 100 personnes" is two numbers
        // only when the group after has other than three digits).
        .filter(|m| !text[m.end()..].starts_with(|c: char| c.is_ascii_digit()))
        .map(|m| (m.start(), m.end()))
        .collect()
}

/// `text` with the thousands separators of its grouped numbers taken out.
fn ungroup(text: &str, style: &NumberStyle) -> String {
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    for (start, end) in grouped_numbers(text, style) {
        out.push_str(&text[last..start]);
        out.extend(
            text[start..end]
                .chars()
                .filter(|c| !style.thousands.contains(c)),
        );
        last = end;
    }
    out.push_str(&text[last..]);
    out
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
        assert_eq!(say("TSh 5,000 tu", "sw"), "shilingi 5000 tu");
        assert_eq!(
            say("M. Dupont a 12 500 €", "fr"),
            "monsieur Dupont a 12500 €"
        );
    }

    #[test]
    fn written_text_is_kept_and_unknown_languages_pass_through() {
        let s = "Le 1er mai, 12 500 personnes.";
        let written: String = normalize(s, "fr").iter().map(Piece::written).collect();
        assert_eq!(written, s);
        assert_eq!(say("Habari 1.000", "xx"), "Habari 1.000");
        assert_eq!(say("", "fr"), "");
    }
}
