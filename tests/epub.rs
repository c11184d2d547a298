//! EPUB books end to end: chapters from the navigation document (EPUB 3) or the NCX (EPUB 2)
//! in spine order, matter left out and listed, notes not read mid-sentence, and books that
//! cannot be read refused with a message. The books are made here, file by file.

mod common;

use common::{run_hark, succeeded};
use serde_json::Value;
use std::io::Write;
use std::path::Path;

/// An EPUB of `files` (path, text), with its `mimetype` first and stored, as the format asks.
fn book(files: &[(&str, &str)]) -> Vec<u8> {
    let files: Vec<(&str, &[u8])> = files.iter().map(|(p, t)| (*p, t.as_bytes())).collect();
    book_of_bytes(&files)
}

/// As [`book`], for files that are not text (pictures).
fn book_of_bytes(files: &[(&str, &[u8])]) -> Vec<u8> {
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    let deflated = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    out.start_file("mimetype", stored).unwrap();
    out.write_all(b"application/epub+zip").unwrap();
    for (path, bytes) in files {
        out.start_file(*path, deflated).unwrap();
        out.write_all(bytes).unwrap();
    }
    out.finish().unwrap().into_inner()
}

const CONTAINER: &str = r#"<?xml version="1.0"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
  <rootfiles><rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/></rootfiles>
</container>"#;

fn page(body: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops"><head><title>t</title></head>
<body>{body}</body></html>"#
    )
}

