//! The short lines pages put around an article: related-link heads, widgets, ad labels, share
//! and promotion prompts, photo credits, player controls, time stamps and footers, each by its
//! kind. [`marker_kind`] says what a line is; [`super::clean`] drops it.

use crate::document::DropKind;
use regex::Regex;
use std::sync::LazyLock;

const RELATED_HEADS: &[&str] = &[
    "more to read",
    "read also",
    "also read",
    "read more",
    "related",
    "related articles",
    "related stories",
    "related content",
    "related news",
    "related coverage",
    "related links",
    "related topics",
    "related reading",
    "see also",
    "more on this story",
    "more stories",
    "more news",
    "you may also like",
    "you might also like",
    "you may be interested in",
    "recommended",
    "recommended for you",
    "recommended stories",
    "recommended reading",
    "further reading",
    "read next",
    "what to read next",
    "up next",
    "don't miss",
    "editor's picks",
    "more like this",
    "related posts",
    "similar articles",
];
const WIDGET_HEADS: &[&str] = &[
    "top stories",
    "top stories today",
    "trending",
    "trending now",
    "trending stories",
    "trending today",
    "most read",
    "most popular",
    "most viewed",
    "most shared",
    "popular",
    "popular now",
    "popular stories",
    "latest news",
    "latest stories",
    "latest",
    "breaking news",
    "in other news",
    "around the web",
    "sponsored stories",
    "promoted stories",
    "from our partners",
    "from around the web",
    "in case you missed it",
];
const AD_LINES: &[&str] = &[
    "advertisement",
    "advertisements",
    "ad",
    "ads",
    "sponsored",
    "sponsored content",
    "paid content",
    "promoted content",
    "story continues below advertisement",
    "article continues below advertisement",
    "continue reading below",
    "scroll to continue with content",
    "continue reading the main story",
    "skip advertisement",
    "advertising",
    "ad feedback",
    "content continues below",
];
const SHARE_LINES: &[&str] = &[
    "share",
    "share this",
    "share this article",
    "share this story",
    "share this post",
    "share on facebook",
    "share on twitter",
    "share on x",
    "share on whatsapp",
    "share on linkedin",
    "tweet",
    "email",
    "copy link",
    "print",
    "save",
    "save article",
    "subscribe",
    "subscribe now",
    "comments",
    "leave a comment",
    "view comments",
    "click to share",
    "follow us",
    "share via email",
    "social sharing",
    "share this item",
];
const SHARE_PREFIXES: &[&str] = &[
    "follow us on",
    "share on",
    "share via",
    "sign up for",
    "subscribe to",
    "get our newsletter",
    "join our newsletter",
    "download our app",
    "download the app",
    "click here to",
    "like us on",
    "join the conversation",
];
const PHOTO_PREFIXES: &[&str] = &[
    "photo |",
    "photo:",
    "photo credit",
    "photograph:",
    "photos:",
    "photo by",
    "image:",
    "image caption",
    "image source",
    "image copyright",
    "media caption",
    "picture:",
    "credit:",
    "(photo",
    "file photo",
    "getty images",
    "photo/",
    "photo /",
    "illustration:",
];
const FOOTER_PREFIXES: &[&str] = &["©", "copyright ©", "(c) ", "all rights reserved"];
const FOOTER_LINES: &[&str] = &[
    "terms of use",
    "privacy policy",
    "terms and conditions",
    "cookie policy",
    "contact us",
    "about us",
];
const RELATED_PREFIXES: &[&str] = &[
    "more about",
    "more on ",
    "more from ",
    "read more:",
    "read more from",
    "related roundup",
    "related roundups",
    "related topics:",
    "tags:",
    "read also:",
    "also read:",
    "related:",
    "see also:",
    "more:",
    "watch:",
    "listen:",
    "read:",
];

