//! Numbers a person reads by their kind, not their digits: versions ("Rust 1.74" like
//! "1.74.0"), spaced thousands ("11 482"), fiscal years ("2024/25"), named numbers ("9/11",
//! "24/7", "401(k)"), bare decades ("his 20s"), team records ("(12-3)") and SMS short codes
//! ("Text 82111").
//!
//! Each pattern is a rule in [`super::normalize`]'s list; the functions say what a match
//! sounds like, or `None` when the context says it is something else.

use super::numbers::{cardinal, digits, number, year};

/// A decimal after a name or "version": "Rust 1.74", "Python 3.12", "version 0.17", "v2.1".
pub const VERSION: &str = r"\b(?:v|V)?(?P<ver>\d+\.\d+)\b";

/// Thousands grouped with spaces (or no-break spaces): "11 482", "1 250 000".
pub const SPACED_THOUSANDS: &str = r"\b[1-9]\d{0,2}(?:[ \u{a0}\u{202f}]\d{3})+\b";

/// A fiscal or academic year: "2003/04", "2024/25", "2024-25".
pub const FISCAL_YEAR: &str = r"\b(?P<a>(?:19|20)\d\d)[/–-](?P<b>\d\d)\b";

/// Numbers that are names: read as people say them.
pub const NAMED: &str = r"\b(?:9/11|24/7|50/50|20/20|401\(k\)|403\(b\)|457\(b\)|529s?)";

/// A decade without its century: "his 20s", "the 90s".
pub const BARE_DECADE: &str = r"\b(?P<tens>[2-9])0s\b";

/// A team's record in brackets after its name: "(12-3)", "(5-2-1)".
pub const RECORD: &str = r"\((?P<w>\d{1,3})-(?P<l>\d{1,3})(?:-(?P<t>\d{1,3}))?\)";

/// A number after "text" or "SMS": a short code ("Text 82111").
pub const SHORT_CODE: &str = r"\b\d{3,6}\b";

/// A multiple as a range: "1-2x", "2–3×".
pub const TIMES_RANGE: &str = r"\b(?P<a>\d+(?:\.\d+)?)\s?[-–]\s?(?P<b>\d+(?:\.\d+)?)(?:x\b|×)";

/// Digits grouped the South Asian way, in lakhs and crores: "28,25,140", "1,97,666".
pub const LAKH_GROUPING: &str = r"\b\d{1,2}(?:,\d{2})+,\d{3}";

/// A number with a letter or two after it: a model ("iPhone 6s", "2.4G"), a rating ("4.5A"),
/// or a time ("1s", "24h", "500ms").
pub const WITH_LETTERS: &str =
    r"\b(?P<num>(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)(?P<letters>[A-Za-z]{1,2})\b";

/// Words before a decimal that make it a version.
const VERSION_WORDS: &[&str] = &["version", "versions", "release", "v", "update", "build"];
/// Capitalized words that open a sentence or a phrase and name nothing.
const NOT_NAMES: &[&str] = &[
    "The",
    "A",
    "An",
    "In",
    "On",
    "At",
    "By",
    "Of",
    "About",
    "Over",
    "Under",
    "And",
    "But",
    "Only",
    "Just",
    "Nearly",
    "Some",
    "Its",
    "It",
    "Up",
    "Down",
    "To",
    "From",
    "With",
    "For",
    "Around",
    "Almost",
    "Roughly",
    "Another",
    "Each",
    "Every",
    "All",
    "Than",
    "Was",
    "Is",
    "Were",
    "Rose",
    "Fell",
    "Grew",
    "Scored",
    "Gained",
    "Lost",
    "Magnitude",
    "Level",
    "Grade",
    "Rated",
    "GPA",
];

