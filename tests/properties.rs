//! Property tests: promises that must hold for any input, not just the examples.

mod common;

use hark::markup::section_ssml;
use hark::sentences;
use hark::speech::{Pauses, SectionScript, Sentence};
use hark::xml as reader;
use proptest::prelude::*;

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    /// Whatever an article says, the SSML written for it is well-formed and says it back as text.
    #[test]
    fn ssml_writer_escapes_any_text(heading in "\\PC{0,40}", body in "\\PC{0,200}") {
        let script = SectionScript {
language: "en".into(),
            heading: Some(Sentence::new(&heading)),
            paragraphs: vec![sentences::split(&body).into_iter().map(|r| Sentence::new(&body[r])).collect()],
            ..Default::default()
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

/// Any article: headings (or none), empty sections, numbers, abbreviations, punctuation.
fn article() -> impl Strategy<Value = String> {
    let sentence =
        "([A-Z][a-z]{1,8}( [a-z]{1,8}| [0-9]{1,5}| Dr| e\\.g\\.| US| 3\\.5%| £12){0,8}[.!?]?)";
    let paragraph = proptest::collection::vec(sentence, 0..4).prop_map(|s| s.join(" "));
    let section = (
        "[A-Z][a-z]{2,10}( [a-z]{2,8}){0,3}",
        proptest::collection::vec(paragraph, 0..3),
    )
        .prop_map(|(heading, paragraphs)| {
            format!("## {heading}\n\n{}\n\n", paragraphs.join("\n\n"))
        });
    (
        "[A-Z][a-z]{2,10}( [a-z]{2,8}){0,4}",
        proptest::collection::vec(section, 0..4),
        "[A-Z][a-z]{1,8}( [a-z]{1,8}){0,6}\\.",
    )
        .prop_map(|(title, sections, intro)| {
            format!("# {title}\n\n{intro}\n\n{}", sections.concat())
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    /// For any article exported with the real eSpeak NG, every section's length agrees in the
    /// manifest, the WAV and the end of its subtitles, and the sections add up to the total.
    #[test]
    fn durations_agree_in_manifest_wav_and_subtitles(text in article()) {
        let prepared = match hark::prepare_bytes("a.md", text.as_bytes(), &Default::default()) {
            Ok(p) => p,
            Err(_) => return Ok(()), // nothing to speak: no export to check
        };
        let dir = tempfile::tempdir().unwrap();
        let options = hark::export::ExportOptions {
            out_dir: dir.path().to_path_buf(),
            pauses: Pauses::default(),
            ..Default::default()
        };
        let mut engine = hark::synth::espeak::Espeak::new("en-us", Default::default()).unwrap();
        hark::export::export_article(&prepared, "a", &mut engine, &options, &hark::progress::Progress::hidden())
            .map_err(|e| TestCaseError::fail(e.to_string()))?;
        let folder = dir.path().join("a");
        let man: serde_json::Value = serde_json::from_slice(&std::fs::read(folder.join("manifest.json")).unwrap()).unwrap();
        let mut total = 0;
        for s in man["sections"].as_array().unwrap() {
            let reader = hound::WavReader::open(folder.join(s["audio"].as_str().unwrap())).unwrap();
            let rate = u64::from(reader.spec().sample_rate);
            let ms = (u64::from(reader.duration()) * 1000 + rate / 2) / rate;
            prop_assert_eq!(Some(ms), s["duration_ms"].as_u64(), "WAV vs manifest\n{}", text);
            let vtt = folder.join(s["subtitles"].as_str().unwrap());
            prop_assert_eq!(common::vtt_end_ms(&vtt), ms, "subtitles vs WAV\n{}", text);
            total += ms;
        }
        prop_assert_eq!(man["duration_ms"].as_u64(), Some(total));
    }
}
