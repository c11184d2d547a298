//! An article's publication date, as the day `YYYY-MM-DD`, from what the source declares:
//! HTML metadata (`article:published_time`, JSON-LD `datePublished`, …, found by article
//! extraction), Markdown front matter (`date:`), or a dateline near the top of plain text
//! ("Published 4 March 2025", "March 4, 2025", "2025-03-04").
//!
//! Only whole dates are taken (a year alone or a month and year is no day), and the day must
//! exist: a podcast feed's pubDate is better taken from the file than made up.

use regex::Regex;
use std::sync::LazyLock;

const MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

/// `2025-03-04`, `2025/03/04`, `2025-03-04T07:00:00Z`, `2025-03-04 07:00`.
static ISO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|[^0-9])([0-9]{4})[-/.]([0-9]{1,2})[-/.]([0-9]{1,2})(?:[^0-9]|$)").unwrap()
});

/// A month's name, whole or cut short (`March`, `Mar`, `Mar.`, `Sept`).
const MONTH: &str = r"(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?";

/// `4 March 2025`, `4th Mar. 2025`.
static DAY_MONTH_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)\b([0-9]{{1,2}})(?:st|nd|rd|th)?\s+{MONTH},?\s+([0-9]{{4}})\b"
    ))
    .unwrap()
});

/// `March 4, 2025`, `Mar. 4th 2025`.
static MONTH_DAY_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)\b{MONTH}\s+([0-9]{{1,2}})(?:st|nd|rd|th)?,?\s+([0-9]{{4}})\b"
    ))
    .unwrap()
});

/// The first whole, existing date in `text`, as `YYYY-MM-DD`.
pub fn find(text: &str) -> Option<String> {
    let mut found: Vec<(usize, String)> = Vec::new();
    if let Some(c) = ISO.captures(text) {
        let day = day(&c[1], &c[2], &c[3]);
        found.extend(day.map(|d| (c.get(0).map_or(0, |m| m.start()), d)));
    }
    if let Some(c) = DAY_MONTH_YEAR.captures(text) {
        let day = month_number(&c[2]).and_then(|m| day(&c[3], &m.to_string(), &c[1]));
        found.extend(day.map(|d| (c.get(0).map_or(0, |m| m.start()), d)));
    }
    if let Some(c) = MONTH_DAY_YEAR.captures(text) {
        let day = month_number(&c[1]).and_then(|m| day(&c[3], &m.to_string(), &c[2]));
        found.extend(day.map(|d| (c.get(0).map_or(0, |m| m.start()), d)));
    }
    found.into_iter().min_by_key(|(at, _)| *at).map(|(_, d)| d)
}

/// The date of a dateline among the first lines of plain text after the first (a title that
/// names a date is about that day, not from it): a short line (at most eight words) that holds
/// a date, such as "Published 4 March 2025" or "By Desk Staff, March 4, 2025".
pub fn dateline(text: &str) -> Option<String> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .skip(1)
        .take(5)
        .filter(|l| l.split_whitespace().count() <= 8)
        .find_map(find)
}

/// The date in a YAML front matter's `date:` (or `published:`) line.
pub fn front_matter(yaml: &str) -> Option<String> {
    yaml.lines().find_map(|line| {
        // YAML "date: …" or TOML "date = …".
        let (key, value) = line
            .split_once(':')
            .filter(|(k, _)| !k.contains('='))
            .or_else(|| line.split_once('='))?;
        let key = key.trim().to_ascii_lowercase();
        ["date", "published", "pubdate", "published_at"]
            .contains(&key.as_str())
            .then(|| find(value.trim().trim_matches(['"', '\''])))
            .flatten()
    })
}

fn month_number(name: &str) -> Option<u32> {
    let name = name.to_ascii_lowercase();
    MONTHS
        .iter()
        .position(|m| name.starts_with(m))
        .map(|i| i as u32 + 1)
}

/// `YYYY-MM-DD` when the year, month and day make a day of the calendar.
fn day(year: &str, month: &str, day: &str) -> Option<String> {
    let (y, m, d): (u32, u32, u32) = (year.parse().ok()?, month.parse().ok()?, day.parse().ok()?);
    let leap = y % 4 == 0 && (y % 100 != 0 || y % 400 == 0);
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return None,
    };
    ((1900..=2200).contains(&y) && (1..=days).contains(&d)).then(|| format!("{y:04}-{m:02}-{d:02}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_and_written_dates() {
        assert_eq!(
            find("2019-10-18T17:23:34.816Z").as_deref(),
            Some("2019-10-18")
        );
        assert_eq!(
            find("2017-11-03 03:01:00.000000").as_deref(),
            Some("2017-11-03")
        );
        assert_eq!(
            find("Published 4 March 2025").as_deref(),
            Some("2025-03-04")
        );
        assert_eq!(
            find("Mar. 4th, 2025, 7:00 am").as_deref(),
            Some("2025-03-04")
        );
        assert_eq!(find("Sept 30 2024").as_deref(), Some("2024-09-30"));
        assert_eq!(
            find("Updated: 29 February 2024").as_deref(),
            Some("2024-02-29")
        );
    }

    #[test]
    fn no_day_no_date() {
        assert_eq!(find("March 2023"), None);
        assert_eq!(find("2023"), None);
        assert_eq!(find("29 February 2023"), None);
        assert_eq!(find("2023-13-01"), None);
        assert_eq!(find("May the fourth be with you"), None);
        assert_eq!(find("the 12 may 20000 people"), None);
    }

    #[test]
    fn the_earliest_date_in_the_text_wins() {
        assert_eq!(
            find("March 4, 2025 (updated 2025-03-06)").as_deref(),
            Some("2025-03-04")
        );
    }

    #[test]
    fn a_dateline_is_short_and_near_the_top() {
        let text = "Harbour reopens\n\nBy Desk Staff | March 4, 2025\n\nThe harbour opened.";
        assert_eq!(dateline(text).as_deref(), Some("2025-03-04"));
        let prose = "Harbour reopens\n\nThe harbour, closed since 12 March 2023 when the silt \
                     finally won the long argument with the dredgers, opened today.";
        assert_eq!(dateline(prose), None);
        assert_eq!(
            dateline("The storm of 12 March 2023\n\nIt came at night."),
            None
        );
    }

    #[test]
    fn front_matter_date() {
        assert_eq!(
            front_matter("title: T\ndate: 2025-03-04\n").as_deref(),
            Some("2025-03-04")
        );
        assert_eq!(
            front_matter("Date: \"March 4, 2025\"").as_deref(),
            Some("2025-03-04")
        );
        assert_eq!(front_matter("title: 2025-03-04"), None);
    }
}