/// "1.74" after a name or "version" → "one point seventy-four", the way "1.74.0" is read;
/// `None` elsewhere (a decimal: "grew 1.74 percent").
pub fn version(written: &str, ver: &str, before: &str) -> Option<String> {
    let prefixed = written.starts_with(['v', 'V']);
    let prev = before.trim_end();
    let prev_word = prev
        .rsplit(|c: char| c.is_whitespace())
        .next()
        .unwrap_or("");
    let is_version_word = VERSION_WORDS.contains(&prev_word.to_lowercase().as_str());
    let is_name = prev_word.len() >= 2
        && prev_word.starts_with(|c: char| c.is_uppercase())
        && prev_word
            .chars()
            .all(|c| c.is_alphanumeric() || c == '.' || c == '-')
        && !NOT_NAMES.contains(&prev_word)
        && before.ends_with(' ');
    if !(prefixed || is_version_word || is_name) {
        return None;
    }
    let parts = ver
        .split('.')
        .map(|p| p.parse().ok().map(cardinal))
        .collect::<Option<Vec<_>>>()?;
    let spoken = parts.join(" point ");
    Some(if prefixed {
        format!("version {spoken}")
    } else {
        spoken
    })
}

/// "11 482" → "eleven thousand four hundred eighty-two".
pub fn spaced_thousands(written: &str) -> Option<String> {
    let plain: String = written.chars().filter(char::is_ascii_digit).collect();
    number(&plain)
}

/// "2024/25" → "twenty twenty-four to twenty-five"; only when the second year follows the
/// first.
pub fn fiscal_year(a: &str, b: &str) -> Option<String> {
    let first: u64 = a.parse().ok()?;
    let second: u64 = b.parse().ok()?;
    if (first + 1) % 100 != second {
        return None;
    }
    let tail = if second < 10 {
        format!("oh {}", cardinal(second))
    } else {
        cardinal(second)
    };
    Some(format!("{} to {tail}", year(first)))
}

/// The named numbers of [`NAMED`].
pub fn named(written: &str) -> Option<String> {
    Some(
        match written {
            "9/11" => "nine eleven",
            "24/7" => "twenty-four seven",
            "50/50" => "fifty-fifty",
            "20/20" => "twenty-twenty",
            "401(k)" => "four oh one K",
            "403(b)" => "four oh three B",
            "457(b)" => "four fifty-seven B",
            "529" => "five twenty-nine",
            "529s" => "five twenty-nines",
            _ => return None,
        }
        .to_string(),
    )
}

/// "20s" → "twenties".
pub fn bare_decade(tens: &str) -> Option<String> {
    let n: u64 = tens.parse().ok()?;
    let word = cardinal(n * 10);
    Some(format!("{}ies", word.strip_suffix('y')?))
}

/// "(12-3)" after a team's name → "twelve and three"; a nought is "oh". Only after a
/// capitalized word (the team), never after a number.
pub fn record(w: &str, l: &str, t: Option<&str>, before: &str) -> Option<String> {
    let prev = before.trim_end();
    let prev_word = prev.rsplit(' ').next().unwrap_or("");
    if !prev_word.starts_with(|c: char| c.is_uppercase()) {
        return None;
    }
    let say = |n: &str| -> Option<String> {
        let v: u64 = n.parse().ok()?;
        Some(if v == 0 { "oh".into() } else { cardinal(v) })
    };
    Some(match t {
        Some(t) => format!("{}, {} and {}", say(w)?, say(l)?, say(t)?),
        None => format!("{} and {}", say(w)?, say(l)?),
    })
}

/// A short code after "text", "txt" or "SMS", digit by digit.
pub fn short_code(written: &str, before: &str) -> Option<String> {
    let prev = before
        .trim_end()
        .rsplit(char::is_whitespace)
        .next()
        .unwrap_or("")
        .to_lowercase();
    matches!(prev.as_str(), "text" | "txt" | "sms" | "texting" | "to").then_some(())?;
    // "to 82111" only after a texting word: "text HELP to 82111".
    if prev == "to" && !before.to_lowercase().contains("text") {
        return None;
    }
    Some(digits(written))
}

/// "28,25,140" → "twenty-eight lakh twenty-five thousand one hundred forty", as the people
/// who group digits that way say it.
pub fn lakh_grouped(written: &str) -> Option<String> {
    let n: u64 = written.replace(',', "").parse().ok()?;
    let (crore, rest) = (n / 10_000_000, n % 10_000_000);
    let (lakh, rest) = (rest / 100_000, rest % 100_000);
    let mut parts = Vec::new();
    if crore > 0 {
        parts.push(format!("{} crore", cardinal(crore)));
    }
    if lakh > 0 {
        parts.push(format!("{} lakh", cardinal(lakh)));
    }
    if rest > 0 || parts.is_empty() {
        parts.push(cardinal(rest));
    }
    Some(parts.join(" "))
}

