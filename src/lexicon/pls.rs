//! W3C Pronunciation Lexicon Specification 1.0 files (`.pls`), the SSML standard's own lexicon
//! format: a `<lexicon>` with `xml:lang` and a default `alphabet`, holding `<lexeme>`s of one
//! or more `<grapheme>` and an `<alias>` or a `<phoneme>` (IPA). Read with hark's own XML
//! reader, which never resolves entities.

use super::entry::{Entry, Say, words};
use super::text_form::is_language_tag;
use crate::error::LexiconError;
use crate::xml::{Element, Node};

/// PLS's namespace.
pub const NAMESPACE: &str = "http://www.w3.org/2005/01/pronunciation-lexicon";

/// The entries of a PLS document; `path` names it in errors, which give the lexeme's number.
pub fn parse(path: &str, text: &str) -> Result<Vec<Entry>, LexiconError> {
    let whole = |message: String| LexiconError::Pls {
        path: path.to_string(),
        message,
    };
    let root = crate::xml::parse(text).map_err(|e| whole(format!("not well-formed XML: {e}")))?;
    if local(&root.name) != "lexicon" {
        return Err(whole(format!(
            "the root element is <{}>, not a PLS <lexicon>",
            root.name
        )));
    }
    if root.attr("xmlns").is_some_and(|ns| ns != NAMESPACE) {
        return Err(whole(format!("the namespace is not PLS's ({NAMESPACE})")));
    }
    let Some(lang) = root.attr("xml:lang") else {
        return Err(whole(
            "<lexicon> has no xml:lang: PLS requires the lexicon's language (xml:lang=\"en\")"
                .into(),
        ));
    };
    if !is_language_tag(lang) {
        return Err(whole(format!("xml:lang=\"{lang}\" is not a language tag")));
    }
    let language = Some(crate::language::primary(lang).to_ascii_lowercase());
    let alphabet = root.attr("alphabet").unwrap_or("ipa");
    let mut entries = Vec::new();
    for (n, lexeme) in elements(&root, "lexeme").enumerate() {
        let graphemes: Vec<String> = elements(lexeme, "grapheme")
            .map(|g| g.text().trim().to_string())
            .filter(|g| !g.is_empty())
            .collect();
        // hark's XML reader keeps no line numbers, so a lexeme is named by its place in the
        // file and its first grapheme.
        let named = match graphemes.first() {
            Some(g) => format!("lexeme {} (\"{g}\")", n + 1),
            None => format!("lexeme {}", n + 1),
        };
        let fail = |message: String| LexiconError::Pls {
            path: path.to_string(),
            message: format!("{named}: {message}"),
        };
        if graphemes.is_empty() {
            return Err(fail(
                "has no <grapheme>: write the word as it is written".into(),
            ));
        }
        let alias = elements(lexeme, "alias")
            .map(|a| a.text().trim().to_string())
            .find(|a| !a.is_empty());
        let phoneme = match elements(lexeme, "phoneme").next() {
            Some(p) => {
                let own = p.attr("alphabet").unwrap_or(alphabet);
                if !own.eq_ignore_ascii_case("ipa") {
                    return Err(fail(format!(
                        "alphabet \"{own}\" is not one hark reads: write the phonemes in IPA (alphabet=\"ipa\"), or use an <alias>"
                    )));
                }
                Some(p.text().trim().to_string()).filter(|p| !p.is_empty())
            }
            None => None,
        };
        let say = match (phoneme, alias) {
            (Some(ipa), alias) => Say::Phoneme { ipa, alias },
            (None, Some(alias)) => Say::Alias(alias),
            (None, None) => {
                return Err(fail("has neither an <alias> nor a <phoneme>".into()));
            }
        };
        for grapheme in graphemes {
            let found: Vec<String> = words(&grapheme)
                .into_iter()
                .map(|(a, b)| grapheme[a..b].to_string())
                .collect();
            if found.is_empty() {
                return Err(fail(format!(
                    "<grapheme>{grapheme}</grapheme> has no word in it"
                )));
            }
            entries.push(Entry {
                words: found,
                say: say.clone(),
                language: language.clone(),
                origin: format!("{path} lexeme {}", n + 1),
            });
        }
    }
    Ok(entries)
}

/// The name without its prefix.
fn local(name: &str) -> &str {
    name.rsplit(':').next().unwrap_or(name)
}

/// The child elements of `parent` named `name` (any prefix).
fn elements<'a>(parent: &'a Element, name: &'a str) -> impl Iterator<Item = &'a Element> {
    parent.children.iter().filter_map(move |n| match n {
        Node::Element(e) if local(&e.name) == name => Some(e),
        _ => None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const PLS: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<lexicon version="1.0" xmlns="http://www.w3.org/2005/01/pronunciation-lexicon"
    alphabet="ipa" xml:lang="en-GB">
  <lexeme><grapheme>Sing'oei</grapheme><alias>Sing oy</alias></lexeme>
  <lexeme><grapheme>Kindiki</grapheme><grapheme>KINDIKI</grapheme>
    <phoneme>kinˈdiki</phoneme></lexeme>
</lexicon>"#;

    #[test]
    fn lexemes_become_entries_in_the_lexicons_language() {
        let entries = parse("names.pls", PLS).unwrap();
        assert_eq!(entries.len(), 3);
        assert_eq!(entries[0].say, Say::Alias("Sing oy".into()));
        assert_eq!(entries[0].language.as_deref(), Some("en"));
        assert_eq!(entries[2].words, ["KINDIKI"]);
        assert!(matches!(&entries[1].say, Say::Phoneme { ipa, alias: None } if ipa == "kinˈdiki"));
    }

    #[test]
    fn what_is_wrong_is_said() {
        for (text, says) in [
            ("<lexicon", "not well-formed"),
            ("<speak xml:lang=\"en\"/>", "not a PLS <lexicon>"),
            ("<lexicon version=\"1.0\"/>", "no xml:lang"),
            (
                "<lexicon xml:lang=\"en\" alphabet=\"x-sampa\"><lexeme><grapheme>a</grapheme><phoneme>a</phoneme></lexeme></lexicon>",
                "alphabet \"x-sampa\"",
            ),
            (
                "<lexicon xml:lang=\"en\"><lexeme><alias>a</alias></lexeme></lexicon>",
                "lexeme 1: has no <grapheme>",
            ),
            (
                "<lexicon xml:lang=\"en\"><lexeme><grapheme>a</grapheme></lexeme></lexicon>",
                "neither an <alias> nor a <phoneme>",
            ),
        ] {
            let message = parse("l.pls", text).unwrap_err().to_string();
            assert!(message.contains(says), "{text}: {message}");
        }
    }
}
