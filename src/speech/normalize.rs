//! Text normalization: a written sentence → [`Piece`]s that say how each part is spoken.
//!
//! Engines disagree on "Dr", "MSS", "$674m" or "6:40 am"; hark decides once, here, so every
//! engine says the same. The written text is kept beside the spoken form (subtitles show what
//! was written): concatenating the pieces' written text gives back the sentence exactly.
//!
//! Classes handled: money, times, dates, decades, percentages, ordinals, ranges, measures,
//! simple fractions, cardinals and decimals, years, title abbreviations (Dr → Doctor, St → Saint
//! or Street by context), acronyms (spelled unless they are said as words, like NASA), and the
//! contact details [`super::contact`] reads: telephone numbers, e-mail and web addresses.

use super::capitals;
use super::contact;
use super::marks;
use super::number_forms;
use super::numbers::{self, cardinal, number, ordinal, year};
use super::units;
use regex::{Captures, Regex};
use std::sync::LazyLock;

/// A stretch of a sentence and how it is spoken.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece {
    /// Spoken as written.
    Text(String),
    /// Written one way, spoken another (SSML `<sub alias>`).
    Sub { written: String, spoken: String },
    /// Spelled letter by letter (SSML `<say-as interpret-as="characters">`).
    Spell(String),
}

impl Piece {
    /// The text as written.
    pub fn written(&self) -> &str {
        match self {
            Piece::Text(t) | Piece::Spell(t) => t,
            Piece::Sub { written, .. } => written,
        }
    }
}

/// The spoken form of a sentence's pieces, as plain text an engine reads.
pub fn spoken(pieces: &[Piece]) -> String {
    let mut out = String::new();
    for piece in pieces {
        match piece {
            Piece::Text(t) => out.push_str(t),
            Piece::Sub { spoken, .. } => out.push_str(spoken),
            Piece::Spell(t) => out.push_str(&spell(t)),
        }
    }
    out
}

/// Letters separated by spaces, so any engine names them: "MSS" → "M S S".
pub fn spell(t: &str) -> String {
    t.chars()
        .filter(|c| c.is_alphanumeric())
        .map(String::from)
        .collect::<Vec<_>>()
        .join(" ")
}

/// Month names as written (full and abbreviated, lower case) → full name.
const MONTHS: &[(&str, &str)] = &[
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

const MONTH_RE: &str = r"(?i:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)";

/// A normalization rule: a pattern, and how to speak what it matched (`None`: leave as written).
struct Rule {
    /// The pattern as written, for the combined search.
    pattern: String,
    /// The pattern anchored at the start, to match at a position the combined search found.
    anchored: Regex,
    speak: fn(&Captures, &Context) -> Option<Piece>,
}

/// What a rule may look at around its match.
struct Context<'a> {
    before: &'a str,
    after: &'a str,
    shouting: bool,
}

fn rule(pattern: &str, speak: fn(&Captures, &Context) -> Option<Piece>) -> Rule {
    // `\d` would also match other scripts' digits ("߇"), which the number readers neither
    // speak nor slice safely: numbers are ASCII digits here (found by fuzzing).
    let pattern = &pattern.replace(r"\d", "[0-9]");
    let anchored =
        Regex::new(&format!("^(?:{pattern})")).expect("normalization patterns are valid");
    Rule {
        pattern: pattern.to_string(),
        anchored,
        speak,
    }
}

