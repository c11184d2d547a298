//! Plain-text rendering: the spoken text of an article with its section titles, as a listener
//! would hear it (after normalization), one paragraph per line.

use crate::Prepared;
use crate::speech::Sentence;

/// Renders the article as plain spoken text.
pub fn render(prepared: &Prepared) -> String {
    let mut out = String::new();
    for section in &prepared.sections {
        out.push_str(&format!("== {}. {} ==\n", section.index, section.title));
        if let Some(heading) = &section.heading {
            out.push_str(&heading.spoken());
            out.push_str("\n\n");
        }
        for paragraph in &section.paragraphs {
            let line: Vec<String> = paragraph.iter().map(Sentence::spoken).collect();
            out.push_str(&line.join(" "));
            out.push_str("\n\n");
        }
    }
    out
}
