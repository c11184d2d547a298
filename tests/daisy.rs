//! The DAISY 2.02 edition: its structure checked against the 2.02 specification (every
//! required NCC metadata item, headings that link to SMIL elements that exist, SMIL text that
//! points at content ids, clips within the audio, times that add up), its clips equal to the
//! subtitle cues to the millisecond (eSpeak NG, `--rate`, and the Piper voice), and the book
//! opened by Readium's parser (r2-shared-js, as Thorium Reader opens it), which must list every
//! section in its contents and give each section's clips.

mod common;

use common::succeeded;
use roxmltree::Document;
use serde_json::Value;
use std::path::{Path, PathBuf};

/// The NCC metadata the 2.02 specification requires.
const REQUIRED: &[&str] = &[
    "dc:title",
    "dc:identifier",
    "dc:language",
    "dc:format",
    "dc:date",
    "dc:creator",
    "dc:publisher",
    "ncc:charset",
    "ncc:generator",
    "ncc:multimediaType",
    "ncc:narrator",
    "ncc:setInfo",
    "ncc:tocItems",
    "ncc:depth",
    "ncc:totalTime",
    "ncc:files",
    "ncc:pageNormal",
    "ncc:pageFront",
    "ncc:pageSpecial",
    "ncc:maxPageNormal",
];

fn export(out: &Path, extra: &[&str]) -> (PathBuf, Value) {
    common::export_edition("daisy", out, extra)
}

/// `hh:mm:ss[.mmm]` → ms.
fn clock_ms(clock: &str) -> u64 {
    let (hms, frac) = clock.split_once('.').unwrap_or((clock, "0"));
    let parts: Vec<u64> = hms.split(':').map(|p| p.parse().unwrap()).collect();
    ((parts[0] * 60 + parts[1]) * 60 + parts[2]) * 1000 + frac.parse::<u64>().unwrap()
}

/// `npt=12.345s` or `12.345s` → ms.
fn npt_ms(value: &str) -> u64 {
    let s = value.trim_start_matches("npt=").trim_end_matches('s');
    (s.parse::<f64>().unwrap() * 1000.0).round() as u64
}

fn metas(doc: &Document) -> std::collections::HashMap<String, String> {
    doc.descendants()
        .filter(|n| n.has_tag_name("meta"))
        .filter_map(|n| {
            Some((
                n.attribute("name")?.to_string(),
                n.attribute("content")?.to_string(),
            ))
        })
        .collect()
}

fn ids(doc: &Document) -> std::collections::HashSet<String> {
    doc.descendants()
        .filter_map(|n| n.attribute("id"))
        .map(str::to_string)
        .collect()
}

/// A document of the book (they have DOCTYPEs), parsed.
fn xml(text: &str) -> Document<'_> {
    let options = roxmltree::ParsingOptions {
        allow_dtd: true,
        ..Default::default()
    };
    Document::parse_with_options(text, options).unwrap()
}

/// A section's clips, in ms, as its SMIL gives them.
type Clips = Vec<(u64, u64)>;

/// Checks the book in `folder/daisy` against the 2.02 specification and the export's own
/// files, and returns each section's clips.
fn structure_holds(folder: &Path, manifest: &Value) -> Vec<Clips> {
    let book = folder.join("daisy");
    let read = |name: &str| std::fs::read_to_string(book.join(name)).unwrap();
    let ncc_text = read("ncc.html");
    let ncc = xml(&ncc_text);
    let meta = metas(&ncc);
    for name in REQUIRED {
        assert!(meta.contains_key(*name), "ncc.html lacks {name}");
    }
    assert_eq!(meta["dc:format"], "Daisy 2.02");
    assert_eq!(meta["ncc:multimediaType"], "audioFullText");
    let sections = manifest["sections"].as_array().unwrap();
    let headings: Vec<roxmltree::Node> = ncc
        .descendants()
        .filter(|n| {
            n.is_element() && n.tag_name().name().len() == 2 && n.tag_name().name().starts_with('h')
        })
        .collect();
    assert_eq!(headings.len(), sections.len());
    assert_eq!(meta["ncc:tocItems"], sections.len().to_string());
    assert_eq!(headings[0].tag_name().name(), "h1");
    assert_eq!(headings[0].attribute("class"), Some("title"));
    let mut previous = 1;
    let mut depth = 1;
    for h in &headings {
        let level: u32 = h.tag_name().name()[1..].parse().unwrap();
        assert!(level <= previous + 1, "a heading level is skipped at {h:?}");
        previous = level;
        depth = depth.max(level);
    }
    assert_eq!(meta["ncc:depth"], depth.to_string());

    let content_text = read("content.html");
    let content = xml(&content_text);
    let content_ids = ids(&content);
    let mut files = 2;
    let mut elapsed = 0;
    let mut all_clips = Vec::new();
    for (i, (heading, section)) in headings.iter().zip(sections).enumerate() {
        let link = heading
            .children()
            .find(|n| n.has_tag_name("a"))
            .and_then(|a| a.attribute("href"))
            .unwrap();
        assert_eq!(
            heading
                .text()
                .or_else(|| heading.first_child().and_then(|a| a.text())),
            section["title"].as_str(),
            "heading {i}"
        );
        let (smil_name, fragment) = link.split_once('#').unwrap();
        let smil_text = read(smil_name);
        let smil = xml(&smil_text);
        assert!(ids(&smil).contains(fragment), "{link} points at nothing");
        let smil_meta = metas(&smil);
        assert_eq!(smil_meta["dc:format"], "Daisy 2.02");
        let this = clock_ms(&smil_meta["ncc:timeInThisSmil"]);
        assert_eq!(
            clock_ms(&smil_meta["ncc:totalElapsedTime"]),
            elapsed,
            "{smil_name}"
        );
        let seq = smil.descendants().find(|n| n.has_tag_name("seq")).unwrap();
        assert_eq!(npt_ms(seq.attribute("dur").unwrap()), this, "{smil_name}");
        // The section lasts what its audio lasts, to the millisecond.
        assert_eq!(
            this,
            section["duration_ms"].as_u64().unwrap(),
            "{smil_name}"
        );
        elapsed += this;
        let mut clips = Vec::new();
        for par in smil.descendants().filter(|n| n.has_tag_name("par")) {
            let text = par.children().find(|n| n.has_tag_name("text")).unwrap();
            let (doc, id) = text.attribute("src").unwrap().split_once('#').unwrap();
            assert_eq!(doc, "content.html");
            assert!(
                content_ids.contains(id),
                "{smil_name}: no {id} in content.html"
            );
            let audio = par.children().find(|n| n.has_tag_name("audio")).unwrap();
            assert!(book.join(audio.attribute("src").unwrap()).is_file());
            let begin = npt_ms(audio.attribute("clip-begin").unwrap());
            let end = npt_ms(audio.attribute("clip-end").unwrap());
            assert!(
                begin <= end && end <= this,
                "{smil_name}: {begin}..{end} of {this}"
            );
            clips.push((begin, end));
        }
        // Every clip is the sentence's subtitle cue.
        let cues = common::vtt_cues_ms(&folder.join(section["subtitles"].as_str().unwrap()));
        assert_eq!(clips, cues, "{smil_name}: clips against the subtitles");
        files += 2;
        all_clips.push(clips);
    }
    assert_eq!(meta["ncc:files"], files.to_string());
    let total = clock_ms(&meta["ncc:totalTime"]);
    assert_eq!(
        total,
        elapsed / 1000 * 1000,
        "ncc:totalTime is the SMILs' sum"
    );
    all_clips
}

