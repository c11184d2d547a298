//! Where a table-of-contents entry points inside a chapter file (`s04.xhtml#ch190`): the
//! element with that id is marked, before the page is parsed, with a heading that says which
//! entry begins there. The chapter is then cut at the element the book names, not at a heading
//! whose words happen to match the entry's (a book's heading is often only a number, "190",
//! where its contents say "190 A Four-Leaved Clover").

/// Starts a marker heading's text; the entry's position in its file's list follows. A private
/// use character, which no book's heading holds.
pub const MARK: char = '\u{F8FF}';

/// `text` with a marker heading before each element whose `id` is one of `fragments` (an
/// entry's position, its fragment). Ids on `html`, `head` or `body`, or not found, are left
/// unmarked: such an entry starts where the file does.
pub fn mark(text: &str, fragments: &[(usize, &str)]) -> String {
    let mut inserts: Vec<(usize, usize)> = fragments
        .iter()
        .filter_map(|&(entry, id)| element_start(text, id).map(|at| (at, entry)))
        .collect();
    if inserts.is_empty() {
        return text.to_string();
    }
    inserts.sort();
    let mut out = String::with_capacity(text.len() + inserts.len() * 24);
    let mut done = 0;
    for (at, entry) in inserts {
        out.push_str(&text[done..at]);
        out.push_str(&format!("<h6>{MARK}{entry}</h6>"));
        done = at;
    }
    out.push_str(&text[done..]);
    out
}

/// The entry a marker heading's text names.
pub fn marked_entry(heading: &str) -> Option<usize> {
    heading.strip_prefix(MARK)?.trim().parse().ok()
}

/// Where the start tag that carries `id="…"` (or `'…'`) begins: an attribute of its own (after
/// whitespace, so not `data-id` or `xml:id`), in a tag that is not the page's frame.
fn element_start(text: &str, id: &str) -> Option<usize> {
    for quote in ['"', '\''] {
        let needle = format!("id={quote}{id}{quote}");
        for (at, _) in text.match_indices(&needle) {
            if !text[..at].ends_with(|c: char| c.is_ascii_whitespace()) {
                continue;
            }
            let start = text[..at].rfind('<')?;
            // Inside a tag: no '>' between its '<' and the attribute.
            if text[start..at].contains('>') {
                continue;
            }
            let name: String = text[start + 1..]
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric())
                .collect::<String>()
                .to_ascii_lowercase();
            if ["html", "head", "body"].contains(&name.as_str()) {
                return None;
            }
            return Some(start);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_entry_is_marked_before_the_element_it_names() {
        let page = r#"<body id="top"><section id="c1"><h3>190</h3><p>Text.</p></section>
<section class='x' id='c2'><p>More.</p></section><p data-id="c3">No.</p></body>"#;
        let marked = mark(page, &[(0, "c1"), (1, "c2"), (2, "c3"), (3, "top")]);
        assert!(marked.contains(&format!("<h6>{MARK}0</h6><section id=\"c1\">")));
        assert!(marked.contains(&format!("<h6>{MARK}1</h6><section class='x' id='c2'>")));
        assert_eq!(marked.matches(MARK).count(), 2, "{marked}");
        assert_eq!(marked_entry(&format!("{MARK}1")), Some(1));
        assert_eq!(marked_entry("190"), None);
    }
}
