//! `hark markup`: each input as SSML, JSON or text on standard output.

use super::report::{Reporter, broken_pipe_or_error};
use crate::cli::{MarkupArgs, OutputFormat};
use hark::Prepared;
use hark::markup::section_ssml;
use hark::output::{manifest, text};
use std::io::Write;

/// `hark markup`: prints each input as SSML, JSON or text. Returns false if any input failed.
pub fn markup(args: &MarkupArgs, report: &Reporter) -> bool {
    if args.list_chapters {
        return list_chapters(&args.inputs, report);
    }
    let options = args.reading.read_options();
    let pauses = args.reading.pauses();
    let mut ok = true;
    let mut manifests = Vec::new();
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    for input in &args.inputs {
        let Some(prepared) = report.prepare(input, &options) else {
            ok = false;
            continue;
        };
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
    for section in &prepared.sections {
        out.push_str(&format!(
            "<!-- {}: section {}: {} -->\n",
            prepared.source.path.replace("--", "- -"),
            section.index,
            section.title.replace("--", "- -")
        ));
        out.push_str(&section_ssml(section, pauses, &section.language));
    }
    out
}

/// `hark markup --list-chapters`: each book's chapters, numbered for `--chapters`, indented by
/// level, front and back matter marked. False if an input is not a readable book.
fn list_chapters(inputs: &[String], report: &Reporter) -> bool {
    let mut ok = true;
    let mut out = String::new();
    for input in inputs {
        let listed = hark::ingest::read_input(input)
            .map_err(|e| e.to_string())
            .and_then(|bytes| {
                if !hark::ingest::signature::is_epub(&bytes) {
                    return Err(format!(
                        "{input}: not an EPUB book; --list-chapters lists a book's chapters"
                    ));
                }
                hark::ingest::epub::chapters(&bytes).map_err(|problem| {
                    format!("{input}: cannot read it as an EPUB book: {problem}")
                })
            });
        match listed {
            Ok(chapters) => {
                if inputs.len() > 1 {
                    out.push_str(&format!("{input}:\n"));
                }
                for c in chapters {
                    let indent = "  ".repeat(usize::from(c.level.saturating_sub(1)));
                    let left_out = c
                        .matter
                        .map(|m| format!("   (left out: {m})"))
                        .unwrap_or_default();
                    out.push_str(&format!("{:>3}. {indent}{}{left_out}\n", c.number, c.title));
                }
            }
            Err(message) => {
                log::error!("{message}");
                ok = false;
            }
        }
    }
    super::report::print(out.as_bytes(), report) && ok
}
