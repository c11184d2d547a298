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
        epub: false,
        m4b: false,
        loudness: -18.0,
        audio: Default::default(),
    }
}

/// An article whose second section the mock engine cannot speak ("boom").
const FAILING: &str = "A title here\n\nThe first paragraph says something long enough.\nA heading\nThis one goes boom when it is spoken aloud.\n";

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
    let p = prepared(FAILING);
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

/// The EPUB edition is made whole, or not at all: a book must never point at audio that a
/// failed section did not make.
#[test]
fn a_failing_section_means_no_epub_edition() {
    let dir = tempfile::tempdir().unwrap();
    let with_epub = |dir: &Path| ExportOptions {
        epub: true,
        m4b: false,
        loudness: -18.0,
        ..options(dir)
    };
    let good = prepared(ARTICLE);
    export_article(
        &good,
        "a",
        &mut MockEngine::default(),
        &with_epub(dir.path()),
        &Progress::hidden(),
    )
    .unwrap();
    assert!(dir.path().join("a/a.epub").is_file());
    let bad = prepared(FAILING);
    let report = export_article(
        &bad,
        "b",
        &mut MockEngine::default(),
        &with_epub(dir.path()),
        &Progress::hidden(),
    )
    .unwrap();
    assert_eq!(report.failed.len(), 1);
    let names: Vec<String> = std::fs::read_dir(dir.path().join("b"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(!names.iter().any(|n| n.contains("epub")), "{names:?}");
    let man: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.path().join("b/manifest.json")).unwrap())
            .unwrap();
    assert!(man.get("epub").is_none());
}

/// Each format writes its own files and resumes: FLAC sections are read back for the combined
/// edition; lossy sections are kept when there is no combined edition, and spoken again
/// (never decoded and encoded twice) when there is.
#[test]
fn every_audio_format_writes_and_resumes() {
    use crate::codec::AudioFormat;
    for (format, combined, reused) in [
        (AudioFormat::Flac, true, 2),
        (AudioFormat::Mp3, false, 2),
        (AudioFormat::Opus, false, 2),
        (AudioFormat::Mp3, true, 0),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let p = prepared(ARTICLE);
        let mut engine = MockEngine::default();
        let options = ExportOptions {
            combined,
            audio: AudioSettings { format, kbps: None },
            ..options(dir.path())
        };
        let first = export_article(&p, "a", &mut engine, &options, &Progress::hidden()).unwrap();
        let folder = dir.path().join("a");
        let ext = format.name();
        assert!(folder.join(format!("01-a-heading.{ext}")).is_file());
        assert!(!folder.join("01-a-heading.wav").exists());
        assert!(folder.join("a.m3u8").is_file());
        let playlist = std::fs::read_to_string(folder.join("a.m3u8")).unwrap();
        assert!(
            playlist.contains(&format!("00-a-title-here.{ext}")),
            "{playlist}"
        );
        let again = export_article(&p, "a", &mut engine, &options, &Progress::hidden()).unwrap();
        assert_eq!(again.reused, reused, "{format:?} combined {combined}");
        assert_eq!(again.audio_ms, first.audio_ms);
        if combined {
            assert!(folder.join(format!("a.{ext}")).is_file());
            assert!(!folder.join(".a.pcm.wav").exists());
            let cue = std::fs::read_to_string(folder.join("a.cue")).unwrap();
            assert!(cue.contains(&format!("a.{ext}")), "{cue}");
        }
        let man: serde_json::Value =
            serde_json::from_slice(&std::fs::read(folder.join("manifest.json")).unwrap()).unwrap();
        assert_eq!(man["settings"]["audio"], ext);
    }
}

/// The combined FLAC of a resumed export holds exactly the samples of its sections.
#[test]
fn a_resumed_combined_flac_is_its_sections_end_to_end() {
    use crate::codec::{AudioFormat, flac};
    let dir = tempfile::tempdir().unwrap();
    let p = prepared(ARTICLE);
    let mut engine = MockEngine::default();
    let options = ExportOptions {
        audio: AudioSettings {
            format: AudioFormat::Flac,
            kbps: None,
        },
        ..options(dir.path())
    };
    export_article(&p, "a", &mut engine, &options, &Progress::hidden()).unwrap();
    let folder = dir.path().join("a");
    std::fs::remove_file(folder.join("01-a-heading.flac")).unwrap();
    let again = export_article(&p, "a", &mut engine, &options, &Progress::hidden()).unwrap();
    assert_eq!(again.reused, 1);
    let mut sections = flac::read(&folder.join("00-a-title-here.flac")).unwrap().0;
    sections.extend(flac::read(&folder.join("01-a-heading.flac")).unwrap().0);
    assert_eq!(flac::read(&folder.join("a.flac")).unwrap().0, sections);
}

#[test]
fn windows_hold_every_core_and_long_chapters_shrink_them() {
    // An article's short sections: full windows of twice the cores.
    assert_eq!(
        windows(&[300; 9], 2, 4),
        [vec![0, 1, 2, 3], vec![4, 5, 6, 7], vec![8]]
    );
    // A book's long chapters: a core each, no more.
    assert_eq!(
        windows(&[5_000, 4_000, 3_000, 200, 100], 2, 4),
        [vec![0, 1], vec![2, 3, 4]]
    );
    // One core: one section at a time.
    assert_eq!(windows(&[10, 10], 1, 1), [vec![0], vec![1]]);
}
