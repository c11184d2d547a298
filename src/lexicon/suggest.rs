//! The words of an article a voice will have to guess at, for `hark lexicon suggest`: names
//! (words with a capital that are not at a sentence's start and never appear in lower case)
//! and, in an English article, words with letters English does not use (Ngũgĩ, Kibaki's
//! neighbours in Swahili), counted; those a lexicon already has are left out. Which of them
//! the voice's dictionary knows is the caller's to ask (eSpeak NG's, in the command), and
//! [`WordList`] holds the system's word list for the language, whose words (Helen, Saturday)
//! eSpeak NG's spelling rules read well even where its own dictionary lacks them.

use super::entry::{possessive_stem, words};
use std::collections::HashMap;

/// A word to consider for a lexicon, and how often the article has it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Guess {
    /// As written (the first form met).
    pub word: String,
    pub count: usize,
}

/// The guesses in `sentences` (written, body sentences: headings capitalize every word) in
/// `language` (a primary subtag), less the words `has_entry` (a lexicon has them), most
/// frequent first, then in alphabetical order.
pub fn guesses(sentences: &[&str], language: &str, has_entry: impl Fn(&str) -> bool) -> Vec<Guess> {
    let mut lower_case: std::collections::HashSet<String> = Default::default();
    let mut seen: HashMap<String, (String, usize, bool)> = HashMap::new();
    for sentence in sentences {
        for (n, (start, end)) in words(sentence).into_iter().enumerate() {
            // "Otunge's" is listed as "Otunge", which a lexicon entry matches in both.
            let whole = &sentence[start..end];
            let word = possessive_stem(whole).unwrap_or(whole);
            if word.chars().next().is_some_and(char::is_lowercase) {
                lower_case.insert(word.to_lowercase());
            }
            let candidate =
                (n > 0 && is_name(word)) || (language == "en" && has_foreign_letters(word));
            let entry = seen
                .entry(word.to_lowercase())
                .or_insert_with(|| (word.to_string(), 0, false));
            entry.1 += 1;
            entry.2 |= candidate && word.chars().any(char::is_alphabetic);
        }
    }
    let mut out: Vec<Guess> = seen
        .into_iter()
        .filter(|(key, (word, _, candidate))| {
            *candidate
                && (!lower_case.contains(key) || has_foreign_letters(word))
                && word.chars().count() > 1
                && !word.chars().any(|c| c.is_ascii_digit())
                && !has_entry(word)
        })
        .map(|(_, (word, count, _))| Guess { word, count })
        .collect();
    out.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.word.cmp(&b.word)));
    out
}

/// The words of a system word list (`/usr/share/dict`, Debian's `wamerican` and its kin), in
/// lower case.
#[derive(Debug, Default)]
pub struct WordList(std::collections::HashSet<String>);

impl WordList {
    /// The list for `language` (a primary subtag), empty where the machine has none.
    pub fn for_language(language: &str) -> WordList {
        let names: &[&str] = match language {
            "en" => &["american-english", "british-english", "words"],
            "fr" => &["french"],
            "de" => &["ngerman", "ogerman", "swiss"],
            "es" => &["spanish"],
            "it" => &["italian"],
            "pt" => &["portuguese", "brazilian"],
            "nl" => &["dutch"],
            _ => &[],
        };
        let folder = std::path::Path::new("/usr/share/dict");
        let text = names
            .iter()
            .find_map(|name| std::fs::read_to_string(folder.join(name)).ok())
            .unwrap_or_default();
        WordList(text.lines().map(|w| w.trim().to_lowercase()).collect())
    }

    /// Whether the list has `word` (in any case, with either apostrophe).
    pub fn has(&self, word: &str) -> bool {
        self.0.contains(&word.to_lowercase().replace('’', "'"))
    }

    /// Whether it has no words (no list for the language on this machine).
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// Letters beyond ASCII's (an apostrophe such as ’ is not a letter).
fn has_foreign_letters(word: &str) -> bool {
    word.chars().any(|c| c.is_alphabetic() && !c.is_ascii())
}

/// A capital, then a lower-case letter somewhere: a name. All capitals, with or without a
/// plural's s ("ICUs"), is an acronym, which hark's own lists read.
fn is_name(word: &str) -> bool {
    let acronym = word.strip_suffix('s').unwrap_or(word);
    word.chars().next().is_some_and(char::is_uppercase) && acronym.chars().any(char::is_lowercase)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::Lexicon;

    fn words_of(guesses: Vec<Guess>) -> Vec<(String, usize)> {
        guesses.into_iter().map(|g| (g.word, g.count)).collect()
    }

    #[test]
    fn names_not_at_a_sentence_start_most_frequent_first() {
        let sentences = [
            "The minister Otunge met Sing'oei in Kisumu, and ICUs didn’t.",
            "Otunge said the Market was busy, and the market agreed.",
            "Kisumu is calm. NASA was there.",
            "Sing'oei left, as Otunge's aide stayed.",
        ];
        assert_eq!(
            words_of(guesses(&sentences, "en", |_| false)),
            [
                ("Otunge".to_string(), 3),
                ("Kisumu".to_string(), 2),
                ("Sing'oei".to_string(), 2)
            ]
        );
    }

    #[test]
    fn words_a_lexicon_has_are_left_out_and_foreign_letters_are_listed() {
        let lexicon = Lexicon::from_text("l.txt", "Otunge = Oh toon geh\n").unwrap();
        let sentences = ["We read Otunge and ngũgĩ today."];
        assert_eq!(
            words_of(guesses(&sentences, "en", |w| lexicon
                .whole(w, "en")
                .is_some())),
            [("ngũgĩ".to_string(), 1)]
        );
        // In Swahili those letters are its own.
        assert!(guesses(&["Tulisoma ngũgĩ leo."], "sw", |_| false).is_empty());
    }
}