/// An EPUB 3 book: a cover and a title page (landmarks), a copyright page (by its type), two
/// chapters, the second with a section the contents point into, a note, and a notes file.
fn epub3() -> Vec<u8> {
    let opf = r#"<?xml version="1.0" encoding="UTF-8"?>
<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="id">
  <metadata xmlns:dc="http://purl.org/dc/elements/1.1/">
    <dc:identifier id="id">urn:uuid:1</dc:identifier>
    <dc:title>The Harbour Book</dc:title><dc:creator>Ann Writer</dc:creator>
    <dc:language>en-GB</dc:language><dc:date>1911-03-04</dc:date>
  </metadata>
  <manifest>
    <item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>
    <item id="cover" href="cover.xhtml" media-type="application/xhtml+xml"/>
    <item id="title" href="title.xhtml" media-type="application/xhtml+xml"/>
    <item id="rights" href="rights.xhtml" media-type="application/xhtml+xml"/>
    <item id="c1" href="text/one.xhtml" media-type="application/xhtml+xml"/>
    <item id="c2" href="text/two.xhtml" media-type="application/xhtml+xml"/>
    <item id="notes" href="text/notes.xhtml" media-type="application/xhtml+xml"/>
    <item id="img" href="images/boat.png" media-type="image/png"/>
  </manifest>
  <spine><itemref idref="cover"/><itemref idref="title"/><itemref idref="rights"/>
    <itemref idref="c1"/><itemref idref="c2"/><itemref idref="notes"/></spine>
</package>"#;
    let nav = page(
        r##"<nav epub:type="toc"><ol>
  <li><a href="text/one.xhtml">Chapter One: The Harbour</a></li>
  <li><a href="text/two.xhtml">Chapter Two: The Storm</a>
    <ol><li><a href="text/two.xhtml#after">After the Storm</a></li></ol></li>
  <li><a href="text/notes.xhtml">Notes</a></li>
</ol></nav>
<nav epub:type="landmarks"><ol>
  <li><a epub:type="cover" href="cover.xhtml">Cover</a></li>
  <li><a epub:type="titlepage" href="title.xhtml">Title Page</a></li>
</ol></nav>"##,
    );
    let one = page(
        r#"<section epub:type="chapter"><h1>Chapter One: The Harbour</h1>
<p>The harbour opened at dawn.<a epub:type="noteref" href="notes.xhtml#n1">1</a> Boats came in.</p>
<p><img src="../images/boat.png" alt="A fishing boat"/></p></section>"#,
    );
    let two = page(
        r#"<section epub:type="chapter"><h1>Chapter Two</h1><h2>The Storm</h2>
<p>The storm closed the ferry.</p>
<aside epub:type="footnote" id="f1"><p>A footnote nobody hears mid-sentence.</p></aside>
<h2 id="after">After the Storm</h2><p>The ferry sailed again.</p></section>"#,
    );
    book(&[
        ("META-INF/container.xml", CONTAINER),
        ("OEBPS/content.opf", opf),
        ("OEBPS/nav.xhtml", &nav),
        ("OEBPS/cover.xhtml", &page("<p>COVER</p>")),
        (
            "OEBPS/title.xhtml",
            &page("<h1>The Harbour Book</h1><p>Ann Writer</p>"),
        ),
        (
            "OEBPS/rights.xhtml",
            &page(r#"<section epub:type="copyright-page"><p>Copyright 1911 nobody.</p></section>"#),
        ),
        ("OEBPS/text/one.xhtml", &one),
        ("OEBPS/text/two.xhtml", &two),
        (
            "OEBPS/text/notes.xhtml",
            &page(r#"<section epub:type="endnotes"><p id="n1">1. The note.</p></section>"#),
        ),
    ])
}

/// An EPUB 2 book: an NCX, a guide naming the cover, nested entries.
fn epub2() -> Vec<u8> {
    let opf = r#"<?xml version="1.0" encoding="UTF-8"?>
<package xmlns="http://www.idpf.org/2007/opf" version="2.0" unique-identifier="id">
  <metadata xmlns:dc="http://purl.org/dc/elements/1.1/">
    <dc:title>Old Roads</dc:title><dc:language>en</dc:language><dc:identifier id="id">x</dc:identifier>
  </metadata>
  <manifest>
    <item id="ncx" href="toc.ncx" media-type="application/x-dtbncx+xml"/>
    <item id="cover" href="cover.html" media-type="application/xhtml+xml"/>
    <item id="p1" href="part1.html" media-type="application/xhtml+xml"/>
    <item id="p1b" href="part1-more.html" media-type="application/xhtml+xml"/>
    <item id="p2" href="part2.html" media-type="application/xhtml+xml"/>
  </manifest>
  <spine toc="ncx"><itemref idref="cover"/><itemref idref="p1"/><itemref idref="p1b"/><itemref idref="p2"/></spine>
  <guide><reference type="cover" title="Cover" href="cover.html"/></guide>
</package>"#;
    let ncx = r#"<?xml version="1.0"?>
<ncx xmlns="http://www.daisy.org/z3986/2005/ncx/" version="2005-1"><navMap>
  <navPoint id="a" playOrder="1"><navLabel><text>Part One</text></navLabel><content src="part1.html"/>
    <navPoint id="b" playOrder="2"><navLabel><text>The Mill</text></navLabel><content src="part1-more.html"/></navPoint>
  </navPoint>
  <navPoint id="c" playOrder="3"><navLabel><text>Part Two</text></navLabel><content src="part2.html"/></navPoint>
</navMap></ncx>"#;
    book(&[
        ("META-INF/container.xml", CONTAINER),
        ("OEBPS/content.opf", opf),
        ("OEBPS/toc.ncx", ncx),
        ("OEBPS/cover.html", &page("<p>A picture of a road.</p>")),
        (
            "OEBPS/part1.html",
            &page("<h2>Part One</h2><p>The road ran north.</p>"),
        ),
        (
            "OEBPS/part1-more.html",
            &page("<p>The mill stood by the river.</p>"),
        ),
        (
            "OEBPS/part2.html",
            &page("<h2>Part Two</h2><p>The road ran south.</p>"),
        ),
    ])
}

fn json_of(dir: &Path, name: &str, bytes: &[u8], extra: &[&str]) -> Value {
    let file = dir.join(name);
    std::fs::write(&file, bytes).unwrap();
    let mut args = vec!["markup", "--format", "json", file.to_str().unwrap()];
    args.extend_from_slice(extra);
    serde_json::from_slice(&succeeded(common::hark().args(&args)).stdout).unwrap()
}

fn titles(doc: &Value) -> Vec<(String, u64)> {
    doc["sections"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            (
                s["title"].as_str().unwrap().to_string(),
                s["level"].as_u64().unwrap(),
            )
        })
        .collect()
}

fn all_text(doc: &Value) -> String {
    doc["sections"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["text"].as_str().unwrap())
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn an_epub3_book_reads_its_chapters_from_the_navigation_document() {
    let dir = tempfile::tempdir().unwrap();
    let doc = json_of(dir.path(), "harbour.epub", &epub3(), &[]);
    assert_eq!(doc["title"], "The Harbour Book");
    assert_eq!(doc["language"], "en-GB");
    assert_eq!(doc["date"], "1911-03-04");
    assert_eq!(
        titles(&doc),
        [
            ("The Harbour Book".to_string(), 1),
            ("Chapter One: The Harbour".to_string(), 2),
            ("Chapter Two: The Storm".to_string(), 2),
            ("After the Storm".to_string(), 3),
        ]
    );
    let text = all_text(&doc);
    // The note reference is not read mid-sentence, nor the footnote, nor the notes file.
    assert!(
        text.contains("The harbour opened at dawn.\nBoats came in."),
        "{text}"
    );
    assert!(
        !text.contains("footnote") && !text.contains("The note."),
        "{text}"
    );
    // An image is read by its alt text.
    assert!(text.contains("A fishing boat"), "{text}");
    // The chapter's own heading is spoken once, as the contents name it; its subtitle is read.
    assert!(!text.contains("Chapter Two"), "{text}");
    assert!(text.contains("The Storm"), "{text}");
    // Front and back matter are left out and listed.
    let dropped: Vec<&str> = doc["dropped"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["kind"] == "book-matter")
        .map(|d| d["text"].as_str().unwrap())
        .collect();
    assert_eq!(dropped.len(), 4, "{dropped:?}");
    for (part, kind) in [
        ("cover.xhtml", "cover"),
        ("title.xhtml", "titlepage"),
        ("rights.xhtml", "copyright-page"),
        ("Notes", "endnotes"),
    ] {
        assert!(
            dropped.iter().any(|d| d.contains(part) && d.contains(kind)),
            "{part}: {dropped:?}"
        );
    }
    assert!(
        !text.contains("COVER") && !text.contains("Copyright 1911"),
        "{text}"
    );
}

#[test]
fn keep_boilerplate_keeps_a_books_front_and_back_matter() {
    let dir = tempfile::tempdir().unwrap();
    let doc = json_of(
        dir.path(),
        "harbour.epub",
        &epub3(),
        &["--keep-boilerplate"],
    );
    let text = all_text(&doc);
    assert!(
        text.contains("Copyright 1911") && text.contains("The note."),
        "{text}"
    );
}

#[test]
fn an_epub2_book_reads_its_chapters_from_the_ncx() {
    let dir = tempfile::tempdir().unwrap();
    let doc = json_of(dir.path(), "roads.epub", &epub2(), &[]);
    assert_eq!(doc["title"], "Old Roads");
    assert_eq!(
        titles(&doc),
        [
            ("Old Roads".to_string(), 1),
            ("Part One".to_string(), 2),
            ("The Mill".to_string(), 3),
            ("Part Two".to_string(), 2),
        ]
    );
    let text = all_text(&doc);
    assert!(
        text.contains("The mill stood by the river.") && !text.contains("picture"),
        "{text}"
    );
}

#[test]
fn a_book_exports_like_an_article() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("roads.epub");
    std::fs::write(&file, epub2()).unwrap();
    let out = dir.path().join("out");
    succeeded(common::hark().args([
        "export",
        "-q",
        "-o",
        out.to_str().unwrap(),
        file.to_str().unwrap(),
    ]));
    let (folder, manifest) = common::manifest_in(&out);
    assert_eq!(manifest["source"]["format"], "epub");
    assert_eq!(manifest["sections"].as_array().unwrap().len(), 4);
    for section in manifest["sections"].as_array().unwrap() {
        assert!(folder.join(section["audio"].as_str().unwrap()).is_file());
    }
}

#[test]
fn books_that_cannot_be_read_are_refused_with_what_is_wrong() {
    let dir = tempfile::tempdir().unwrap();
    let whole = epub2();
    let drm = {
        let encryption = r#"<encryption xmlns="urn:oasis:names:tc:opendocument:xmlns:container" xmlns:enc="http://www.w3.org/2001/04/xmlenc#"><enc:EncryptedData><enc:EncryptionMethod Algorithm="http://www.w3.org/2001/04/xmlenc#aes128-cbc"/><enc:CipherData><enc:CipherReference URI="OEBPS/part1.html"/></enc:CipherData></enc:EncryptedData></encryption>"#;
        book(&[
            ("META-INF/container.xml", CONTAINER),
            ("META-INF/encryption.xml", encryption),
        ])
    };
    let outside = {
        let opf = r#"<package xmlns="http://www.idpf.org/2007/opf" version="3.0"><metadata/><manifest><item id="a" href="../../../etc/passwd" media-type="application/xhtml+xml"/></manifest><spine><itemref idref="a"/></spine></package>"#;
        book(&[
            ("META-INF/container.xml", CONTAINER),
            ("OEBPS/content.opf", opf),
        ])
    };
    let pictures = {
        let opf = r#"<package xmlns="http://www.idpf.org/2007/opf" version="3.0"><metadata/><manifest><item id="a" href="page1.svg" media-type="image/svg+xml"/></manifest><spine><itemref idref="a"/></spine></package>"#;
        book(&[
            ("META-INF/container.xml", CONTAINER),
            ("OEBPS/content.opf", opf),
            (
                "OEBPS/page1.svg",
                "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
            ),
        ])
    };
    // A fixed-layout picture book: XHTML pages that hold only images, with a contents list.
    let picture_pages = {
        let opf = r#"<package xmlns="http://www.idpf.org/2007/opf" version="3.0"><metadata/><manifest><item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/><item id="a" href="p1.xhtml" media-type="application/xhtml+xml"/></manifest><spine><itemref idref="a"/></spine></package>"#;
        let nav = page(
            r#"<nav epub:type="toc"><ol><li><a href="p1.xhtml">Start reading</a></li></ol></nav>"#,
        );
        book(&[
            ("META-INF/container.xml", CONTAINER),
            ("OEBPS/content.opf", opf),
            ("OEBPS/nav.xhtml", &nav),
            (
                "OEBPS/p1.xhtml",
                &page(r#"<div><img src="p1.jpg" alt=""/></div>"#),
            ),
        ])
    };
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("pictures only", pictures, "pages are pictures"),
        ("picture pages", picture_pages, "pages are pictures"),
        (
            "cut short",
            whole[..whole.len() / 2].to_vec(),
            "not a readable ZIP",
        ),
        (
            "no container",
            book(&[("OEBPS/content.opf", "<package/>")]),
            "container.xml",
        ),
        (
            "no package",
            book(&[("META-INF/container.xml", CONTAINER)]),
            "package document OEBPS/content.opf is missing",
        ),
        ("DRM", drm, "DRM"),
        ("a path out of the book", outside, "none of its spine files"),
    ];
    for (what, bytes, says) in cases {
        let file = dir.path().join("bad.epub");
        std::fs::write(&file, &bytes).unwrap();
        let out = dir.path().join("out");
        let result = run_hark(
            &[
                "export",
                "-q",
                "-o",
                out.to_str().unwrap(),
                file.to_str().unwrap(),
            ],
            None,
        );
        let stderr = String::from_utf8_lossy(&result.stderr);
        assert_eq!(result.status.code(), Some(1), "{what}: {stderr}");
        assert!(
            stderr.contains("cannot read it as an EPUB book") && stderr.contains(says),
            "{what}: {stderr}"
        );
        assert!(!stderr.contains("panicked"), "{what}: {stderr}");
    }
}

#[test]
fn list_chapters_numbers_them_and_chapters_chooses() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("harbour.epub");
    std::fs::write(&file, epub3()).unwrap();
    let listed =
        succeeded(common::hark().args(["markup", "--list-chapters", file.to_str().unwrap()]));
    let listed = String::from_utf8(listed.stdout).unwrap();
    assert_eq!(
        listed,
        "  1. Chapter One: The Harbour\n  2. Chapter Two: The Storm\n  3.   After the Storm\n  4. Notes   (left out: endnotes)\n",
    );
    let doc = json_of(dir.path(), "harbour.epub", &epub3(), &["--chapters", "2"]);
    assert_eq!(
        titles(&doc),
        [
            ("The Harbour Book".to_string(), 1),
            ("Chapter Two: The Storm".to_string(), 2),
            ("After the Storm".to_string(), 3),
        ]
    );
    for (list, says) in [
        ("9", "lists 4"),
        ("2-x", "not a chapter number"),
        ("4", "front or back matter"),
    ] {
        let result = run_hark(
            &["markup", "--chapters", list, file.to_str().unwrap()],
            None,
        );
        let stderr = String::from_utf8_lossy(&result.stderr);
        assert!(
            !result.status.success() && stderr.contains(says),
            "{list}: {stderr}"
        );
    }
    let text = dir.path().join("a.txt");
    std::fs::write(&text, "Just an article.\n").unwrap();
    let result =
        succeeded(common::hark().args(["markup", "--chapters", "2", text.to_str().unwrap()]));
    assert!(String::from_utf8_lossy(&result.stderr).contains("this is not a book"));
    let result = run_hark(&["markup", "--list-chapters", text.to_str().unwrap()], None);
    assert!(String::from_utf8_lossy(&result.stderr).contains("not an EPUB book"));
}

