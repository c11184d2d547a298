//! Pronunciation lexicons end to end: `--lexicon`, the lexicon beside an article, what the SSML
//! and subtitles show, audio that changes with an entry, and `hark lexicon check`.

mod common;

use common::{read_wav, run_hark, ssml_documents, succeeded, validate_against_ssml_schema};
use std::path::Path;

const ARTICLE: &str = "Kenya names a new envoy\n\nThe cabinet secretary Sing'oei met Otunge in Nairobi on Monday. Sing'oei said the talks went well.\n";

const LEXICON: &str =
    "# names the voices do not know\nSing'oei = Sing oy\n[sw]\nOtunge = Oh toon geh\n";

/// Writes the article (and, if given, a lexicon beside it) into `dir`; the article's path.
fn article_in(dir: &Path, beside: Option<&str>) -> String {
    std::fs::write(dir.join("envoy.txt"), ARTICLE).unwrap();
    if let Some(lexicon) = beside {
        std::fs::write(dir.join("lexicon.txt"), lexicon).unwrap();
    }
    dir.join("envoy.txt").display().to_string()
}

/// Exports `article` into `out` with `extra` options: its first section's samples and
/// subtitles.
fn first_section(article: &str, out: &Path, extra: &[&str]) -> (Vec<i16>, String) {
    let mut args = vec!["export", article, "-o", out.to_str().unwrap(), "-q"];
    args.extend_from_slice(extra);
    succeeded(common::hark().args(&args));
    let (folder, manifest) = common::manifest_in(out);
    let section = &manifest["sections"][0];
    (
        read_wav(&folder.join(section["audio"].as_str().unwrap())).0,
        std::fs::read_to_string(folder.join(section["subtitles"].as_str().unwrap())).unwrap(),
    )
}

fn markup(args: &[&str]) -> String {
    let mut all = vec!["markup"];
    all.extend_from_slice(args);
    String::from_utf8(succeeded(common::hark().args(&all)).stdout).unwrap()
}

