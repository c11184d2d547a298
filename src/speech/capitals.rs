//! Words in capitals: said as a word ("POSIX", "GIRLS SOCCER") or letter by letter ("FBI").
//!
//! Pages set subheads, datelines and whole lines in capitals, and name things with acronyms
//! people say as words. A listener hears "P O I N T" for a subhead as an error, so a token in
//! capitals is spelled only when it is a known initialism or cannot be said as a word:
//!
//! - in a run of words in capitals (text set in capitals), each word is read as a word unless
//!   it is a listed initialism that is not also a common word ("LOS ANGELES (AP)"), or cannot
//!   be said;
//! - alone, a token is said as a word when it is listed so (`data/acronyms-said.txt`), or has
//!   four letters or more and follows English syllable shapes ("POSIX", "FRIDA"); three letters
//!   or fewer, listed initialisms (`data/acronyms-spelled.txt`) and clusters no one says
//!   ("NYPD", "HTTP") are spelled.
//!
//! The lists are data, not code, so that a user's lexicon can later override them.

use std::collections::HashSet;
use std::sync::LazyLock;

/// How a token in capitals is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reading {
    /// Said as a word.
    Word,
    /// Said letter by letter.
    Spell,
}

fn word_list(text: &'static str) -> HashSet<&'static str> {
    text.lines()
        .map(|l| l.split('#').next().unwrap_or(""))
        .flat_map(str::split_whitespace)
        .collect()
}

static SAID: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| word_list(include_str!("../../data/acronyms-said.txt")));
static SPELLED: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| word_list(include_str!("../../data/acronyms-spelled.txt")));
static COMMON: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| word_list(include_str!("../../data/caps-common-words.txt")));

/// Whether `token` (capitals only) is listed as an acronym said as a word.
pub fn is_said_acronym(token: &str) -> bool {
    SAID.contains(token)
}

/// How to read `token`, a word of capital letters; `in_caps_run` when a neighbouring word is
/// in capitals too, or the whole line is.
pub fn reading(token: &str, in_caps_run: bool) -> Reading {
    if SAID.contains(token) {
        return Reading::Word;
    }
    if in_caps_run {
        if COMMON.contains(token) {
            return Reading::Word;
        }
        if SPELLED.contains(token) {
            return Reading::Spell;
        }
        let letters = token.chars().count();
        return if (letters >= 2 && is_pronounceable(token)) || letters == 1 {
            Reading::Word
        } else {
            Reading::Spell
        };
    }
    // United Nations and United States bodies ("UNGA", "USDA") are spelled unless listed.
    let agency = ["UN", "US"].iter().any(|p: &&str| {
        token.strip_prefix(p).is_some_and(|rest| {
            rest.starts_with(|c: char| !is_vowel(c, Some(p.chars().last().unwrap_or('N'))))
        })
    });
    if COMMON.contains(token) && token.chars().count() >= 3 && !SPELLED.contains(token) {
        return Reading::Word;
    }
    if agency || SPELLED.contains(token) || token.chars().count() <= 3 {
        return Reading::Spell;
    }
    if is_pronounceable(token) {
        Reading::Word
    } else {
        Reading::Spell
    }
}