static RULES: LazyLock<(Regex, Vec<Rule>)> = LazyLock::new(|| {
    let rules = vec![
        // Addresses and telephone numbers first: their digits are not amounts, dates or ranges.
        rule(contact::EMAIL, speak_net_address),
        rule(&contact::web_address(), speak_net_address),
        rule(contact::VANITY, speak_telephone),
        rule(contact::INTERNATIONAL, speak_telephone),
        rule(contact::NORTH_AMERICAN, speak_telephone),
        rule(contact::SOCIAL_SECURITY, speak_telephone),
        rule(contact::NATIONAL, speak_telephone),
        rule(contact::IP_ADDRESS, speak_ip_address),
        rule(contact::LOCAL, speak_local_number),
        rule(&contact::bare_domain(), speak_net_address),
        // Marks that are not words: emoji, reference markers, handles, tags, "#1", "~5".
        rule(marks::EMOJI, |caps, _| sub(caps, String::new())),
        rule(marks::REFERENCE, |caps, ctx| {
            sub(caps, marks::reference(&caps[0], ctx.before, ctx.after)?)
        }),
        rule(marks::HANDLE, |caps, ctx| {
            sub(caps, marks::handle(&caps[0], ctx.before)?)
        }),
        rule(marks::NUMBER_SIGN, |caps, ctx| {
            sub(caps, marks::number_sign(&caps["num"], ctx.before)?)
        }),
        rule(marks::HASHTAG, |caps, ctx| {
            sub(caps, marks::hashtag(&caps[0], ctx.before)?)
        }),
        rule(marks::TILDE, |caps, ctx| {
            // Before a quantity only; what follows is read by its own rule.
            ctx.after
                .starts_with(|c: char| c.is_ascii_digit() || "$£€".contains(c))
                .then_some(())?;
            sub(caps, "about ".into())
        }),
        rule(marks::BAR, |caps, _| sub(caps, ", ".into())),
        rule(marks::CHARACTER_REFERENCE, |caps, _| {
            let (dec, hex) = (caps.name("dec"), caps.name("hex"));
            sub(
                caps,
                marks::character_reference(dec.map(|m| m.as_str()), hex.map(|m| m.as_str()))?,
            )
        }),
        rule(
            r"(?P<cur>US\$|\$|£|€|¥|₹|₦|₩|\bKSh\.?|\bKsh\.?|\bKES|\bUSD|\bSh\.?|\bRs\.?|\bINR)\s?(?P<num>(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|\.\d+)(?:\s?(?P<scale>(?i:trillion|billion|million|thousand|crore|lakh)|tn|bn|m|b|k|B|M|K)\b)?(?:/(?P<per>mo|month|yr|year|wk|week|d|day|hr|hour)\b)?",
            speak_money,
        ),
        rule(
            r"\b(?P<h>\d{1,2}):(?P<m>\d{2}):(?P<s>\d{2})\b",
            speak_clock_duration,
        ),
        rule(
            r"\b(?P<h>\d{1,2})(?:[:.](?P<m>\d{2}))?\s?(?P<ap>[aApP])\.?\s?[mM]\b\.?",
            speak_time,
        ),
        rule(
            r"\b(?P<a>\d{4}|\d{1,2})(?P<s1>[/.-])(?P<b>\d{1,2})(?P<s2>[/.-])(?P<c>\d{4}|\d{1,2})\b",
            speak_numeric_date,
        ),
        // Numbers with more dots than a decimal, and not a date: a version ("iOS 17.4.1").
        rule(r"\b\d+(?:\.\d+){2,}\b", speak_version),
        // Numbers read by their kind (see number_forms).
        rule(number_forms::NAMED, |caps, _| {
            sub(caps, number_forms::named(&caps[0])?)
        }),
        rule(number_forms::FISCAL_YEAR, |caps, _| {
            sub(caps, number_forms::fiscal_year(&caps["a"], &caps["b"])?)
        }),
        rule(number_forms::RECORD, |caps, ctx| {
            let tie = caps.name("t").map(|t| t.as_str());
            sub(
                caps,
                number_forms::record(&caps["w"], &caps["l"], tie, ctx.before)?,
            )
        }),
        rule(number_forms::TIMES_RANGE, |caps, _| {
            sub(caps, number_forms::times_range(&caps["a"], &caps["b"])?)
        }),
        rule(number_forms::SPACED_THOUSANDS, |caps, ctx| {
            // "in 2019 100 people" is two numbers; a digit group must not run on.
            ctx.after
                .starts_with(|c: char| !c.is_ascii_digit() && c != ',')
                .then_some(())?;
            sub(caps, number_forms::spaced_thousands(&caps[0])?)
        }),
        rule(number_forms::SHORT_CODE, |caps, ctx| {
            sub(caps, number_forms::short_code(&caps[0], ctx.before)?)
        }),
        rule(r"\b(?P<h>\d{1,2}):(?P<m>\d{2})\b", speak_time),
        rule(
            &format!(
                r"\b(?P<month>{MONTH_RE})(?:\.?\s|-)(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b(?:(?:,?\s|-)(?P<year>\d{{4}})\b)?"
            ),
            speak_date,
        ),
        rule(
            &format!(
                r"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s(?P<month>{MONTH_RE})\b\.?(?:,?\s(?P<year>\d{{4}})\b)?"
            ),
            speak_date,
        ),
        rule(
            r"\b(?P<century>1\d|20)(?P<decade>\d)0s\b|'(?P<short>\d)0s\b",
            speak_decade,
        ),
        rule(number_forms::BARE_DECADE, |caps, _| {
            sub(caps, number_forms::bare_decade(&caps["tens"])?)
        }),
        rule(
            r"(?P<num>-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)\s?(?:%|per ?cent\b)",
            speak_percent,
        ),
        rule(
            r"\b(?P<num>(?:\d{1,3}(?:,\d{3})+|\d+))(?:st|nd|rd|th)\b",
            speak_ordinal,
        ),
        rule(&units::measure_range(), speak_measure_range),
        rule(r"\b(?P<a>\d{1,4})\s?[-–]\s?(?P<b>\d{1,4})\b", speak_range),
        rule(&units::measure(), speak_measure),
        // "a 3x3 grid", "1920 x 1080": sizes; "10x faster", "a 4.4× zoom": how many times.
        rule(
            r"\b(?P<a>[1-9]\d*(?:\.\d+)?)(?: ?[x×] ?)(?P<b>\d+(?:\.\d+)?)\b",
            speak_dimensions,
        ),
        rule(r"\b(?P<num>\d+(?:\.\d+)?)(?:x\b|×)", speak_times),
        rule(r"\b(?P<n>\d)/(?P<d>\d{1,2})\b", speak_fraction),
        rule(number_forms::LAKH_GROUPING, |caps, ctx| {
            // The digits end there ("140Cases" is fine, "12,34,5678" is no grouping).
            (!ctx
                .after
                .starts_with(|c: char| c.is_ascii_digit() || c == ','))
            .then_some(())?;
            let glued = ctx.after.starts_with(char::is_alphabetic);
            let spoken = number_forms::lakh_grouped(&caps[0])?;
            sub(caps, if glued { format!("{spoken} ") } else { spoken })
        }),
        rule(number_forms::WITH_LETTERS, |caps, ctx| {
            sub(
                caps,
                number_forms::with_letters(&caps["num"], &caps["letters"], ctx.before)?,
            )
        }),
        rule(number_forms::VERSION, |caps, ctx| {
            sub(
                caps,
                number_forms::version(&caps[0], &caps["ver"], ctx.before)?,
            )
        }),
        rule(
            r"(?P<num>-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|\.\d+)",
            speak_number,
        ),
        rule(
            r"\b(?:e\.g\.|i\.e\.|etc\.|vs\.?|approx\.|d\.|def\.)",
            speak_latin,
        ),
        rule(
            r"\b(?P<abbr>Dr|Mr|Mrs|Ms|Prof|Sen|Rep|Gov|Gen|Col|Lt|Sgt|Capt|St|Jr|Sr|Mt|No)\b\.?",
            speak_title,
        ),
        rule(
            r"\b(?P<caps>[A-Z][A-Z&]*[A-Z])(?P<plural>s)?\b",
            speak_acronym,
        ),
    ];
    // Group names repeat across rules; the combined search only needs positions, so unname them.
    let unname = Regex::new(r"\(\?P<\w+>").expect("valid");
    let combined = rules
        .iter()
        .map(|r| format!("(?:{})", unname.replace_all(&r.pattern, "(?:")))
        .collect::<Vec<_>>()
        .join("|");
    (
        Regex::new(&combined).expect("combined pattern is valid"),
        rules,
    )
});

