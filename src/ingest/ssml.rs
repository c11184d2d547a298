//! SSML documents that others wrote → blocks.
//!
//! Read with our own strict reader ([`crate::xml`]): a DOCTYPE is skipped, never
//! resolved, and entities other than XML's five are refused, so nothing outside the file is
//! ever fetched or expanded. What hark supports is spoken as the SSML says: `<p>` and `<s>`
//! give paragraphs and sentences, `<sub alias>` speaks the alias, `<say-as
//! interpret-as="characters">` spells. Anything else is spoken by its text (`<voice>`,
//! `<prosody>`, `<emphasis>`, `<lang>`, `<phoneme>`, `<audio>`'s fallback, vendor tags) or left
//! out (`<mark>`, `<meta>`, `<lexicon>`, `<desc>`), with one warning per kind, never an error.
//! A `<break>` ends the paragraph, so it is heard as hark's paragraph pause; its exact length is
//! not kept (warned).

use crate::document::{Block, Document, collapse_whitespace, strip_controls};
use crate::error::MarkupError;
use crate::xml::{self as reader, Element, Node};
use std::collections::BTreeSet;

/// Parses an SSML document. A fragment without a `<speak>` root (bare text and tags) is read
/// as if it had one.
pub fn parse(text: &str) -> Result<Document, MarkupError> {
    let root = match reader::parse(text) {
        Ok(root) => root,
        Err(first) => {
            let body = text.trim_start();
            let body = match body.strip_prefix("<?xml") {
                Some(rest) => rest.split_once("?>").map_or("", |(_, r)| r),
                None => body,
            };
            if body.trim_start().starts_with("<speak") {
                return Err(first);
            }
            reader::parse(&format!("<speak>{body}</speak>")).map_err(|_| first)?
        }
    };
    let mut reading = Reading::default();
    reading.element(&root, 0);
    reading.flush();
    let mut warnings: Vec<String> = Vec::new();
    if reading.breaks_with_length {
        warnings.push(
            "SSML <break> lengths are not kept: each break is read as hark's paragraph pause (--paragraph-pause)"
                .into(),
        );
    }
    for name in &reading.read_as_text {
        warnings.push(format!(
            "SSML <{name}> is not supported: its text is read as plain text"
        ));
    }
    for name in &reading.left_out {
        warnings.push(format!("SSML <{name}> is not supported and was left out"));
    }
    Ok(Document {
        blocks: reading.blocks,
        language: root.attr("xml:lang").map(str::to_string),
        warnings,
        ..Document::default()
    })
}

/// Walks the tree, gathering paragraphs.
#[derive(Default)]
struct Reading {
    blocks: Vec<Block>,
    paragraph: String,
    breaks_with_length: bool,
    read_as_text: BTreeSet<String>,
    left_out: BTreeSet<String>,
}

impl Reading {
    fn flush(&mut self) {
        let text = collapse_whitespace(&strip_controls(&self.paragraph));
        self.paragraph.clear();
        // "I can pause <break/>." leaves the period to open the next paragraph: drop it.
        let text = text
            .trim_start_matches(|c: char| matches!(c, '.' | ',' | ';' | ':') || c.is_whitespace())
            .to_string();
        if !text.is_empty() {
            self.blocks.push(Block::Paragraph(text));
        }
    }

    fn push_text(&mut self, text: &str) {
        self.paragraph.push_str(text);
    }

