//! End-to-end tests of `hark markup`: the binary run on the example articles and on fixtures,
//! checked for sections, what is dropped, exit codes, well-formed SSML, and golden output.

mod common;

use common::{run_hark, ssml_documents};
use serde_json::Value;

fn json_of(args: &[&str]) -> Value {
    let out = run_hark(args, None);
    assert!(
        out.status.success(),
        "hark {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("markup --format json prints JSON")
}

fn titles(doc: &Value) -> Vec<String> {
    doc["sections"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["title"].as_str().unwrap().to_string())
        .collect()
}

fn spoken_everything(doc: &Value) -> String {
    let mut all = String::new();
    for s in doc["sections"].as_array().unwrap() {
        all.push_str(s["title"].as_str().unwrap());
        all.push('\n');
        all.push_str(s["text"].as_str().unwrap());
        all.push('\n');
    }
    all
}

#[test]
fn news_page_text_gives_its_sections_and_drops_boilerplate() {
    let doc = json_of(&["markup", "--format", "json", "examples/harbour-reopens.txt"]);
    assert_eq!(
        titles(&doc),
        [
            "After three dry summers, the old harbour at Kilifi opens to boats again",
            "What the dredgers found",
            "Who pays for the next ten years"
        ]
    );
    let levels: Vec<u64> = doc["sections"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["level"].as_u64().unwrap())
        .collect();
    assert_eq!(levels, [1, 2, 2]);
    let text = spoken_everything(&doc);
    for gone in [
        "Related",
        "County approves new fish market",
        "ADVERTISEMENT",
        "Trending Now",
    ] {
        assert!(!text.contains(gone), "{gone:?} should not be spoken");
    }
    assert_eq!(
        text.matches("A harbour is a habit").count(),
        1,
        "the pull quote is spoken once"
    );
    assert!(
        !text.contains("Juma Mwangi is a reporter on the coast desk."),
        "the author's bio line at the end is page furniture"
    );
    let kinds: Vec<&str> = doc["dropped"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["kind"].as_str().unwrap())
        .collect();
    for kind in [
        "related-links",
        "ad",
        "pull-quote",
        "site-widget",
        "author-bio",
    ] {
        assert!(
            kinds.contains(&kind),
            "dropped should list {kind}: {kinds:?}"
        );
    }
    // The first section holds the standfirst.
    assert!(
        doc["sections"][0]["text"]
            .as_str()
            .unwrap()
            .starts_with("The dredging took 14 months")
    );
}

#[test]
fn keep_boilerplate_gives_it_back() {
    let doc = json_of(&[
        "markup",
        "--format",
        "json",
        "--keep-boilerplate",
        "examples/harbour-reopens.txt",
    ]);
    let text = spoken_everything(&doc);
    assert!(text.contains("Trending Now") && text.contains("ADVERTISEMENT"));
    assert!(doc["dropped"].as_array().unwrap().is_empty());
}

#[test]
fn markdown_headings_front_matter_and_code() {
    let doc = json_of(&["markup", "--format", "json", "examples/night-trains.md"]);
    assert_eq!(doc["title"], "The return of the night train");
    assert_eq!(
        titles(&doc),
        [
            "The return of the night train",
            "Why now",
            "The routes",
            "What it costs to run",
            "Setext headings work too"
        ]
    );
    let text = spoken_everything(&doc);
    assert!(
        text.contains("See the operators' report for the full figures."),
        "links read as their text"
    );
    assert!(!text.contains("https://") && !text.contains("sleeper.jpg") && !text.contains("[^1]"));
    assert!(!text.contains("cost_per_seat"), "code is not read");
    assert!(text.contains("A code example is left out here."));
    assert!(
        text.contains("Route: Vienna to Hamburg; Hours: 11; Fare: €89."),
        "tables row by row"
    );
    assert!(
        !text.contains("Desk Staff"),
        "front matter other than the title is not spoken"
    );
}

#[test]
fn html_page_gives_the_article_not_the_chrome() {
    let doc = json_of(&["markup", "--format", "json", "examples/market-day.html"]);
    assert_eq!(
        titles(&doc),
        [
            "Market day comes back to the square",
            "A council that changed its mind",
            "What comes next"
        ]
    );
    let text = spoken_everything(&doc);
    for gone in [
        "cookies",
        "Home",
        "Most read",
        "Bypass plans",
        "All rights reserved",
        "Share this article",
        "analytics",
    ] {
        assert!(!text.contains(gone), "{gone:?} should not be spoken");
    }
    assert!(
        text.contains("“We had been charging people to bring life into the town,”"),
        "entities decoded"
    );
    assert!(text.contains("Pitches cost nothing until April 2026."));
}

#[test]
fn standard_input_works_and_a_text_without_headings_is_one_section() {
    let out = run_hark(
        &["markup", "--format", "json", "-"],
        Some(b"Just a note. It has two sentences, and no heading at all."),
    );
    assert!(out.status.success());
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["sections"].as_array().unwrap().len(), 1);
    assert_eq!(doc["source"]["path"], "-");
    assert_eq!(
        doc["sections"][0]["heading"],
        Value::Null,
        "a made-up title is not spoken"
    );
    assert_eq!(doc["sections"][0]["sentences"], 2);
}

