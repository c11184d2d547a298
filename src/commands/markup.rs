//! `hark markup`: each input as SSML, JSON or text on standard output.

use super::report::{Reporter, broken_pipe_or_error};
use crate::cli::{MarkupArgs, OutputFormat};
use hark::Prepared;
use hark::markup::section_ssml;
use hark::output::{manifest, text};
use std::io::Write;

/// `hark markup`: prints each input as SSML, JSON or text. Returns false if any input failed.
pub fn markup(args: &MarkupArgs, report: &Reporter) -> bool {
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