/// Controls of video and gallery players, as their text reaches a page's extraction.
const PLAYER_LINES: &[&str] = &[
    "play video",
    "play",
    "pause",
    "replay",
    "mute",
    "unmute",
    "fullscreen",
    "full screen",
    "exit fullscreen",
    "caption",
    "captions",
    "hide caption",
    "toggle caption",
    "close",
    "expand",
    "enlarge this image",
    "next image",
    "previous image",
    "skip ad",
    "view gallery",
    "open gallery",
    "watch video",
    "now playing",
];
/// Parts of a player's control bar; two of them on one short line make it one.
const PLAYER_PARTS: &[&str] = &[
    "play video",
    "current time",
    "duration",
    "remaining time",
    "loaded:",
    "progress:",
    "fullscreen",
    "mute",
    "playback rate",
    "chapters",
    "descriptions",
    "subtitles",
    "captions settings",
    "audio track",
    "seek to live",
    "stream type",
    "this is a modal window",
];
/// Lines that promote the site rather than tell the story.
const PROMO_PARTS: &[&str] = &[
    "sign up to",
    "sign up for",
    "subscribe to",
    "subscribe for",
    "our newsletter",
    "this newsletter",
    "join our",
    "follow us",
    "follow him on",
    "follow her on",
    "follow them on",
    "like us on facebook",
    "download our app",
    "download the app",
    "get the app",
    "'s homepage",
    "support our journalism",
    "become a member",
    "become a subscriber",
    "already a subscriber",
    "log in to",
    "create a free account",
    "what's your reaction",
    "share this reaction",
    "order reprints",
    "today's paper",
];

/// Heads of the box about the writer; the paragraphs under them go with them.
const AUTHOR_HEADS: &[&str] = &[
    "about the author",
    "about the authors",
    "about the writer",
    "about the reporter",
    "author bio",
    "author information",
];

/// What kind of boilerplate a short line is, if any.
pub(super) fn marker_kind(line: &str) -> Option<DropKind> {
    let n = normalize(line);
    let bare = n.trim_end_matches(|c: char| !c.is_alphanumeric());
    let is = |list: &[&str]| list.contains(&bare);
    let starts = |list: &[&str]| list.iter().any(|p| n.starts_with(p));
    let words = n.split_whitespace().count();
    if is_ad_label(&n, words) {
        return Some(DropKind::Ad);
    }
    if is(PLAYER_LINES) || is_player_line(&n, words) {
        return Some(DropKind::PlayerControls);
    }
    if is_time_stamp(&n, words) {
        return Some(DropKind::Timestamp);
    }
    if words <= 25 && PROMO_PARTS.iter().any(|p| is_prompt(&n, p)) {
        return Some(DropKind::Share);
    }
    if is(AUTHOR_HEADS) {
        return Some(DropKind::AuthorBio);
    }
    if is_link_row(line) {
        return Some(DropKind::SiteWidget);
    }
    if is(RELATED_HEADS) || starts(RELATED_PREFIXES) {
        Some(DropKind::RelatedLinks)
    } else if is(WIDGET_HEADS) {
        Some(DropKind::SiteWidget)
    } else if is(AD_LINES) {
        Some(DropKind::Ad)
    } else if is(SHARE_LINES) || starts(SHARE_PREFIXES) {
        Some(DropKind::Share)
    } else if starts(PHOTO_PREFIXES) || n.contains("| file") || n.contains("| courtesy") {
        Some(DropKind::PhotoCredit)
    } else if is(FOOTER_LINES) || starts(FOOTER_PREFIXES) || n.contains("all rights reserved") {
        Some(DropKind::Footer)
    } else {
        None
    }
}

