//! The EPUB 3 edition with Media Overlays: epubcheck finds nothing wrong, every overlay clip is
//! the sentence's subtitle cue to the millisecond, and a resumed export makes the same book.

mod common;

use common::succeeded;
use std::io::Read;
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

fn export(out: &Path, extra: &[&str]) -> (PathBuf, serde_json::Value) {
    let mut args = vec![
        "export",
        "-q",
        "examples/night-trains.md",
        "--edition",
        "epub",
        "-o",
    ];
    args.push(out.to_str().unwrap());
    args.extend_from_slice(extra);
    succeeded(common::hark().args(&args));
    common::manifest_in(out)
}

/// The text of `name` inside the ZIP at `book`.
fn entry(book: &Path, name: &str) -> String {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(book).unwrap()).unwrap();
    let mut text = String::new();
    zip.by_name(name)
        .unwrap()
        .read_to_string(&mut text)
        .unwrap();
    text
}

/// `h:mm:ss.mmm` → ms.
fn ms(clock: &str) -> u64 {
    let (hms, frac) = clock.split_once('.').unwrap();
    let parts: Vec<u64> = hms.split(':').map(|p| p.parse().unwrap()).collect();
    ((parts[0] * 60 + parts[1]) * 60 + parts[2]) * 1000 + frac.parse::<u64>().unwrap()
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
    let package = entry(&book, "EPUB/package.opf");
    for needed in [
        "schema:accessMode",
        "synchronizedAudioText",
        "media:active-class",
        "media:duration",
    ] {
        assert!(package.contains(needed), "{needed}: {package}");
    }
    for (i, section) in manifest["sections"].as_array().unwrap().iter().enumerate() {
        let vtt =
            std::fs::read_to_string(folder.join(section["subtitles"].as_str().unwrap())).unwrap();
        let cues: Vec<(u64, u64)> = vtt
            .lines()
            .filter_map(|l| l.split_once(" --> "))
            .map(|(a, b)| (ms(a), ms(b)))
            .collect();
        let smil = entry(&book, &format!("EPUB/s{:03}.smil", i + 1));
        let clips: Vec<(u64, u64)> = smil
            .split("clipBegin=\"")
            .skip(1)
            .map(|rest| {
                let begin = rest.split('"').next().unwrap();
                let end = rest
                    .split("clipEnd=\"")
                    .nth(1)
                    .unwrap()
                    .split('"')
                    .next()
                    .unwrap();
                (ms(begin), ms(end))
            })
            .collect();
        assert_eq!(clips, cues, "section {i}");
        assert_eq!(
            clips.last().unwrap().1,
            section["duration_ms"].as_u64().unwrap(),
            "section {i}"
        );
    }

    // Resumed, from the section files this run left: the same overlays.
    let sections = manifest["sections"].as_array().unwrap().len();
    let overlays = |book: &Path| -> Vec<String> {
        (1..=sections)
            .map(|i| entry(book, &format!("EPUB/s{i:03}.smil")))
            .collect()
    };
    let before = overlays(&book);
    let (folder, manifest) = export(&out, &[]);
    let resumed = folder.join(manifest["epub"].as_str().unwrap());
    assert_eq!(overlays(&resumed), before);
    epubcheck(&resumed);
}
