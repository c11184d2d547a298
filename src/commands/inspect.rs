//! `hark inspect`: one stage of the pipeline over JSON-string lines from standard input.

use super::report::{Reporter, broken_pipe_or_error};
use crate::cli::InspectStage;
use std::io::Write;

/// `hark inspect`: one stage over JSON-string lines from standard input.
pub fn inspect(stage: InspectStage, report: &Reporter) -> bool {
    use std::io::BufRead;
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let mut ok = true;
    let phonemizer = match stage {
        InspectStage::Phonemes => {
            match hark::synth::espeak::Espeak::new("en-us", Default::default()) {
                Ok(e) => Some(e),
                Err(e) => {
                    report.error(&e);
                    return false;
                }
            }
        }
        _ => None,
    };
    for (n, line) in std::io::stdin().lock().lines().enumerate() {
        let parsed = line
            .map_err(|e| e.to_string())
            .and_then(|l| serde_json::from_str::<String>(&l).map_err(|e| e.to_string()));
        let text = match parsed {
            Ok(t) => t,
            Err(e) => {
                report.warn(&format!("line {}: not a JSON string: {e}", n + 1));
                ok = false;
                continue;
            }
        };
        let value = match stage {
            InspectStage::Sentences => {
                let sentences: Vec<&str> = hark::sentences::split(&text)
                    .into_iter()
                    .map(|r| &text[r])
                    .collect();
                serde_json::json!(sentences)
            }
            InspectStage::Phonemes => {
                let mut chunks = Vec::new();
                for r in hark::sentences::split(&text) {
                    let spoken = hark::speech::Sentence::new(&text[r]).spoken();
                    match phonemizer.as_ref().map(|p| p.ipa_clauses(&spoken)) {
                        Some(Ok(clauses)) => chunks.extend(hark::synth::piper::chunk_clauses(
                            &clauses,
                            hark::synth::piper::PHONEME_BUDGET,
                        )),
                        Some(Err(e)) => report.warn(&e.to_string()),
                        None => {}
                    }
                }
                serde_json::json!(chunks)
            }
            InspectStage::Normalize => {
                let spoken: Vec<String> = hark::sentences::split(&text)
                    .into_iter()
                    .map(|r| hark::speech::Sentence::new(&text[r]).spoken())
                    .collect();
                serde_json::json!(spoken.join(" "))
            }
        };
        if let Err(e) = writeln!(out, "{value}") {
            return broken_pipe_or_error(e, report);
        }
    }
    ok
}
