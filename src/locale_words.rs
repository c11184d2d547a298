//! The words of a language other than English that eSpeak NG does not read as a person would:
//! abbreviations ("M." → monsieur, "z. B." → zum Beispiel), acronyms said as words ("OTAN"),
//! and written forms it misreads ("2e", "14h30", "1.º"). The tables are data, in
//! `data/locale-words.tsv`; this module loads them once and finds them in a sentence. The
//! sentence splitter reads the same tables, so that "M. Dupont" is not two sentences.

use regex::Regex;
use std::collections::HashMap;
use std::sync::LazyLock;

/// One language's entries from `data/locale-words.tsv`.
#[derive(Debug, Default)]
pub struct LocaleWords {
    /// Abbreviations before a name, as written ("M.", "Sra.") with their spoken form.
    pub titles: Vec<(String, String)>,
    /// Other abbreviations, as written, with their spoken form (empty: as written).
    pub abbreviations: Vec<(String, String)>,
    /// Capitals said as words ("OTAN").
    pub acronyms: Vec<String>,
    /// Words that often open a sentence, in lower case.
    pub starters: Vec<String>,
    /// Words after which "1." is an ordinal ("Mai"), in lower case.
    pub ordinal_nouns: Vec<String>,
    /// Written forms and how to say them.
    pub rewrites: Vec<(Regex, String)>,
    /// Words before a period that never ends a sentence (titles), in lower case.
    pub title_keys: Vec<String>,
    /// Words before a period that ends a sentence only before a starter, in lower case.
    pub abbreviation_keys: Vec<String>,
}

impl LocaleWords {
    /// The word a sentence splitter sees before an abbreviation's last period, in lower case
    /// ("b" for "z. B.", "sra" for "Sra."): such a period need not end a sentence.
    fn split_keys<'a>(list: &'a [(String, String)]) -> impl Iterator<Item = String> + 'a {
        // Every part of "EE. UU." or "z. B." is followed by a period that ends nothing.
        list.iter()
            .filter(|(w, _)| w.ends_with('.'))
            .flat_map(|(w, _)| w.split([' ', '.']))
            .filter(|part| !part.is_empty())
            .map(str::to_lowercase)
    }
}

static TABLES: LazyLock<HashMap<String, LocaleWords>> = LazyLock::new(|| {
    let mut tables: HashMap<String, LocaleWords> = HashMap::new();
    for line in include_str!("../data/locale-words.tsv").lines() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        let [language, kind, written, spoken] = cols[..] else {
            continue;
        };
        let words = tables.entry(language.to_string()).or_default();
        let listed = || written.split_whitespace().map(str::to_string);
        match kind {
            "title" => words.titles.push((written.into(), spoken.into())),
            "abbr" => words.abbreviations.push((written.into(), spoken.into())),
            "acronym" => words.acronyms.extend(listed()),
            "starter" => words.starters.extend(listed().map(|w| w.to_lowercase())),
            "ordinal" => words
                .ordinal_nouns
                .extend(listed().map(|w| w.to_lowercase())),
            "rewrite" => {
                // The table is part of hark; a bad pattern is a bug the unit tests catch.
                if let Ok(re) = Regex::new(written) {
                    words.rewrites.push((re, spoken.into()));
                }
            }
            _ => {}
        }
    }
    for words in tables.values_mut() {
        words.title_keys = LocaleWords::split_keys(&words.titles).collect();
        words.abbreviation_keys = LocaleWords::split_keys(&words.abbreviations).collect();
    }
    tables
});

/// The table of a language (its primary subtag); `None` when it has none.
pub fn for_language(language: &str) -> Option<&'static LocaleWords> {
    TABLES.get(language)
}

/// A stretch of a sentence said otherwise than written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Said {
    /// Byte range in the sentence.
    pub start: usize,
    /// One past its last byte.
    pub end: usize,
    /// What to say instead.
    pub spoken: String,
}