/// Whether `token`, found between `before` and `after` in a sentence, stands in a run of words
/// set in capitals: the neighbouring words in capitals, with `token`, make three words or
/// more, or hold a word that can only be a word ("GIRLS SOCCER", "LOS ANGELES (AP)"). Two
/// initialisms side by side ("US EPA") are not such a run.
pub fn in_caps_run(before: &str, token: &str, after: &str) -> bool {
    fn caps_word(w: &str) -> Option<&str> {
        let w = w.trim_matches(|c: char| !c.is_alphanumeric());
        let w = w
            .strip_suffix("'S")
            .or_else(|| w.strip_suffix("’S"))
            .unwrap_or(w);
        (!w.is_empty()
            && w.chars()
                .all(|c| c.is_ascii_uppercase() || c == '\'' || c == '-'))
        .then_some(w)
    }
    // The words of the run: the token's own word may carry punctuation or a hyphen.
    let left: Vec<&str> = before
        .split_whitespace()
        .rev()
        .skip(usize::from(
            !before.ends_with(char::is_whitespace) && !before.is_empty(),
        ))
        .map_while(caps_word)
        .collect();
    let right: Vec<&str> = after
        .split_whitespace()
        .skip(usize::from(
            !after.starts_with(char::is_whitespace) && !after.is_empty(),
        ))
        .map_while(caps_word)
        .collect();
    if left.is_empty() && right.is_empty() {
        return false;
    }
    let words: Vec<&str> = left
        .iter()
        .chain(std::iter::once(&token))
        .chain(right.iter())
        .flat_map(|w| w.split('-'))
        .filter(|w| !w.is_empty())
        .collect();
    let long = words.iter().filter(|w| w.chars().count() >= 2).count();
    // Two words side by side are a run only when each can be nothing but a word: "POSIX APIs"
    // is two acronyms, "GIRLS SOCCER" two words.
    let wordlike = |w: &str| {
        let n = w.chars().count();
        (COMMON.contains(w) && n >= 3) || (n >= 4 && !SPELLED.contains(w) && is_pronounceable(w))
    };
    long >= 3
        || (long >= 1
            && words
                .iter()
                .filter(|w| w.chars().count() >= 2)
                .all(|w| wordlike(w)))
}

/// Whether a letter sounds as a vowel here: Y does only after a consonant ("SYNC", "MAY" aside:
/// after a vowel it closes the syllable as in "KAYE", and it opens a word as in "YOUNG").
fn is_vowel(c: char, previous: Option<char>) -> bool {
    let plain = |c: char| matches!(c, 'A' | 'E' | 'I' | 'O' | 'U');
    plain(c) || (c == 'Y' && previous.is_some_and(|p| !plain(p)))
}

/// Consonant clusters that begin an English syllable.
const ONSETS: &[&str] = &[
    "BL", "BR", "CH", "CL", "CR", "DR", "DW", "FL", "FR", "GL", "GN", "GR", "KL", "KN", "KR", "PH",
    "PL", "PR", "QU", "SC", "SH", "SK", "SL", "SM", "SN", "SP", "ST", "SW", "TH", "TR", "TW", "WH",
    "WR", "SCH", "SCR", "SHR", "SPL", "SPR", "SQU", "STR", "THR",
];
/// Consonant clusters that end one.
const CODAS: &[&str] = &[
    "CH", "CK", "CT", "FT", "GH", "LD", "LF", "LK", "LL", "LM", "LP", "LT", "MP", "ND", "NG", "NK",
    "NC", "NT", "PT", "RB", "RC", "RD", "RF", "RG", "RK", "RL", "RM", "RN", "RP", "RS", "RT", "SH",
    "SK", "SP", "SS", "ST", "TH", "TS", "KS", "PS", "DS", "NS", "MS", "LS", "GS", "BS", "FF", "ZZ",
    "TCH", "NCH", "NDS", "NTS", "RST", "RTS", "RDS", "NGS", "NKS", "CKS", "STS", "RCH", "RTH",
    "LTH", "NTH", "GHT", "HN", "LN", "MN",
];