/// A 1×1 PNG: the signature, an IHDR, one IDAT row and IEND, each chunk with its CRC.
fn tiny_png() -> Vec<u8> {
    fn crc(bytes: &[u8]) -> u32 {
        let mut c = 0xFFFF_FFFFu32;
        for &b in bytes {
            c ^= u32::from(b);
            for _ in 0..8 {
                c = if c & 1 == 1 {
                    0xEDB8_8320 ^ (c >> 1)
                } else {
                    c >> 1
                };
            }
        }
        !c
    }
    fn chunk(out: &mut Vec<u8>, kind: &[u8], data: &[u8]) {
        out.extend((data.len() as u32).to_be_bytes());
        let mut body = kind.to_vec();
        body.extend(data);
        out.extend(&body);
        out.extend(crc(&body).to_be_bytes());
    }
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    chunk(&mut png, b"IHDR", &[0, 0, 0, 1, 0, 0, 0, 1, 8, 0, 0, 0, 0]);
    // zlib, stored: the row's filter byte 0 and one grey sample.
    let row = [0u8, 0x80];
    let adler = {
        let (mut a, mut b) = (1u32, 0u32);
        for &x in &row {
            a = (a + u32::from(x)) % 65521;
            b = (b + a) % 65521;
        }
        (b << 16) | a
    };
    let mut idat = vec![0x78, 0x01, 0x01, 2, 0, 0xFD, 0xFF];
    idat.extend(row);
    idat.extend(adler.to_be_bytes());
    chunk(&mut png, b"IDAT", &idat);
    chunk(&mut png, b"IEND", &[]);
    png
}

