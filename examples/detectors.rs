//! Compares the language detectors hark could use, for `scripts/eval/languages`.
//!
//! Reads lines `EXPECTED<TAB>TEXT` (EXPECTED a primary subtag, TEXT with `\n` for paragraph
//! breaks) from standard input and prints, per line, tab-separated: the expected language,
//! whatlang's guess (ISO 639-3) and its time in microseconds, lingua's guess (ISO 639-1, among
//! the languages hark builds it with) and its time, hark's article detection (`language::detect`)
//! and hark's passage decision within an English article (`language::passage_language`), `-`
//! where there is none. The figures are summed by the script, not here.
//!
//! Run: `cargo run --release --example detectors < lines.tsv`

use lingua::LanguageDetectorBuilder;
use std::io::{BufRead, Write};
use std::time::Instant;

fn main() {
    let lingua = LanguageDetectorBuilder::from_all_languages().build();
    // Warm both up so that the first line does not carry the models' loading.
    let _ = lingua.detect_language_of("warm up the models");
    let _ = whatlang::detect("warm up the models");
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    for line in std::io::stdin().lock().lines() {
        let Ok(line) = line else { break };
        let Some((expected, text)) = line.split_once('\t') else {
            continue;
        };
        let text = text.replace("\\n", "\n");
        let start = Instant::now();
        let whatlang = whatlang::detect(&text).map_or("-".into(), |i| i.lang().code().to_string());
        let whatlang_us = start.elapsed().as_micros();
        let start = Instant::now();
        let lingua_guess = lingua
            .detect_language_of(text.as_str())
            .map_or("-".into(), |l| l.iso_code_639_1().to_string());
        let lingua_us = start.elapsed().as_micros();
        let article = hark::language::detect(&text).map_or("-".into(), |(tag, _)| tag);
        let passage = hark::language::passage_language(&text, "en").unwrap_or_else(|| "-".into());
        if writeln!(
            out,
            "{expected}\t{whatlang}\t{whatlang_us}\t{lingua_guess}\t{lingua_us}\t{article}\t{passage}"
        )
        .is_err()
        {
            break;
        }
    }
}
