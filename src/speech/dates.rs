//! Dates, times of day, durations on a clock and decades, in English words: the speakers of
//! [`super::normalize`]'s date and time rules.

use super::numbers::{cardinal, ordinal, year};
use super::piece::Piece;
use super::rule::{Context, sub};
use regex::Captures;

/// Month names as written (full and abbreviated, lower case) → full name.
pub(super) const MONTHS: &[(&str, &str)] = &[
    ("january", "January"),
    ("jan", "January"),
    ("february", "February"),
    ("feb", "February"),
    ("march", "March"),
    ("mar", "March"),
    ("april", "April"),
    ("apr", "April"),
    ("may", "May"),
    ("june", "June"),
    ("jun", "June"),
    ("july", "July"),
    ("jul", "July"),
    ("august", "August"),
    ("aug", "August"),
    ("september", "September"),
    ("sep", "September"),
    ("sept", "September"),
    ("october", "October"),
    ("oct", "October"),
    ("november", "November"),
    ("nov", "November"),
    ("december", "December"),
    ("dec", "December"),
];

pub(super) const MONTH_RE: &str = r"(?i:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)";

pub(super) fn speak_time(caps: &Captures, ctx: &Context) -> Option<Piece> {
    let h: u64 = caps["h"].parse().ok()?;
    let m: Option<u64> = caps.name("m").and_then(|m| m.as_str().parse().ok());
    let ap = caps.name("ap").map(|a| {
        if a.as_str().eq_ignore_ascii_case("a") {
            "AM"
        } else {
            "PM"
        }
    });
    if h > 24 || m.is_some_and(|m| m > 59) || (ap.is_some() && h > 12) {
        return None;
    }
    let mut spoken = cardinal(h);
    match m {
        Some(0) if ap.is_none() => spoken.push_str(" o'clock"),
        Some(0) | None => {}
        Some(m) if m < 10 => spoken.push_str(&format!(" oh {}", cardinal(m))),
        Some(m) => spoken.push_str(&format!(" {}", cardinal(m))),
    }
    if let Some(ap) = ap {
        spoken.push(' ');
        spoken.push_str(ap);
        // "at 6 p.m." ending a sentence: the period was both abbreviation and full stop.
        if caps[0].ends_with('.') && ctx.after.trim().is_empty() {
            spoken.push('.');
        }
    }
    sub(caps, spoken)
}

fn month_name(written: &str) -> Option<&'static str> {
    let key = written.trim_end_matches('.').to_lowercase();
    MONTHS
        .iter()
        .find(|(k, _)| *k == key)
        .map(|(_, full)| *full)
}

pub(super) fn speak_date(caps: &Captures, ctx: &Context) -> Option<Piece> {
    let month = month_name(&caps["month"])?;
    let day: u64 = caps["day"].parse().ok()?;
    if !(1..=31).contains(&day) {
        return None;
    }
    let day_first = caps[0].starts_with(|c: char| c.is_ascii_digit());
    let article = if ctx.before.to_lowercase().trim_end().ends_with(" the")
        || ctx.before.trim().eq_ignore_ascii_case("the")
    {
        ""
    } else {
        "the "
    };
    let year = match caps.name("year") {
        Some(y) => Some(year(y.as_str().parse().ok()?)),
        None => None,
    };
    sub(
        caps,
        spoken_date(month, day, year, day_first.then_some(article)),
    )
}

/// "January twelfth, twenty twenty-five", or day first (after `article`) "the twelfth of
/// January twenty twenty-five"; the year is left out when not given.
fn spoken_date(month: &str, day: u64, year: Option<String>, day_first: Option<&str>) -> String {
    let mut spoken = match day_first {
        Some(article) => format!("{article}{} of {month}", ordinal(day)),
        None => format!("{month} {}", ordinal(day)),
    };
    if let Some(year) = year {
        spoken.push_str(if day_first.is_some() { " " } else { ", " });
        spoken.push_str(&year);
    }
    spoken
}

