//! Words written short or in capitals, said in full: titles (Dr, St), Latin abbreviations
//! (e.g., i.e.), acronyms and Roman numerals; speakers of [`super::normalize`]'s rules.

use super::capitals;
use super::numbers::{cardinal, ordinal};
use super::piece::{Piece, spell};
use super::rule::{Context, sub};
use regex::Captures;

pub(super) fn speak_latin(caps: &Captures, ctx: &Context) -> Option<Piece> {
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

pub(super) fn speak_title(caps: &Captures, ctx: &Context) -> Option<Piece> {
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

pub(super) fn speak_acronym(caps: &Captures, ctx: &Context) -> Option<Piece> {
    let letters = &caps["caps"];
    if let Some(value) = crate::numerals::roman(letters) {
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
