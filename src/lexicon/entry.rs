//! A lexicon's entries and how one is matched: whole words, a name's capitals kept (an entry
//! written with capitals matches only that form; one in lower case matches any), several
//! words in a row, and the language it is for.

/// How an entry is said.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Say {
    /// Other words in its place (SSML `<sub alias>`).
    Alias(String),
    /// IPA, with the words to say where IPA cannot be used.
    Phoneme { ipa: String, alias: Option<String> },
}

/// One entry: the words it matches and how they are said.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The words as written in the lexicon (one or more).
    pub words: Vec<String>,
    pub say: Say,
    /// The language it is for (a primary subtag, lower case); `None`: any.
    pub language: Option<String>,
    /// Where it came from, for messages: `FILE:LINE`.
    pub origin: String,
}

impl Entry {
    /// Whether the entry matches `words` (as written in the text) in a text in `language`.
    pub fn matches(&self, words: &[&str], language: &str) -> bool {
        if let Some(own) = &self.language
            && !own.eq_ignore_ascii_case(crate::language::primary(language))
        {
            return false;
        }
        words.len() == self.words.len()
            && self
                .words
                .iter()
                .zip(words)
                .all(|(own, found)| same_word(own, found))
    }
}

/// A word of the lexicon against a word of the text: exactly, when the lexicon's has
/// capitals (a name); in any case, when it is all lower case.
fn same_word(own: &str, found: &str) -> bool {
    if own.chars().any(char::is_uppercase) {
        own == found
    } else {
        own.to_lowercase() == found.to_lowercase()
    }
}

/// The key an entry is found by: its first word in lower case.
pub fn key(word: &str) -> String {
    word.to_lowercase()
}

/// Whether `c` belongs inside a word: letters, digits, and an apostrophe or hyphen between
/// them (Sing'oei, Ngũgĩ, wa-Thiong'o).
pub fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '\'' | '’' | '-' | '\u{2010}')
}

/// The words of `text` with their byte ranges; an apostrophe or hyphen at a word's edge is
/// not part of it.
pub fn words(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let push = |from: usize, to: usize, out: &mut Vec<(usize, usize)>| {
        let word = &text[from..to];
        let trimmed = word.trim_matches(|c: char| !c.is_alphanumeric());
        if !trimmed.is_empty() {
            let lead = word.len()
                - word
                    .trim_start_matches(|c: char| !c.is_alphanumeric())
                    .len();
            out.push((from + lead, from + lead + trimmed.len()));
        }
    };
    for (i, c) in text.char_indices() {
        match (is_word_char(c), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                push(s, i, &mut out);
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        push(s, text.len(), &mut out);
    }
    out
}

/// A word without its possessive `'s` (or `’s`), if it has one.
pub fn possessive_stem(word: &str) -> Option<&str> {
    word.strip_suffix("'s")
        .or_else(|| word.strip_suffix("’s"))
        .filter(|stem| !stem.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(words: &[&str], language: Option<&str>) -> Entry {
        Entry {
            words: words.iter().map(|w| w.to_string()).collect(),
            say: Say::Alias("x".into()),
            language: language.map(str::to_string),
            origin: "test:1".into(),
        }
    }

    #[test]
    fn a_name_keeps_its_capitals_and_a_common_word_matches_any_case() {
        let name = entry(&["Bill"], None);
        assert!(name.matches(&["Bill"], "en"));
        assert!(!name.matches(&["bill"], "en"));
        let word = entry(&["ngong"], None);
        assert!(word.matches(&["Ngong"], "en") && word.matches(&["NGONG"], "en"));
    }

    #[test]
    fn an_entry_for_a_language_is_used_only_in_it() {
        let swahili = entry(&["Kindiki"], Some("sw"));
        assert!(swahili.matches(&["Kindiki"], "sw-KE"));
        assert!(!swahili.matches(&["Kindiki"], "en"));
    }

    #[test]
    fn words_keep_inner_apostrophes_and_hyphens() {
        let text = "Sing'oei met wa-Thiong'o, 'quoted' here.";
        let found: Vec<&str> = words(text).into_iter().map(|(a, b)| &text[a..b]).collect();
        assert_eq!(found, ["Sing'oei", "met", "wa-Thiong'o", "quoted", "here"]);
    }
}
