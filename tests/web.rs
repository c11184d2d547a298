//! The read-along web page, in a real browser: headless Chromium (Debian's) opens it from
//! `file://` through puppeteer-core (`tests/js/web-check.js`). The page loads without console
//! errors; nothing plays on its own; after seeking each section's audio to a sentence's start,
//! that sentence, and only it, is lit; N and P move between sections; axe-core finds no
//! accessibility violations; a screenshot is kept in `target/test-output/`. The page's times
//! are the subtitle cues to the millisecond.

mod common;

use serde_json::Value;
use std::path::{Path, PathBuf};

fn export(out: &Path, extra: &[&str]) -> (PathBuf, Value) {
    common::export_edition("web", out, extra)
}

/// The browser's report on `page`, or `None` where Chromium or the npm tools are missing (a
/// failure when HARK_REQUIRE_BROWSER is set, as scripts/test does).
fn browser_check(page: &Path, screenshot: &Path) -> Option<Value> {
    if !Path::new("/usr/bin/chromium").is_file() {
        assert!(
            std::env::var_os("HARK_REQUIRE_BROWSER").is_none(),
            "Chromium is required: apt-get install chromium"
        );
        eprintln!("skipping the browser check: no /usr/bin/chromium");
        return None;
    }
    common::node_check(
        "web-check.js",
        &["puppeteer-core", "axe-core"],
        "HARK_REQUIRE_BROWSER",
        &[page, screenshot],
    )
}

/// Every sentence's times in the page are its subtitle cue, section by section.
fn times_are_the_cues(folder: &Path, manifest: &Value) {
    let page = std::fs::read_to_string(folder.join("web/index.html")).unwrap();
    for (i, section) in manifest["sections"].as_array().unwrap().iter().enumerate() {
        let cues = common::vtt_cues_ms(&folder.join(section["subtitles"].as_str().unwrap()));
        let n = i + 1;
        let ms = |s: &str| (s.parse::<f64>().unwrap() * 1000.0).round() as u64;
        let times: Vec<(u64, u64)> = page
            .split(&format!("id=\"s{n}-"))
            .skip(1)
            .filter_map(|rest| {
                let begin = rest.split("data-begin=\"").nth(1)?.split('"').next()?;
                let end = rest.split("data-end=\"").nth(1)?.split('"').next()?;
                // Only this span's own attributes, before its text.
                (rest.find("data-begin")? < rest.find('>')?).then(|| (ms(begin), ms(end)))
            })
            .collect();
        assert_eq!(times, cues, "section {n}");
        assert!(folder.join(format!("web/audio/s{n:03}.mp3")).is_file());
    }
}

#[test]
fn the_read_along_page_works_in_a_browser_and_passes_axe() {
    let dir = tempfile::tempdir().unwrap();
    let (folder, manifest) = export(&dir.path().join("out"), &[]);
    assert_eq!(manifest["web"], "web/index.html");
    let page = folder.join("web/index.html");
    let html = std::fs::read_to_string(&page).unwrap();
    for needed in [
        "class=\"skip\"",
        "<nav aria-label",
        "<main",
        "role=\"status\"",
    ] {
        assert!(html.contains(needed), "{needed}");
    }
    assert!(!html.contains("autoplay") && !html.contains("http://") && !html.contains("https://"));
    times_are_the_cues(&folder, &manifest);
    let shots = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/test-output");
    std::fs::create_dir_all(&shots).unwrap();
    let Some(report) = browser_check(&page, &shots.join("read-along.png")) else {
        return;
    };
    assert_eq!(report["console"], serde_json::json!([]), "{report}");
    assert_eq!(report["violations"], serde_json::json!([]), "{report}");
    assert_eq!(report["playing"], 0, "nothing plays on its own");
    let seeks = report["seeks"].as_array().unwrap();
    assert_eq!(seeks.len(), manifest["sections"].as_array().unwrap().len());
    for seek in seeks {
        assert_eq!(seek["expected"], seek["got"], "{report}");
        assert_eq!(seek["lit"], 1);
    }
    assert_eq!(report["keys"]["n"], "h-2");
    assert_eq!(report["keys"]["p"], "h-1");
    assert!(shots.join("read-along.png").is_file());
}

/// At another rate, the page's times are still the cues.
#[test]
fn the_page_follows_the_rate() {
    let dir = tempfile::tempdir().unwrap();
    let (folder, manifest) = export(dir.path(), &["--rate", "1.3"]);
    times_are_the_cues(&folder, &manifest);
}

/// With the Piper voice, the page's times are its cues too.
#[test]
fn the_page_of_the_piper_voice_is_in_sync() {
    let Some(voices) = common::piper_test_voices() else {
        return;
    };
    let out = tempfile::tempdir().unwrap();
    let (folder, manifest) = export(
        out.path(),
        &[
            "--voice",
            "piper:en_US-joe-medium",
            "--voices-dir",
            voices.to_str().unwrap(),
            "--edition",
            "epub",
        ],
    );
    times_are_the_cues(&folder, &manifest);
    // The EPUB edition's overlays of the same export, with this voice.
    common::overlays_are_the_cues(&folder, &manifest);
}
