//! Slugs: any title → a file-name part that is safe on every file system.
//!
//! ASCII letters, digits and single hyphens only (accents folded, everything else a hyphen),
//! no leading dot or hyphen, never a Windows device name, at most [`MAX_SLUG_LEN`] bytes, cut
//! between words rather than inside one, never empty.

use unicode_normalization::UnicodeNormalization;

/// The longest slug, so that `NN-<slug>.ssml` stays well under every file-name limit.
pub const MAX_SLUG_LEN: usize = 60;

const RESERVED: &[&str] = &[
    "con", "prn", "aux", "nul", "com1", "com2", "com3", "com4", "com5", "com6", "com7", "com8",
    "com9", "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9",
];

/// Makes a slug of `title`; `fallback` is used when nothing usable is left (e.g. an emoji title).
pub fn slug(title: &str, fallback: &str) -> String {
    let mut out = String::new();
    for c in transliterated(title).nfkd() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if c.is_alphanumeric()
            || c.is_whitespace()
            || c.is_ascii_punctuation()
            || c == '’'
            || c == '–'
            || c == '—'
        {
            if c == '\'' || c == '’' {
                continue; // "Mission's" → "missions"
            }
            if !out.ends_with('-') && !out.is_empty() {
                out.push('-');
            }
        }
        // Combining marks (from NFKD) and symbols vanish. One byte past the limit tells
        // whether the limit falls between words.
        if out.len() > MAX_SLUG_LEN {
            break;
        }
    }
    let s = between_words(out.trim_matches('-'))
        .trim_end_matches('-')
        .to_string();
    let stem = s.split('.').next().unwrap_or("");
    if s.is_empty() {
        fallback.to_string()
    } else if RESERVED.contains(&stem) {
        format!("{s}-{fallback}")
    } else {
        s
    }
}

/// `slug` cut to [`MAX_SLUG_LEN`] bytes at the last hyphen that fits, so that no word is cut
/// in two; only a first word longer than the limit is cut inside.
fn between_words(slug: &str) -> &str {
    if slug.len() <= MAX_SLUG_LEN {
        return slug;
    }
    // The slug is ASCII, so every byte index is a character boundary.
    if slug.as_bytes()[MAX_SLUG_LEN] == b'-' {
        return &slug[..MAX_SLUG_LEN];
    }
    match slug[..MAX_SLUG_LEN].rfind('-') {
        Some(cut) if cut > 0 => &slug[..cut],
        _ => &slug[..MAX_SLUG_LEN],
    }
}

/// Letters of scripts other than Latin written in Latin letters ("Москва" → "Moskva", "北京" →
/// "Bei Jing"), by deunicode; Latin letters with accents are left for NFKD to fold, and
/// symbols and emoji are left to vanish.
fn transliterated(title: &str) -> String {
    let mut out = String::with_capacity(title.len());
    for c in title.chars() {
        let latin = c.is_ascii() || c.nfkd().next().is_some_and(|base| base.is_ascii());
        if c.is_alphanumeric() && !latin {
            // Characters of a word stay together; deunicode ends a CJK syllable with a space.
            if let Some(ascii) = deunicode::deunicode_char(c) {
                out.push_str(ascii);
                continue;
            }
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_in_other_scripts_are_transliterated() {
        assert_eq!(
            slug("Москва готовится к зиме", "article"),
            "moskva-gotovitsia-k-zime"
        );
        assert_eq!(slug("北京新闻", "article"), "bei-jing-xin-wen");
        assert_eq!(slug("Ελλάδα", "article"), "ellada");
    }

    #[test]
    fn typical_titles() {
        assert_eq!(
            slug("Mission's challenges", "section"),
            "missions-challenges"
        );
        assert_eq!(
            slug("Haiti’s fight for peace", "x"),
            "haitis-fight-for-peace"
        );
        assert_eq!(slug("Café déjà vu", "x"), "cafe-deja-vu");
    }

    #[test]
    fn hostile_titles() {
        assert_eq!(slug("../../etc/passwd", "s"), "etc-passwd");
        assert_eq!(slug("CON", "section"), "con-section");
        assert_eq!(slug("aux.txt", "section"), "aux-txt");
        assert_eq!(slug(".hidden", "s"), "hidden");
        assert_eq!(slug("🎉🎉", "section"), "section");
        // Arabic is written in Latin letters, never a generic name.
        assert_eq!(slug("مرحبا بالعالم", "section"), "mrhb-bl-lm");
        assert!(slug(&"long ".repeat(100), "s").len() <= MAX_SLUG_LEN);
    }

    #[test]
    fn long_titles_are_cut_between_words() {
        let title = "Kenya's parliament approves the deployment of police officers to Haiti despite a court ruling";
        let s = slug(title, "article");
        assert_eq!(
            s,
            "kenyas-parliament-approves-the-deployment-of-police-officers"
        );
        assert!(s.len() <= MAX_SLUG_LEN);
        // Every word of the slug is a whole word of the title.
        let words: Vec<String> = title.split_whitespace().map(|w| slug(w, "x")).collect();
        assert!(s.split('-').all(|w| words.iter().any(|t| t == w)), "{s}");
        // A limit that falls exactly at a word's end keeps that word.
        let exact = format!("{} tail", "a".repeat(MAX_SLUG_LEN));
        assert_eq!(slug(&exact, "x"), "a".repeat(MAX_SLUG_LEN));
        // One word longer than the limit has to be cut inside.
        assert_eq!(slug(&"b".repeat(90), "x").len(), MAX_SLUG_LEN);
    }
}