/// Splits a sentence into pieces; the pieces' written text concatenates back to `sentence`.
pub fn normalize(sentence: &str) -> Vec<Piece> {
    let (combined, rules) = &*RULES;
    let shouting = is_shouting(sentence);
    let mut pieces = Vec::new();
    let (mut pos, mut last) = (0, 0);
    while let Some(m) = combined.find_at(sentence, pos) {
        let start = m.start();
        // No rule starts inside a word ("11st" is not "1" + "1st").
        let mid_word = sentence[..start]
            .chars()
            .next_back()
            .is_some_and(char::is_alphanumeric)
            && sentence[start..]
                .chars()
                .next()
                .is_some_and(char::is_alphanumeric);
        if mid_word {
            pos = start + sentence[start..].chars().next().map_or(1, char::len_utf8);
            continue;
        }
        let ctx_for = |end: usize| Context {
            before: &sentence[..start],
            after: &sentence[end..],
            shouting,
        };
        // The combined pattern finds where something may start; the first rule whose anchored
        // pattern matches there and that accepts its context decides how it is spoken.
        let found = rules.iter().find_map(|r| {
            let caps = r.anchored.captures(&sentence[start..])?;
            let end = start + caps.get(0)?.end();
            (end > start).then_some(())?;
            (r.speak)(&caps, &ctx_for(end)).map(|piece| (piece, end))
        });
        match found {
            Some((piece, end)) => {
                if start > last {
                    pieces.push(Piece::Text(sentence[last..start].to_string()));
                }
                pieces.push(piece);
                (last, pos) = (end, end);
            }
            None => pos = start + sentence[start..].chars().next().map_or(1, char::len_utf8),
        }
        if pos >= sentence.len() {
            break;
        }
    }
    if last < sentence.len() {
        pieces.push(Piece::Text(sentence[last..].to_string()));
    }
    merge_text(spoken_ranges(pieces))
}