/// Month number (1–12) → name: the full names in [`MONTHS`], in order.
fn month_numbered(m: u64) -> Option<&'static str> {
    MONTHS
        .iter()
        .filter(|(written, full)| full.eq_ignore_ascii_case(written))
        .nth(usize::try_from(m.checked_sub(1)?).ok()?)
        .map(|(_, full)| *full)
}

/// A year as written in a numeric date: four digits as a year, two as people say them
/// ("98" → "ninety-eight", "05" → "oh five").
fn written_year(y: &str) -> Option<String> {
    let n: u64 = y.parse().ok()?;
    Some(match y.len() {
        4 => year(n),
        2 if y.starts_with('0') => format!("oh {}", cardinal(n)),
        2 => cardinal(n),
        _ => return None,
    })
}

/// "2016/07/03", "2025-01-12" (ISO), "10/06/2005", "15.01.2020", "11-17-05": year first when it
/// has four digits; otherwise month first, as in American usage (the default voice is American
/// English), unless the first number cannot be a month and the second can ("15.01.2020" is the
/// 15th of January). Both separators must be the same; anything that is not a day and a month
/// stays a number.
pub(super) fn speak_numeric_date(caps: &Captures, _: &Context) -> Option<Piece> {
    if caps["s1"] != caps["s2"] {
        return None;
    }
    let (a, b, c) = (&caps["a"], &caps["b"], &caps["c"]);
    let num = |s: &str| s.parse::<u64>().ok();
    let day_ok = |d: u64| (1..=31).contains(&d);
    if a.len() == 4 {
        // Year, month, day.
        let (month, day) = (month_numbered(num(b)?)?, num(c)?);
        if c.len() == 4 || !day_ok(day) {
            return None;
        }
        return sub(caps, spoken_date(month, day, Some(year(num(a)?)), None));
    }
    let year = Some(written_year(c)?);
    let (first, second) = (num(a)?, num(b)?);
    if (1..=12).contains(&first) && day_ok(second) {
        let month = month_numbered(first)?;
        sub(caps, spoken_date(month, second, year, None))
    } else if day_ok(first) && (1..=12).contains(&second) {
        let month = month_numbered(second)?;
        sub(caps, spoken_date(month, first, year, Some("the ")))
    } else {
        None
    }
}

/// "14:10:30": hours, minutes and seconds.
pub(super) fn speak_clock_duration(caps: &Captures, _: &Context) -> Option<Piece> {
    let unit =
        |n: u64, one: &str| format!("{} {one}{}", cardinal(n), if n == 1 { "" } else { "s" });
    let h: u64 = caps["h"].parse().ok()?;
    let m: u64 = caps["m"].parse().ok()?;
    let s: u64 = caps["s"].parse().ok()?;
    if m > 59 || s > 59 {
        return None;
    }
    sub(
        caps,
        format!(
            "{} {} and {}",
            unit(h, "hour"),
            unit(m, "minute"),
            unit(s, "second")
        ),
    )
}

pub(super) fn speak_decade(caps: &Captures, _: &Context) -> Option<Piece> {
    let plural = |tens: u64| ordinal_plural(&cardinal(tens * 10));
    let spoken = match (
        caps.name("century"),
        caps.name("decade"),
        caps.name("short"),
    ) {
        (Some(c), Some(d), _) => {
            let century: u64 = c.as_str().parse().ok()?;
            let decade: u64 = d.as_str().parse().ok()?;
            if decade == 0 && century.is_multiple_of(10) {
                format!("{} thousands", cardinal(century / 10))
            } else if decade == 0 {
                format!("{} hundreds", cardinal(century))
            } else {
                format!("{} {}", cardinal(century), plural(decade))
            }
        }
        (_, _, Some(s)) => plural(s.as_str().parse().ok()?),
        _ => return None,
    };
    sub(caps, spoken)
}

/// "eighty" → "eighties", "ten" → "tens".
fn ordinal_plural(word: &str) -> String {
    match word.strip_suffix('y') {
        Some(stem) => format!("{stem}ies"),
        None => format!("{word}s"),
    }
}