/// ffprobe's JSON for `file` (chapters, format and streams), or `None` where FFmpeg's tools
/// are not installed (a failure when HARK_REQUIRE_FFPROBE is set, as scripts/test does).
fn ffprobe(file: &Path) -> Option<Value> {
    let out = match std::process::Command::new("ffprobe")
        .args([
            "-v",
            "error",
            "-show_chapters",
            "-show_format",
            "-show_streams",
        ])
        .args(["-of", "json"])
        .arg(file)
        .output()
    {
        Ok(out) => out,
        Err(_) => {
            assert!(
                std::env::var_os("HARK_REQUIRE_FFPROBE").is_none(),
                "ffprobe is required (apt-get install ffmpeg)"
            );
            eprintln!("skipping the ffprobe checks: ffprobe is not installed");
            return None;
        }
    };
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    Some(serde_json::from_slice(&out.stdout).unwrap())
}

fn export_m4b(dir: &Path, name: &str, bytes: &[u8], extra: &[&str]) -> (std::path::PathBuf, Value) {
    let file = dir.join(name);
    std::fs::write(&file, bytes).unwrap();
    let out = dir.join(format!("{name}.out"));
    let mut args = vec![
        "export",
        "-q",
        "--edition",
        "m4b",
        "-o",
        out.to_str().unwrap(),
    ];
    args.extend_from_slice(extra);
    args.push(file.to_str().unwrap());
    succeeded(common::hark().args(&args));
    common::manifest_in(&out)
}