/// A dash between two spoken quantities ("$50-$100", "2pm-5pm", "9:30–11:00") is a range: it
/// is said "to", as the plain-number range rule says it. Bare numbers are left to that rule,
/// which knows a serial code ("1-413-b-1-5") from a range.
fn spoken_ranges(mut pieces: Vec<Piece>) -> Vec<Piece> {
    let quantity = |p: &Piece| {
        matches!(p, Piece::Sub { written, .. }
            if written.chars().any(|c| c.is_ascii_digit())
                && written.chars().any(|c| !c.is_ascii_digit() && c != ',' && c != '.'))
    };
    for i in 1..pieces.len().saturating_sub(1) {
        let dash = matches!(&pieces[i], Piece::Text(t) if matches!(t.trim(), "-" | "–"));
        if dash && quantity(&pieces[i - 1]) && quantity(&pieces[i + 1]) {
            let written = pieces[i].written().to_string();
            pieces[i] = Piece::Sub {
                written,
                spoken: " to ".into(),
            };
        }
    }
    pieces
}

fn merge_text(pieces: Vec<Piece>) -> Vec<Piece> {
    let mut out: Vec<Piece> = Vec::with_capacity(pieces.len());
    for p in pieces {
        match (out.last_mut(), p) {
            (Some(Piece::Text(a)), Piece::Text(b)) => a.push_str(&b),
            (_, p) => out.push(p),
        }
    }
    out
}

/// A headline in capitals is not a row of acronyms.
fn is_shouting(sentence: &str) -> bool {
    let words: Vec<&str> = sentence
        .split_whitespace()
        .filter(|w| w.chars().any(char::is_alphabetic))
        .collect();
    let caps = words
        .iter()
        .filter(|w| !w.chars().any(char::is_lowercase))
        .count();
    words.len() >= 4 && caps * 3 >= words.len() * 2
}

