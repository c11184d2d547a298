//! Sentence boundaries: a paragraph's text → byte ranges of its sentences.
//!
//! Rule-based, in the manner of the Golden Rules of pragmatic_segmenter: a boundary is sentence
//! punctuation (with any closing quotes or brackets) followed by a space and something that can
//! start a sentence. Abbreviations (Dr., Sen., e.g.), initials, decimals, acronyms with periods
//! (U.S.), list numbers and ellipses are handled. The ranges are slices of the input with only
//! whitespace left out between them, so no character is ever lost.

use crate::locale_words::LocaleWords;
use std::ops::Range;

/// Titles that stand before a name: a period after them never ends a sentence.
const TITLES: &[&str] = &[
    "mr", "mrs", "ms", "mx", "dr", "prof", "sen", "rep", "gov", "gen", "col", "lt", "sgt", "capt",
    "cmdr", "adm", "maj", "st", "mt", "ft", "fr", "rev", "hon", "pres", "supt", "insp", "det",
    "cpl", "pvt", "messrs", "mme", "mlle", "sr", "jr",
];

/// Other abbreviations: a period after them ends a sentence only before a clear sentence start.
const ABBREVIATIONS: &[&str] = &[
    "e.g", "i.e", "etc", "vs", "inc", "ltd", "co", "corp", "llc", "plc", "no", "nos", "n°", "vol",
    "vols", "p", "pp", "fig", "figs", "ch", "sec", "art", "para", "approx", "dept", "est", "ave",
    "blvd", "rd", "hwy", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct",
    "nov", "dec", "mon", "tue", "tues", "wed", "thu", "thurs", "fri", "sat", "sun", "a.m", "p.m",
    "cf", "al", "ed", "eds", "op", "cit", "ibid", "viz", "ca", "min", "max", "tel", "ext", "govt",
    "univ", "assn", "bros", "intl", "natl", "rs",
];

/// Time and era abbreviations: a new sentence may follow them directly ("at 6 p.m. 7 a.m. is…",
/// "in 753 B.C. Augustus…"), but a title does not start one ("at 6 a.m. Mr. Smith arrived").
const TIME_ABBREVIATIONS: &[&str] = &["a.m", "p.m", "b.c", "a.d", "c.e", "b.c.e"];

/// Words that commonly open a sentence; after an abbreviation, only these mark a new one.
const STARTERS: &[&str] = &[
    "i",
    "the",
    "a",
    "an",
    "he",
    "she",
    "it",
    "they",
    "we",
    "you",
    "this",
    "that",
    "these",
    "those",
    "there",
    "here",
    "his",
    "her",
    "its",
    "their",
    "our",
    "my",
    "your",
    "but",
    "and",
    "so",
    "yet",
    "or",
    "if",
    "when",
    "while",
    "after",
    "before",
    "as",
    "in",
    "on",
    "at",
    "for",
    "from",
    "to",
    "with",
    "by",
    "what",
    "who",
    "why",
    "how",
    "where",
    "which",
    "mr",
    "mrs",
    "ms",
    "dr",
    "prof",
    "one",
    "some",
    "many",
    "most",
    "all",
    "each",
    "every",
    "not",
    "no",
    "yes",
    "then",
    "now",
    "today",
    "yesterday",
    "later",
    "however",
    "meanwhile",
    "also",
    "still",
    "even",
    "only",
    "since",
    "because",
    "although",
    "though",
    "despite",
    "during",
    "did",
    "do",
    "does",
    "is",
    "are",
    "was",
    "were",
    "will",
    "would",
    "can",
    "could",
    "should",
    "let",
    "please",
    "thanks",
];

const CLOSERS: &[char] = &['"', '\'', '”', '’', ')', ']', '»', '›'];
const TERMINATORS: &[char] = &['.', '!', '?', '…', '‽'];

/// Splits text into sentences; each range is trimmed of surrounding whitespace.
/// A line break always ends a sentence (paragraphs reach here as single lines).
pub fn split(text: &str) -> Vec<Range<usize>> {
    split_in(text, "en")
}

