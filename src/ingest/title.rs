//! A page's title as a listener wants it: the article's own headline (og:title, or the
//! article's one `<h1>`), not the browser tab's "Headline - Site Name | Section".

use crate::document::collapse_whitespace;
use scraper::{Html, Selector};

/// The headline a page declares: `og:title` (or `twitter:title`), else its one `<h1>`, else
/// `fallback` (Readability's or the `<title>`), with a site-name suffix removed.
pub fn page_headline(page: &Html, fallback: Option<String>, site: Option<&str>) -> Option<String> {
    let meta = |name: &str| {
        let sel =
            Selector::parse(&format!(r#"meta[property="{name}"], meta[name="{name}"]"#)).ok()?;
        page.select(&sel)
            .find_map(|m| m.value().attr("content"))
            .map(collapse_whitespace)
            .filter(|t| !t.is_empty())
    };
    let h1 = || {
        let sel = Selector::parse("h1").ok()?;
        let all: Vec<String> = page
            .select(&sel)
            .map(|h| collapse_whitespace(&h.text().collect::<String>()))
            .filter(|t| !t.is_empty())
            .collect();
        (all.len() == 1).then(|| all[0].clone())
    };
    let site = site.map(str::to_string).or_else(|| meta("og:site_name"));
    let title = meta("og:title")
        .or_else(|| meta("twitter:title"))
        .or_else(h1)
        .or(fallback)?;
    Some(without_site_suffix(&title, site.as_deref()))
}

/// "Flood closes bridge - Daily News" → "Flood closes bridge": a last part after " - ", " | ",
/// " – ", " — ", " · " or " :: " goes when it is the site's name or short (four words or
/// fewer) while the headline before it is longer.
pub fn without_site_suffix(title: &str, site: Option<&str>) -> String {
    let mut title = title.trim().to_string();
    for _ in 0..3 {
        let cut = [" | ", " - ", " – ", " — ", " · ", " :: ", " » "]
            .iter()
            .filter_map(|sep| title.rfind(sep).map(|at| (at, sep.len())))
            .max_by_key(|(at, _)| *at);
        let Some((at, len)) = cut else { break };
        let (head, tail) = (title[..at].trim(), title[at + len..].trim());
        let is_site = site.is_some_and(|s| {
            let s = s.to_lowercase();
            let t = tail.to_lowercase();
            t.contains(&s) || s.contains(&t)
        });
        let short_tail = tail.split_whitespace().count() <= 4;
        if head.split_whitespace().count() >= 3 && (is_site || short_tail) && !tail.is_empty() {
            title = head.to_string();
        } else {
            break;
        }
    }
    title
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn site_suffixes_go() {
        assert_eq!(
            without_site_suffix("Flood closes the old bridge - Daily News", None),
            "Flood closes the old bridge"
        );
        assert_eq!(
            without_site_suffix("Flood closes the old bridge | Politics | The Daily", None),
            "Flood closes the old bridge"
        );
        assert_eq!(
            without_site_suffix("Rust 1.74 is out · Rust Blog", Some("Rust Blog")),
            "Rust 1.74 is out"
        );
        // A headline with a dash in it keeps its second half when that is long.
        assert_eq!(
            without_site_suffix(
                "Review - a quiet film about a loud family and its summer",
                None
            ),
            "Review - a quiet film about a loud family and its summer"
        );
    }

    #[test]
    fn og_title_first_then_h1() {
        let page = Html::parse_document(
            r#"<html><head><title>Tab title - Site</title><meta property="og:title" content="The headline"></head><body><h1>Other</h1></body></html>"#,
        );
        assert_eq!(
            page_headline(&page, None, None).as_deref(),
            Some("The headline")
        );
        let page = Html::parse_document(
            "<html><head><title>Tab title - Site</title></head><body><h1>The real headline here</h1></body></html>",
        );
        assert_eq!(
            page_headline(&page, Some("Tab title - Site".into()), None).as_deref(),
            Some("The real headline here")
        );
    }
}