/// An EPUB 3 and an EPUB 2 book each become an M4B whose chapters (as ffprobe lists them) are
/// the sections, each starting where the one before ends, as long as the manifest says to
/// within 50 ms, tagged with the book's title, author, year and genre, and at the loudness
/// asked for (decoded by symphonia, measured by EBU R128).
#[test]
fn a_book_becomes_an_m4b_with_its_chapters() {
    let dir = tempfile::tempdir().unwrap();
    for (name, bytes, lufs) in [
        ("harbour.epub", epub3(), -18.0),
        ("roads.epub", epub2(), -21.0),
    ] {
        let loudness = format!("{lufs}");
        let (folder, manifest) = export_m4b(dir.path(), name, &bytes, &["--loudness", &loudness]);
        let m4b = &manifest["m4b"];
        let file = folder.join(m4b["file"].as_str().unwrap());
        assert!(file.is_file(), "{name}: {manifest}");
        let sections: Vec<&str> = manifest["sections"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s["title"].as_str().unwrap())
            .collect();
        assert_eq!(m4b["chapters"].as_u64().unwrap() as usize, sections.len());
        // The sections' lengths are each rounded to the millisecond; the book's is exact.
        let (whole, summed) = (
            m4b["duration_ms"].as_i64().unwrap(),
            manifest["duration_ms"].as_i64().unwrap(),
        );
        assert!(
            (whole - summed).abs() <= sections.len() as i64,
            "{whole} vs {summed}"
        );
        // No hidden work files are left beside it.
        for entry in std::fs::read_dir(&folder).unwrap() {
            let entry = entry.unwrap().file_name().to_string_lossy().into_owned();
            assert!(!entry.starts_with('.'), "{name}: {entry} left behind");
        }

        let (samples, rate) = common::decode(&file);
        let pcm: Vec<i16> = samples.iter().map(|s| (s * 32767.0) as i16).collect();
        let level = hark::loudness::measure(&pcm, rate).unwrap();
        assert!((level.lufs - lufs).abs() <= 1.0, "{name}: {level:?}");
        assert!(level.true_peak_dbtp <= -0.5, "{name}: {level:?}");

        let Some(probe) = ffprobe(&file) else {
            continue;
        };
        let chapters = probe["chapters"].as_array().unwrap();
        let titles: Vec<&str> = chapters
            .iter()
            .map(|c| c["tags"]["title"].as_str().unwrap())
            .collect();
        assert_eq!(titles, sections, "{name}");
        let seconds = |v: &Value| v.as_str().unwrap().parse::<f64>().unwrap();
        assert_eq!(seconds(&chapters[0]["start_time"]), 0.0);
        for pair in chapters.windows(2) {
            assert_eq!(pair[0]["end_time"], pair[1]["start_time"], "{name}");
        }
        let duration_ms = seconds(&probe["format"]["duration"]) * 1000.0;
        let recorded = m4b["duration_ms"].as_f64().unwrap();
        assert!(
            (duration_ms - recorded).abs() <= 50.0,
            "{name}: {duration_ms} vs {recorded}"
        );
        let tags = &probe["format"]["tags"];
        assert_eq!(tags["genre"], "Audiobook");
        assert_eq!(tags["title"], manifest["title"]);
        let audio = &probe["streams"][0];
        assert_eq!(audio["codec_name"], "aac");
        assert_eq!(audio["sample_rate"], rate.to_string());
        if name == "harbour.epub" {
            assert_eq!(tags["artist"], "Ann Writer");
            assert_eq!(tags["date"], "1911");
            assert_eq!(audio["tags"]["language"], "eng");
        }
    }
}