/// [`split`] for a text in `language` (a primary subtag): its abbreviations, titles and
/// sentence starters from `data/locale-words.tsv` count as well as English ones.
pub fn split_in(text: &str, language: &str) -> Vec<Range<usize>> {
    let words = crate::locale_words::for_language(language);
    let mut out = Vec::new();
    let mut start = 0;
    for line in text.split_inclusive('\n') {
        out.extend(
            split_line(line, words)
                .into_iter()
                .map(|r| r.start + start..r.end + start),
        );
        start += line.len();
    }
    out
}

fn split_line(text: &str, words: Option<&LocaleWords>) -> Vec<Range<usize>> {
    let mut cuts = list_item_starts(text);
    cuts.push(text.len());
    let mut out = Vec::new();
    let mut start = 0;
    for cut in cuts {
        out.extend(
            split_run(&text[start..cut], words)
                .into_iter()
                .map(|r| r.start + start..r.end + start),
        );
        start = cut;
    }
    out
}

/// Splits a run of text that holds no inline list.
fn split_run(text: &str, words: Option<&LocaleWords>) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    let bytes_len = text.len();
    let mut iter = text.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        if !TERMINATORS.contains(&c) {
            continue;
        }
        // Take the whole run of terminators, spaced ellipsis dots, and closing quotes.
        let mut end = i + c.len_utf8();
        let mut run = String::from(c);
        while let Some(&(j, d)) = iter.peek() {
            if TERMINATORS.contains(&d) || CLOSERS.contains(&d) {
                run.push(d);
                end = j + d.len_utf8();
                iter.next();
            } else {
                break;
            }
        }
        // Citation marks belong to the sentence they follow: "a gas.[1] It…", "a gas. [1][2] It…".
        end += citation_len(&text[end..]);
        let rest = &text[end..];
        if !rest.starts_with(char::is_whitespace) {
            continue; // "U.S.A", "3.14", "e.g.,", "Yahoo!-style": no boundary without a space.
        }
        let next_word = rest.trim_start();
        if next_word.is_empty() || !is_boundary(&text[start..i], &run, next_word, words) {
            continue;
        }
        push_trimmed(text, start..end, &mut out);
        start = end;
    }
    if start < bytes_len {
        push_trimmed(text, start..bytes_len, &mut out);
    }
    out
}

/// Length of citation marks ("[1]", " [2][3]") at the start of `rest`.
fn citation_len(rest: &str) -> usize {
    let mut len = 0;
    loop {
        let after = &rest[len..];
        let spaces = after.len() - after.trim_start_matches(' ').len();
        let candidate = &after[spaces..];
        let Some(inner) = candidate.strip_prefix('[') else {
            return len;
        };
        let digits = inner.bytes().take_while(u8::is_ascii_digit).count();
        if digits == 0 || digits > 3 || !inner[digits..].starts_with(']') {
            return len;
        }
        len += spaces + digits + 2;
    }
}

fn push_trimmed(text: &str, range: Range<usize>, out: &mut Vec<Range<usize>>) {
    let slice = &text[range.clone()];
    let lead = slice.len() - slice.trim_start().len();
    let trail = slice.len() - slice.trim_end().len();
    if lead + trail < slice.len() {
        out.push(range.start + lead..range.end - trail);
    }
}