/// Readium's reading of the book, or `None` where its parser is not installed (a failure when
/// HARK_REQUIRE_R2 is set, as scripts/test does after scripts/fetch-js-tools).
fn readium(book: &Path) -> Option<Value> {
    common::node_check(
        "daisy-check.js",
        &["r2-shared-js"],
        "HARK_REQUIRE_R2",
        &[book],
    )
}

fn readium_agrees(folder: &Path, manifest: &Value, clips: &[Clips]) {
    let Some(read) = readium(&folder.join("daisy")) else {
        return;
    };
    let titles: Vec<&str> = read["toc"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["title"].as_str().unwrap())
        .collect();
    let sections: Vec<&str> = manifest["sections"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["title"].as_str().unwrap())
        .collect();
    assert_eq!(titles, sections, "Readium's table of contents");
    let spine = read["spine"].as_array().unwrap();
    assert_eq!(spine.len(), clips.len());
    for (i, (item, want)) in spine.iter().zip(clips).enumerate() {
        let got: Clips = item["clips"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|c| c["audio"].as_str())
            .map(|audio| {
                let (file, times) = audio.split_once("#t=").unwrap();
                assert_eq!(file, format!("s{:03}.mp3", i + 1));
                let (a, b) = times.split_once(',').unwrap();
                let ms = |s: &str| (s.parse::<f64>().unwrap() * 1000.0).round() as u64;
                (ms(a), ms(b))
            })
            .collect();
        assert_eq!(&got, want, "Readium's overlay for section {i}");
    }
}

#[test]
fn the_daisy_book_holds_to_the_specification_and_readium_reads_it() {
    let dir = tempfile::tempdir().unwrap();
    for (name, extra) in [("normal", &[][..]), ("faster", &["--rate", "1.3"][..])] {
        let (folder, manifest) = export(&dir.path().join(name), extra);
        assert_eq!(manifest["daisy"], "daisy/ncc.html");
        let clips = structure_holds(&folder, &manifest);
        readium_agrees(&folder, &manifest, &clips);
    }
}

#[test]
fn the_daisy_book_of_the_piper_voice_is_in_sync() {
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
        ],
    );
    let clips = structure_holds(&folder, &manifest);
    readium_agrees(&folder, &manifest, &clips);
}

/// An export with `--force` over another article's replaces the old book whole.
#[test]
fn a_forced_export_replaces_the_daisy_book() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("a.txt");
    std::fs::write(&input, "A title\n\nIt reads well.\n").unwrap();
    let out = dir.path().join("out");
    let run = |extra: &[&str]| {
        let mut args = vec![
            "export",
            "-q",
            "--edition",
            "daisy",
            "-o",
            out.to_str().unwrap(),
        ];
        args.extend_from_slice(extra);
        args.push(input.to_str().unwrap());
        succeeded(common::hark().args(&args));
    };
    run(&[]);
    assert!(out.join("a/daisy/ncc.html").is_file());
    std::fs::write(&input, "Another title\n\nIt reads too.\n").unwrap();
    run(&["--force"]);
    let ncc = std::fs::read_to_string(out.join("a/daisy/ncc.html")).unwrap();
    assert!(ncc.contains("Another title"), "{ncc}");
    assert!(!out.join("a/daisy.part").exists());
}
