//! The hostile corpus (`tests/hostile/`, plus big cases made here), one test per case, each
//! through `hark markup` and `hark export` (real eSpeak NG). Every case must end in an expected
//! exit code (a clear `hark: error:` when not 0), without a panic; every SSML document hark
//! writes must be well-formed, hold only hark's own elements and no break over 10 s; every
//! file written must sit inside the output folder under a safe name, and an export's WAVs,
//! manifest and subtitles must agree.

mod common;

use common::{hark, manifest_in, read_wav, vtt_end_ms};
use std::path::{Path, PathBuf};

/// Where a case's bytes come from.
enum Input {
    /// A file under tests/hostile/.
    File(&'static str),
    /// Made at run time: (file name, maker).
    Made(&'static str, fn() -> Vec<u8>),
}

/// What a case must end in: the exit codes allowed, and text the messages must hold.
struct Expect {
    markup: &'static [i32],
    export: &'static [i32],
    stderr_has: &'static [&'static str],
    never_spoken: &'static [&'static str],
}

const FINE: Expect = Expect {
    markup: &[0],
    export: &[0],
    stderr_has: &[],
    never_spoken: &[],
};

const NOTHING_TO_SAY: Expect = Expect {
    markup: &[1],
    export: &[1],
    stderr_has: &["no text to speak"],
    never_spoken: &[],
};

const ENTITIES_REFUSED: Expect = Expect {
    markup: &[1],
    export: &[1],
    stderr_has: &["cannot read it as SSML", "entit"],
    never_spoken: &["lol lol", "root:"],
};

/// The SSML elements and attributes hark writes; anything else came from an article.
const OUR_ELEMENTS: &[&str] = &["speak", "p", "s", "break", "emphasis", "sub", "say-as"];
const OUR_ATTRIBUTES: &[&str] = &["version", "lang", "time", "alias", "interpret-as"];

/// Checks one SSML document hark wrote.
fn check_ssml(doc: &str, case: &str) {
    for injected in ["<!DOCTYPE", "<!ENTITY", "<![CDATA[", "<?"] {
        assert!(!doc.contains(injected), "{case}: {injected} in {doc}");
    }
    let xml = roxmltree::Document::parse(doc)
        .unwrap_or_else(|e| panic!("{case}: not well-formed ({e}): {doc}"));
    for node in xml.descendants().filter(|n| n.is_element()) {
        let name = node.tag_name().name();
        assert!(OUR_ELEMENTS.contains(&name), "{case}: element <{name}>");
        for attr in node.attributes() {
            assert!(
                OUR_ATTRIBUTES.contains(&attr.name()),
                "{case}: attribute {} on <{name}>",
                attr.name()
            );
        }
        if name == "break" {
            let time = node.attribute("time").expect("a break has a time");
            let ms: u64 = time
                .strip_suffix("ms")
                .and_then(|t| t.parse().ok())
                .unwrap_or_else(|| panic!("{case}: break time {time:?}"));
            assert!(ms <= 10_000, "{case}: a {ms} ms break");
        }
    }
}

/// Every path under `dir`: a plain file or folder, inside `dir`, under a safe name.
fn check_names(dir: &Path, case: &str) {
    let root = dir.canonicalize().unwrap();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(folder) = stack.pop() {
        for entry in std::fs::read_dir(&folder).unwrap().flatten() {
            let path = entry.path();
            let meta = std::fs::symlink_metadata(&path).unwrap();
            assert!(!meta.file_type().is_symlink(), "{case}: a link {path:?}");
            assert!(
                path.canonicalize().unwrap().starts_with(&root),
                "{case}: {path:?} outside"
            );
            let name = entry.file_name().to_string_lossy().to_string();
            let safe = !name.starts_with('.')
                && name.len() <= 100
                && !name.ends_with(".part")
                && name
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '.');
            assert!(safe, "{case}: unsafe name {name:?}");
            if meta.is_dir() {
                stack.push(path);
            }
        }
    }
}

/// Checks an exported article: WAV = manifest = subtitles, SSML as [`check_ssml`].
fn check_export(out: &Path, case: &str, never_spoken: &[&str]) {
    let (folder, man) = manifest_in(out);
    assert_eq!(man["complete"], true, "{case}: complete");
    let mut total = 0;
    for s in man["sections"].as_array().unwrap() {
        let wav = folder.join(s["audio"].as_str().unwrap());
        let (samples, rate) = read_wav(&wav);
        let ms = (samples.len() as u64 * 1000 + u64::from(rate) / 2) / u64::from(rate);
        assert_eq!(Some(ms), s["duration_ms"].as_u64(), "{case}: {wav:?}");
        let vtt = folder.join(s["subtitles"].as_str().unwrap());
        assert_eq!(vtt_end_ms(&vtt), ms, "{case}: {vtt:?}");
        total += ms;
        let ssml = std::fs::read_to_string(folder.join(s["ssml"].as_str().unwrap())).unwrap();
        check_ssml(&ssml, case);
        for text in never_spoken {
            assert!(!ssml.contains(text), "{case}: {text:?} was spoken");
        }
    }
    assert_eq!(man["duration_ms"].as_u64(), Some(total), "{case}: total");
}

