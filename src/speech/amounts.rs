//! Amounts in English words: money, percentages, measures with their units and fractions, the
//! speakers of [`super::normalize`]'s amount rules.

use super::numbers::{cardinal, number, ordinal};
use super::piece::Piece;
use super::rule::{Context, sub};
use super::units;
use regex::Captures;

pub(super) fn speak_money(caps: &Captures, _: &Context) -> Option<Piece> {
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

pub(super) fn speak_percent(caps: &Captures, _: &Context) -> Option<Piece> {
    sub(caps, format!("{} percent", number(&caps["num"])?))
}

pub(super) fn speak_measure(caps: &Captures, ctx: &Context) -> Option<Piece> {
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
pub(super) fn speak_measure_range(caps: &Captures, ctx: &Context) -> Option<Piece> {
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

pub(super) fn speak_fraction(caps: &Captures, ctx: &Context) -> Option<Piece> {
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