#[test]
fn text_format_prints_spoken_forms() {
    let out = run_hark(
        &["markup", "--format", "text", "examples/harbour-reopens.txt"],
        None,
    );
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("== 1. What the dredgers found =="));
    assert!(text.contains("three point two billion shillings"));
    assert!(text.contains("Doctor Amina Salim"));
    assert!(text.contains("K P A"));
}

#[test]
fn every_ssml_document_is_well_formed_and_carries_the_pauses() {
    for example in [
        "examples/harbour-reopens.txt",
        "examples/night-trains.md",
        "examples/market-day.html",
    ] {
        let out = run_hark(
            &[
                "markup",
                "--heading-pause",
                "1.5s",
                "--sentence-pause",
                "300ms",
                example,
            ],
            None,
        );
        assert!(out.status.success());
        let docs = ssml_documents(&String::from_utf8(out.stdout).unwrap());
        assert!(docs.len() >= 3, "{example}: one document per section");
        for doc in &docs {
            let root = hark::xml::parse(doc).unwrap_or_else(|e| panic!("{example}: {e}\n{doc}"));
            assert_eq!(root.name, "speak");
            assert_eq!(
                doc.matches("<break time=\"1500ms\"/>").count(),
                2,
                "a break before and after the heading"
            );
        }
        common::validate_against_ssml_schema(&docs);
    }
}

#[test]
fn golden_ssml_and_json_for_the_text_example() {
    let ssml = run_hark(&["markup", "examples/harbour-reopens.txt"], None).stdout;
    let json = run_hark(
        &["markup", "--format", "json", "examples/harbour-reopens.txt"],
        None,
    )
    .stdout;
    common::golden("harbour-reopens.ssml", &ssml);
    common::golden("harbour-reopens.json", &json);
}

#[test]
fn exit_codes_and_messages() {
    let missing = run_hark(&["markup", "no-such-article.txt"], None);
    assert_eq!(missing.status.code(), Some(1));
    let err = String::from_utf8_lossy(&missing.stderr);
    assert!(
        err.contains("no-such-article.txt") && err.contains("cannot read"),
        "{err}"
    );

    let usage = run_hark(&["markup", "--format", "mp3", "x.txt"], None);
    assert_eq!(usage.status.code(), Some(2));
    let long_pause = run_hark(&["markup", "--heading-pause", "100000s", "x.txt"], None);
    assert_eq!(long_pause.status.code(), Some(2));

    let empty = run_hark(&["markup", "-"], Some(b"   \n\t\n"));
    assert_eq!(empty.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&empty.stderr).contains("no text to speak"));

    // One bad input among good ones: the good ones are still printed, the exit is 1.
    let mixed = run_hark(
        &[
            "markup",
            "--format",
            "text",
            "no-such.txt",
            "examples/harbour-reopens.txt",
        ],
        None,
    );
    assert_eq!(mixed.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&mixed.stdout).contains("What the dredgers found"));
}