/// Whether a word in capitals follows English syllable shapes, so that a reader would say it
/// as a word: a vowel in it, an opening and closing cluster English has, short clusters
/// between vowels, and no long or doubled-up vowel runs.
pub fn is_pronounceable(token: &str) -> bool {
    let chars: Vec<char> = token.chars().collect();
    if chars.len() < 2 || !chars.iter().all(|c| c.is_ascii_uppercase()) {
        return false;
    }
    // Scottish and Irish names: "MCDONALD", "MCCARTHY" are "Mc" and a name.
    if let Some(rest) = token.strip_prefix("MC").filter(|r| r.len() >= 3) {
        return is_pronounceable(rest);
    }
    // Runs of vowels and of consonants, in order.
    let mut runs: Vec<(bool, String)> = Vec::new();
    for (i, &c) in chars.iter().enumerate() {
        let v = is_vowel(c, i.checked_sub(1).map(|p| chars[p]));
        match runs.last_mut() {
            Some((rv, s)) if *rv == v => s.push(c),
            _ => runs.push((v, c.to_string())),
        }
    }
    if !runs.iter().any(|(v, _)| *v) {
        return false;
    }
    let last = runs.len() - 1;
    for (i, (vowel, run)) in runs.iter().enumerate() {
        if *vowel {
            let n = run.chars().count();
            // Three vowels only inside a word ("DELICIOUS"), never at its ends.
            if n > 3
                || (n == 3 && (i == 0 || i == last))
                || (n == 2
                    && matches!(run.as_str(), "AA" | "II" | "UU" | "IU" | "UI" | "AE" | "IA" | "UA" | "EA" if i == 0 || i == last))
            {
                return false;
            }
            continue;
        }
        let n = run.chars().count();
        let ok = if i == 0 {
            n == 1 || ONSETS.contains(&run.as_str())
        } else if i == last {
            // A plural or possessive S after a closing cluster ("GEARS").
            let base = run
                .strip_suffix('S')
                .filter(|b| !b.is_empty())
                .unwrap_or(run);
            base.chars().count() == 1 || CODAS.contains(&base) || CODAS.contains(&run.as_str())
        } else {
            // Between vowels: a closing consonant and an opening cluster, or the reverse.
            n == 1
                || n == 2
                || (n == 3 && (ONSETS.contains(&&run[1..]) || CODAS.contains(&&run[..2])))
        };
        if !ok {
            return false;
        }
    }
    true
}

/// The spoken form of a word in capitals read as a word: lower case ("GIRLS" → "girls"), or a
/// name's capital for a single token ("POSIX" → "Posix"), so that no engine spells it.
pub fn as_word(token: &str, capitalize: bool) -> String {
    let lower = token.to_lowercase();
    if !capitalize {
        return lower;
    }
    let mut chars = lower.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => lower,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pronounceable_words_and_names() {
        for w in [
            "POINT",
            "GUARDS",
            "BEHAVE",
            "GIRLS",
            "SOCCER",
            "POSIX",
            "WASI",
            "FIRE",
            "COBRA",
            "FRANK",
            "FRIDA",
            "CANZUK",
            "SYNC",
            "DELICIOUS",
            "LEGO",
            "KONG",
            "STRIKE",
            "ANGELES",
            "VALUES",
            "UPDATE",
            "KAYE",
            "JOHNSON",
            "MCDONALD",
            "MCCARTHY",
            "YOUNG",
            "MAYOR",
        ] {
            assert!(is_pronounceable(w), "{w}");
        }
        for w in [
            "NYPD", "HTTP", "HTML", "FBI", "NSCLC", "LGBT", "HDMI", "NCAA", "OECD", "IAEA",
            "LAUSD", "XKCD",
        ] {
            assert!(!is_pronounceable(w), "{w}");
        }
    }

    #[test]
    fn single_tokens() {
        assert_eq!(reading("FBI", false), Reading::Spell);
        assert_eq!(reading("CEO", false), Reading::Spell);
        assert_eq!(reading("ACLU", false), Reading::Spell);
        assert_eq!(reading("POSIX", false), Reading::Word);
        assert_eq!(reading("JSON", false), Reading::Word);
        assert_eq!(reading("NASA", false), Reading::Word);
        assert_eq!(reading("ART", false), Reading::Spell);
        assert_eq!(reading("UNGA", false), Reading::Spell);
        assert_eq!(reading("USPS", false), Reading::Spell);
        assert_eq!(reading("UNICEF", false), Reading::Word);
    }

    #[test]
    fn runs_in_capitals() {
        assert_eq!(reading("LOS", true), Reading::Word);
        assert_eq!(reading("AP", true), Reading::Spell);
        assert_eq!(reading("THE", true), Reading::Word);
        assert_eq!(reading("WHO", true), Reading::Word);
        assert_eq!(reading("WHO", false), Reading::Spell);
        assert_eq!(reading("NYPD", true), Reading::Spell);
        assert_eq!(reading("A", true), Reading::Word);
    }

    #[test]
    fn spoken_case() {
        assert_eq!(as_word("POSIX", true), "Posix");
        assert_eq!(as_word("GIRLS", false), "girls");
    }
}
