//! Credits and bios inside the text: "… in Pittsburgh. (Dustin Franz/AFP/Getty Images)",
//! "Photograph: Stephanie Keith/Reuters", "[Featured Image by Joe Raedle/Getty Images]", and
//! the author's bio that closes a page ("Jane Doe covers health for the Tribune.").
//!
//! A caption is worth hearing; who took the photo is not. The credit is cut from the end of
//! the block, and the block dropped when nothing else is left.

use regex::Regex;
use std::sync::LazyLock;

/// Agencies and libraries that photo credits name.
const AGENCIES: &str = r"Getty\x20Images|Getty|Shutterstock|Reuters|AFP|AP\x20Photo|AP|Associated\x20Press|EPA(?:-EFE)?|Alamy|iStock(?:photo)?|Corbis|Bloomberg|NurPhoto|SOPA\x20Images|Sipa\x20USA|Anadolu(?:\x20Agency)?|Xinhua|TASS|PA(?:\x20Wire|\x20Images)?|USA\x20TODAY\x20Sports|USATSI|Imagn(?:\x20Images)?|WireImage|FilmMagic|Redux|Polaris|ZUMA(?:\x20Press|\x20Wire)?|The\x20Image\x20Bank|Flickr|Wikimedia\x20Commons|NASA|Courtesy(?:\x20of\x20[^)\]]+)?|Handout|File|Pool|Contributor|Staff";

/// The agencies as written and in capitals ("(LUCAS JACKSON/REUTERS)"), as one alternation.
/// Not case-insensitive: "staff" or "pool" in a sentence's brackets is no credit.
fn agencies() -> String {
    format!(
        "{AGENCIES}|{}",
        AGENCIES.to_uppercase().replace(r"\X20", r"\x20")
    )
}

