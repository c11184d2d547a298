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

use super::contact;
use super::marks;
use super::number_forms;
use super::numbers::{cardinal, number, ordinal, year};
use super::units;
use regex::{Captures, Regex};
use std::sync::LazyLock;

use super::amounts::{
    speak_fraction, speak_measure, speak_measure_range, speak_money, speak_percent,
};
use super::dates::{
    MONTH_RE, speak_clock_duration, speak_date, speak_decade, speak_numeric_date, speak_time,
};
pub use super::piece::{Piece, spell, spoken};
use super::rule::{Context, Rule, rule, sub};
use super::titles::{speak_acronym, speak_latin, speak_title};
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

#[cfg(test)]
#[path = "normalize_tests.rs"]
mod tests;