fn sub(caps: &Captures, spoken: String) -> Option<Piece> {
    Some(Piece::Sub {
        written: caps[0].to_string(),
        spoken,
    })
}

fn speak_telephone(caps: &Captures, _: &Context) -> Option<Piece> {
    sub(caps, contact::telephone(&caps[0])?)
}

fn speak_ip_address(caps: &Captures, _: &Context) -> Option<Piece> {
    sub(caps, contact::ip_address(&caps[0]))
}

fn speak_local_number(caps: &Captures, ctx: &Context) -> Option<Piece> {
    contact::is_local_number(ctx.before).then_some(())?;
    speak_telephone(caps, ctx)
}

fn speak_version(caps: &Captures, _: &Context) -> Option<Piece> {
    let parts = caps[0]
        .split('.')
        .map(|p| p.parse().ok().map(cardinal))
        .collect::<Option<Vec<_>>>()?;
    sub(caps, parts.join(" point "))
}

fn speak_dimensions(caps: &Captures, _: &Context) -> Option<Piece> {
    // Spaced out, small numbers may be a sum or a score ("3 x 2"): only sizes are said "by".
    if caps[0].contains(' ') && (caps["a"].len() < 2 || caps["b"].len() < 2) {
        return None;
    }
    sub(
        caps,
        format!("{} by {}", number(&caps["a"])?, number(&caps["b"])?),
    )
}

fn speak_times(caps: &Captures, ctx: &Context) -> Option<Piece> {
    // A × run into what follows ("2×B", "0×4") is a code, not a count of times (after an x,
    // the pattern's `\b` already says so).
    if ctx.after.starts_with(|c: char| c.is_alphanumeric()) {
        return None;
    }
    sub(caps, format!("{} times", number(&caps["num"])?))
}

fn speak_net_address(caps: &Captures, _: &Context) -> Option<Piece> {
    sub(caps, contact::net_address(&caps[0]))
}

fn speak_money(caps: &Captures, _: &Context) -> Option<Piece> {
    let (one, many, cent) = match caps["cur"].trim_end_matches('.') {
        "$" | "US$" | "USD" => ("dollar", "dollars", Some(("cent", "cents"))),
        "£" => ("pound", "pounds", Some(("penny", "pence"))),
        "€" => ("euro", "euros", Some(("cent", "cents"))),
        "¥" => ("yen", "yen", None),
        "₹" | "Rs" | "INR" => ("rupee", "rupees", None),
        "₦" => ("naira", "naira", None),
        "₩" => ("won", "won", None),
        _ => ("shilling", "shillings", None),
    };
    let num = &caps["num"];
    let scale = caps
        .name("scale")
        .map(|s| match s.as_str().to_lowercase().as_str() {
            "tn" | "trillion" => "trillion",
            "bn" | "b" | "B" | "billion" => "billion",
            "m" | "M" | "million" => "million",
            // Indian amounts count in crores (ten million) and lakhs (a hundred thousand).
            "crore" => "crore",
            "lakh" => "lakh",
            _ => "thousand",
        });
    let spoken = match (scale, num.split_once('.')) {
        (Some(scale), _) => format!("{} {scale} {many}", number(num)?),
        // Cents when the fraction reads as cents ("20.50", "20.5", "20.500"), a decimal otherwise.
        (None, Some((whole, frac)))
            if cent.is_some() && (frac.len() <= 2 || frac[2..].chars().all(|c| c == '0')) =>
        {
            let whole_n: u64 = if whole.is_empty() {
                0
            } else {
                whole.replace(',', "").parse().ok()?
            };
            let cents: u64 = format!("{:0<2}", &frac[..frac.len().min(2)]).parse().ok()?;
            let unit = if whole_n == 1 { one } else { many };
            let (c1, cn) = cent.unwrap_or(("cent", "cents"));
            let cents_words = format!("{} {}", cardinal(cents), if cents == 1 { c1 } else { cn });
            match (whole_n, cents) {
                (_, 0) => format!("{} {unit}", cardinal(whole_n)),
                (0, _) => cents_words,
                _ => format!("{} {unit} {cents_words}", cardinal(whole_n)),
            }
        }
        (None, Some(_)) => format!("{} {many}", number(num)?),
        (None, None) => {
            let n: u64 = num.replace(',', "").parse().ok()?;
            format!("{} {}", cardinal(n), if n == 1 { one } else { many })
        }
    };
    let per = caps.name("per").map(|p| match p.as_str() {
        "mo" | "month" => " per month",
        "yr" | "year" => " per year",
        "wk" | "week" => " per week",
        "d" | "day" => " per day",
        _ => " per hour",
    });
    sub(caps, spoken + per.unwrap_or(""))
}

