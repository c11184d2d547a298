//! Replays, as a regular test, every input the fuzzers once crashed on (fuzz/regressions/,
//! kept by scripts/fuzz) and the seeds they start from, through the fuzz targets' own check.

#[path = "../fuzz/check.rs"]
mod check;

use hark::ingest::Format;
use std::path::Path;

fn replay(folder: &str, format: Format) -> usize {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(folder);
    let mut n = 0;
    for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
        let bytes = std::fs::read(entry.path()).unwrap();
        let name = entry.path().display().to_string();
        let result = std::panic::catch_unwind(|| check::check(format, &bytes));
        assert!(result.is_ok(), "{name} breaks the fuzz property again");
        n += 1;
    }
    n
}

#[test]
fn crashes_found_by_fuzzing_stay_fixed() {
    let mut replayed = 0;
    for (target, format) in [
        ("text", Format::Text),
        ("markdown", Format::Markdown),
        ("html", Format::Html),
        ("ssml", Format::Ssml),
    ] {
        replayed += replay(&format!("fuzz/regressions/{target}"), format);
    }
    // At least the non-ASCII-digit crash of the first fuzzing run (fuzz/regressions/ssml/).
    assert!(replayed >= 1, "the kept crash inputs were not found");
}

#[test]
fn the_seeds_hold_the_property_in_every_format() {
    let formats = [Format::Text, Format::Markdown, Format::Html, Format::Ssml];
    for format in formats {
        assert!(replay("examples", format) >= 3);
        assert!(replay("tests/hostile", format) >= 10);
    }
}