#[test]
fn an_alias_is_said_in_the_ssml_and_the_written_word_is_kept() {
    let dir = tempfile::tempdir().unwrap();
    let article = article_in(dir.path(), None);
    let lexicon = dir.path().join("names.txt");
    std::fs::write(&lexicon, LEXICON).unwrap();

    let plain = markup(&[&article]);
    assert!(!plain.contains("Sing oy"), "{plain}");

    let said = markup(&[&article, "--lexicon", lexicon.to_str().unwrap()]);
    assert_eq!(
        said.matches(r#"<sub alias="Sing oy">Sing&apos;oei</sub>"#)
            .count(),
        2,
        "{said}"
    );
    // The [sw] entry is for Swahili text only; this article is English.
    assert!(!said.contains("Oh toon geh"), "{said}");
    validate_against_ssml_schema(&ssml_documents(&said));

    let swahili_article = dir.path().join("habari.txt");
    std::fs::write(
        &swahili_article,
        "Habari za leo\n\nWaziri Otunge alisema kwamba mazungumzo yalikwenda vizuri sana, na kwamba serikali itaendelea kufanya kazi pamoja na wananchi wote.\n",
    )
    .unwrap();
    let swahili = markup(&[
        swahili_article.to_str().unwrap(),
        "--lang",
        "sw",
        "--lexicon",
        lexicon.to_str().unwrap(),
    ]);
    assert!(
        swahili.contains(r#"<sub alias="Oh toon geh">Otunge</sub>"#),
        "{swahili}"
    );
}

#[test]
fn an_ipa_entry_is_a_phoneme_in_the_ssml() {
    let dir = tempfile::tempdir().unwrap();
    let article = article_in(
        dir.path(),
        Some("Otunge = /oˈtuŋɡe/ Oh toon geh\nSing'oei = /siŋˈɔɪ/\n"),
    );
    let said = markup(&[&article]);
    assert!(
        said.contains(r#"<phoneme alphabet="ipa" ph="oˈtuŋɡe">Oh toon geh</phoneme>"#),
        "{said}"
    );
    // Without words to say, a processor that cannot use the IPA says the word as written.
    assert!(
        said.contains(r#"<phoneme alphabet="ipa" ph="siŋˈɔɪ">Sing&apos;oei</phoneme>"#),
        "{said}"
    );
    validate_against_ssml_schema(&ssml_documents(&said));
}

#[test]
fn the_lexicon_beside_the_article_is_found_and_comes_before_the_given_one() {
    let dir = tempfile::tempdir().unwrap();
    let article = article_in(dir.path(), Some("Sing'oei = Sing oi beside\n"));
    let given = dir.path().join("given.pls");
    std::fs::write(
        &given,
        r#"<?xml version="1.0" encoding="UTF-8"?>
<lexicon version="1.0" xmlns="http://www.w3.org/2005/01/pronunciation-lexicon" alphabet="ipa" xml:lang="en">
  <lexeme><grapheme>Sing'oei</grapheme><alias>Sing oy given</alias></lexeme>
  <lexeme><grapheme>Otunge</grapheme><alias>Oh toon geh</alias></lexeme>
</lexicon>"#,
    )
    .unwrap();
    let said = markup(&[&article]);
    assert!(said.contains(r#"<sub alias="Sing oi beside">"#), "{said}");
    let both = markup(&[&article, "--lexicon", given.to_str().unwrap()]);
    assert!(both.contains(r#"<sub alias="Sing oi beside">"#), "{both}");
    assert!(!both.contains("Sing oy given"), "{both}");
    assert!(
        both.contains(r#"<sub alias="Oh toon geh">Otunge</sub>"#),
        "{both}"
    );
}

#[test]
fn an_entry_changes_what_espeak_says_and_the_subtitles_keep_the_name() {
    let dir = tempfile::tempdir().unwrap();
    let article = article_in(dir.path(), None);
    let lexicon = dir.path().join("names.txt");
    std::fs::write(&lexicon, "Sing'oei = Sing oy\nOtunge = Oh toon geh\n").unwrap();
    let (before, _) = first_section(&article, &dir.path().join("before"), &[]);
    let (after, subtitles) = first_section(
        &article,
        &dir.path().join("after"),
        &["--lexicon", lexicon.to_str().unwrap()],
    );
    assert_ne!(before, after, "the entry must change the audio");
    assert!(
        subtitles.contains("Sing'oei") && subtitles.contains("Otunge"),
        "{subtitles}"
    );
    assert!(!subtitles.contains("Sing oy"), "{subtitles}");
}

/// IPA alone (no words to say): the audio changes only if eSpeak NG is given the phonemes.
#[test]
fn espeak_says_an_entrys_ipa() {
    let dir = tempfile::tempdir().unwrap();
    let article = article_in(dir.path(), None);
    let lexicon = dir.path().join("names.txt");
    std::fs::write(&lexicon, "Otunge = /oˈtuŋɡe/\n").unwrap();
    let (before, _) = first_section(&article, &dir.path().join("before"), &[]);
    let (after, _) = first_section(
        &article,
        &dir.path().join("after"),
        &["--lexicon", lexicon.to_str().unwrap()],
    );
    assert_ne!(before, after, "the IPA must change the audio");
}

#[test]
fn a_wrong_lexicon_stops_the_run_and_names_the_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let article = article_in(dir.path(), None);
    let lexicon = dir.path().join("names.txt");
    std::fs::write(&lexicon, "Sing'oei = Sing oy\nOtunge Oh toon geh\n").unwrap();
    let out = dir.path().join("out");
    let result = run_hark(
        &[
            "export",
            &article,
            "-o",
            out.to_str().unwrap(),
            "--lexicon",
            lexicon.to_str().unwrap(),
        ],
        None,
    );
    let stderr = String::from_utf8_lossy(&result.stderr);
    assert_eq!(result.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("names.txt:2:") && stderr.contains("has no '='"),
        "{stderr}"
    );
    assert!(!stderr.contains("panicked"), "{stderr}");

    let missing = run_hark(
        &["markup", &article, "--lexicon", "/nonexistent/names.txt"],
        None,
    );
    let stderr = String::from_utf8_lossy(&missing.stderr);
    assert_eq!(missing.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("/nonexistent/names.txt") && stderr.contains("--lexicon"),
        "{stderr}"
    );
}

#[test]
fn lexicon_check_counts_entries_and_names_mistakes() {
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("good.txt");
    std::fs::write(
        &good,
        "Sing'oei = Sing oy\nKindiki = /kinˈdiki/\nOtunge = /oˈtuŋɡe/ Oh toon geh\n",
    )
    .unwrap();
    let result = succeeded(common::hark().args(["lexicon", "check", good.to_str().unwrap()]));
    let said = String::from_utf8_lossy(&result.stdout);
    assert!(said.contains("good.txt: 3 entries"), "{said}");
    assert!(said.contains("2 with IPA"), "{said}");
    assert!(
        result.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&result.stderr)
    );

    let clicks = dir.path().join("clicks.txt");
    std::fs::write(&clicks, "Xhosa = /ǁʰosa/ Kosa\n").unwrap();
    let result = succeeded(common::hark().args(["lexicon", "check", clicks.to_str().unwrap()]));
    let stderr = String::from_utf8_lossy(&result.stderr);
    assert!(
        stderr.contains("clicks.txt:1") && stderr.contains("'ǁ'") && stderr.contains("\"Kosa\""),
        "{stderr}"
    );

    let bad = dir.path().join("bad.pls");
    std::fs::write(&bad, "<lexicon version=\"1.0\"><lexeme/></lexicon>").unwrap();
    let result = run_hark(
        &[
            "lexicon",
            "check",
            good.to_str().unwrap(),
            bad.to_str().unwrap(),
        ],
        None,
    );
    let stderr = String::from_utf8_lossy(&result.stderr);
    assert_eq!(result.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("bad.pls") && stderr.contains("xml:lang"),
        "{stderr}"
    );
}

#[test]
fn suggest_lists_the_names_a_voice_guesses_at_ready_to_paste() {
    let dir = tempfile::tempdir().unwrap();
    let article = dir.path().join("envoy.txt");
    std::fs::write(
        &article,
        "Envoy named\n\nThe secretary Otunge met Sing'oei in Nairobi on Monday. Later Otunge's aide said the Market was busy, and the market agreed. The talks with Otunge went on.\n",
    )
    .unwrap();
    let suggest = |extra: &[&str]| {
        let mut args = vec!["lexicon", "suggest", article.to_str().unwrap()];
        args.extend_from_slice(extra);
        String::from_utf8(succeeded(common::hark().args(&args)).stdout).unwrap()
    };
    let said = suggest(&[]);
    let entries: Vec<&str> = said.lines().filter(|l| !l.starts_with('#')).collect();
    assert_eq!(entries.len(), 2, "{said}");
    assert!(
        entries[0].starts_with("Otunge = /") && entries[0].ends_with("# 3 times"),
        "{said}"
    );
    assert!(
        entries[1].starts_with("Sing'oei = /") && entries[1].ends_with("# once"),
        "{said}"
    );
    // Known to eSpeak NG or to the word list: not listed; nor a word also used in lower case.
    assert!(
        !said.contains("Nairobi") && !said.contains("Monday") && !said.contains("Market"),
        "{said}"
    );

    // What it prints is a lexicon: kept as it is, it is read, and its words are not listed again.
    let lexicon = dir.path().join("lexicon.txt");
    std::fs::write(&lexicon, &said).unwrap();
    let check = succeeded(common::hark().args(["lexicon", "check", lexicon.to_str().unwrap()]));
    assert!(String::from_utf8_lossy(&check.stdout).contains("2 entries, 2 with IPA"));
    let again = suggest(&[]);
    assert!(again.contains("(none:"), "{again}");
    std::fs::remove_file(&lexicon).unwrap();

    // As PLS: a conforming document with the same words, which hark reads back.
    let pls = suggest(&["--format", "pls"]);
    assert!(
        pls.contains("<grapheme>Otunge</grapheme><phoneme>"),
        "{pls}"
    );
    let file = dir.path().join("suggested.pls");
    std::fs::write(&file, &pls).unwrap();
    let check = succeeded(common::hark().args(["lexicon", "check", file.to_str().unwrap()]));
    assert!(
        String::from_utf8_lossy(&check.stdout).contains("2 entries, 2 with IPA"),
        "{pls}"
    );
    if let Some((valid, said)) = pls_schema_verdict(&file) {
        assert!(valid, "{said}");
    }
}

/// xmllint's verdict on `file` against schemas/pls-1.0.xsd, with what it said; `None` where
/// xmllint is not installed (a failure when HARK_REQUIRE_XMLLINT is set, as scripts/test does).
fn pls_schema_verdict(file: &Path) -> Option<(bool, String)> {
    let have_xmllint = std::process::Command::new("xmllint")
        .arg("--version")
        .output()
        .is_ok();
    assert!(
        have_xmllint || std::env::var_os("HARK_REQUIRE_XMLLINT").is_none(),
        "xmllint is required (apt-get install libxml2-utils)"
    );
    if !have_xmllint {
        return None;
    }
    let schema = Path::new(env!("CARGO_MANIFEST_DIR")).join("schemas/pls-1.0.xsd");
    let out = std::process::Command::new("xmllint")
        .args(["--noout", "--schema"])
        .arg(&schema)
        .arg(file)
        .output()
        .unwrap();
    Some((
        out.status.success(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    ))
}

/// PLS documents, each with whether it conforms to PLS 1.0.
fn pls_cases() -> Vec<(&'static str, String, bool)> {
    let lexicon = |attributes: &str, body: &str| {
        format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<lexicon {attributes}>\n{body}\n</lexicon>\n"
        )
    };
    let good = r#"version="1.0" xmlns="http://www.w3.org/2005/01/pronunciation-lexicon" alphabet="ipa" xml:lang="en-GB""#;
    let name = "<lexeme><grapheme>Sing'oei</grapheme><alias>Sing oy</alias></lexeme>";
    vec![
        ("an alias", lexicon(good, name), true),
        (
            "everything PLS has",
            lexicon(
                good,
                "<meta name=\"author\" content=\"Nairobi desk\"/><metadata>notes</metadata>\n<lexeme xml:id=\"k\"><grapheme>Kindiki</grapheme><grapheme>KINDIKI</grapheme><phoneme prefer=\"true\">kinˈdiki</phoneme><alias>Kin dee kee</alias><example>Kindiki spoke.</example></lexeme>",
            ),
            true,
        ),
        ("no lexemes", lexicon(good, ""), true),
        (
            "no alphabet",
            lexicon(&good.replace(r#" alphabet="ipa""#, ""), name),
            false,
        ),
        (
            "no version",
            lexicon(&good.replace(r#"version="1.0" "#, ""), name),
            false,
        ),
        (
            "version 2",
            lexicon(&good.replace("1.0", "2.0"), name),
            false,
        ),
        (
            "an alias before its grapheme",
            lexicon(
                good,
                "<lexeme><alias>Sing oy</alias><grapheme>Sing'oei</grapheme></lexeme>",
            ),
            false,
        ),
        (
            "an unknown element",
            lexicon(
                good,
                "<lexeme><grapheme>a</grapheme><alias>b</alias><note>c</note></lexeme>",
            ),
            false,
        ),
        (
            "meta after a lexeme",
            lexicon(good, &format!("{name}<meta name=\"a\" content=\"b\"/>")),
            false,
        ),
        (
            "an empty alias beside a good one",
            lexicon(
                good,
                "<lexeme><grapheme>a</grapheme><alias> </alias><alias>b</alias></lexeme>",
            ),
            false,
        ),
    ]
}

/// `hark lexicon check` and xmllint with schemas/pls-1.0.xsd give every document the same
/// verdict, so what hark calls a PLS lexicon is what the schema does.
#[test]
fn lexicon_check_and_the_pls_schema_agree() {
    let dir = tempfile::tempdir().unwrap();
    for (i, (what, document, conforms)) in pls_cases().into_iter().enumerate() {
        let file = dir.path().join(format!("{i}.pls"));
        std::fs::write(&file, &document).unwrap();
        let hark = run_hark(&["lexicon", "check", file.to_str().unwrap()], None);
        assert_eq!(
            hark.status.success(),
            conforms,
            "hark on {what}: {}",
            String::from_utf8_lossy(&hark.stderr)
        );
        if let Some((valid, said)) = pls_schema_verdict(&file) {
            assert_eq!(valid, conforms, "xmllint on {what}: {said}");
        }
    }
}