fn speak_time(caps: &Captures, ctx: &Context) -> Option<Piece> {
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

fn speak_date(caps: &Captures, ctx: &Context) -> Option<Piece> {
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
fn speak_numeric_date(caps: &Captures, _: &Context) -> Option<Piece> {
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
fn speak_clock_duration(caps: &Captures, _: &Context) -> Option<Piece> {
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

fn speak_decade(caps: &Captures, _: &Context) -> Option<Piece> {
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

fn speak_percent(caps: &Captures, _: &Context) -> Option<Piece> {
    sub(caps, format!("{} percent", number(&caps["num"])?))
}

fn speak_ordinal(caps: &Captures, _: &Context) -> Option<Piece> {
    let written = &caps[0];
    let n: u64 = caps["num"].replace(',', "").parse().ok()?;
    let suffix = &written[written.len() - 2..];
    let right = match (n % 100, n % 10) {
        (11..=13, _) => "th",
        (_, 1) => "st",
        (_, 2) => "nd",
        (_, 3) => "rd",
        _ => "th",
    };
    (suffix.eq_ignore_ascii_case(right)).then(|| Piece::Sub {
        written: written.to_string(),
        spoken: ordinal(n),
    })
}

fn speak_range(caps: &Captures, ctx: &Context) -> Option<Piece> {
    // "COVID-19", "978-0-12": a hyphen inside a code is not a range.
    if ctx
        .before
        .ends_with(|c: char| c.is_alphanumeric() || c == '-')
        || ctx.after.starts_with(['-', '/'])
    {
        return None;
    }
    let (a, b) = (&caps["a"], &caps["b"]);
    let an: u64 = a.parse().ok()?;
    let bn: u64 = b.parse().ok()?;
    let is_year = |s: &str, n: u64| s.len() == 4 && (1000..2100).contains(&n);
    let first = if is_year(a, an) {
        year(an)
    } else {
        cardinal(an)
    };
    let second = if is_year(b, bn) || (is_year(a, an) && b.len() == 2) {
        if b.len() == 2 { cardinal(bn) } else { year(bn) }
    } else {
        cardinal(bn)
    };
    sub(caps, format!("{first} to {second}"))
}

fn speak_measure(caps: &Captures, ctx: &Context) -> Option<Piece> {
    let num = &caps["num"];
    let unit = &caps["unit"];
    units::fits(unit, ctx.after).then_some(())?;
    let (singular, plural) = units::unit_name(unit)?;
    let scale = caps
        .name("scale")
        .map(|s| format!(" {}", s.as_str()))
        .unwrap_or_default();
    let one = num == "1" && scale.is_empty();
    sub(
        caps,
        format!(
            "{}{scale} {}",
            number(num)?,
            if one { singular } else { plural }
        ),
    )
}

/// "375–500 ml": both numbers, then the unit once, in the plural.
fn speak_measure_range(caps: &Captures, ctx: &Context) -> Option<Piece> {
    if ctx
        .before
        .ends_with(|c: char| c.is_alphanumeric() || c == '-')
    {
        return None;
    }
    let unit = &caps["unit"];
    units::fits(unit, ctx.after).then_some(())?;
    let (_, plural) = units::unit_name(unit)?;
    sub(
        caps,
        format!(
            "{} to {} {plural}",
            number(&caps["a"])?,
            number(&caps["b"])?
        ),
    )
}

fn speak_fraction(caps: &Captures, ctx: &Context) -> Option<Piece> {
    let n: u64 = caps["n"].parse().ok()?;
    let d: u64 = caps["d"].parse().ok()?;
    if n == 0
        || d < 2
        || n >= d
        || d > 10
        || ctx.after.starts_with('/')
        || ctx.before.ends_with('/')
    {
        return None;
    }
    let denominator = match d {
        2 => {
            if n == 1 {
                "half".to_string()
            } else {
                "halves".to_string()
            }
        }
        4 => {
            if n == 1 {
                "quarter".to_string()
            } else {
                "quarters".to_string()
            }
        }
        _ => {
            let o = ordinal(d);
            if n == 1 { o } else { format!("{o}s") }
        }
    };
    let lead = if ctx
        .before
        .trim_end()
        .ends_with(|c: char| c.is_ascii_digit())
    {
        "and "
    } else {
        ""
    };
    let count = if n == 1 && lead.is_empty() {
        "one".to_string()
    } else if n == 1 {
        "a".to_string()
    } else {
        cardinal(n)
    };
    sub(caps, format!("{lead}{count} {denominator}"))
}

fn speak_number(caps: &Captures, ctx: &Context) -> Option<Piece> {
    let written = &caps["num"];
    // A hyphen after a letter or digit joins ("COVID-19"), it is no minus sign.
    if written.starts_with('-')
        && ctx
            .before
            .ends_with(|c: char| !c.is_whitespace() && c != '(')
    {
        return None;
    }
    // A capitalized word glued on by a copy ("140Cases18"): the number, then the word.
    let mut after = ctx.after.chars();
    let glued_word = after.next().is_some_and(char::is_uppercase)
        && after.take(2).filter(|c| c.is_lowercase()).count() == 2;
    if ctx.before.ends_with(|c: char| c.is_alphabetic())
        || (ctx.after.starts_with(|c: char| c.is_alphabetic()) && !glued_word)
    {
        return None; // "G7", "3D", "MP3": codes, read as written.
    }
    if glued_word {
        return sub(caps, format!("{} ", number(written)?));
    }
    let plain = written.trim_start_matches('-');
    if plain.len() == 4 && !plain.contains(['.', ',']) {
        let n: u64 = plain.parse().ok()?;
        if (1100..2100).contains(&n) && !written.starts_with('-') {
            return sub(caps, year(n));
        }
    }
    sub(caps, number(written)?)
}

fn speak_latin(caps: &Captures, ctx: &Context) -> Option<Piece> {
    let spoken = match caps[0].trim_end_matches('.') {
        "e.g" => "for example",
        "i.e" => "that is",
        "etc" => {
            if ctx.after.trim().is_empty() {
                "et cetera."
            } else {
                "et cetera"
            }
        }
        "vs" => "versus",
        "approx" => "approximately",
        // Results: "Palm Bay d. Rockledge 70-44", between two capitalized names only.
        "d" | "def" => {
            let names_around = ctx
                .before
                .trim_end()
                .rsplit(' ')
                .next()
                .is_some_and(|w| w.starts_with(|c: char| c.is_uppercase()))
                && ctx.after.starts_with(' ')
                && ctx
                    .after
                    .trim_start()
                    .starts_with(|c: char| c.is_uppercase());
            if !names_around {
                return None;
            }
            "defeated"
        }
        _ => return None,
    };
    sub(caps, spoken.to_string())
}

fn speak_title(caps: &Captures, ctx: &Context) -> Option<Piece> {
    let abbr = &caps["abbr"];
    let next_is_name = ctx
        .after
        .trim_start()
        .starts_with(|c: char| c.is_uppercase())
        && ctx.after.starts_with(' ');
    let prev_word = ctx.before.trim_end().rsplit(' ').next().unwrap_or("");
    let prev_is_name_or_number = prev_word
        .starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit())
        && !ctx.before.trim_end().ends_with(['.', ',', ':']);
    let spoken = match abbr {
        "St" if prev_is_name_or_number => "Street",
        "St" if next_is_name => "Saint",
        "No" if ctx
            .after
            .trim_start()
            .starts_with(|c: char| c.is_ascii_digit())
            && caps[0].ends_with('.') =>
        {
            "number"
        }
        "Jr" => "Junior",
        "Sr" => "Senior",
        _ if !next_is_name => return None,
        "Dr" => "Doctor",
        "Mr" => "Mister",
        "Mrs" => "Missus",
        "Ms" => "Miz",
        "Prof" => "Professor",
        "Sen" => "Senator",
        "Rep" => "Representative",
        "Gov" => "Governor",
        "Gen" => "General",
        "Col" => "Colonel",
        "Lt" => "Lieutenant",
        "Sgt" => "Sergeant",
        "Capt" => "Captain",
        "Mt" => "Mount",
        _ => return None,
    };
    // Keep a sentence-final period: "Elm St." at the end still ends the sentence.
    let spoken = if caps[0].ends_with('.') && ctx.after.trim().is_empty() {
        format!("{spoken}.")
    } else {
        spoken.to_string()
    };
    sub(caps, spoken)
}

fn speak_acronym(caps: &Captures, ctx: &Context) -> Option<Piece> {
    let letters = &caps["caps"];
    if let Some(value) = numbers::roman(letters) {
        return speak_roman(caps, ctx, value);
    }
    if letters.contains('&') {
        return sub(
            caps,
            spell(&letters.replace('&', " and ")).replace("a n d", "and"),
        );
    }
    let in_run = ctx.shouting || capitals::in_caps_run(ctx.before, letters, ctx.after);
    match (capitals::reading(letters, in_run), caps.name("plural")) {
        (capitals::Reading::Word, plural) => sub(
            caps,
            capitals::as_word(letters, !in_run) + plural.map_or("", |p| p.as_str()),
        ),
        (capitals::Reading::Spell, Some(_)) => sub(caps, format!("{}s", spell(letters))),
        (capitals::Reading::Spell, None) => Some(Piece::Spell(letters.to_string())),
    }
}

/// Words after which a Roman numeral is a count ("World War II", "Super Bowl XXVIII").
const COUNTED_BY_ROMAN: &[&str] = &[
    "War",
    "Bowl",
    "Part",
    "Chapter",
    "Phase",
    "Title",
    "Volume",
    "Vol",
    "Act",
    "Book",
    "Type",
    "Class",
    "Stage",
    "Grade",
    "Level",
    "Section",
    "Article",
    "Schedule",
    "Vatican",
    "Apollo",
    "Episode",
    "Season",
    "Round",
    "Tier",
    "Category",
    "Appendix",
    "Star",
    "Wrestlemania",
];

/// "World War II" → two; "King Charles III", "Louis XIV" → the third, the fourteenth: a Roman
/// numeral after a name is a regnal number. Elsewhere it is left as written (one letter,
/// like "I" or "X", is a word or a letter, never a numeral here).
fn speak_roman(caps: &Captures, ctx: &Context, value: u64) -> Option<Piece> {
    if caps.name("plural").is_some() || caps["caps"].len() < 2 || ctx.shouting {
        return None;
    }
    let prev = ctx.before.trim_end();
    if !ctx.before.ends_with(' ') {
        return None;
    }
    let prev_word = prev.rsplit(' ').next().unwrap_or("").trim_end_matches('.');
    if COUNTED_BY_ROMAN.contains(&prev_word) {
        return sub(caps, cardinal(value));
    }
    let name = prev_word.chars().next().is_some_and(char::is_uppercase)
        && prev_word.chars().skip(1).all(char::is_lowercase)
        && prev_word.len() >= 2;
    if name && value <= 30 {
        return sub(caps, format!("the {}", ordinal(value)));
    }
    None
}

#[cfg(test)]
#[path = "normalize_tests.rs"]
mod tests;
