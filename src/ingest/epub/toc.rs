//! A book's table of contents: the EPUB 3 navigation document's `toc` nav (and its landmarks),
//! or EPUB 2's NCX navMap. Each entry is a title, the file and fragment it points at, and its
//! level (1 for the top), in the book's order.

use super::archive::resolve;
use crate::document::collapse_whitespace;

/// One entry of the table of contents.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub title: String,
    /// The file it points at, inside the archive.
    pub path: String,
    /// The `#fragment`, if any.
    pub fragment: Option<String>,
    /// 1 for a top-level entry, 2 under it, …
    pub level: u8,
}

/// The entries of the navigation document at `path`, and its landmarks as (type, path).
pub fn from_nav(path: &str, text: &str) -> (Vec<Entry>, Vec<(String, String)>) {
    let page = scraper::Html::parse_document(text);
    let (Ok(navs), Ok(links)) = (
        scraper::Selector::parse("nav"),
        scraper::Selector::parse("a[href]"),
    ) else {
        return (Vec::new(), Vec::new());
    };
    let kind = |nav: &scraper::ElementRef| {
        nav.value()
            .attr("epub:type")
            .unwrap_or_default()
            .to_string()
    };
    let all: Vec<_> = page.select(&navs).collect();
    let toc = all
        .iter()
        .find(|n| kind(n).split_whitespace().any(|t| t == "toc"))
        .or_else(|| all.first());
    let mut entries = Vec::new();
    if let Some(nav) = toc {
        for a in nav.select(&links) {
            let href = a.value().attr("href").unwrap_or_default();
            let Some(target) = resolve(path, href) else {
                continue;
            };
            let depth = a
                .ancestors()
                .take_while(|n| n.id() != nav.id())
                .filter(|n| {
                    n.value()
                        .as_element()
                        .is_some_and(|e| e.name() == "ol" || e.name() == "ul")
                })
                .count();
            entries.push(Entry {
                title: collapse_whitespace(&a.text().collect::<String>()),
                path: target,
                fragment: fragment(href),
                level: depth.clamp(1, 5) as u8,
            });
        }
    }
    let mut landmarks = Vec::new();
    for nav in all
        .iter()
        .filter(|n| kind(n).split_whitespace().any(|t| t == "landmarks"))
    {
        for a in nav.select(&links) {
            let (Some(kind), Some(href)) = (a.value().attr("epub:type"), a.value().attr("href"))
            else {
                continue;
            };
            if let Some(target) = resolve(path, href) {
                landmarks.push((kind.to_ascii_lowercase(), target));
            }
        }
    }
    (entries, landmarks)
}

/// The entries of the NCX at `path`: its navMap's navPoints, nested.
pub fn from_ncx(path: &str, text: &str) -> Vec<Entry> {
    let Ok(root) = crate::xml::parse(text) else {
        return Vec::new();
    };
    let Some(map) = root.children_named("navMap").next() else {
        return Vec::new();
    };
    let mut entries = Vec::new();
    // (element, level), children pushed in reverse so they come out in order.
    let mut stack: Vec<(&crate::xml::Element, u8)> =
        map.children_named("navPoint").map(|e| (e, 1)).collect();
    stack.reverse();
    while let Some((point, level)) = stack.pop() {
        let title = point
            .children_named("navLabel")
            .next()
            .map(|l| collapse_whitespace(&l.text()))
            .unwrap_or_default();
        let src = point
            .children_named("content")
            .next()
            .and_then(|c| c.attr("src"))
            .unwrap_or_default();
        if let Some(target) = resolve(path, src) {
            entries.push(Entry {
                title,
                path: target,
                fragment: fragment(src),
                level: level.min(5),
            });
        }
        let mut inner: Vec<_> = point
            .children_named("navPoint")
            .map(|e| (e, level.saturating_add(1)))
            .collect();
        inner.reverse();
        stack.extend(inner);
    }
    entries
}

/// The fragment of an href, if it has a non-empty one.
fn fragment(href: &str) -> Option<String> {
    href.split_once('#')
        .map(|(_, f)| f.to_string())
        .filter(|f| !f.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_nav_documents_entries_keep_their_levels_and_its_landmarks() {
        let nav = r##"<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops"><body>
<nav epub:type="toc"><ol>
  <li><a href="text/one.xhtml">Chapter One</a>
    <ol><li><a href="text/one.xhtml#s2">A storm</a></li></ol></li>
  <li><a href="text/two.xhtml">Chapter
     Two</a></li>
</ol></nav>
<nav epub:type="landmarks"><ol><li><a epub:type="cover" href="cover.xhtml">Cover</a></li></ol></nav>
</body></html>"##;
        let (entries, landmarks) = from_nav("OEBPS/nav.xhtml", nav);
        let seen: Vec<_> = entries
            .iter()
            .map(|e| {
                (
                    e.title.as_str(),
                    e.path.as_str(),
                    e.fragment.as_deref(),
                    e.level,
                )
            })
            .collect();
        assert_eq!(
            seen,
            [
                ("Chapter One", "OEBPS/text/one.xhtml", None, 1),
                ("A storm", "OEBPS/text/one.xhtml", Some("s2"), 2),
                ("Chapter Two", "OEBPS/text/two.xhtml", None, 1),
            ]
        );
        assert_eq!(
            landmarks,
            [("cover".to_string(), "OEBPS/cover.xhtml".to_string())]
        );
    }

    #[test]
    fn an_ncx_is_read_in_order_with_levels() {
        let ncx = r#"<ncx xmlns="http://www.daisy.org/z3986/2005/ncx/" version="2005-1"><navMap>
  <navPoint id="a" playOrder="1"><navLabel><text>Part One</text></navLabel><content src="p1.html"/>
    <navPoint id="b" playOrder="2"><navLabel><text>The Start</text></navLabel><content src="c1.html#top"/></navPoint>
  </navPoint>
  <navPoint id="c" playOrder="3"><navLabel><text>Part Two</text></navLabel><content src="p2.html"/></navPoint>
</navMap></ncx>"#;
        let entries = from_ncx("OPS/toc.ncx", ncx);
        let seen: Vec<_> = entries
            .iter()
            .map(|e| (e.title.as_str(), e.level))
            .collect();
        assert_eq!(seen, [("Part One", 1), ("The Start", 2), ("Part Two", 1)]);
        assert_eq!(entries[1].path, "OPS/c1.html");
    }
}
