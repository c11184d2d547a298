//! `feed.xml`: RSS 2.0 with the iTunes and Podcasting 2.0 namespaces, from the episode
//! records. What the major directories require is there: channel title, link, description,
//! language, `itunes:author`, `itunes:category`, `itunes:explicit` (and `itunes:image` when
//! given); per item a title, description, an enclosure with the MP3's exact byte length and
//! MIME type, a GUID that stays the same across reruns (`hark:<slug>`, not a permalink), a
//! pubDate, `itunes:duration`, `podcast:chapters` and `podcast:transcript`. The channel says
//! where the feed itself lives (`atom:link rel="self"`) and carries its `podcast:guid`.

use super::categories::Category;
use super::episode::Episode;
use crate::xml::escape;

/// The channel.
#[derive(Debug, Clone)]
pub struct Channel {
    pub title: String,
    pub description: String,
    pub author: String,
    /// Where the site is published; the episode files are under `episodes/` there.
    pub base_url: String,
    pub language: String,
    pub image_url: Option<String>,
    /// Where the directories file it.
    pub category: Category,
}

/// Podcasting 2.0's namespace for `podcast:guid`.
const PODCAST_NAMESPACE: uuid::Uuid = uuid::uuid!("ead4c236-bf58-58c6-a2c6-a6b28d128cb6");

/// A feed's `podcast:guid`: the UUID v5 of its address without the scheme and trailing
/// slashes, in Podcasting 2.0's namespace, so that any app derives the same one.
pub fn podcast_guid(feed_url: &str) -> String {
    let bare = feed_url
        .split_once("://")
        .map_or(feed_url, |(_, rest)| rest)
        .trim_end_matches('/');
    uuid::Uuid::new_v5(&PODCAST_NAMESPACE, bare.as_bytes()).to_string()
}

/// Checks `--base-url`: an absolute http(s) address with a host, no query or fragment.
/// Returned with one trailing slash, ready for `episodes/NAME.mp3` and `feed.xml` to be joined.
pub fn base_url(s: &str) -> Result<String, String> {
    let bad = |why: &str| {
        format!(
            "'{s}' is not a base address for the feed: {why}; give the absolute address the site will be published at, e.g. https://example.org/podcast/ (episodes are then at https://example.org/podcast/episodes/NAME.mp3, the feed at …/feed.xml)"
        )
    };
    let rest = s
        .strip_prefix("https://")
        .or_else(|| s.strip_prefix("http://"))
        .ok_or_else(|| bad("it must start with https:// or http://"))?;
    let host = rest.split('/').next().unwrap_or_default();
    if host.is_empty() || host.starts_with(':') {
        return Err(bad("it has no host name"));
    }
    if s.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(bad("it has spaces in it"));
    }
    if s.contains('?') || s.contains('#') {
        return Err(bad("a query or fragment cannot have paths joined to it"));
    }
    Ok(format!("{}/", s.trim_end_matches('/')))
}

/// `YYYY-MM-DD` → an RFC 822 date at 00:00 UTC, as RSS wants.
pub fn rfc822(date: &str) -> String {
    let mut parts = date.split('-').map(|p| p.parse::<i64>().unwrap_or(1));
    let (y, m, d) = (
        parts.next().unwrap_or(1970),
        parts.next().unwrap_or(1),
        parts.next().unwrap_or(1),
    );
    let days = days_from_civil(y, m, d);
    let weekday = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"][days.rem_euclid(7) as usize];
    let month = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ][(m.clamp(1, 12) - 1) as usize];
    format!("{weekday}, {d:02} {month} {y:04} 00:00:00 +0000")
}

pub use crate::calendar::{civil_from_days, days_from_civil};