/// Whether `phrase` stands in `n` as a prompt to the reader: at the start of the line or of a
/// clause ("Stop the censors, sign up to …"), not inside a quoted sentence ("I didn't sign up
/// for …"). Phrases about the site itself ("our newsletter") count anywhere.
fn is_prompt(n: &str, phrase: &str) -> bool {
    if phrase.contains("our ") || phrase.starts_with('\'') || phrase.contains("reprints") {
        return n.contains(phrase);
    }
    n.match_indices(phrase).any(|(at, _)| {
        let before = n[..at].trim_end();
        before.is_empty() || before.ends_with([',', '.', '!', '?', ':', '—', '–', '-', '|'])
    })
}

/// A byline or kicker with when it was posted among its parts: "Pete Evans · CBC News ·
/// Posted: Oct 14, 2022 9:27 AM ET | Last Updated: 24 minutes ago". Returns the line without
/// the time stamps (the parts joined by commas) and the stamps; `None` when it has none.
pub(super) fn without_stamps(line: &str) -> Option<(String, Vec<String>)> {
    if !line.contains(['·', '|']) || line.split_whitespace().count() > 40 {
        return None;
    }
    let (stamps, kept): (Vec<&str>, Vec<&str>) = line
        .split(['·', '|'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .partition(|p| {
            let n = normalize(p);
            let words = n.split_whitespace().count();
            is_time_stamp(&n, words) || matches!(n.as_str(), "updated" | "new" | "live")
        });
    if stamps.is_empty() {
        return None;
    }
    Some((
        kept.join(", "),
        stamps.into_iter().map(str::to_string).collect(),
    ))
}

/// A row of links as a page's copied text keeps it: "Corrections and clarifications|Submit a
/// news tip|About CBC News", three or more short parts between bars, none a sentence. A row
/// of a table typed as text ("| Team | W | L |", figures in it) is data and stays.
fn is_link_row(line: &str) -> bool {
    if line.trim_start().starts_with('|') || line.contains(|c: char| c.is_ascii_digit()) {
        return false;
    }
    let parts: Vec<&str> = line
        .split(['|', '•'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    parts.len() >= 3
        && parts.iter().all(|p| {
            let words = p.split_whitespace().count();
            (1..=6).contains(&words) && !p.ends_with(['.', '!', '?', ':', ','])
        })
}

/// "Advertisement", and the label with words after it: "Advertisement – scroll to continue",
/// "Story continues below advertisement".
fn is_ad_label(n: &str, words: usize) -> bool {
    words <= 8
        && (n.starts_with("advertisement")
            || n.ends_with("advertisement")
            || n.contains("scroll to continue")
            || n.contains("continues below")
            || n.starts_with("sponsored by"))
}

/// A line of player controls: "Image 1 of 4", "Gallery: … | 14 Photos", or several control
/// parts together ("Play Video Current Time 0:00 / Duration 0:00").
fn is_player_line(n: &str, words: usize) -> bool {
    static IMAGE_OF: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^(?:image|photo|slide|picture)s? \d+ (?:of|/) \d+\b|^\d+ (?:photos|images|slides)$|^gallery: .*\d+ (?:photos|images)$|\| \d+ photos$")
            .expect("a valid pattern")
    });
    if words > 40 {
        return false;
    }
    IMAGE_OF.is_match(n) || PLAYER_PARTS.iter().filter(|p| n.contains(*p)).count() >= 2
}

/// "Updated 3:04 PM EDT, Mon March 6, 2017", "Published 2 hours ago", "Last modified on
/// 12 May": a line that says when, with a number in it, and nothing else.
fn is_time_stamp(n: &str, words: usize) -> bool {
    static STAMP: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^(?:updated|last updated|published|posted|first published|last modified|modified)(?: on| at)?:? ")
            .expect("a valid pattern")
    });
    words <= 14 && STAMP.is_match(n) && n.contains(|c: char| c.is_ascii_digit())
}

