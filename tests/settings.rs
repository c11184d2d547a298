//! End-to-end tests of settings from a config file: flags, then environment variables, then the
//! chosen preset, then the file, then the defaults; `hark config show`; and a bad config refused
//! as a usage error before anything is made.

mod common;

use common::hark;
use serde_json::Value;
use std::path::Path;

const CONFIG: &str = r#"
voice = "espeak:en-gb"

[export]
combined = true
heading-pause = "900ms"

[podcast]
feed-title = "Morning Edition"
base-url = "https://example.org/audio/"

[preset.slow.export]
rate = "0.8"
"#;

fn write_config(dir: &Path, text: &str) -> String {
    let path = dir.join("hark.toml");
    std::fs::write(&path, text).unwrap();
    path.display().to_string()
}

/// The one manifest under `out`.
fn manifest(out: &Path) -> Value {
    common::manifest_in(out).1
}

fn export(config: &str, extra: &[&str], out: &Path) -> std::process::Output {
    hark()
        .args([
            "export",
            "examples/harbour-reopens.txt",
            "-q",
            "--config",
            config,
            "-o",
        ])
        .arg(out)
        .args(extra)
        .output()
        .unwrap()
}

#[test]
fn the_config_file_sets_what_flags_leave_alone() {
    let work = tempfile::tempdir().unwrap();
    let config = write_config(work.path(), CONFIG);

    let out = work.path().join("from-file");
    let run = export(&config, &[], &out);
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let man = manifest(&out);
    assert_eq!(man["voice"]["name"], "en-gb", "{}", man["voice"]);
    assert!(man["combined"].is_object(), "combined = true in [export]");
    assert_eq!(
        man["settings"]["heading_pause_ms"], 900,
        "{}",
        man["settings"]
    );

    // A flag beats the file; the preset beats the file too.
    let out = work.path().join("flag");
    let run = export(
        &config,
        &["--voice", "espeak:en-us", "--preset", "slow"],
        &out,
    );
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let man = manifest(&out);
    assert_eq!(man["voice"]["name"], "en-us");
    assert_eq!(man["settings"]["rate"], 0.8, "{}", man["settings"]);

    // HARK_CONFIG names the file as --config does.
    let shown = common::succeeded(
        hark()
            .args(["config", "show", "podcast"])
            .env("HARK_CONFIG", &config)
            .env("HARK_VOICES", work.path()),
    );
    let table = String::from_utf8_lossy(&shown.stdout);
    let row = |key: &str| {
        table
            .lines()
            .find(|l| l.split_whitespace().next() == Some(key))
            .unwrap_or_else(|| panic!("no {key} in {table}"))
            .to_string()
    };
    assert!(
        row("feed-title").contains("Morning Edition") && row("feed-title").contains("[podcast]")
    );
    assert!(row("voice").contains("[top level]"), "{table}");
    assert!(
        row("voices-dir").contains("environment (HARK_VOICES)"),
        "{table}"
    );
    assert!(row("category").ends_with("default"), "{table}");
}

#[test]
fn the_podcast_feed_takes_its_title_and_address_from_the_config() {
    let work = tempfile::tempdir().unwrap();
    let config = write_config(work.path(), CONFIG);
    let site = work.path().join("site");
    common::succeeded(
        hark()
            .args([
                "podcast",
                "examples/harbour-reopens.txt",
                "-q",
                "--config",
                &config,
                "-o",
            ])
            .arg(&site),
    );
    let feed = std::fs::read_to_string(site.join("feed.xml")).unwrap();
    assert!(feed.contains("<title>Morning Edition</title>"), "{feed}");
    assert!(
        feed.contains("https://example.org/audio/episodes/"),
        "{feed}"
    );
}

#[test]
fn a_bad_config_is_a_usage_error_that_names_the_file_and_key() {
    let work = tempfile::tempdir().unwrap();
    let out = work.path().join("out");
    for (text, preset, expected) in [
        ("vioce = \"espeak:en-gb\"", None, "'vioce'"),
        ("[export]\nfeed-title = \"News\"", None, "feed-title"),
        ("[export]\nrate = \"quick\"", None, "quick"),
        ("[export\nrate = 1", None, "not valid TOML"),
        (
            "[preset.slow]\nrate = 0.8",
            Some("fast"),
            "no preset 'fast'",
        ),
    ] {
        let config = write_config(work.path(), text);
        let mut args = vec![];
        if let Some(p) = preset {
            args = vec!["--preset", p];
        }
        let run = export(&config, &args, &out);
        let said = String::from_utf8_lossy(&run.stderr);
        assert_eq!(run.status.code(), Some(2), "{text}: {said}");
        assert!(
            said.contains(expected) && said.contains("hark.toml"),
            "{text}: {said}"
        );
        assert!(!out.exists(), "nothing is made with a bad config");
    }
    let missing = export("/nonexistent/hark.toml", &[], &out);
    assert_eq!(missing.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("does not exist"));
}