fn run_case(input: Input, expect: Expect) {
    let inputs = tempfile::tempdir().unwrap();
    let (name, path): (&str, PathBuf) = match input {
        Input::File(name) => (
            name,
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("tests/hostile")
                .join(name),
        ),
        Input::Made(name, make) => {
            let path = inputs.path().join(name);
            std::fs::write(&path, make()).unwrap();
            (name, path)
        }
    };
    let verdict = |what: &str, out: &std::process::Output, allowed: &[i32]| -> String {
        let stderr = String::from_utf8_lossy(&out.stderr).to_string();
        let code = out.status.code();
        assert!(
            code.is_some_and(|c| allowed.contains(&c)),
            "{name} {what}: exit {code:?}, expected one of {allowed:?}: {stderr}"
        );
        assert!(!stderr.contains("panicked"), "{name} {what}: {stderr}");
        if code != Some(0) {
            assert!(stderr.contains("hark: error:"), "{name} {what}: {stderr}");
            for text in expect.stderr_has {
                assert!(stderr.contains(text), "{name} {what}: {text:?} in {stderr}");
            }
        }
        stderr
    };

    let markup = hark()
        .args(["markup", "--format", "ssml"])
        .arg(&path)
        .output()
        .unwrap();
    verdict("markup", &markup, expect.markup);
    let ssml = String::from_utf8(markup.stdout).expect("UTF-8 output");
    for doc in common::ssml_documents(&ssml) {
        check_ssml(&doc, name);
    }
    for text in expect.never_spoken {
        assert!(!ssml.contains(text), "{name}: {text:?} was spoken");
    }
    let json = hark()
        .args(["markup", "--format", "json"])
        .arg(&path)
        .output()
        .unwrap();
    verdict("markup --format json", &json, expect.markup);
    if json.status.success() {
        let doc: serde_json::Value = serde_json::from_slice(&json.stdout).expect("JSON");
        for section in doc["sections"].as_array().unwrap() {
            let slug = section["slug"].as_str().unwrap();
            assert!(common::is_safe_slug(slug), "{name}: slug {slug:?}");
        }
    }

    let work = tempfile::tempdir().unwrap();
    let out = work.path().join("out");
    let export = hark()
        .args(["export", "-q", "-o"])
        .arg(&out)
        .arg(&path)
        .output()
        .unwrap();
    verdict("export", &export, expect.export);
    let beside: Vec<_> = std::fs::read_dir(work.path()).unwrap().flatten().collect();
    assert!(
        beside.len() <= 1,
        "{name}: nothing beside the output folder"
    );
    if out.exists() {
        check_names(&out, name);
    }
    if export.status.success() {
        check_export(&out, name, expect.never_spoken);
    } else if out.exists() {
        assert!(
            std::fs::read_dir(&out).unwrap().next().is_none(),
            "{name}: a refused input leaves nothing behind"
        );
    }
}

macro_rules! hostile {
    ($($test:ident: $input:expr => $expect:expr;)*) => {
        $(
            #[test]
            fn $test() {
                run_case($input, $expect);
            }
        )*
    };
}

/// A PDF's first bytes, then text-looking streams: what a user saves from a site.
fn pdf() -> Vec<u8> {
    let mut bytes = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj << /Type /Catalog >> endobj\n".to_vec();
    bytes.extend(b"BT /F1 12 Tf (The harbour reopens) Tj ET\n".repeat(200));
    bytes
}

/// A ZIP whose first entry is an EPUB's `mimetype`, renamed to .txt.
fn epub_renamed() -> Vec<u8> {
    let mut bytes = b"PK\x03\x04\x0a\0\0\0\0\0".to_vec();
    bytes.extend([0u8; 16]);
    bytes.extend(b"\x08\0\0\0mimetypeapplication/epub+zip");
    bytes.extend(b"<html><body><p>Chapter one.</p></body></html>".repeat(20));
    bytes
}

/// A PNG's signature and header.
fn png() -> Vec<u8> {
    let mut bytes = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\x01\0".to_vec();
    bytes.extend([0x41u8; 400]);
    bytes
}

/// A gzipped article.
fn gzip() -> Vec<u8> {
    let mut bytes = vec![0x1f, 0x8b, 0x08, 0x00, 0, 0, 0, 0, 0, 0x03];
    bytes.extend(b"compressed words".repeat(30));
    bytes
}

/// Refused before anything is read aloud, naming the kind of file and the way out.
const fn not_text(said: &'static [&'static str]) -> Expect {
    Expect {
        markup: &[1],
        export: &[1],
        stderr_has: said,
        never_spoken: &[],
    }
}