/// Articles in French (HTML `lang`), Spanish (front matter `lang`) and Swahili (detected from
/// plain text) are read by their own conventions: the language in the JSON and on every
/// `<speak>`, numbers left for the voice in that language with no English number words, and
/// thousands separators made unambiguous.
#[test]
fn each_article_is_read_in_its_own_language() {
    for (path, lang, source, must_say, english) in [
        (
            "tests/languages/marche-fr.html",
            "fr-FR",
            "declared",
            "2400000 euros",
            "thirty",
        ),
        (
            "tests/languages/biblioteca-es.md",
            "es",
            "declared",
            "40000 vecinos",
            "forty",
        ),
        (
            "tests/languages/soko-sw.txt",
            "sw",
            "detected",
            "wafanyabiashara 1500",
            "thousand",
        ),
        (
            "tests/languages/radweg-de.md",
            "de",
            "declared",
            "Am 3. oktober",
            "thousand",
        ),
        (
            "tests/languages/feira-pt.html",
            "pt-PT",
            "declared",
            "às 14 horas e 30",
            "forty",
        ),
        (
            "tests/languages/mercato-it.txt",
            "it",
            "detected",
            "alle 14:30",
            "point",
        ),
    ] {
        let doc = json_of(&["markup", "--format", "json", path]);
        assert_eq!(doc["language"], lang, "{path}");
        assert_eq!(doc["language_source"], source, "{path}");
        let spoken: String = doc["sections"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s["spoken"].as_str().unwrap_or("").to_string())
            .collect::<Vec<_>>()
            .join("\n");
        assert!(spoken.contains(must_say), "{path}: {spoken}");
        assert!(!spoken.contains(english), "{path}: {spoken}");
        let out = run_hark(&["markup", path], None);
        let ssml = String::from_utf8_lossy(&out.stdout);
        let docs = ssml_documents(&ssml);
        assert!(!docs.is_empty());
        for d in &docs {
            assert!(d.contains(&format!("xml:lang=\"{lang}\"")), "{path}: {d}");
        }
    }
    // --lang wins over what the source declares and what the text seems to be.
    let doc = json_of(&[
        "markup",
        "--format",
        "json",
        "--lang",
        "fr_CA",
        "tests/languages/biblioteca-es.md",
    ]);
    assert_eq!(doc["language"], "fr-CA");
    assert_eq!(doc["language_source"], "chosen");
    // A tag that is no language is a usage error that says how to find one.
    let out = run_hark(
        &[
            "markup",
            "--lang",
            "english please",
            "tests/languages/soko-sw.txt",
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("hark voices"));
}

/// Each language's own abbreviations, titles and spoken forms: the sentence does not end at
/// "z. B." or "Sr.", and what the language writes short is said in full.
#[test]
fn each_languages_abbreviations_and_forms_are_said_in_full() {
    for (path, lines, said) in [
        (
            "tests/languages/radweg-de.md",
            6,
            &[
                "zum Beispiel",
                "Doktor Weber",
                "Kilometer pro Stunde",
                "2400000 Euro",
            ][..],
        ),
        (
            "tests/languages/feira-pt.html",
            4,
            &["O senhor Almeida", "1ª edição", "40000 visitantes"][..],
        ),
        (
            "tests/languages/mercato-it.txt",
            4,
            &["2400000 euro", "30,5 %"][..],
        ),
    ] {
        let doc = json_of(&["markup", "--format", "json", path]);
        let spoken: Vec<String> = doc["sections"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|s| {
                s["spoken"]
                    .as_str()
                    .unwrap_or("")
                    .lines()
                    .map(str::to_string)
                    .collect::<Vec<_>>()
            })
            .collect();
        assert_eq!(spoken.len(), lines, "{path}: {spoken:#?}");
        for s in said {
            assert!(
                spoken.iter().any(|l| l.contains(s)),
                "{path}: {s} in {spoken:#?}"
            );
        }
    }
}

/// A paragraph clearly in another language is a passage: marked in the SSML and the JSON, and
/// spoken in its language; names of places in an English sentence change nothing.
#[test]
fn a_quotation_in_another_language_is_a_passage() {
    let path = "tests/languages/quote-en-fr.md";
    let doc = json_of(&["markup", "--format", "json", path]);
    assert_eq!(doc["language"], "en");
    let passages = doc["sections"][0]["passages"].as_array().unwrap();
    assert_eq!(passages.len(), 1, "{passages:?}");
    assert_eq!(passages[0]["language"], "fr");
    let line = passages[0]["sentence"].as_u64().unwrap() as usize;
    let text = doc["sections"][0]["text"].as_str().unwrap();
    assert!(
        text.lines()
            .nth(line)
            .unwrap()
            .contains("Nous avons attendu")
    );
    // The English sentences keep the English rules.
    let spoken = doc["sections"][0]["spoken"].as_str().unwrap();
    assert!(spoken.contains("two point four million"), "{spoken}");

    let out = run_hark(&["markup", path], None);
    assert!(out.status.success());
    let ssml = String::from_utf8_lossy(&out.stdout);
    assert!(ssml.contains("xml:lang=\"en\""), "{ssml}");
    assert_eq!(ssml.matches("<voice xml:lang=\"fr\">").count(), 1, "{ssml}");
    assert!(
        ssml.contains("<voice xml:lang=\"fr\">« Nous avons"),
        "{ssml}"
    );
}

/// `--lang` for a language no voice speaks says how to list the languages there are; `hark
/// voices --lang` lists them, and with a code lists that language's voices.
#[test]
fn languages_without_a_voice_are_refused_with_the_way_to_list_them() {
    let out = run_hark(
        &["markup", "--lang", "tlh", "tests/languages/soko-sw.txt"],
        None,
    );
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("no voice speaks the language 'tlh'")
            && stderr.contains("hark voices --lang"),
        "{stderr}"
    );

    let out = run_hark(&["voices", "--lang"], None);
    assert!(out.status.success());
    let listed = String::from_utf8_lossy(&out.stdout);
    for code in ["fr", "es", "de", "pt", "it", "sw", "en"] {
        assert!(
            listed
                .lines()
                .any(|l| l.split_whitespace().next() == Some(code)),
            "{code} in {listed}"
        );
    }

    let out = run_hark(&["voices", "--engine", "espeak", "--lang", "sw"], None);
    assert!(out.status.success());
    let listed = String::from_utf8_lossy(&out.stdout);
    assert!(listed.contains("espeak:sw"), "{listed}");
    assert!(!listed.contains("espeak:fr"), "{listed}");

    let out = run_hark(&["voices", "--lang", "tlh"], None);
    assert_eq!(out.status.code(), Some(1));
}