/// Whether the punctuation `run` after `before` ends a sentence, given the text that follows.
fn is_boundary(before: &str, run: &str, next: &str, words: Option<&LocaleWords>) -> bool {
    let first = next.chars().next().unwrap_or(' ');
    let next_word: String = next
        .trim_start_matches(['"', '\'', '“', '‘', '(', '['])
        .chars()
        .take_while(|c| c.is_alphanumeric() || *c == '\'')
        .collect();
    let starts_upper = next_word.chars().next().is_some_and(char::is_uppercase);
    let starts_digit = next_word.chars().next().is_some_and(|c| c.is_ascii_digit());
    let opener =
        first.is_alphanumeric() || ['"', '\'', '“', '‘', '(', '[', '¡', '¿'].contains(&first);
    let closed = run.trim_end_matches(CLOSERS).len() < run.len();
    if !opener
        || next_word.is_empty()
        || !(starts_upper || starts_digit)
        || (first == '(' && closed)
    {
        return false; // lower case, more dots, or an aside after a quotation: the sentence goes on.
    }
    let next_lower = next_word.to_lowercase();
    let is_starter = STARTERS.contains(&next_lower.as_str())
        || words.is_some_and(|w| w.starters.contains(&next_lower));
    let core = run.trim_end_matches(CLOSERS);
    if core.contains('…') || core.starts_with("..") || before.trim_end().ends_with(". .") {
        // After an ellipsis a capital usually starts a sentence, but "I" often continues one.
        return starts_upper && next_word != "I";
    }
    let word = before.rsplit(char::is_whitespace).next().unwrap_or("");
    if run.starts_with('.') && is_list_marker(before, word) {
        return false; // "1.)", "a." opening an item
    }
    if core != "." || run.len() > core.len() {
        return true; // ! ? ?! or a closed quotation: a boundary before any capital or digit.
    }
    let word = word.trim_start_matches(['"', '\'', '“', '‘', '(', '[']);
    let lower = word.to_lowercase();
    if TITLES.contains(&lower.as_str()) || is_list_marker(before, word) {
        return false;
    }
    if let Some(words) = words {
        if words.title_keys.contains(&lower) {
            return false;
        }
        // "am 1. Mai": an ordinal, in languages that write them with a period.
        if lower.chars().all(|c| c.is_ascii_digit()) && words.ordinal_nouns.contains(&next_lower) {
            return false;
        }
        if words.abbreviation_keys.contains(&lower) {
            return is_starter && !starts_digit;
        }
    }
    let next_is_title = TITLES.contains(&next_word.to_lowercase().as_str());
    if TIME_ABBREVIATIONS.contains(&lower.trim_end_matches('.')) {
        return (starts_digit || starts_upper) && !next_is_title;
    }
    if ABBREVIATIONS.contains(&lower.as_str()) {
        return is_starter && !starts_digit;
    }
    let letters: Vec<char> = word.chars().filter(|c| *c != '.').collect();
    let dotted_acronym = word.contains('.') && word.split('.').all(|p| p.chars().count() == 1);
    if (letters.len() == 1 && letters[0].is_alphabetic()) || dotted_acronym {
        return is_starter; // "J. Smith" and "U.S. Government" go on; "you and I. Did" does not.
    }
    true
}

/// "1." "a." "• 9." opening a sentence: a list marker, whose period ends nothing.
fn is_list_marker(before: &str, word: &str) -> bool {
    const BULLETS: [char; 5] = ['•', '⁃', '-', '*', '·'];
    let opening = before.trim().trim_start_matches(BULLETS).trim();
    let word = word.trim_start_matches(BULLETS);
    let short_number =
        !word.is_empty() && word.len() <= 2 && word.chars().all(|c| c.is_ascii_digit());
    let letter = word.len() == 1 && word.chars().all(|c| c.is_ascii_lowercase());
    opening == word && (short_number || letter)
}

/// Where an inline list ("1.) The first item 2.) The second item") starts its next item:
/// markers numbered in sequence, each before a capital, split the text before any other rule.
fn list_item_starts(text: &str) -> Vec<usize> {
    let mut starts = Vec::new();
    let trimmed = text.trim_start();
    let offset = text.len() - trimmed.len();
    let Some((first, style)) = marker_at(trimmed) else {
        return starts;
    };
    let mut expected = next_marker(&first);
    let mut search = offset;
    while let Some(pos) = text[search..]
        .find(&format!(" {expected}{style}"))
        .map(|p| search + p + 1)
    {
        let after = &text[pos + expected.len() + style.len()..];
        if !after.starts_with(' ') {
            break;
        }
        // A bullet before the marker ("• 10.") belongs to the item it opens.
        let head = text[..pos].trim_end();
        let cut = if head.ends_with(['•', '⁃']) {
            head.len() - 3
        } else {
            pos
        };
        starts.push(cut);
        search = pos + expected.len();
        expected = next_marker(&expected);
    }
    // Bulleted numbers ("• 9. … • 10. …") split before each bullet.
    if starts.is_empty() {
        for bullet in ['•', '⁃'] {
            if trimmed.starts_with(bullet) {
                starts.extend(
                    text.match_indices(bullet)
                        .map(|(i, _)| i)
                        .filter(|&i| i > offset),
                );
            }
        }
    }
    starts
}