fn duration(ms: u64) -> String {
    let s = ms.div_ceil(1000);
    format!("{:02}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60)
}

/// The feed for these episodes, newest first.
pub fn rss(channel: &Channel, episodes: &[Episode]) -> String {
    let base = if channel.base_url.ends_with('/') {
        channel.base_url.clone()
    } else {
        format!("{}/", channel.base_url)
    };
    let url = |file: &str| escape(&format!("{base}episodes/{file}"));
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\" \
         xmlns:itunes=\"http://www.itunes.com/dtds/podcast-1.0.dtd\" \
         xmlns:podcast=\"https://podcastindex.org/namespace/1.0\" \
         xmlns:atom=\"http://www.w3.org/2005/Atom\">\n<channel>\n",
    );
    let feed_url = format!("{base}feed.xml");
    out.push_str(&format!(
        "<atom:link href=\"{}\" rel=\"self\" type=\"application/rss+xml\"/>\n",
        escape(&feed_url)
    ));
    out.push_str(&format!(
        "<podcast:guid>{}</podcast:guid>\n",
        podcast_guid(&feed_url)
    ));
    out.push_str(&format!("<title>{}</title>\n", escape(&channel.title)));
    out.push_str(&format!("<link>{}</link>\n", escape(&base)));
    out.push_str(&format!(
        "<description>{}</description>\n",
        escape(&channel.description)
    ));
    out.push_str(&format!(
        "<language>{}</language>\n",
        escape(&channel.language)
    ));
    out.push_str(&format!(
        "<itunes:author>{}</itunes:author>\n",
        escape(&channel.author)
    ));
    match &channel.category.sub {
        Some(sub) => out.push_str(&format!(
            "<itunes:category text=\"{}\">\n<itunes:category text=\"{}\"/>\n</itunes:category>\n",
            escape(&channel.category.name),
            escape(sub)
        )),
        None => out.push_str(&format!(
            "<itunes:category text=\"{}\"/>\n",
            escape(&channel.category.name)
        )),
    }
    out.push_str("<itunes:explicit>false</itunes:explicit>\n");
    if let Some(image) = &channel.image_url {
        out.push_str(&format!("<itunes:image href=\"{}\"/>\n", escape(image)));
    }
    out.push_str("<generator>hark</generator>\n");
    for e in episodes.iter().rev() {
        out.push_str("<item>\n");
        out.push_str(&format!("<title>{}</title>\n", escape(&e.title)));
        out.push_str(&format!(
            "<description>{}</description>\n",
            escape(&e.summary)
        ));
        out.push_str(&format!(
            "<enclosure url=\"{}\" length=\"{}\" type=\"audio/mpeg\"/>\n",
            url(&e.mp3),
            e.mp3_bytes
        ));
        if let (Some(opus), Some(bytes)) = (&e.opus, e.opus_bytes) {
            // Podcasting 2.0: apps that can play Opus may choose it over the MP3, which is
            // listed too, as the default (as the namespace asks when there are alternates).
            out.push_str(&format!(
                "<podcast:alternateEnclosure type=\"audio/mpeg\" length=\"{}\" bitrate=\"{}\" default=\"true\" title=\"MP3\">\n<podcast:source uri=\"{}\" contentType=\"audio/mpeg\"/>\n</podcast:alternateEnclosure>\n",
                e.mp3_bytes,
                e.kbps * 1000,
                url(&e.mp3)
            ));
            out.push_str(&format!(
                "<podcast:alternateEnclosure type=\"audio/ogg\" codecs=\"opus\" length=\"{bytes}\" bitrate=\"{}\" title=\"Opus\">\n<podcast:source uri=\"{}\" contentType=\"audio/ogg\"/>\n</podcast:alternateEnclosure>\n",
                e.opus_kbps.unwrap_or(0) * 1000,
                url(opus)
            ));
        }
        out.push_str(&format!(
            "<guid isPermaLink=\"false\">hark:{}</guid>\n",
            escape(&e.slug)
        ));
        out.push_str(&format!("<pubDate>{}</pubDate>\n", rfc822(&e.date)));
        out.push_str(&format!(
            "<itunes:duration>{}</itunes:duration>\n",
            duration(e.duration_ms)
        ));
        out.push_str(&format!(
            "<podcast:chapters url=\"{}\" type=\"application/json+chapters\"/>\n",
            url(&e.chapters)
        ));
        out.push_str(&format!(
            "<podcast:transcript url=\"{}\" type=\"text/vtt\"/>\n",
            url(&e.transcript)
        ));
        out.push_str("</item>\n");
    }
    out.push_str("</channel>\n</rss>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Podcasting 2.0's own example: podnews.net's feed.
    #[test]
    fn the_guid_is_podcasting_2_0s() {
        assert_eq!(
            podcast_guid("https://podnews.net/rss"),
            "9b024349-ccf0-5f69-a609-6b82873eab3c"
        );
        assert_eq!(
            podcast_guid("podnews.net/rss/"),
            podcast_guid("http://podnews.net/rss")
        );
    }

    #[test]
    fn base_addresses() {
        assert_eq!(
            base_url("https://example.org/pod").as_deref(),
            Ok("https://example.org/pod/")
        );
        assert_eq!(
            base_url("http://localhost:8000/").as_deref(),
            Ok("http://localhost:8000/")
        );
        for bad in [
            "not a url at all",
            "example.org/pod",
            "https://",
            "ftp://example.org",
            "https://example.org/a b",
            "https://example.org/?x=1",
        ] {
            assert!(base_url(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn dates() {
        assert_eq!(rfc822("2026-11-28"), "Sat, 28 Nov 2026 00:00:00 +0000");
        assert_eq!(rfc822("1970-01-01"), "Thu, 01 Jan 1970 00:00:00 +0000");
        assert_eq!(civil_from_days(days_from_civil(2024, 2, 29)), "2024-02-29");
        assert_eq!(duration(61_001), "00:01:02");
    }
}
