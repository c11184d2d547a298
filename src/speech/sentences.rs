//! Sentence boundaries: a paragraph's text → byte ranges of its sentences.
//!
//! Rule-based, in the manner of the Golden Rules of pragmatic_segmenter: a boundary is sentence
//! punctuation (with any closing quotes or brackets) followed by a space and something that can
//! start a sentence. Abbreviations (Dr., Sen., e.g.), initials, decimals, acronyms with periods
//! (U.S.), list numbers and ellipses are handled. The ranges are slices of the input with only
//! whitespace left out between them, so no character is ever lost.

use std::ops::Range;

/// Titles that stand before a name: a period after them never ends a sentence.
const TITLES: &[&str] = &[
    "mr", "mrs", "ms", "mx", "dr", "prof", "sen", "rep", "gov", "gen", "col", "lt", "sgt", "capt", "cmdr", "adm",
    "maj", "st", "mt", "ft", "fr", "rev", "hon", "pres", "supt", "insp", "det", "cpl", "pvt", "messrs", "mme",
    "mlle", "sr", "jr",
];

/// Other abbreviations: a period after them ends a sentence only before a clear sentence start.
const ABBREVIATIONS: &[&str] = &[
    "e.g", "i.e", "etc", "vs", "inc", "ltd", "co", "corp", "llc", "plc", "no", "nos", "n°", "vol", "vols", "p", "pp",
    "fig", "figs", "ch", "sec", "art", "para", "approx", "dept", "est", "ave", "blvd", "rd", "hwy", "jan", "feb",
    "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mon", "tue", "tues", "wed", "thu",
    "thurs", "fri", "sat", "sun", "a.m", "p.m", "cf", "al", "ed", "eds", "op", "cit", "ibid", "viz", "ca", "min",
    "max", "tel", "ext", "govt", "univ", "assn", "bros", "intl", "natl", "mph", "km", "kg", "oz", "lb", "lbs",
];

/// Words that commonly open a sentence; after an abbreviation, only these mark a new one.
const STARTERS: &[&str] = &[
    "i", "the", "a", "an", "he", "she", "it", "they", "we", "you", "this", "that", "these", "those", "there",
    "here", "his", "her", "its", "their", "our", "my", "your", "but", "and", "so", "yet", "or", "if", "when",
    "while", "after", "before", "as", "in", "on", "at", "for", "from", "to", "with", "by", "what", "who", "why",
    "how", "where", "which", "mr", "mrs", "ms", "dr", "prof", "one", "some", "many", "most", "all", "each",
    "every", "not", "no", "yes", "then", "now", "today", "yesterday", "later", "however", "meanwhile", "also",
    "still", "even", "only", "since", "because", "although", "though", "despite", "during", "did", "do", "does",
    "is", "are", "was", "were", "will", "would", "can", "could", "should", "let", "please", "thanks",
];

const CLOSERS: &[char] = &['"', '\'', '”', '’', ')', ']', '»', '›'];
const TERMINATORS: &[char] = &['.', '!', '?', '…', '‽'];

/// Splits text into sentences; each range is trimmed of surrounding whitespace.
pub fn split(text: &str) -> Vec<Range<usize>> {
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
        let rest = &text[end..];
        if !rest.starts_with(char::is_whitespace) {
            continue; // "U.S.A", "3.14", "e.g.,", "Yahoo!-style": no boundary without a space.
        }
        let next_word = rest.trim_start();
        if next_word.is_empty() || !is_boundary(&text[start..i], &run, next_word) {
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

fn push_trimmed(text: &str, range: Range<usize>, out: &mut Vec<Range<usize>>) {
    let slice = &text[range.clone()];
    let lead = slice.len() - slice.trim_start().len();
    let trail = slice.len() - slice.trim_end().len();
    if lead + trail < slice.len() {
        out.push(range.start + lead..range.end - trail);
    }
}

/// Whether the punctuation `run` after `before` ends a sentence, given the text that follows.
fn is_boundary(before: &str, run: &str, next: &str) -> bool {
    let first = next.chars().next().unwrap_or(' ');
    let next_word: String = next
        .trim_start_matches(['"', '\'', '“', '‘', '(', '['])
        .chars()
        .take_while(|c| c.is_alphanumeric() || *c == '\'')
        .collect();
    let starts_upper = next_word.chars().next().is_some_and(char::is_uppercase);
    let starts_digit = next_word.chars().next().is_some_and(|c| c.is_ascii_digit());
    let opener = first.is_alphanumeric() || ['"', '\'', '“', '‘', '(', '[', '¡', '¿'].contains(&first);
    if !opener || next_word.is_empty() || !(starts_upper || starts_digit) {
        return false; // lower case, or more dots: the sentence goes on.
    }
    let is_starter = STARTERS.contains(&next_word.to_lowercase().as_str());
    let core = run.trim_end_matches(CLOSERS);
    if core.contains('…') || core.starts_with("..") || before.trim_end().ends_with(". .") {
        // After an ellipsis a capital usually starts a sentence, but "I" often continues one.
        return starts_upper && next_word != "I";
    }
    if core != "." || run.len() > core.len() {
        return true; // ! ? ?! or a closed quotation: a boundary before any capital or digit.
    }
    let word = before.rsplit(char::is_whitespace).next().unwrap_or("");
    let word = word.trim_start_matches(['"', '\'', '“', '‘', '(', '[']);
    let lower = word.to_lowercase();
    if TITLES.contains(&lower.as_str()) {
        return false;
    }
    if ABBREVIATIONS.contains(&lower.as_str()) {
        return is_starter && !starts_digit;
    }
    let letters: Vec<char> = word.chars().filter(|c| *c != '.').collect();
    let dotted_acronym = word.contains('.') && word.split('.').all(|p| p.chars().count() == 1);
    if (letters.len() == 1 && letters[0].is_alphabetic()) || dotted_acronym {
        return is_starter; // "J. Smith" and "U.S. Government" go on; "you and I. Did" does not.
    }
    let is_list_number = word.chars().all(|c| c.is_ascii_digit()) && word.len() <= 2 && before.trim() == word;
    !is_list_number
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sents(text: &str) -> Vec<&str> {
        split(text).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn simple_and_abbreviations() {
        assert_eq!(sents("Hello World. My name is Jonas."), ["Hello World.", "My name is Jonas."]);
        assert_eq!(sents("Dr. Watson met Sen. Smith at 5 p.m. on Monday."), ["Dr. Watson met Sen. Smith at 5 p.m. on Monday."]);
        assert_eq!(sents("I live in the U.S. How about you?"), ["I live in the U.S.", "How about you?"]);
        assert_eq!(sents("I work for the U.S. Government."), ["I work for the U.S. Government."]);
    }

    #[test]
    fn decimals_quotes_and_ellipses() {
        assert_eq!(sents("She has $100.00. It is in her bag."), ["She has $100.00.", "It is in her bag."]);
        assert_eq!(sents("\"This is great.\" she said."), ["\"This is great.\" she said."]);
        assert_eq!(sents("I never meant that.... She left."), ["I never meant that....", "She left."]);
        assert_eq!(sents("Hello?! Is that you?"), ["Hello?!", "Is that you?"]);
    }

    #[test]
    fn no_character_is_lost() {
        let text = "  One. Two!  Three?\tFour… five ";
        let joined: String = split(text).into_iter().map(|r| text[r].to_string()).collect();
        let squeezed: String = text.chars().filter(|c| !c.is_whitespace()).collect();
        assert_eq!(joined.replace(' ', ""), squeezed);
    }
}