/// The list marker opening `text` ("1", "a") and its punctuation (".", ")", ".)").
fn marker_at(text: &str) -> Option<(String, &'static str)> {
    let text = text.trim_start_matches(['•', '⁃', ' ']);
    let digits: String = text.chars().take_while(char::is_ascii_digit).collect();
    let marker = if !digits.is_empty() && digits.len() <= 2 {
        digits
    } else if text.starts_with(|c: char| c.is_ascii_lowercase())
        && text[1..].starts_with(['.', ')'])
    {
        text[..1].to_string()
    } else {
        return None;
    };
    let rest = &text[marker.len()..];
    let style = [".) ", ". ", ") "]
        .into_iter()
        .find(|s| rest.starts_with(s))?;
    Some((marker, &style[..style.len() - 1]))
}

fn next_marker(marker: &str) -> String {
    match marker.parse::<u32>() {
        Ok(n) => (n + 1).to_string(),
        Err(_) => marker
            .chars()
            .next()
            .and_then(|c| char::from_u32(c as u32 + 1))
            .map(String::from)
            .unwrap_or_default(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sents(text: &str) -> Vec<&str> {
        split(text).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn each_languages_abbreviations() {
        let split = |t: &'static str, l: &str| -> Vec<&'static str> {
            split_in(t, l).into_iter().map(|r| &t[r]).collect()
        };
        assert_eq!(
            split("M. Dupont est venu. Il est reparti.", "fr"),
            ["M. Dupont est venu.", "Il est reparti."]
        );
        assert_eq!(
            split(
                "Am 1. Mai kam Dr. Müller, z. B. mit Prof. Lang. Er blieb.",
                "de"
            ),
            [
                "Am 1. Mai kam Dr. Müller, z. B. mit Prof. Lang.",
                "Er blieb."
            ]
        );
        assert_eq!(
            split(
                "La Sra. López llegó a EE. UU. en mayo. Estaba cansada.",
                "es"
            ),
            ["La Sra. López llegó a EE. UU. en mayo.", "Estaba cansada."]
        );
        assert_eq!(
            split("Habla la Sra. López. El Sr. García calla.", "es"),
            ["Habla la Sra. López.", "El Sr. García calla."]
        );
        assert_eq!(
            split("Dkt. Ali alifika jana. Hata hivyo alirudi.", "sw"),
            ["Dkt. Ali alifika jana.", "Hata hivyo alirudi."]
        );
    }

    #[test]
    fn simple_and_abbreviations() {
        assert_eq!(
            sents("Hello World. My name is Jonas."),
            ["Hello World.", "My name is Jonas."]
        );
        assert_eq!(
            sents("Dr. Watson met Sen. Smith at 5 p.m. on Monday."),
            ["Dr. Watson met Sen. Smith at 5 p.m. on Monday."]
        );
        assert_eq!(
            sents("I live in the U.S. How about you?"),
            ["I live in the U.S.", "How about you?"]
        );
        assert_eq!(
            sents("I work for the U.S. Government."),
            ["I work for the U.S. Government."]
        );
        assert_eq!(
            sents("He was paid Rs. 16720 in all."),
            ["He was paid Rs. 16720 in all."]
        );
    }

    #[test]
    fn decimals_quotes_and_ellipses() {
        assert_eq!(
            sents("She has $100.00. It is in her bag."),
            ["She has $100.00.", "It is in her bag."]
        );
        assert_eq!(
            sents("\"This is great.\" she said."),
            ["\"This is great.\" she said."]
        );
        assert_eq!(
            sents("I never meant that.... She left."),
            ["I never meant that....", "She left."]
        );
        assert_eq!(sents("Hello?! Is that you?"), ["Hello?!", "Is that you?"]);
    }

    #[test]
    fn no_character_is_lost() {
        let text = "  One. Two!  Three?\tFour… five ";
        let joined: String = split(text)
            .into_iter()
            .map(|r| text[r].to_string())
            .collect();
        let squeezed: String = text.chars().filter(|c| !c.is_whitespace()).collect();
        assert_eq!(joined.replace(' ', ""), squeezed);
    }
}