/// A credit at the end of a block: after a sentence or on its own, in brackets or not.
static TRAILING_CREDIT: LazyLock<Regex> = LazyLock::new(|| {
    let agencies = agencies();
    Regex::new(&format!(
        r"(?x)
        (?:^|(?:[.!?”\x22']\s+)|\s+)
        (?:
            [(\[] \s* (?:(?:Featured\s)?(?:Photo|Image|Picture|Illustration)s?(?:\s(?:credit|by|courtesy(?:\sof)?))?:?\s*)? [^()\[\]]{{0,120}}? (?:{agencies}) [^()\[\]]{{0,40}} [)\]]
          | (?:Photo(?:graph)?s?|Image|Picture|Illustration)s?(?:\s(?:credit|by|courtesy(?:\sof)?))?\s*[:|]?\s* [^.]{{0,120}}
          | (?:[\p{{Lu}}][\p{{L}}.'’-]*\s?){{1,4}}\s?/\s?(?:[\p{{L}}.&'\x20-]{{1,30}}/\s?){{0,2}}(?:\p{{L}}+\svia\s)?(?:{agencies})\b [^.]{{0,30}}
          | \((?:Image|Photo)\scredit:[^)]*\)
          | \( (?:[\p{{Lu}}][\p{{L}}.'’-]+\s){{1,3}}[\p{{Lu}}][\p{{L}}.'’-]+ \s?/\s? [\p{{Lu}}][\p{{L}}.&'\x20/-]{{0,40}} \)
        )
        \s*$"
    ))
    .expect("a valid pattern")
});

/// An agency named anywhere, and an agency alone (compiled once: these run on every block).
static NAMES_AGENCY: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!(r"\b(?:{})\b", agencies())).expect("a valid pattern"));
static ONLY_AGENCY: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!(r"^(?:{AGENCIES})$")).expect("a valid pattern"));

/// "(Evan Mitsui/CBC)": a person's name and an outlet, in brackets, closing a caption.
static NAME_SLASH_OUTLET: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\((?:[\p{Lu}][\p{L}.'’-]+\s){1,3}[\p{Lu}][\p{L}.'’-]+\s?/\s?[\p{Lu}][\p{L}.&'\x20/-]{0,40}\)$")
        .expect("a valid pattern")
});

/// The block's text without a credit at its end, and the credit; `None` when it has none.
/// A credit must name an agency or say "Photo"/"Image"; a sentence that merely ends with a
/// slash stays.
pub(super) fn split_credit(text: &str) -> Option<(String, String)> {
    // "Steven Puetzer | The Image Bank | Getty Images": short parts between bars, the last an
    // agency.
    let parts: Vec<&str> = text.split(" | ").collect();
    if parts.len() >= 2
        && parts.iter().all(|p| p.split_whitespace().count() <= 6)
        && ONLY_AGENCY.is_match(parts[parts.len() - 1].trim())
    {
        return Some((String::new(), text.to_string()));
    }
    let m = TRAILING_CREDIT.find(text)?;
    let credit = m
        .as_str()
        .trim_start_matches(|c: char| ".!?”\"'".contains(c) || c.is_whitespace())
        .trim();
    // "Photo: …" style credits must be short; prose that starts "Pictures of …" is not one.
    let starts_label = credit
        .split_whitespace()
        .next()
        .is_some_and(|w| w.ends_with(':') || w.starts_with(['(', '[']));
    // "(LUCAS JACKSON/REUTERS)": agencies in capitals too; a name and an outlet in brackets
    // ("(Evan Mitsui/CBC)") is a credit whatever the outlet.
    let names_agency = NAMES_AGENCY.is_match(credit) || NAME_SLASH_OUTLET.is_match(credit);
    if !(names_agency || starts_label) || credit.split_whitespace().count() > 25 {
        return None;
    }
    let kept = text[..m.start()].trim_end().to_string();
    // Keep the sentence's own full stop: the match began after it.
    let kept = match text[m.start()..].chars().next() {
        Some(c) if ".!?”\"'".contains(c) => format!("{kept}{c}"),
        _ => kept,
    };
    Some((kept, credit.to_string()))
}

/// Whether a short closing paragraph is the author's bio: a name, then what they do for whom
/// ("… is a reporter at …", "… covers …", "… writes about …"), or how to reach them.
pub(super) fn is_author_bio(text: &str) -> bool {
    static BIO: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^(?:[\p{Lu}][\p{L}.'’-]+\s){1,3}(?:&\s(?:[\p{Lu}][\p{L}.'’-]+\s?){1,3}\s)?(?:\([a-z]+/[a-z]+\)\s)?(?:is|are|was|has been|covers|cover|writes|write|reports|report|edits|hosts|host)\b")
            .expect("a valid pattern")
    });
    static ROLE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)\b(?:reporter|writer|editor|correspondent|columnist|contributor|journalist|producer|author of|staff|freelance|covers|writes (?:about|for|on)|write (?:about|for)|reports on|host of|podcast|fellow at|professor|founder|ceo|send (?:him|her|them) a note|follow (?:him|her|them)|reach (?:him|her|them)|email (?:him|her|them))\b")
            .expect("a valid pattern")
    });
    let words = text.split_whitespace().count();
    (4..=70).contains(&words) && BIO.is_match(text) && ROLE.is_match(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn credits_are_cut_from_captions() {
        let cut = |t: &str| split_credit(t).map(|(k, _)| k);
        assert_eq!(
            cut("Pittsburgh Mayor Bill Peduto on Sunday. (Dustin Franz/AFP/Getty Images)")
                .as_deref(),
            Some("Pittsburgh Mayor Bill Peduto on Sunday.")
        );
        assert_eq!(
            cut("Police use a water cannon last week. Photograph: Stephanie Keith/Reuters")
                .as_deref(),
            Some("Police use a water cannon last week.")
        );
        assert_eq!(cut("Win McNamee/Getty Images").as_deref(), Some(""));
        assert_eq!(
            cut("[Featured Image by Joe Raedle/Getty Images]").as_deref(),
            Some("")
        );
        assert_eq!(
            cut("Steven Puetzer | The Image Bank | Getty Images").as_deref(),
            Some("")
        );
        assert_eq!(
            cut("A new rover lands. (Image credit: ESA)").as_deref(),
            Some("A new rover lands.")
        );
        assert_eq!(
            cut("A house for sale in Toronto. (Evan Mitsui/CBC)").as_deref(),
            Some("A house for sale in Toronto.")
        );
        assert_eq!(
            cut("Trump arrives to speak in Hershey, Penn. Thursday. (LUCAS JACKSON/REUTERS)")
                .as_deref(),
            Some("Trump arrives to speak in Hershey, Penn. Thursday.")
        );
        assert_eq!(
            cut("Paul Moseley/Fort Worth Star-Telegram/TNS via Getty Images").as_deref(),
            Some("")
        );
        assert_eq!(cut("The vote was 52/48 in favour."), None);
        assert_eq!(cut("He met them (and/or their lawyers)."), None);
        assert_eq!(cut("He said the deal was done."), None);
    }

    #[test]
    fn author_bios() {
        assert!(is_author_bio(
            "Jane Doe covers health for the Tribune. Follow her on Twitter."
        ));
        assert!(is_author_bio(
            "Grierson & Leitch write about the movies regularly for the New Republic and host a podcast on film."
        ));
        assert!(is_author_bio(
            "Gina Trapani (she/her) is CEO at Postlight. Send her a note."
        ));
        assert!(!is_author_bio(
            "The council is expected to vote on the plan next week."
        ));
    }
}
