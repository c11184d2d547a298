//! Tests of [`super`]: a whole export with the mock engine, resume, and what is refused.
use super::*;
use crate::synth::mock::MockEngine;

thread_local! {
    /// Words per piece for the exports this thread runs, instead of [`PIECE_WORDS`].
    pub static PIECE_WORDS_HERE: std::cell::Cell<Option<usize>> = const { std::cell::Cell::new(None) };
}

/// Exports `p` into `dir/a` with the mock engine, speaking sections in pieces of `words` (or
/// of [`PIECE_WORDS`]).
fn export_in_pieces(p: &Prepared, dir: &Path, words: Option<usize>) -> ExportReport {
    PIECE_WORDS_HERE.with(|w| w.set(words));
    let report = export_article(
        p,
        "a",
        &mut MockEngine::default(),
        &options(dir),
        &Progress::hidden(),
    );
    PIECE_WORDS_HERE.with(|w| w.set(None));
    report.unwrap()
}

/// The names in a folder, sorted.
fn file_names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

fn prepared(text: &str) -> Prepared {
    crate::prepare_bytes("a.txt", text.as_bytes(), &Default::default()).unwrap()
}

fn options(dir: &Path) -> ExportOptions {
    ExportOptions {
        out_dir: dir.to_path_buf(),
        combined: true,
        ..Default::default()
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

/// The EPUB, M4B, DAISY and web editions are made whole, or not at all: a book must never point at audio
/// that a failed section did not make, or skip a chapter.
#[test]
fn a_failing_section_means_no_epub_edition() {
    let dir = tempfile::tempdir().unwrap();
    let with_epub = |dir: &Path| ExportOptions {
        editions: Editions {
            epub: true,
            m4b: true,
            daisy: true,
            web: true,
            ..Default::default()
        },
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
    assert!(dir.path().join("a/a.m4b").is_file());
    assert!(dir.path().join("a/daisy/ncc.html").is_file());
    assert!(dir.path().join("a/web/index.html").is_file());
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
    let names = file_names(&dir.path().join("b"));
    assert!(
        !names.iter().any(|n| n.contains("epub")
            || n.contains("m4b")
            || n.contains("daisy")
            || n.starts_with('.')),
        "{names:?}"
    );
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

/// A section spoken in pieces and streamed to its files (as a book's long chapter is) comes out
/// file for file as when it is spoken whole: its WAV, VTT, the combined edition, the manifest;
/// and no hidden file is left. A rerun finds it made.
#[test]
fn a_section_spoken_in_pieces_is_the_section_spoken_whole() {
    let body: Vec<String> = (0..40)
        .map(|i| format!("Sentence number {i} of the long chapter goes on here."))
        .collect();
    let text = format!(
        "A title here\n\nA short lead.\nA long chapter\n{}\n\n{}\n",
        body[..20].join(" "),
        body[20..].join(" ")
    );
    let p = prepared(&text);
    let export = |pieces: Option<usize>| {
        let dir = tempfile::tempdir().unwrap();
        assert!(export_in_pieces(&p, dir.path(), pieces).failed.is_empty());
        dir
    };
    let cut = pieces::pieces(&p.sections, &vec![false; p.sections.len()], 25);
    assert!(cut.iter().filter(|c| !c.whole).count() > 10, "{cut:?}");
    let whole = export(None);
    let pieces = export(Some(25));
    let names = file_names(&whole.path().join("a"));
    let in_pieces = file_names(&pieces.path().join("a"));
    assert_eq!(names, in_pieces, "no other files, no hidden ones");
    for name in &names {
        let read =
            |dir: &tempfile::TempDir| std::fs::read(dir.path().join("a").join(name)).unwrap();
        assert!(read(&whole) == read(&pieces), "{name} differs");
    }
    // Spoken again with the same pieces, every section is found made.
    let again = export_in_pieces(&p, pieces.path(), Some(25));
    assert_eq!(again.reused, again.sections);
}

/// A sentence that fails in a section spoken in pieces fails that section only: its error is in
/// the manifest, its hidden WAV is gone, the other sections are written.
#[test]
fn a_failing_piece_fails_its_section_and_leaves_nothing_hidden() {
    let body: Vec<String> = (0..12)
        .map(|i| format!("Sentence {i} of a chapter that runs on for a while."))
        .collect();
    let text = format!(
        "A title here\n\nA short lead.\nA long chapter\n{} This one goes boom when spoken. {}\n",
        body[..6].join(" "),
        body[6..].join(" ")
    );
    let p = prepared(&text);
    let dir = tempfile::tempdir().unwrap();
    let report = export_in_pieces(&p, dir.path(), Some(20));
    assert_eq!(report.failed.len(), 1, "{:?}", report.failed);
    assert!(report.failed[0].1.contains("boom"));
    let names = file_names(&dir.path().join("a"));
    assert!(!names.iter().any(|n| n.starts_with('.')), "{names:?}");
    assert!(
        names.iter().any(|n| n == "00-a-title-here.wav"),
        "{names:?}"
    );
    assert!(
        !names
            .iter()
            .any(|n| n.starts_with("01-") && n.ends_with(".wav")),
        "{names:?}"
    );
}
