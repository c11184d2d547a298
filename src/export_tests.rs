//! Tests of [`super`]: a whole export with the mock engine, resume, and what is refused.
use super::*;
use crate::synth::mock::MockEngine;

fn prepared(text: &str) -> Prepared {
    crate::prepare_bytes("a.txt", text.as_bytes(), &Default::default()).unwrap()
}

fn options(dir: &Path) -> ExportOptions {
    ExportOptions {
        out_dir: dir.to_path_buf(),
        pauses: Pauses::default(),
        prosody: Prosody::default(),
        force: false,
        combined: true,
    }
}

const ARTICLE: &str = "A title here\n\nThe first paragraph says something long enough.\nA heading\nThe second paragraph says something else entirely.\n";

#[test]
fn writes_everything_and_resumes() {
    let dir = tempfile::tempdir().unwrap();
    let p = prepared(ARTICLE);
    let mut engine = MockEngine::default();
    let first = export_article(
        &p,
        "a",
        &mut engine,
        &options(dir.path()),
        &Progress::hidden(),
    )
    .unwrap();
    assert_eq!(
        (first.sections, first.reused, first.failed.len()),
        (2, 0, 0)
    );
    for f in [
        "00-a-title-here.wav",
        "01-a-heading.vtt",
        "01-a-heading.ssml",
        "a.m3u8",
        "manifest.json",
        "a.wav",
        "a.cue",
        "a.chapters.vtt",
    ] {
        assert!(dir.path().join("a").join(f).is_file(), "{f}");
    }
    let again = export_article(
        &p,
        "a",
        &mut engine,
        &options(dir.path()),
        &Progress::hidden(),
    )
    .unwrap();
    assert_eq!(again.reused, 2);
    assert_eq!(again.audio_ms, first.audio_ms);
}

#[test]
fn another_input_in_the_folder_needs_force() {
    let dir = tempfile::tempdir().unwrap();
    let mut engine = MockEngine::default();
    export_article(
        &prepared(ARTICLE),
        "a",
        &mut engine,
        &options(dir.path()),
        &Progress::hidden(),
    )
    .unwrap();
    let other = prepared("Other title\n\nSomething else is said here at length.\n");
    let err = export_article(
        &other,
        "a",
        &mut engine,
        &options(dir.path()),
        &Progress::hidden(),
    )
    .unwrap_err();
    assert!(matches!(err, ExportError::Exists { .. }));
    let forced = ExportOptions {
        force: true,
        ..options(dir.path())
    };
    let report = export_article(&other, "a", &mut engine, &forced, &Progress::hidden()).unwrap();
    assert_eq!(report.reused, 0);
    assert!(
        !dir.path().join("a/01-a-heading.wav").exists(),
        "old files are gone"
    );
}

#[test]
fn a_failing_section_is_reported_and_the_rest_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let p = prepared(
        "A title here\n\nThe first paragraph says something long enough.\nA heading\nThis one goes boom when it is spoken aloud.\n",
    );
    let report = export_article(
        &p,
        "a",
        &mut MockEngine::default(),
        &options(dir.path()),
        &Progress::hidden(),
    )
    .unwrap();
    assert_eq!(report.failed.len(), 1);
    let man: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.path().join("a/manifest.json")).unwrap())
            .unwrap();
    assert_eq!(man["complete"], false);
    assert!(
        man["sections"][1]["error"]
            .as_str()
            .unwrap()
            .contains("boom")
    );
    assert!(dir.path().join("a/00-a-title-here.wav").is_file());
}