/// The book's cover (EPUB 3's `cover-image`, EPUB 2's `<meta name="cover">`) is the M4B's
/// attached picture; a cover of a kind players cannot show is left out, not fatal.
#[test]
fn an_m4b_carries_the_books_cover() {
    let dir = tempfile::tempdir().unwrap();
    let png = tiny_png();
    let opf = |cover_type: &str| {
        format!(
            r#"<?xml version="1.0" encoding="UTF-8"?>
<package xmlns="http://www.idpf.org/2007/opf" version="2.0" unique-identifier="id">
  <metadata xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:opf="http://www.idpf.org/2007/opf">
    <dc:title>Covered</dc:title><dc:language>en</dc:language><dc:identifier id="id">x</dc:identifier>
    <dc:creator>Bo Teller</dc:creator><dc:creator>Cy Writer</dc:creator>
    <meta name="cover" content="pic"/>
  </metadata>
  <manifest>
    <item id="pic" href="cover.img" media-type="{cover_type}"/>
    <item id="c1" href="one.html" media-type="application/xhtml+xml"/>
  </manifest>
  <spine><itemref idref="c1"/></spine>
</package>"#
        )
    };
    let chapter = page("<h1>One</h1><p>The cover shows a lighthouse.</p>");
    for (cover_type, shown) in [("image/png", true), ("image/gif", false)] {
        let opf = opf(cover_type);
        let bytes = book_of_bytes(&[
            ("META-INF/container.xml", CONTAINER.as_bytes()),
            ("OEBPS/content.opf", opf.as_bytes()),
            ("OEBPS/cover.img", &png),
            ("OEBPS/one.html", chapter.as_bytes()),
        ]);
        let name = if shown { "png.epub" } else { "gif.epub" };
        let (folder, manifest) = export_m4b(dir.path(), name, &bytes, &[]);
        assert_eq!(manifest["m4b"]["cover"], shown, "{manifest}");
        assert_eq!(
            manifest["authors"],
            serde_json::json!(["Bo Teller", "Cy Writer"])
        );
        let Some(probe) = ffprobe(&folder.join(manifest["m4b"]["file"].as_str().unwrap())) else {
            continue;
        };
        assert_eq!(probe["format"]["tags"]["artist"], "Bo Teller, Cy Writer");
        let pictures: Vec<&Value> = probe["streams"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|s| s["disposition"]["attached_pic"] == 1)
            .collect();
        assert_eq!(pictures.len(), usize::from(shown), "{name}: {probe}");
        if shown {
            assert_eq!(pictures[0]["codec_name"], "png");
            assert_eq!(pictures[0]["width"], 1);
        }
    }
}