/// A pause without a unit is refused, never guessed: 5 could be seconds or milliseconds.
#[test]
fn a_pause_without_a_unit_is_a_usage_error() {
    let out = run_hark(
        &["markup", "--heading-pause", "5", "examples/night-trains.md"],
        None,
    );
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("add one, as in 5s or 500ms"), "{stderr}");
    let out = run_hark(
        &[
            "markup",
            "--heading-pause",
            "0",
            "--sentence-pause",
            "1.5s",
            "examples/night-trains.md",
        ],
        None,
    );
    assert!(out.status.success());
}

/// Help a newcomer can read: options under headings, lines within 100 columns, examples at
/// the end, the environment shown; shell completions, a man page, and a `--version` that says
/// what this hark is built with and finds.
#[test]
fn help_completions_man_and_version() {
    let text = |args: &[&str]| {
        let out = run_hark(args, None);
        assert!(out.status.success(), "{args:?}");
        String::from_utf8(out.stdout).unwrap()
    };
    for command in ["markup", "export", "podcast", "speak", "voices"] {
        let help = text(&[command, "--help"]);
        assert!(
            help.lines().all(|l| l.chars().count() <= 100),
            "{command}: a help line over 100 columns"
        );
        let examples = help.rfind("Examples:").expect("examples");
        assert!(
            help[examples..]
                .lines()
                .skip(1)
                .all(|l| l.trim().is_empty() || l.starts_with("  ") && l.contains("hark ")),
            "{command}: the examples end the help"
        );
    }
    let export = text(&["export", "--help"]);
    for heading in ["Speech:", "Reading:", "Piper voices:"] {
        assert!(
            export.lines().any(|l| l == heading),
            "{heading} in {export}"
        );
    }
    assert!(export.contains("[env: HARK_VOICES="), "{export}");
    let top = text(&["--help"]);
    assert!(
        top.contains("ORT_DYLIB_PATH") && top.contains("SPEECHD_ADDRESS"),
        "{top}"
    );

    assert!(text(&["completions", "bash"]).contains("_hark()"));
    assert!(text(&["completions", "zsh"]).contains("#compdef hark"));
    assert!(text(&["man"]).contains(".TH hark 1"));
    let version = text(&["--version"]);
    assert!(version.starts_with("hark "), "{version}");
    assert!(
        version.contains("eSpeak NG 1.")
            && version.contains("ONNX Runtime")
            && version.contains("features: "),
        "{version}"
    );
    assert_eq!(text(&["-V"]).lines().count(), 1);
}

/// `hark doctor` checks each part, one line each, with what to install for what is missing.
#[test]
fn doctor_checks_each_part() {
    let dir = tempfile::tempdir().unwrap();
    let fake_runtime = dir.path().join("libonnxruntime.so");
    std::fs::write(&fake_runtime, b"not really").unwrap();
    let out = common::hark()
        .arg("doctor")
        .env("ORT_DYLIB_PATH", &fake_runtime)
        .env("HARK_VOICES", dir.path())
        .env("XDG_DATA_HOME", dir.path())
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{said}");
    let line = |what: &str| {
        said.lines()
            .find(|l| l[5..].starts_with(what))
            .unwrap_or_else(|| panic!("no {what} line in {said}"))
            .to_string()
    };
    assert!(line("eSpeak NG").starts_with("ok "), "{said}");
    if cfg!(feature = "piper") {
        let onnx = line("ONNX Runtime");
        assert!(
            onnx.starts_with("ok ") && onnx.contains("libonnxruntime.so"),
            "{said}"
        );
    }
    let piper = line("Piper voices");
    assert!(
        piper.starts_with("miss") && piper.contains("hark voices install"),
        "an empty voice folder: {said}"
    );
    line("speech service");
}
