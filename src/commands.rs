//! The subcommands: each reads its inputs through the library, renders, writes to standard
//! output, reports problems on standard error, and says whether everything went well.
//! One bad input is reported and skipped; the others still run.

use crate::cli::{InspectStage, MarkupArgs, OutputFormat};
use hark::Prepared;
use hark::markup::section_ssml;
use hark::output::{manifest, text};
use std::io::Write;

/// Where messages go, and how many.
pub struct Reporter {
    /// Errors only.
    pub quiet: bool,
    /// Causes and details too.
    pub verbose: bool,
}

impl Reporter {
    /// Reports an error with its chain of causes when verbose.
    pub fn error(&self, err: &dyn std::error::Error) {
        eprintln!("hark: error: {err}");
        if self.verbose {
            let mut source = err.source();
            while let Some(cause) = source {
                eprintln!("  caused by: {cause}");
                source = cause.source();
            }
        }
    }

    /// Reports a warning unless quiet.
    pub fn warn(&self, message: &str) {
        if !self.quiet {
            eprintln!("hark: warning: {message}");
        }
    }
}

/// `hark markup`: prints each input as SSML, JSON or text. Returns false if any input failed.
pub fn markup(args: &MarkupArgs, report: &Reporter) -> bool {
    let options = args.reading.read_options();
    let pauses = args.reading.pauses();
    let mut ok = true;
    let mut manifests = Vec::new();
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    for input in &args.inputs {
        let prepared = match hark::prepare_path(input, &options) {
            Ok(p) => p,
            Err(e) => {
                report.error(&e);
                ok = false;
                continue;
            }
        };
        for w in &prepared.article.warnings {
            report.warn(w);
        }
        let rendered = match args.format {
            OutputFormat::Json => {
                manifests.push(manifest::manifest(&prepared, pauses, 1.0));
                continue;
            }
            OutputFormat::Ssml => ssml_documents(&prepared, &pauses),
            OutputFormat::Text => text::render(&prepared),
        };
        if let Err(e) = out.write_all(rendered.as_bytes()) {
            return broken_pipe_or_error(e, report);
        }
    }
    if args.format == OutputFormat::Json && !manifests.is_empty() {
        let json = if manifests.len() == 1 {
            serde_json::to_string_pretty(&manifests[0])
        } else {
            serde_json::to_string_pretty(&manifests)
        };
        let written = json
            .map_err(std::io::Error::other)
            .and_then(|j| writeln!(out, "{j}"));
        if let Err(e) = written {
            return broken_pipe_or_error(e, report);
        }
    }
    ok
}

/// One SSML document per section, each preceded by a comment naming the section.
fn ssml_documents(prepared: &Prepared, pauses: &hark::speech::Pauses) -> String {
    let mut out = String::new();
    for (section, script) in prepared
        .article
        .sections
        .iter()
        .zip(&prepared.script.sections)
    {
        out.push_str(&format!(
            "<!-- {}: section {}: {} -->\n",
            prepared.source.path.replace("--", "- -"),
            section.index,
            section.title.replace("--", "- -")
        ));
        out.push_str(&section_ssml(script, pauses, "en-US"));
    }
    out
}

/// A closed pipe (`hark markup … | head`) is not an error worth a message.
fn broken_pipe_or_error(e: std::io::Error, report: &Reporter) -> bool {
    if e.kind() == std::io::ErrorKind::BrokenPipe {
        return true;
    }
    report.error(&hark::error::OutputError::Write {
        what: "standard output".into(),
        source: e,
    });
    false
}

/// `hark inspect`: one stage over JSON-string lines from standard input.
pub fn inspect(stage: InspectStage, report: &Reporter) -> bool {
    use std::io::BufRead;
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let mut ok = true;
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
                let sentences: Vec<&str> = hark::speech::sentences::split(&text)
                    .into_iter()
                    .map(|r| &text[r])
                    .collect();
                serde_json::json!(sentences)
            }
            InspectStage::Normalize => {
                let spoken: Vec<String> = hark::speech::sentences::split(&text)
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
