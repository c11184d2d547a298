//! The EPUB 3 edition with Media Overlays: epubcheck finds nothing wrong, every overlay clip is
//! the sentence's subtitle cue to the millisecond, and a resumed export makes the same book.

mod common;

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;

/// epubcheck's verdict on `book`, or `None` where it is not installed (a failure when
/// HARK_REQUIRE_EPUBCHECK is set, as scripts/test does). Run through java, since the
/// /usr/bin/epubcheck wrapper needs binfmt support that containers lack.
fn epubcheck(book: &Path) -> Option<String> {
    let jar = Path::new("/usr/share/java/epubcheck.jar");
    if !jar.is_file() {
        assert!(
            std::env::var_os("HARK_REQUIRE_EPUBCHECK").is_none(),
            "epubcheck is required (apt-get install epubcheck)"
        );
        eprintln!("skipping epubcheck: it is not installed");
        return None;
    }
    let out = Command::new("java")
        .arg("-jar")
        .arg(jar)
        .arg(book)
        .output()
        .unwrap();
    let said = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        out.status.success(),
        "epubcheck on {}:\n{said}",
        book.display()
    );
    Some(said)
}

fn export(out: &Path, extra: &[&str]) -> (PathBuf, Value) {
    common::export_edition("epub", out, extra)
}

#[test]
fn the_epub_edition_passes_epubcheck_and_its_clips_are_the_cues() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let (folder, manifest) = export(&out, &[]);
    let book = folder.join(
        manifest["epub"]
            .as_str()
            .expect("the manifest lists the book"),
    );
    let first = std::fs::read(&book).unwrap();
    assert_eq!(&first[30..38], b"mimetype", "mimetype comes first");
    if let Some(said) = epubcheck(&book) {
        assert!(said.contains("No errors or warnings detected"), "{said}");
    }
    let package = common::zip_entry(&book, "EPUB/package.opf");
    for needed in [
        "schema:accessMode",
        "synchronizedAudioText",
        "media:active-class",
        "media:duration",
    ] {
        assert!(package.contains(needed), "{needed}: {package}");
    }
    common::overlays_are_the_cues(&folder, &manifest);
    // At another rate too.
    let faster = dir.path().join("faster");
    let (folder_fast, manifest_fast) = export(&faster, &["--rate", "1.3"]);
    common::overlays_are_the_cues(&folder_fast, &manifest_fast);

    // Resumed, from the section files this run left: the same overlays.
    let sections = manifest["sections"].as_array().unwrap().len();
    let overlays = |book: &Path| -> Vec<String> {
        (1..=sections)
            .map(|i| common::zip_entry(book, &format!("EPUB/s{i:03}.smil")))
            .collect()
    };
    let before = overlays(&book);
    let (folder, manifest) = export(&out, &[]);
    let resumed = folder.join(manifest["epub"].as_str().unwrap());
    assert_eq!(overlays(&resumed), before);
    epubcheck(&resumed);
}
