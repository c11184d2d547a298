//! The text form of a lexicon, for editors: one entry a line.
//!
//! ```text
//! # A comment; blank lines are skipped; a comment may follow an entry after a space.
//! Sing'oei = Sing oy             an alias: these words are said instead
//! Kindiki = /kinˈdiki/           IPA between slashes
//! Otunge = /oˈtuŋɡe/ Oh toon geh IPA, then the words to say where IPA cannot be used
//! Musalia Mudavadi = Moo sah lee ah Moo dah vah dee
//! [sw]                           the entries below are for Swahili text only
//! [*]                            and these for any language again
//! ```

use super::entry::{Entry, Say, words};
use crate::error::LexiconError;

/// The entries of a text-form lexicon; `path` names it in errors, which give the line.
pub fn parse(path: &str, text: &str) -> Result<Vec<Entry>, LexiconError> {
    let mut entries = Vec::new();
    let mut language: Option<String> = None;
    for (n, raw) in text.lines().enumerate() {
        let line = n + 1;
        let fail = |message: String| LexiconError::Entry {
            path: path.to_string(),
            line,
            message,
        };
        let content = without_comment(raw.trim().trim_start_matches('\u{feff}'));
        if content.is_empty() {
            continue;
        }
        if let Some(tag) = content.strip_prefix('[').and_then(|c| c.strip_suffix(']')) {
            let tag = tag.trim();
            language = match tag {
                "*" => None,
                _ if is_language_tag(tag) => {
                    Some(crate::language::primary(tag).to_ascii_lowercase())
                }
                _ => {
                    return Err(fail(format!(
                        "[{tag}] is not a language: write a code such as [sw] or [en-GB], or [*] for any"
                    )));
                }
            };
            continue;
        }
        let Some((written, said)) = content.split_once('=') else {
            return Err(fail(format!(
                "\"{content}\" has no '=': write WORDS = ALIAS or WORDS = /IPA/"
            )));
        };
        let written = written.trim();
        let found = words(written);
        if found.is_empty() {
            return Err(fail(
                "nothing before '=' to match: write the word as it is written".into(),
            ));
        }
        let as_words: Vec<&str> = found.iter().map(|&(a, b)| &written[a..b]).collect();
        if as_words.join(" ") != written.split_whitespace().collect::<Vec<_>>().join(" ") {
            return Err(fail(format!(
                "\"{written}\" is not whole words: write the words without punctuation around them"
            )));
        }
        let say = said_as(said.trim()).map_err(fail)?;
        entries.push(Entry {
            words: as_words.iter().map(|w| w.to_string()).collect(),
            say,
            language: language.clone(),
            origin: format!("{path}:{line}"),
        });
    }
    Ok(entries)
}

/// The line without its comment: from a `#` that opens it or follows a space.
fn without_comment(line: &str) -> &str {
    if line.starts_with('#') {
        return "";
    }
    let cut = line
        .char_indices()
        .find(|&(i, c)| c == '#' && line[..i].ends_with(char::is_whitespace))
        .map_or(line.len(), |(i, _)| i);
    line[..cut].trim_end()
}

/// What follows '=': `/IPA/`, `/IPA/ alias`, or an alias.
fn said_as(said: &str) -> Result<Say, String> {
    if said.is_empty() {
        return Err("nothing after '=': write the words to say, or /IPA/".into());
    }
    let Some(rest) = said.strip_prefix('/') else {
        return Ok(Say::Alias(said.to_string()));
    };
    let Some((ipa, alias)) = rest.split_once('/') else {
        return Err(format!(
            "\"{said}\" opens IPA with '/' but does not close it: write /IPA/"
        ));
    };
    let ipa = ipa.trim();
    if ipa.is_empty() {
        return Err("empty IPA between the slashes".into());
    }
    let alias = alias.trim();
    Ok(Say::Phoneme {
        ipa: ipa.to_string(),
        alias: (!alias.is_empty()).then(|| alias.to_string()),
    })
}

/// A BCP 47 tag as far as a lexicon needs: letters, digits and hyphens, starting with 2 or 3
/// letters.
pub fn is_language_tag(tag: &str) -> bool {
    let primary = crate::language::primary(tag);
    (2..=3).contains(&primary.len())
        && primary.chars().all(|c| c.is_ascii_alphabetic())
        && tag.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aliases_ipa_languages_and_comments() {
        let text = "# names\nSing'oei = Sing oy   # 3 times\n\nKindiki = /kinˈdiki/\n[sw]\nOtunge = /oˈtuŋɡe/ Oh toon geh\n[*]\nMusalia Mudavadi = Moo sah lee ah Moo dah vah dee\n";
        let entries = parse("names.txt", text).unwrap();
        assert_eq!(entries.len(), 4);
        assert_eq!(entries[0].say, Say::Alias("Sing oy".into()));
        assert_eq!(
            entries[1].say,
            Say::Phoneme {
                ipa: "kinˈdiki".into(),
                alias: None
            }
        );
        assert_eq!(entries[2].language.as_deref(), Some("sw"));
        assert_eq!(
            entries[2].say,
            Say::Phoneme {
                ipa: "oˈtuŋɡe".into(),
                alias: Some("Oh toon geh".into())
            }
        );
        assert_eq!(entries[3].words, ["Musalia", "Mudavadi"]);
        assert_eq!(entries[3].language, None);
        assert_eq!(entries[3].origin, "names.txt:8");
    }

    #[test]
    fn mistakes_name_their_line_and_the_fix() {
        for (text, line, says) in [
            ("ok = fine\nno equals sign\n", 2, "has no '='"),
            ("= alias\n", 1, "nothing before '='"),
            ("word =\n", 1, "nothing after '='"),
            ("word = /kin\n", 1, "does not close it"),
            ("[not a tag!]\n", 1, "is not a language"),
            ("\"quoted\" = x\n", 1, "not whole words"),
        ] {
            let message = parse("l.txt", text).unwrap_err().to_string();
            assert!(
                message.contains(&format!("l.txt:{line}:")) && message.contains(says),
                "{text:?}: {message}"
            );
        }
    }
}