fn ten_megabytes() -> Vec<u8> {
    let mut text = String::from("A very long article\n\n");
    let mut i = 0;
    while text.len() < 10 * 1024 * 1024 {
        i += 1;
        text.push_str(&format!(
            "Part {i}\nThis paragraph number {i} is long enough to count as prose in the article. It has two sentences.\n"
        ));
    }
    text.into_bytes()
}

fn long_line() -> Vec<u8> {
    let words = ["harbour", "boats", "tide", "morning", "dredgers", "silt"];
    let mut line = String::from("One long line\n\n");
    let mut i = 0;
    while line.len() < 100_015 {
        line.push_str(words[i % words.len()]);
        line.push(' ');
        i += 1;
    }
    line.into_bytes()
}

fn many_headings() -> Vec<u8> {
    let mut md = String::from("# Many headings\n\n");
    for i in 1..=5000 {
        md.push_str(&format!(
            "## Heading {i}\n\nSection {i} has one short sentence.\n\n"
        ));
    }
    md.into_bytes()
}

fn deep_html() -> Vec<u8> {
    format!(
        "<html><head><title>Deep page</title></head><body>{}<p>The words at the bottom of ten thousand elements.</p>{}</body></html>",
        "<div>".repeat(10_000),
        "</div>".repeat(10_000)
    )
    .into_bytes()
}

fn deep_markdown() -> Vec<u8> {
    format!(
        "# Deep quotes\n\n{}a quoted line at the bottom.\n\n{}an item at the bottom.\n",
        "> ".repeat(1000),
        "- ".repeat(1000)
    )
    .into_bytes()
}

hostile! {
    empty_file: Input::File("empty.txt") => NOTHING_TO_SAY;
    whitespace_only: Input::File("whitespace-only.txt") => NOTHING_TO_SAY;
    invalid_utf8: Input::File("invalid-utf8.txt") => FINE;
    utf16_with_bom: Input::File("utf16-bom.txt") => FINE;
    nul_and_control_characters: Input::File("controls.txt") => FINE;
    headings_that_are_paths_devices_emoji_and_rtl: Input::File("odd-headings.md") => Expect {
        never_spoken: &["\u{202e}"],
        ..FINE
    };
    markup_in_plain_text: Input::File("injected-markup.txt") => FINE;
    markup_in_markdown: Input::File("injected-markup.md") => FINE;
    markup_in_html: Input::File("injected-markup.html") => FINE;
    ssml_billion_laughs: Input::File("billion-laughs.ssml") => ENTITIES_REFUSED;
    ssml_external_entity: Input::File("external-entity.ssml") => ENTITIES_REFUSED;
    ssml_long_break_audio_and_cdata: Input::File("long-break.ssml") => Expect {
        never_spoken: &["shadow"],
        ..FINE
    };
    html_without_a_body: Input::File("no-body.html") => Expect {
        markup: &[0, 1],
        export: &[0, 1],
        ..FINE
    };
    html_with_only_scripts: Input::File("script-only.html") => Expect {
        markup: &[0, 1],
        export: &[0, 1],
        never_spoken: &["document.write", "Not a heading", "var x"],
        ..FINE
    };
    ten_megabyte_file: Input::Made("big.txt", ten_megabytes) => Expect {
        markup: &[0],
        export: &[1],
        stderr_has: &["--max-hours"],
        never_spoken: &[],
    };
    line_of_100000_characters: Input::Made("line.txt", long_line) => FINE;
    five_thousand_headings: Input::Made("headings.md", many_headings) => FINE;
    html_nested_10000_deep: Input::Made("deep.html", deep_html) => FINE;
    markdown_nested_1000_deep: Input::Made("deep.md", deep_markdown) => FINE;
    a_pdf: Input::Made("story.pdf", pdf) => not_text(&["a PDF document", "pdftotext"]);
    // Read as the book it says it is, whose archive is broken.
    an_epub_renamed_txt: Input::Made("book.txt", epub_renamed) => not_text(&["cannot read it as an EPUB book", "not a readable ZIP"]);
    an_image: Input::Made("photo.html", png) => not_text(&["an image", "tesseract"]);
    a_gzipped_article: Input::Made("article.md", gzip) => not_text(&["compressed", "gunzip"]);
}

#[test]
fn the_corpus_is_all_here() {
    // Every file in tests/hostile/ (but the README) has a test above.
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/hostile");
    let source = std::fs::read_to_string(file!()).unwrap();
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let name = entry.file_name().to_string_lossy().to_string();
        if name != "README.md" {
            assert!(
                source.contains(&format!("Input::File(\"{name}\")")),
                "{name} has no test"
            );
        }
    }
}

/// A web address is not fetched: hark says to fetch it first, with the command.
#[test]
fn a_url_says_to_fetch_it_first() {
    let out = hark()
        .args(["markup", "https://example.org/story"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("hark reads files, not web addresses")
            && err.contains("curl -sL 'https://example.org/story' | hark export --from html -"),
        "{err}"
    );
}