/// "6s" → "six S", "2.4G" → "two point four G", "24h" → "twenty-four hours", "500ms" → five
/// hundred milliseconds; a lone "s" is seconds only where a time is plain ("= 1s", "0.5s"),
/// a model's letter after a name ("iPhone 6s").
pub fn with_letters(num: &str, letters: &str, before: &str) -> Option<String> {
    let spoken = number(num)?;
    let one = num == "1";
    let unit = |singular: &str, plural: &str| {
        Some(format!("{spoken} {}", if one { singular } else { plural }))
    };
    let after_sign = before.trim_end().ends_with(['=', ':', '(', '<', '>', '~']);
    match letters {
        "ms" => unit("millisecond", "milliseconds"),
        "h" | "hr" => unit("hour", "hours"),
        "s" if num.contains('.') || after_sign => unit("second", "seconds"),
        "min" => unit("minute", "minutes"),
        // Ordinals and units have their own rules; "st", "nd" and the like are no model letters.
        "st" | "nd" | "rd" | "th" => None,
        _ => Some(format!(
            "{spoken} {}",
            letters
                .to_uppercase()
                .chars()
                .map(String::from)
                .collect::<Vec<_>>()
                .join(" ")
        )),
    }
}

/// "1-2x" → "one to two times".
pub fn times_range(a: &str, b: &str) -> Option<String> {
    Some(format!("{} to {} times", number(a)?, number(b)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lakhs_and_crores() {
        assert_eq!(
            lakh_grouped("28,25,140").as_deref(),
            Some("twenty-eight lakh twenty-five thousand one hundred forty")
        );
        assert_eq!(
            lakh_grouped("1,20,00,000").as_deref(),
            Some("one crore twenty lakh")
        );
    }

    #[test]
    fn numbers_with_letters() {
        assert_eq!(with_letters("6", "s", "iPhone ").as_deref(), Some("six S"));
        assert_eq!(
            with_letters("2.4", "G", "on ").as_deref(),
            Some("two point four G")
        );
        assert_eq!(
            with_letters("1", "s", "interval = ").as_deref(),
            Some("one second")
        );
        assert_eq!(
            with_letters("24", "h", "open ").as_deref(),
            Some("twenty-four hours")
        );
        assert_eq!(with_letters("3", "D", "in ").as_deref(), Some("three D"));
    }

    #[test]
    fn versions_one_way() {
        assert_eq!(
            version("1.74", "1.74", "Rust ").as_deref(),
            Some("one point seventy-four")
        );
        assert_eq!(
            version("0.17", "0.17", "in version ").as_deref(),
            Some("zero point seventeen")
        );
        assert_eq!(
            version("v2.1", "2.1", "run ").as_deref(),
            Some("version two point one")
        );
        assert_eq!(version("1.74", "1.74", "grew "), None);
        assert_eq!(version("1.5", "1.5", "The "), None);
    }

    #[test]
    fn kinds_of_numbers() {
        assert_eq!(
            spaced_thousands("11 482").as_deref(),
            Some("eleven thousand four hundred eighty-two")
        );
        assert_eq!(
            fiscal_year("2024", "25").as_deref(),
            Some("twenty twenty-four to twenty-five")
        );
        assert_eq!(
            fiscal_year("2003", "04").as_deref(),
            Some("two thousand three to oh four")
        );
        assert_eq!(fiscal_year("2003", "10"), None);
        assert_eq!(named("9/11").as_deref(), Some("nine eleven"));
        assert_eq!(named("401(k)").as_deref(), Some("four oh one K"));
        assert_eq!(bare_decade("2").as_deref(), Some("twenties"));
        assert_eq!(bare_decade("9").as_deref(), Some("nineties"));
        assert_eq!(
            record("1", "0", None, "Eagles ").as_deref(),
            Some("one and oh")
        );
        assert_eq!(record("1", "0", None, "won "), None);
        assert_eq!(
            short_code("82111", "Text ").as_deref(),
            Some("eight two one one one")
        );
        assert_eq!(short_code("82111", "about "), None);
        assert_eq!(times_range("1", "2").as_deref(), Some("one to two times"));
    }
}