/// A book in one file whose contents point at its stories by id, over headings that are only
/// numbers: each story is a section of its own, titled as the contents name it, and the
/// printed page numbers (page-break markers) are not read.
#[test]
fn entries_pointing_into_a_file_cut_it_where_they_point() {
    let opf = r#"<?xml version="1.0" encoding="UTF-8"?>
<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="id">
  <metadata xmlns:dc="http://purl.org/dc/elements/1.1/">
    <dc:identifier id="id">urn:uuid:2</dc:identifier><dc:title>Tales</dc:title>
    <dc:language>en</dc:language>
  </metadata>
  <manifest>
    <item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>
    <item id="all" href="all.xhtml" media-type="application/xhtml+xml"/>
  </manifest>
  <spine><itemref idref="all"/></spine>
</package>"#;
    let nav = page(
        r##"<nav epub:type="toc"><ol>
  <li><a href="all.xhtml#intro">Introductory</a></li>
  <li><a href="all.xhtml#t1">1 The Well at the End of the World</a>
    <ol><li><a href="all.xhtml#t1a">I. The Rope</a></li></ol></li>
  <li><a href="all.xhtml#t2">2 The Mill That Ground Salt</a></li>
</ol></nav>"##,
    );
    let all = page(
        r#"<section id="intro"><h2>Introductory</h2><p>These tales were told by the fire.</p></section>
<section id="t1"><div><span epub:type="pagebreak" title="174" id="p174">174</span></div><h3>1</h3>
<p>A girl went to the well with a sieve.</p>
<section id="t1a"><h4>1. The Rope</h4><p>She let down the rope.</p></section></section>
<section id="t2"><h3>2</h3><p>The mill ground salt <span role="doc-pagebreak">175</span>for ever.</p></section>"#,
    );
    let bytes = book(&[
        ("META-INF/container.xml", CONTAINER),
        ("OEBPS/content.opf", opf),
        ("OEBPS/nav.xhtml", &nav),
        ("OEBPS/all.xhtml", &all),
    ]);
    let dir = tempfile::tempdir().unwrap();
    let doc = json_of(dir.path(), "tales.epub", &bytes, &[]);
    let found = titles(&doc);
    let names: Vec<&str> = found.iter().map(|(t, _)| t.as_str()).collect();
    assert_eq!(
        names,
        [
            "Tales",
            "Introductory",
            "1 The Well at the End of the World",
            "I. The Rope",
            "2 The Mill That Ground Salt"
        ],
        "{doc}"
    );
    assert_eq!(found[3].1, found[2].1 + 1, "{found:?}");
    let text = all_text(&doc);
    assert!(!text.contains("174") && !text.contains("175"), "{text}");
    assert!(text.contains("The mill ground salt for ever."), "{text}");
    // Each number heading is spoken once, as the contents name it.
    let sections = doc["sections"].as_array().unwrap();
    assert_eq!(sections[2]["text"], "A girl went to the well with a sieve.");
    assert_eq!(sections[3]["text"], "She let down the rope.");
}
