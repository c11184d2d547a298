//! Property tests: promises that must hold for any input, not just the examples.

use hark::markup::{reader, section_ssml};
use hark::speech::{Pauses, SectionScript, Sentence, sentences};
use proptest::prelude::*;

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    /// Whatever an article says, the SSML written for it is well-formed and says it back as text.
    #[test]
    fn ssml_writer_escapes_any_text(heading in "\\PC{0,40}", body in "\\PC{0,200}") {
        let script = SectionScript {
            heading: Some(Sentence::new(&heading)),
            paragraphs: vec![sentences::split(&body).into_iter().map(|r| Sentence::new(&body[r])).collect()],
        };
        let xml = section_ssml(&script, &Pauses::default(), "en-US");
        let root = reader::parse(&xml).map_err(|e| TestCaseError::fail(format!("{e}\n{xml}")))?;
        prop_assert_eq!(&root.name, "speak");
        let spoken: String = root.text().chars().filter(|c| !c.is_whitespace()).collect();
        let wanted: String = format!("{heading}{body}").chars().filter(|c| !c.is_whitespace() && (*c as u32 >= 0x20) && *c != '\u{fffe}' && *c != '\u{ffff}').collect();
        prop_assert_eq!(spoken, wanted);
    }

    /// Any title gives a slug that is safe as a file name everywhere.
    #[test]
    fn slugs_are_safe_for_any_title(title in "\\PC{0,300}|[./\\\\:*?\"<>| ]{0,20}|(?i)(con|prn|aux|nul|com1|lpt1)(\\.[a-z]{0,3})?") {
        let s = hark::slug::slug(&title, "section");
        prop_assert!(!s.is_empty() && s.len() <= hark::slug::MAX_SLUG_LEN, "{s:?}");
        prop_assert!(s.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'), "{s:?}");
        prop_assert!(!s.starts_with('-') && !s.ends_with('-'), "{s:?}");
        prop_assert!(!["con", "prn", "aux", "nul", "com1", "lpt1"].contains(&s.as_str()), "{s:?}");
    }

    /// Sentence splitting loses no character: the sentences are the text, minus whitespace between them.
    #[test]
    fn sentence_splitting_loses_nothing(text in "([A-Za-z]{1,8}|[.!?…]{1,3}|[\"'()”’]|[0-9]{1,3}|\\s{1,2}|Dr\\.|U\\.S\\.|e\\.g\\.){0,60}") {
        let ranges = sentences::split(&text);
        let mut last = 0;
        for r in &ranges {
            prop_assert!(r.start >= last && r.end > r.start, "{ranges:?}");
            prop_assert!(text[last..r.start].chars().all(char::is_whitespace), "dropped {:?}", &text[last..r.start]);
            last = r.end;
        }
        prop_assert!(text[last..].chars().all(char::is_whitespace));
    }

    /// Normalization keeps the written text exactly.
    #[test]
    fn normalization_keeps_the_written_text(text in "([A-Za-z]{1,8}|[0-9,.:%$£€-]{1,6}|\\s|Dr|St\\.|MSS|KSh|am|pm|Jan|[A-Z]{2,5}s?){0,40}") {
        let s = Sentence::new(&text);
        prop_assert_eq!(s.written(), text);
    }
}
