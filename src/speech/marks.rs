//! Marks that are not words: emoji, reference markers, social handles and hashtags, the
//! number sign, the tilde of "about", and the bar that separates items on a line.
//!
//! An engine left with them says "grinning face", "bracket twelve bracket", "number sign
//! Browns" or "vertical line": noise to a listener. Each pattern here is a rule in
//! [`super::normalize`]'s list; the functions say what a match sounds like (often nothing: the
//! written text stays for subtitles), or `None` when the context says it is something else.

use super::numbers::number;

/// Emoji and pictographs with their modifiers and joiners (not ©, ®, ™ or digits).
pub const EMOJI: &str =
    r"(?:[\p{Extended_Pictographic}&&[^©®™‼⁉]][\u{FE0F}\u{200D}\u{1F3FB}-\u{1F3FF}]*)+";

/// A reference marker: "[12]", "[4, 5]", "[3–7]", or in brackets "(4, 5)" before a
/// sentence's punctuation (checked by [`reference`]).
pub const REFERENCE: &str =
    r"\s?(?:\[\d{1,3}(?:\s?[,–-]\s?\d{1,3})*\]|\(\d{1,3}(?:\s?[,–-]\s?\d{1,3})*\))";

/// A social handle: "@PFF_Browns".
pub const HANDLE: &str = r"@[A-Za-z][A-Za-z0-9_]{1,30}\b";

/// A hashtag: "#deleteFacebook".
pub const HASHTAG: &str = r"#[A-Za-z][A-Za-z0-9_]*\b";

/// The number sign: "#282", "No. 1" is read elsewhere.
pub const NUMBER_SIGN: &str = r"#(?P<num>\d[\d,]*)\b";

/// "~9x", "~ 5 mm": about (when a quantity follows).
pub const TILDE: &str = r"~\s?";

/// A bar between items on a line ("Politics | World").
pub const BAR: &str = r"\s\|\s";

/// A character reference escaped twice by a page ("&amp;#151;" shows as "&#151;"): the
/// character it meant, never its digits.
pub const CHARACTER_REFERENCE: &str = r"&#(?:(?P<dec>\d{1,7})|[xX](?P<hex>[0-9A-Fa-f]{1,6}));";

/// The character of a reference; 128–159 are Windows-1252's, as browsers read them ("&#151;"
/// is an em dash). A dash is said as the pause a comma gives.
pub fn character_reference(dec: Option<&str>, hex: Option<&str>) -> Option<String> {
    let code = match (dec, hex) {
        (Some(d), _) => d.parse::<u32>().ok()?,
        (_, Some(h)) => u32::from_str_radix(h, 16).ok()?,
        _ => return None,
    };
    let c = match code {
        130 => '‚',
        133 => '…',
        145 => '‘',
        146 => '’',
        147 => '“',
        148 => '”',
        150 => '–',
        151 => '—',
        153 => '™',
        128..=159 => ' ',
        _ => char::from_u32(code)?,
    };
    Some(match c {
        '–' | '—' => ",".to_string(),
        c if c.is_control() => String::new(),
        c => c.to_string(),
    })
}

/// What a reference marker says: nothing, when it follows a word or closing punctuation and
/// comes before the sentence's punctuation or its end. "(1) the first…", which opens an
/// enumeration, is left to be read.
pub fn reference(written: &str, before: &str, after: &str) -> Option<String> {
    let bracketed = written.trim_start().starts_with('[');
    let after_word = before
        .trim_end()
        .ends_with(|c: char| c.is_alphanumeric() || matches!(c, '.' | ',' | '"' | '”' | ')'));
    let at_end = after.is_empty()
        || after.starts_with(['.', ',', ';', ':', '!', '?', ' '])
            && (bracketed || after.trim_start().is_empty() || !after.starts_with(' '));
    (after_word && at_end).then(String::new)
}

/// A handle, as said: "at PFF Browns".
pub fn handle(written: &str, before: &str) -> Option<String> {
    // "name@example.com" is an address, read by the address rule.
    if before.ends_with(|c: char| c.is_alphanumeric()) {
        return None;
    }
    Some(format!("at {}", split_words(&written[1..])))
}

/// A hashtag, as its words: "#deleteFacebook" → "delete Facebook".
pub fn hashtag(written: &str, before: &str) -> Option<String> {
    if before.ends_with(|c: char| c.is_alphanumeric() || c == '&') {
        return None;
    }
    Some(split_words(&written[1..]))
}

/// "#282" → "number two hundred eighty-two".
pub fn number_sign(num: &str, before: &str) -> Option<String> {
    if before.ends_with(|c: char| c.is_alphanumeric() || c == '&') {
        return None;
    }
    Some(format!("number {}", number(num)?))
}

/// Words run together as in handles and tags: split at underscores, at lower-to-upper case
/// changes and around digits; digits as a number.
pub fn split_words(s: &str) -> String {
    let mut words: Vec<String> = Vec::new();
    let mut cur = String::new();
    let mut prev: Option<char> = None;
    for c in s.chars() {
        let boundary = match prev {
            None => false,
            Some(_) if c == '_' => true,
            Some(p) => {
                (p.is_lowercase() && c.is_uppercase())
                    || (p.is_ascii_digit() != c.is_ascii_digit() && p != '_')
            }
        };
        if boundary && !cur.is_empty() {
            words.push(std::mem::take(&mut cur));
        }
        if c != '_' {
            cur.push(c);
        }
        prev = Some(c);
    }
    if !cur.is_empty() {
        words.push(cur);
    }
    words
        .into_iter()
        .map(|w| {
            if w.chars().all(|c| c.is_ascii_digit()) {
                number(&w).unwrap_or(w)
            } else {
                w
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_escaped_twice() {
        assert_eq!(character_reference(Some("151"), None).as_deref(), Some(","));
        assert_eq!(character_reference(None, Some("e9")).as_deref(), Some("é"));
    }

    #[test]
    fn references_are_not_read() {
        assert_eq!(reference(" [12]", "in mice", ".").as_deref(), Some(""));
        assert_eq!(reference(" (4, 5)", "in mice", ".").as_deref(), Some(""));
        assert_eq!(reference("[3]", "in mice.", "").as_deref(), Some(""));
        // "(1) the first": an enumeration is read.
        assert_eq!(reference("(1)", "", " the first"), None);
        assert_eq!(reference(" (2)", "and", " the second"), None);
    }

    #[test]
    fn handles_and_tags_as_words() {
        assert_eq!(handle("@PFF_Browns", "(").as_deref(), Some("at PFF Browns"));
        assert_eq!(
            handle("@Deese44", " ").as_deref(),
            Some("at Deese forty-four")
        );
        assert_eq!(handle("@example", "name"), None);
        assert_eq!(
            hashtag("#deleteFacebook", " ").as_deref(),
            Some("delete Facebook")
        );
        assert_eq!(
            number_sign("282", " ").as_deref(),
            Some("number two hundred eighty-two")
        );
    }
}
