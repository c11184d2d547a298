//! The property every fuzz target checks, shared with `tests/fuzz_replay.rs`, which replays
//! the inputs the fuzzers once crashed on: whatever the bytes, reading them as `format` either
//! fails with an error or gives sections whose SSML is well-formed XML (checked by roxmltree,
//! not by hark's own reader) with no break over 10 s, and whose slugs are safe file names.

use hark::ingest::Format;

/// Panics when the property does not hold for `bytes` read as `format`.
pub fn check(format: Format, bytes: &[u8]) {
    let options = hark::ReadOptions {
        from: Some(format),
        keep_boilerplate: false,
        ..Default::default()
    };
    let Ok(prepared) = hark::prepare_bytes("fuzz", bytes, &options) else {
        return;
    };
    let article = hark::export::article_slug(&prepared);
    assert!(
        article
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'),
        "unsafe folder name {article:?}"
    );
    let pauses = hark::speech::Pauses::default();
    for section in &prepared.sections {
        let ssml = hark::markup::section_ssml(section, &pauses, "en-US");
        let doc = roxmltree::Document::parse(&ssml)
            .unwrap_or_else(|e| panic!("not well-formed ({e}): {ssml}"));
        for node in doc.descendants().filter(|n| n.has_tag_name("break")) {
            let ms: u32 = node
                .attribute("time")
                .and_then(|t| t.strip_suffix("ms"))
                .and_then(|t| t.parse().ok())
                .unwrap_or_else(|| panic!("a break without a time in ms: {ssml}"));
            assert!(ms <= hark::speech::MAX_PAUSE_MS, "a {ms} ms break");
        }
        let slug = hark::slug::slug(&section.title, "section");
        assert!(
            !slug.is_empty()
                && slug.len() <= hark::slug::MAX_SLUG_LEN
                && !slug.starts_with('-')
                && slug
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'),
            "unsafe slug {slug:?} for {:?}",
            section.title
        );
    }
}