/// Every stretch of `sentence` that the language's table says how to read, in order, none
/// overlapping (the earlier, then the longer, wins).
pub fn find(sentence: &str, words: &LocaleWords) -> Vec<Said> {
    let mut found = Vec::new();
    for (re, replacement) in &words.rewrites {
        for caps in re.captures_iter(sentence) {
            let Some(whole) = caps.get(0) else { continue };
            found.push(Said {
                start: whole.start(),
                end: whole.end(),
                spoken: expand(replacement, &caps),
            });
        }
    }
    for (written, spoken) in words.titles.iter().chain(&words.abbreviations) {
        for (at, _) in sentence.match_indices(written.as_str()) {
            let end = at + written.len();
            if !word_edge(sentence, at, end) || spoken.is_empty() {
                continue;
            }
            // A title is spoken as one only before a name: "M. Dupont", not "le plan M."
            let is_title = words.titles.iter().any(|(w, _)| w == written);
            if is_title && !sentence[end..].trim_start().starts_with(char::is_uppercase) {
                continue;
            }
            found.push(Said {
                start: at,
                end,
                spoken: spoken.clone(),
            });
        }
    }
    for acronym in &words.acronyms {
        for (at, _) in sentence.match_indices(acronym.as_str()) {
            let end = at + acronym.len();
            if word_edge(sentence, at, end) {
                found.push(Said {
                    start: at,
                    end,
                    spoken: as_word(acronym),
                });
            }
        }
    }
    found.sort_by_key(|s| (s.start, std::cmp::Reverse(s.end)));
    let mut kept: Vec<Said> = Vec::new();
    for said in found {
        if kept.last().is_none_or(|last| said.start >= last.end) {
            kept.push(said);
        }
    }
    kept
}

/// An acronym written so that a voice says it as a word: "OTAN" → "Otan".
fn as_word(acronym: &str) -> String {
    let mut chars = acronym.chars();
    let first: String = chars.next().into_iter().collect();
    first + &chars.as_str().to_lowercase()
}

/// Whether `start..end` is a whole word: no letter or digit just before or just after it.
fn word_edge(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    let glued = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    let last_is_letter = text[start..end]
        .chars()
        .next_back()
        .is_some_and(char::is_alphanumeric);
    !(glued(before) || (last_is_letter && glued(after)))
}

/// A replacement with its groups filled in: `$1`, `{roman:1}`, `{lower:2}`.
fn expand(replacement: &str, caps: &regex::Captures) -> String {
    static TOKEN: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"\$(\d)|\{(roman|lower):(\d)\}").expect("a valid pattern"));
    TOKEN
        .replace_all(replacement, |t: &regex::Captures| {
            let group = |n: &str| {
                n.parse::<usize>()
                    .ok()
                    .and_then(|n| caps.get(n))
                    .map_or("", |m| m.as_str())
            };
            if let Some(n) = t.get(1) {
                return group(n.as_str()).to_string();
            }
            let value = group(&t[3]);
            match &t[2] {
                "roman" => crate::numerals::roman(value)
                    .map_or_else(|| value.to_string(), |n| n.to_string()),
                _ => value.to_lowercase(),
            }
        })
        .into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn said(sentence: &str, language: &str) -> Vec<(String, String)> {
        find(sentence, for_language(language).unwrap())
            .into_iter()
            .map(|s| (sentence[s.start..s.end].to_string(), s.spoken))
            .collect()
    }

    #[test]
    fn every_rewrite_compiles() {
        let listed = include_str!("../data/locale-words.tsv")
            .lines()
            .filter(|l| l.split('\t').nth(1) == Some("rewrite"))
            .count();
        let loaded: usize = TABLES.values().map(|w| w.rewrites.len()).sum();
        assert_eq!(listed, loaded);
    }

    #[test]
    fn french_titles_acronyms_ordinals_and_times() {
        let s = "M. Dupont et Mme Durand, de l'OTAN, au XIXe siècle, la 2e fois, à 14h30.";
        assert_eq!(
            said(s, "fr"),
            vec![
                ("M.".into(), "monsieur".into()),
                ("Mme".into(), "madame".into()),
                ("OTAN".into(), "Otan".into()),
                ("XIXe".into(), "19ème".into()),
                ("2e".into(), "2ème".into()),
                ("14h30".into(), "14 heures 30".into()),
            ]
        );
        // A capital M ending a phrase is no title; an acronym inside a word is no acronym.
        assert!(said("le plan M. voilà", "fr").is_empty());
        assert!(said("OTANIEN", "fr").is_empty());
    }

    #[test]
    fn other_languages() {
        assert_eq!(
            said("Am 3. Oktober z. B. kam Dr. Müller.", "de"),
            vec![
                ("3. Oktober".into(), "3. oktober".into()),
                ("z. B.".into(), "zum Beispiel".into()),
                ("Dr.".into(), "Doktor".into()),
            ]
        );
        assert_eq!(
            said("El 1.º de mayo, la Sra. López.", "es"),
            vec![
                ("1.º".into(), "1º".into()),
                ("Sra.".into(), "señora".into())
            ]
        );
        assert_eq!(
            said("Bei TSh 5,000", "sw"),
            vec![("TSh 5,000".into(), "shilingi 5,000".into())]
        );
    }
}
