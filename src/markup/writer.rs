//! SSML writer: [`SectionScript`] + [`Pauses`] → one well-formed SSML 1.0 `<speak>` document.
//!
//! Layout: a break, the heading as its own `<p><s><emphasis>`, a break, then one `<p>` per
//! paragraph with `<s>` per sentence and sentence breaks between them, paragraph breaks between
//! paragraphs. Expansions are `<sub alias>`, spelled acronyms `<say-as interpret-as="characters">`,
//! a passage in another language `<voice xml:lang>`.

use crate::speech::normalize::Piece;
use crate::speech::{MAX_PAUSE_MS, Pauses, SectionScript, Sentence};
use crate::xml::escape;
use std::fmt::Write;

/// Writes the SSML document for one section. `lang` is the document's `xml:lang` (e.g. "en-US").
pub fn section_ssml(section: &SectionScript, pauses: &Pauses, lang: &str) -> String {
    section_ssml_then_pause(section, pauses, lang, 0)
}

/// [`section_ssml`] ending with a further break of `pause_ms` (0: none): for services that
/// drop a break opening the next document, the pause before the next heading goes here.
pub fn section_ssml_then_pause(
    section: &SectionScript,
    pauses: &Pauses,
    lang: &str,
    pause_ms: u32,
) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "<speak version=\"1.0\" xmlns=\"http://www.w3.org/2001/10/synthesis\" xml:lang=\"{}\">",
        escape(lang)
    );
    if let Some(heading) = &section.heading {
        push_break(&mut out, pauses.heading_ms);
        out.push_str("<p><s><emphasis>");
        push_pieces(&mut out, heading);
        out.push_str("</emphasis></s></p>\n");
        if !section.paragraphs.is_empty() {
            push_break(&mut out, pauses.heading_ms);
        }
    }
    for (i, paragraph) in section.paragraphs.iter().enumerate() {
        if i > 0 {
            push_break(&mut out, pauses.paragraph_ms);
        }
        out.push_str("<p>");
        for (j, sentence) in paragraph.iter().enumerate() {
            if j > 0 {
                let _ = write!(
                    out,
                    "<break time=\"{}ms\"/>",
                    pauses.sentence_ms.min(MAX_PAUSE_MS)
                );
            }
            out.push_str("<s>");
            match &sentence.language {
                // A passage in another language: its voice is that language's.
                Some(language) => {
                    let _ = write!(out, "<voice xml:lang=\"{}\">", escape(language));
                    push_pieces(&mut out, sentence);
                    out.push_str("</voice>");
                }
                None => push_pieces(&mut out, sentence),
            }
            out.push_str("</s>");
        }
        out.push_str("</p>\n");
    }
    if pause_ms > 0 {
        push_break(&mut out, pause_ms);
    }
    out.push_str("</speak>\n");
    out
}

fn push_break(out: &mut String, ms: u32) {
    let _ = writeln!(out, "<break time=\"{}ms\"/>", ms.min(MAX_PAUSE_MS));
}

fn push_pieces(out: &mut String, sentence: &Sentence) {
    for piece in &sentence.pieces {
        match piece {
            Piece::Text(t) => out.push_str(&escape(t)),
            Piece::Sub { written, spoken } => {
                let _ = write!(
                    out,
                    "<sub alias=\"{}\">{}</sub>",
                    escape(spoken),
                    escape(written)
                );
            }
            Piece::Spell(t) => {
                let _ = write!(
                    out,
                    "<say-as interpret-as=\"characters\">{}</say-as>",
                    escape(t)
                );
            }
            // The content is what a processor that cannot use the IPA says: the entry's
            // alias where it has one (SSML lets <phoneme> hold text only, so not a <sub>).
            Piece::Phoneme { ipa, said, .. } => {
                let _ = write!(
                    out,
                    "<phoneme alphabet=\"ipa\" ph=\"{}\">{}</phoneme>",
                    escape(ipa),
                    escape(said)
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::xml as reader;

    fn section(heading: &str, paragraphs: &[&[&str]]) -> SectionScript {
        SectionScript {
            language: "en".into(),
            heading: Some(Sentence::new(heading)),
            paragraphs: paragraphs
                .iter()
                .map(|p| p.iter().map(|s| Sentence::new(s)).collect())
                .collect(),
            ..Default::default()
        }
    }

    #[test]
    fn markup_in_the_article_is_text() {
        let s = section(
            "</speak><audio src=\"x\"/>",
            &[&["<break time=\"100000s\"/> & more."]],
        );
        let xml = section_ssml(&s, &Pauses::default(), "en-US");
        assert!(!xml.contains("100000s\"/>"));
        let doc = reader::parse(&xml).expect("well-formed");
        assert_eq!(doc.name, "speak");
        assert!(doc.text().contains("<break time=\"100000s\"/> & more."));
    }

    #[test]
    fn breaks_at_heading_and_between_paragraphs_and_sentences() {
        let s = section("Head", &[&["One.", "Two."], &["Three."]]);
        let xml = section_ssml(
            &s,
            &Pauses {
                heading_ms: 1500,
                paragraph_ms: 700,
                sentence_ms: 300,
            },
            "en-US",
        );
        assert_eq!(xml.matches("<break time=\"1500ms\"/>").count(), 2);
        assert_eq!(xml.matches("<break time=\"700ms\"/>").count(), 1);
        assert_eq!(xml.matches("<break time=\"300ms\"/>").count(), 1);
        assert!(xml.contains("<p><s><emphasis>Head</emphasis></s></p>"));
    }

    #[test]
    fn sub_and_say_as() {
        let s = section("Dr Smith and the MSS", &[]);
        let xml = section_ssml(&s, &Pauses::default(), "en-US");
        assert!(xml.contains("<sub alias=\"Doctor\">Dr</sub>"));
        assert!(xml.contains("<say-as interpret-as=\"characters\">MSS</say-as>"));
    }

    #[test]
    fn a_closing_pause_is_the_last_thing() {
        let s = section("Head", &[&["One."]]);
        let xml = section_ssml_then_pause(&s, &Pauses::default(), "en-US", 1500);
        assert!(
            xml.ends_with("</p>\n<break time=\"1500ms\"/>\n</speak>\n"),
            "{xml}"
        );
        assert_eq!(
            section_ssml_then_pause(&s, &Pauses::default(), "en-US", 0),
            section_ssml(&s, &Pauses::default(), "en-US")
        );
    }

    #[test]
    fn escape_drops_control_characters() {
        assert_eq!(escape("a\u{0}b\u{7}<"), "ab&lt;");
    }
}