/// Lower case, typographic quotes folded, punctuation at the ends and runs of spaces removed.
pub(super) fn normalize(text: &str) -> String {
    let folded: String = text
        .chars()
        .map(|c| match c {
            '‘' | '’' | '`' => '\'',
            '“' | '”' => '"',
            c => c.to_lowercase().next().unwrap_or(c),
        })
        .collect();
    let trimmed = folded.trim_matches(|c: char| !c.is_alphanumeric());
    crate::document::collapse_whitespace(trimmed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markers_of_each_kind() {
        assert_eq!(marker_kind("ADVERTISEMENT"), Some(DropKind::Ad));
        assert_eq!(
            marker_kind("PHOTO | FILE Officers on patrol"),
            Some(DropKind::PhotoCredit)
        );
        assert_eq!(marker_kind("Top Stories Today"), Some(DropKind::SiteWidget));
        assert_eq!(marker_kind("Share this article"), Some(DropKind::Share));
        assert_eq!(
            marker_kind("© 2024 Daily News. All rights reserved."),
            Some(DropKind::Footer)
        );
        assert_eq!(
            marker_kind("Read more: Floods in the north"),
            Some(DropKind::RelatedLinks)
        );
        assert_eq!(marker_kind("Secure key facilities"), None);
        assert_eq!(
            marker_kind("Advertisement – scroll to continue"),
            Some(DropKind::Ad)
        );
        assert_eq!(
            marker_kind("Advertisement - story continues below"),
            Some(DropKind::Ad)
        );
        assert_eq!(marker_kind("Play Video"), Some(DropKind::PlayerControls));
        assert_eq!(
            marker_kind("Current Time 0:00 / Duration 0:00 Loaded: 0%"),
            Some(DropKind::PlayerControls)
        );
        assert_eq!(marker_kind("Image 1 of 4"), Some(DropKind::PlayerControls));
        assert_eq!(
            marker_kind("Gallery: Xbox One X | 14 Photos"),
            Some(DropKind::PlayerControls)
        );
        assert_eq!(
            marker_kind("Updated 3:04 PM EDT, Mon March 6, 2017"),
            Some(DropKind::Timestamp)
        );
        assert_eq!(
            marker_kind("Follow us on Twitter @example"),
            Some(DropKind::Share)
        );
        assert_eq!(
            marker_kind("Join our forums to talk about it"),
            Some(DropKind::Share)
        );
        assert_eq!(
            marker_kind("Visit Example News's homepage"),
            Some(DropKind::Share)
        );
        assert_eq!(
            marker_kind("More about Climate"),
            Some(DropKind::RelatedLinks)
        );
        assert_eq!(
            marker_kind("I didn't sign up for the alert system to be woken up"),
            None
        );
        assert_eq!(
            without_stamps(
                "Pete Evans · CBC News · Posted: Oct 14, 2022 9:27 AM ET | Last Updated: 24 minutes ago"
            ),
            Some((
                "Pete Evans, CBC News".to_string(),
                vec![
                    "Posted: Oct 14, 2022 9:27 AM ET".to_string(),
                    "Last Updated: 24 minutes ago".to_string()
                ]
            ))
        );
        assert_eq!(without_stamps("Politics | Opinion"), None);
        assert_eq!(marker_kind("Social Sharing"), Some(DropKind::Share));
        assert_eq!(
            marker_kind("Read more from Jennifer Rubin:"),
            Some(DropKind::RelatedLinks)
        );
        assert_eq!(
            marker_kind("Related Roundup: iPad ProTags: Apple Pencil Guide"),
            Some(DropKind::RelatedLinks)
        );
        assert_eq!(
            marker_kind("Corrections and clarifications|Submit a news tip|About CBC News"),
            Some(DropKind::SiteWidget)
        );
        assert_eq!(marker_kind("| Team | Won | Lost |"), None);
        assert_eq!(marker_kind("Wins | 12 | 4 | 3"), None);
        assert_eq!(marker_kind("ABOUT THE AUTHOR"), Some(DropKind::AuthorBio));
        // Prose that mentions an update is not a time stamp.
        assert_eq!(
            marker_kind("Updated rules came into force this week for drivers."),
            None
        );
    }
}
