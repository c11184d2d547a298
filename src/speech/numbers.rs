//! Numbers as words: cardinals, ordinals, decimals, years and digit strings, in English.
//!
//! Tens and units are joined with a hyphen ("twenty-three"), hundreds without "and"
//! ("one hundred twenty-three"): the forms every English voice reads the same way.

const ONES: [&str; 20] = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
];
const TENS: [&str; 10] = [
    "", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
];
const SCALES: [&str; 13] = [
    "",
    "thousand",
    "million",
    "billion",
    "trillion",
    "quadrillion",
    "quintillion",
    "sextillion",
    "septillion",
    "octillion",
    "nonillion",
    "decillion",
    "undecillion",
];

/// A whole number in words: 12000 → "twelve thousand".
pub fn cardinal(n: u64) -> String {
    cardinal_wide(u128::from(n))
}

/// [`cardinal`] for numbers beyond `u64` (up to the quintillions and past).
pub fn cardinal_wide(n: u128) -> String {
    if n == 0 {
        return ONES[0].to_string();
    }
    let mut groups = Vec::new();
    let mut rest = n;
    while rest > 0 {
        groups.push((rest % 1000) as u32);
        rest /= 1000;
    }
    let mut parts = Vec::new();
    for (scale, &group) in groups.iter().enumerate().rev() {
        if group == 0 {
            continue;
        }
        parts.push(below_thousand(group));
        if scale > 0 {
            parts.push(SCALES[scale].to_string());
        }
    }
    parts.join(" ")
}

fn below_thousand(n: u32) -> String {
    let (hundreds, rest) = (n / 100, n % 100);
    let mut out = String::new();
    if hundreds > 0 {
        out.push_str(ONES[hundreds as usize]);
        out.push_str(" hundred");
        if rest > 0 {
            out.push(' ');
        }
    }
    if rest > 0 || hundreds == 0 {
        out.push_str(&below_hundred(rest));
    }
    out
}

fn below_hundred(n: u32) -> String {
    if n < 20 {
        ONES[n as usize].to_string()
    } else if n.is_multiple_of(10) {
        TENS[(n / 10) as usize].to_string()
    } else {
        format!("{}-{}", TENS[(n / 10) as usize], ONES[(n % 10) as usize])
    }
}

/// An ordinal in words: 21 → "twenty-first".
pub fn ordinal(n: u64) -> String {
    let words = cardinal(n);
    let (head, last) = match words.rfind([' ', '-']) {
        Some(i) => words.split_at(i + 1),
        None => ("", words.as_str()),
    };
    let last = match last {
        "one" => "first".to_string(),
        "two" => "second".to_string(),
        "three" => "third".to_string(),
        "five" => "fifth".to_string(),
        "eight" => "eighth".to_string(),
        "nine" => "ninth".to_string(),
        "twelve" => "twelfth".to_string(),
        w if w.ends_with('y') => format!("{}ieth", &w[..w.len() - 1]),
        w => format!("{w}th"),
    };
    format!("{head}{last}")
}

/// A year as people say it: 2023 → "twenty twenty-three", 1906 → "nineteen oh six",
/// 2005 → "two thousand five", 1900 → "nineteen hundred".
pub fn year(n: u64) -> String {
    if !(1000..10000).contains(&n) || (2000..2010).contains(&n) || n.is_multiple_of(1000) {
        return cardinal(n);
    }
    let (high, low) = (n / 100, n % 100);
    match low {
        0 => format!("{} hundred", cardinal(high)),
        1..=9 => format!("{} oh {}", cardinal(high), cardinal(low)),
        _ => format!("{} {}", cardinal(high), cardinal(low)),
    }
}

/// Each digit by name: "007" → "zero zero seven".
pub fn digits(s: &str) -> String {
    s.chars()
        .filter_map(|c| c.to_digit(10))
        .map(|d| ONES[d as usize])
        .collect::<Vec<_>>()
        .join(" ")
}

/// A written number ("12,000", "3.25", ".5", "-4") in words; `None` when it is not one.
pub fn number(written: &str) -> Option<String> {
    let (sign, body) = match written.strip_prefix(['-', '−']) {
        Some(rest) => ("minus ", rest),
        None => ("", written),
    };
    let (whole, frac) = match body.split_once('.') {
        Some((w, f)) => (w, Some(f)),
        None => (body, None),
    };
    let whole_digits: String = whole.chars().filter(|c| *c != ',').collect();
    if !whole_digits.chars().all(|c| c.is_ascii_digit())
        || frac.is_some_and(|f| f.is_empty() || !f.chars().all(|c| c.is_ascii_digit()))
    {
        return None;
    }
    let mut out = String::from(sign);
    if !whole_digits.is_empty() {
        if whole_digits.len() > 1 && whole_digits.starts_with('0') && !whole.contains(',') {
            out.push_str(&digits(&whole_digits));
        } else {
            match whole_digits.parse::<u128>() {
                Ok(n) if n < 10u128.pow(36) => out.push_str(&cardinal_wide(n)),
                _ => out.push_str(&digits(&whole_digits)),
            }
        }
    } else if frac.is_none() {
        return None;
    }
    if let Some(f) = frac {
        if !whole_digits.is_empty() {
            out.push(' ');
        }
        out.push_str("point ");
        out.push_str(&digits(f));
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cardinals() {
        assert_eq!(cardinal(0), "zero");
        assert_eq!(cardinal(123), "one hundred twenty-three");
        assert_eq!(cardinal(12_000), "twelve thousand");
        assert_eq!(
            cardinal(123_000_012),
            "one hundred twenty-three million twelve"
        );
    }

    #[test]
    fn ordinals_and_years() {
        assert_eq!(ordinal(1), "first");
        assert_eq!(ordinal(12), "twelfth");
        assert_eq!(ordinal(21), "twenty-first");
        assert_eq!(ordinal(40), "fortieth");
        assert_eq!(year(2023), "twenty twenty-three");
        assert_eq!(year(1906), "nineteen oh six");
        assert_eq!(year(2005), "two thousand five");
        assert_eq!(year(1900), "nineteen hundred");
    }

    #[test]
    fn written_numbers() {
        assert_eq!(number("3.2").as_deref(), Some("three point two"));
        assert_eq!(number("-2").as_deref(), Some("minus two"));
        assert_eq!(number(".5").as_deref(), Some("point five"));
        assert_eq!(number("1,000").as_deref(), Some("one thousand"));
        assert_eq!(number("004").as_deref(), Some("zero zero four"));
        assert_eq!(number("abc"), None);
    }
}
