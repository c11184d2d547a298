//! W3C Pronunciation Lexicon Specification 1.0 files (`.pls`), the SSML standard's own lexicon
//! format: a `<lexicon>` with `xml:lang` and a default `alphabet`, holding `<lexeme>`s of one
//! or more `<grapheme>` and an `<alias>` or a `<phoneme>` (IPA). Read with hark's own XML
//! reader, which never resolves entities.

use super::entry::{Entry, Say, words};
use super::text_form::is_language_tag;
use crate::error::LexiconError;
use crate::xml::Element;

/// PLS's namespace.
pub const NAMESPACE: &str = "http://www.w3.org/2005/01/pronunciation-lexicon";

/// The entries of a PLS document; `path` names it in errors, which give the lexeme's number.
pub fn parse(path: &str, text: &str) -> Result<Vec<Entry>, LexiconError> {
    let whole = |message: String| LexiconError::Pls {
        path: path.to_string(),
        message,
    };
    let root = crate::xml::parse(text).map_err(|e| whole(format!("not well-formed XML: {e}")))?;
    if root.local_name() != "lexicon" {
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
    for (n, lexeme) in root.children_named("lexeme").enumerate() {
        let graphemes: Vec<String> = lexeme
            .children_named("grapheme")
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
        let alias = lexeme
            .children_named("alias")
            .map(|a| a.text().trim().to_string())
            .find(|a| !a.is_empty());
        let phoneme = match lexeme.children_named("phoneme").next() {
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
                // A symbol (℔, &): PLS allows it, but hark matches words, so the lexeme is
                // left out rather than the whole lexicon refused.
                log::warn!(
                    "lexicon {path}: {named}: <grapheme>{grapheme}</grapheme> has no letters or digits, so hark cannot match it in a text; it is skipped"
                );
                continue;
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

/// Where a well-formed PLS document departs from PLS 1.0's structure, as messages (none when
/// it conforms): what `hark lexicon check` adds to reading it. The same rules as
/// `schemas/pls-1.0.xsd` (tests/lexicon.rs holds the two to the same verdicts); reading a
/// lexicon for an export is more forgiving (no `version` or `alphabet` is taken as 1.0, IPA).
pub fn conformance(text: &str) -> Vec<String> {
    let Ok(root) = crate::xml::parse(text) else {
        return vec!["not well-formed XML".into()];
    };
    let mut problems = Vec::new();
    if root.local_name() != "lexicon" {
        problems.push(format!(
            "the root element is <{}>, not <lexicon>",
            root.name
        ));
        return problems;
    }
    if root.attr("xmlns") != Some(NAMESPACE) {
        problems.push(format!(
            "<lexicon> must be in PLS's namespace: xmlns=\"{NAMESPACE}\""
        ));
    }
    if root.attr("version") != Some("1.0") {
        problems.push("<lexicon> needs version=\"1.0\"".into());
    }
    if root.attr("xml:lang").is_none() {
        problems.push("<lexicon> needs xml:lang (the lexicon's language)".into());
    }
    match root.attr("alphabet") {
        None => problems.push("<lexicon> needs alphabet=\"ipa\"".into()),
        Some(a) if !is_alphabet(a) => problems.push(format!(
            "alphabet=\"{a}\" is neither \"ipa\" nor a vendor's x-… name"
        )),
        Some(_) => {}
    }
    let mut lexemes_begun = false;
    for child in root.child_elements() {
        match child.local_name() {
            "meta" | "metadata" if lexemes_begun => problems.push(format!(
                "<{}> after a <lexeme>: meta and metadata come first",
                child.name
            )),
            "meta" if child.attr("content").is_none() => {
                problems.push("<meta> needs a content attribute".into())
            }
            "meta" | "metadata" => {}
            "lexeme" => {
                lexemes_begun = true;
                problems.extend(lexeme_conformance(child));
            }
            other => problems.push(format!("<{other}> is not a PLS element of <lexicon>")),
        }
    }
    problems
}

/// A lexeme's departures: graphemes, then phonemes or aliases, then examples, none empty.
fn lexeme_conformance(lexeme: &Element) -> Vec<String> {
    let named = lexeme
        .children_named("grapheme")
        .next()
        .map_or("a <lexeme>".to_string(), |g| {
            format!("the <lexeme> of \"{}\"", g.text().trim())
        });
    let mut problems = Vec::new();
    // 0: graphemes, 1: phonemes and aliases, 2: examples.
    let (mut stage, mut counts) = (0, [0; 3]);
    for child in lexeme.child_elements() {
        let name = child.local_name();
        let own = match name {
            "grapheme" => 0,
            "phoneme" | "alias" => 1,
            "example" => 2,
            other => {
                problems.push(format!(
                    "{named}: <{other}> is not a PLS element of <lexeme>"
                ));
                continue;
            }
        };
        if own < stage {
            problems.push(format!(
                "{named}: <{name}> comes too late: graphemes first, then phonemes or aliases, then examples"
            ));
        }
        stage = stage.max(own);
        counts[own] += 1;
        if child.text().trim().is_empty() {
            problems.push(format!("{named}: an empty <{name}>"));
        }
        if let Some(a) = child.attr("alphabet").filter(|a| !is_alphabet(a)) {
            problems.push(format!(
                "{named}: alphabet=\"{a}\" is neither \"ipa\" nor x-…"
            ));
        }
        if let Some(p) = child
            .attr("prefer")
            .filter(|p| !matches!(*p, "true" | "false"))
        {
            problems.push(format!("{named}: prefer=\"{p}\" is neither true nor false"));
        }
    }
    if counts[0] == 0 {
        problems.push(format!("{named} has no <grapheme>"));
    }
    if counts[1] == 0 {
        problems.push(format!("{named} has neither a <phoneme> nor an <alias>"));
    }
    problems
}

/// "ipa", or a vendor's alphabet named x-….
fn is_alphabet(name: &str) -> bool {
    name == "ipa"
        || name
            .strip_prefix("x-")
            .is_some_and(|rest| !rest.is_empty() && !rest.contains(char::is_whitespace))
}

/// A word `hark lexicon suggest` lists: as written, eSpeak NG's IPA for it now, and how often
/// the article has it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suggested {
    pub word: String,
    pub ipa: String,
    pub count: usize,
}

impl Suggested {
    /// How often, in words: "once", "3 times".
    pub fn times(&self) -> String {
        match self.count {
            1 => "once".to_string(),
            n => format!("{n} times"),
        }
    }
}

/// A PLS 1.0 document of suggested words in `language` (BCP 47), `note` as its first comment;
/// a word with no IPA gets itself as an alias, so that every lexeme conforms.
pub fn write(language: &str, note: &str, words: &[Suggested]) -> String {
    use crate::xml::escape;
    let mut out = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!-- {} -->\n<lexicon version=\"1.0\" xmlns=\"{NAMESPACE}\" alphabet=\"ipa\" xml:lang=\"{}\">\n",
        escape(&note.replace("--", "–")),
        escape(language)
    );
    for w in words {
        let times = w.times();
        let said = if w.ipa.is_empty() {
            format!("<alias>{}</alias>", escape(&w.word))
        } else {
            format!("<phoneme>{}</phoneme>", escape(&w.ipa))
        };
        out.push_str(&format!(
            "  <lexeme><grapheme>{}</grapheme>{said}</lexeme> <!-- {times} -->\n",
            escape(&w.word)
        ));
    }
    out.push_str("</lexicon>\n");
    out
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