    /// The reader bounds nesting (256), so recursion here is bounded too.
    fn element(&mut self, e: &Element, depth: usize) {
        // `ssml:p`, `amazon:effect`: namespaces are matched by the local name.
        let (prefix, local) = match e.name.split_once(':') {
            Some((p, l)) => (Some(p), l),
            None => (None, e.name.as_str()),
        };
        match (prefix, local) {
            (None, "speak" | "voice" | "lang" | "emphasis" | "prosody" | "token" | "w") => {
                self.children(e, depth);
            }
            (None, "p" | "paragraph") => {
                self.flush();
                self.children(e, depth);
                self.flush();
            }
            (None, "s" | "sentence") => {
                self.push_text(" ");
                let start = self.paragraph.len();
                self.children(e, depth);
                // A <p> or <break> inside may have flushed the paragraph: then start is past it.
                let said = self.paragraph.get(start..).unwrap_or("").trim_end();
                if !said.is_empty() && !said.ends_with(['.', '!', '?', '…', ':', ';']) {
                    self.paragraph.truncate(start + said.len());
                    self.paragraph.push('.');
                }
                self.push_text(" ");
            }
            (None, "break") => {
                if e.attr("time").is_some() || e.attr("strength").is_some() {
                    self.breaks_with_length = true;
                }
                if e.attr("strength")
                    .is_some_and(|s| s.eq_ignore_ascii_case("none"))
                {
                    return;
                }
                self.flush();
            }
            (None, "sub") => match e.attr("alias") {
                Some(alias) => self.push_text(alias),
                None => self.children(e, depth),
            },
            (None, "say-as") => {
                let how = e.attr("interpret-as").unwrap_or("").to_ascii_lowercase();
                if matches!(how.as_str(), "characters" | "spell-out" | "letters") {
                    let spelled: Vec<String> = e
                        .text()
                        .chars()
                        .filter(|c| !c.is_whitespace())
                        .map(String::from)
                        .collect();
                    self.push_text(&format!(" {}", spelled.join(" ")));
                } else {
                    self.children(e, depth);
                }
            }
            (None, "mark" | "meta" | "metadata" | "lexicon" | "desc") => {
                if local != "mark" {
                    self.left_out.insert(local.to_string());
                }
            }
            (None, "audio") => {
                // The recording is never fetched; its fallback text (if any) is spoken.
                self.read_as_text.insert("audio".into());
                self.children(e, depth);
            }
            _ => {
                self.read_as_text.insert(e.name.clone());
                self.children(e, depth);
            }
        }
    }

    fn children(&mut self, e: &Element, depth: usize) {
        for child in &e.children {
            match child {
                Node::Text(t) => self.push_text(t),
                Node::Element(c) => self.element(c, depth + 1),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paragraphs(doc: &Document) -> Vec<String> {
        doc.blocks
            .iter()
            .map(|b| match b {
                Block::Paragraph(p) => p.clone(),
                other => panic!("unexpected {other:?}"),
            })
            .collect()
    }

    #[test]
    fn paragraphs_sentences_sub_and_spelling() {
        let doc = parse(
            "<?xml version=\"1.0\"?><speak version=\"1.0\" xml:lang=\"en-US\"><p><s>Hello there</s>\
             <s>The <sub alias=\"World Wide Web Consortium\">W3C</sub> met.</s></p>\
             <p>Call <say-as interpret-as=\"characters\">IBM</say-as> now.</p></speak>",
        )
        .unwrap();
        assert_eq!(
            paragraphs(&doc),
            [
                "Hello there. The World Wide Web Consortium met.",
                "Call I B M now."
            ]
        );
        assert!(doc.warnings.is_empty(), "{:?}", doc.warnings);
    }

    #[test]
    fn breaks_split_and_are_warned_about() {
        let doc = parse("<speak>One<break time=\"3s\"/>Two<break strength=\"none\"/>more</speak>")
            .unwrap();
        assert_eq!(paragraphs(&doc), ["One", "Twomore"]);
        assert!(doc.warnings[0].contains("<break>"));
    }

    #[test]
    fn unsupported_is_text_or_left_out_never_fetched() {
        let doc = parse(
            "<speak><audio src=\"file:///etc/shadow\">A chime.</audio><mark name=\"m\"/>\
             <mstts:express-as style=\"cheerful\">Glad</mstts:express-as>\
             <phoneme alphabet=\"ipa\" ph=\"x\">tomato</phoneme><meta name=\"a\" content=\"b\"/></speak>",
        )
        .unwrap();
        assert_eq!(paragraphs(&doc), ["A chime.Gladtomato"]);
        let w = doc.warnings.join("\n");
        assert!(w.contains("<audio>") && w.contains("<mstts:express-as>") && w.contains("<meta>"));
        assert!(!w.contains("shadow"));
    }

    #[test]
    fn a_fragment_without_speak_is_read() {
        let doc = parse("<break time='2s'/> this is a test <break time='.5s'/> of breaks").unwrap();
        assert_eq!(paragraphs(&doc), ["this is a test", "of breaks"]);
    }

    #[test]
    fn entities_are_never_expanded() {
        let bomb = "<?xml version=\"1.0\"?><!DOCTYPE speak [<!ENTITY a \"aaaaaaaa\"><!ENTITY b \"&a;&a;&a;\">]>\
                    <speak>&b;</speak>";
        assert!(parse(bomb).is_err());
        let external =
            "<!DOCTYPE speak [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><speak>&x;</speak>";
        assert!(parse(external).is_err());
        assert!(parse("<speak><p>unclosed</speak>").is_err());
    }

    #[test]
    fn a_paragraph_inside_a_sentence_does_not_break_the_reading() {
        let doc = parse("<speak><s>One <p>two</p></s><s>x<break/></s></speak>").unwrap();
        assert_eq!(paragraphs(&doc), ["One", "two", "x"]);
    }
}
