//! Kokoro's phoneme vocabulary, and eSpeak NG's IPA put into it.
//!
//! Kokoro-82M v1.0 reads token ids, one per symbol of its own phoneme alphabet (misaki's): IPA
//! with a few letters standing for whole diphthongs (`A` for eɪ, `I` for aɪ, `W` for aʊ, `O`
//! for oʊ, `Q` for əʊ, `Y` for ɔɪ) and the affricates as ligatures (ʤ, ʧ). hark phonemizes with
//! eSpeak NG, whose IPA spells those as sequences; [`to_kokoro`] rewrites them, longest first,
//! and the English-only rewrites (r as ɹ, r-coloured vowels spelled out, the reduced ɐ as ə)
//! only for English, where the model learnt them so. Pure text work, in every build.

/// The model's vocabulary: each symbol and its token id (Kokoro-82M v1.0's `config.json`).
/// Ids that are not here (7, 8, 26–30, …) are unused by the model.
#[rustfmt::skip]
const VOCAB: &[(char, i64)] = &[
    (';', 1), (':', 2), (',', 3), ('.', 4), ('!', 5), ('?', 6), ('—', 9), ('…', 10),
    ('"', 11), ('(', 12), (')', 13), ('“', 14), ('”', 15), (' ', 16), ('\u{303}', 17),
    ('ʣ', 18), ('ʥ', 19), ('ʦ', 20), ('ʨ', 21), ('ᵝ', 22), ('ꭧ', 23), ('A', 24), ('I', 25),
    ('O', 31), ('Q', 33), ('S', 35), ('T', 36), ('W', 39), ('Y', 41), ('ᵊ', 42), ('a', 43),
    ('b', 44), ('c', 45), ('d', 46), ('e', 47), ('f', 48), ('h', 50), ('i', 51), ('j', 52),
    ('k', 53), ('l', 54), ('m', 55), ('n', 56), ('o', 57), ('p', 58), ('q', 59), ('r', 60),
    ('s', 61), ('t', 62), ('u', 63), ('v', 64), ('w', 65), ('x', 66), ('y', 67), ('z', 68),
    ('ɑ', 69), ('ɐ', 70), ('ɒ', 71), ('æ', 72), ('β', 75), ('ɔ', 76), ('ɕ', 77), ('ç', 78),
    ('ɖ', 80), ('ð', 81), ('ʤ', 82), ('ə', 83), ('ɚ', 85), ('ɛ', 86), ('ɜ', 87), ('ɟ', 90),
    ('ɡ', 92), ('ɥ', 99), ('ɨ', 101), ('ɪ', 102), ('ʝ', 103), ('ɯ', 110), ('ɰ', 111),
    ('ŋ', 112), ('ɳ', 113), ('ɲ', 114), ('ɴ', 115), ('ø', 116), ('ɸ', 118), ('θ', 119),
    ('œ', 120), ('ɹ', 123), ('ɾ', 125), ('ɻ', 126), ('ʁ', 128), ('ɽ', 129), ('ʂ', 130),
    ('ʃ', 131), ('ʈ', 132), ('ʧ', 133), ('ʊ', 135), ('ʋ', 136), ('ʌ', 138), ('ɣ', 139),
    ('ɤ', 140), ('χ', 142), ('ʎ', 143), ('ʒ', 147), ('ʔ', 148), ('ˈ', 156), ('ˌ', 157),
    ('ː', 158), ('ʰ', 162), ('ʲ', 164), ('↓', 169), ('→', 171), ('↗', 172), ('↘', 173),
    ('ᵻ', 177),
];

/// Most tokens one inference takes, the two pads around them included: the model's context.
pub const MAX_TOKENS: usize = 510;

/// Most symbols hark sends at once (well under [`MAX_TOKENS`] with the pads): a longer
/// sentence is cut at clause, then word, boundaries (Piper's cutter). The model's time per
/// second of audio grows with the input's length (about 3.1× real time at 30 symbols, 2.5× at
/// 500, on two cores, measured once by hand), and so does its memory: a sentence of 250 symbols (about 40 words)
/// goes whole, a longer one is cut where a comma or semicolon already pauses.
pub const CHUNK_SYMBOLS: usize = 250;

/// The token id of a symbol, if the model has it.
pub fn token(symbol: char) -> Option<i64> {
    VOCAB.iter().find(|(c, _)| *c == symbol).map(|&(_, id)| id)
}

/// Rewrites for every language: eSpeak NG's spelling → the model's symbol. Longest first.
const EVERY_LANGUAGE: &[(&str, &str)] = &[
    ("ʔn\u{329}", "tᵊn"),
    ("n\u{329}", "ᵊn"),
    ("l\u{329}", "ᵊl"),
    ("m\u{329}", "ᵊm"),
    ("dʒ", "ʤ"),
    ("tʃ", "ʧ"),
    ("eɪ", "A"),
    ("aɪ", "I"),
    ("aʊ", "W"),
    ("oʊ", "O"),
    ("əʊ", "Q"),
    ("ɔɪ", "Y"),
    ("ɫ", "l"),
    ("ɬ", "l"),
    ("ɝ", "ɜɹ"),
    ("g", "ɡ"),
    // eSpeak NG marks a syllable boundary or a linking with these; the model has no symbol.
    ("\u{361}", ""),
    ("‿", ""),
];

/// Rewrites for English only, where the model learnt misaki's spelling of these sounds.
const ENGLISH: &[(&str, &str)] = &[("ɚ", "əɹ"), ("ɐ", "ə"), ("r", "ɹ"), ("x", "k")];

/// Rewrites for American English only: the r-coloured vowel of "bird" written with its r.
const AMERICAN: &[(&str, &str)] = &[("ɜːɹ", "ɜɹ"), ("ɜː", "ɜɹ")];

/// eSpeak NG's IPA for `language` (the eSpeak NG voice that made it, as "en-us"; `en` is
/// British English) → the model's alphabet. Symbols the model lacks are kept: [`tokens`]
/// reports them.
pub fn to_kokoro(ipa: &str, language: &str) -> String {
    let language = language.to_ascii_lowercase();
    let english = crate::language::primary(&language) == "en";
    // eSpeak NG's plain `en` voice is British English.
    let american =
        english && language != "en" && !language.contains("gb") && !language.contains("uk");
    let mut tables: Vec<&[(&str, &str)]> = Vec::new();
    if american {
        tables.push(AMERICAN);
    }
    tables.push(EVERY_LANGUAGE);
    if english {
        tables.push(ENGLISH);
    }
    let mut out = ipa.to_string();
    for table in tables {
        out = rewrite(&out, table);
    }
    out
}

/// One pass over `text`, each position taking the longest rewrite that starts there, so a
/// symbol written by one rewrite is never rewritten by another of the same table.
fn rewrite(text: &str, table: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    'outer: while let Some(c) = rest.chars().next() {
        let mut best: Option<&(&str, &str)> = None;
        for entry in table {
            if rest.starts_with(entry.0) && best.is_none_or(|b| entry.0.len() > b.0.len()) {
                best = Some(entry);
            }
        }
        if let Some((from, to)) = best {
            out.push_str(to);
            rest = &rest[from.len()..];
            continue 'outer;
        }
        out.push(c);
        rest = &rest[c.len_utf8()..];
    }
    out
}

/// The token ids of a chunk in the model's alphabet, and the symbols it has no token for
/// (left out of the ids).
pub fn tokens(chunk: &str) -> (Vec<i64>, Vec<char>) {
    let mut ids = Vec::with_capacity(chunk.len());
    let mut unknown = Vec::new();
    for c in chunk.chars() {
        match token(c) {
            Some(id) => ids.push(id),
            None => unknown.push(c),
        }
    }
    (ids, unknown)
}

/// The first symbol of `ipa` (already in the model's alphabet) the model has no token for.
pub fn first_unknown(ipa: &str) -> Option<char> {
    ipa.chars().find(|&c| token(c).is_none())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn american_english_diphthongs_affricates_and_r() {
        // eSpeak NG en-us: "the night train to Brussels, judge, world, butter"
        assert_eq!(
            to_kokoro(
                "ðə nˈaɪt tɹˈeɪn tə bɹˈʌsəlz, dʒˈʌdʒ, wˈɜːld, bˈʌɾɚ",
                "en-us"
            ),
            "ðə nˈIt tɹˈAn tə bɹˈʌsəlz, ʤˈʌʤ, wˈɜɹld, bˈʌɾəɹ"
        );
        assert_eq!(to_kokoro("ɐbˈaʊt ɡˈoʊ bˈɔɪ", "en-us"), "əbˈWt ɡˈO bˈY");
    }

    #[test]
    fn british_english_keeps_its_long_vowels() {
        assert_eq!(to_kokoro("wˈɜːld ɡˈəʊ", "en-gb"), "wˈɜːld ɡˈQ");
    }

    #[test]
    fn other_languages_keep_their_r_and_reduced_vowels() {
        // Spanish "pero", Portuguese "casa": r and ɐ are phonemes there, and in the vocabulary.
        assert_eq!(to_kokoro("pˈeɾo rˈoxo", "es"), "pˈeɾo rˈoxo");
        assert_eq!(to_kokoro("kˈazɐ", "pt-br"), "kˈazɐ");
        // French nasal vowels keep their combining tilde, which the model has.
        let (ids, unknown) = tokens(&to_kokoro("bɔ̃ʒˈuʁ", "fr-fr"));
        assert!(unknown.is_empty(), "{unknown:?}");
        assert!(ids.contains(&17));
    }

    #[test]
    fn syllabic_consonants_become_a_small_schwa() {
        assert_eq!(to_kokoro("bˈʌʔn\u{329}", "en-us"), "bˈʌtᵊn");
        assert_eq!(to_kokoro("lˈɪʔl\u{329}", "en-us"), "lˈɪʔᵊl");
    }

    #[test]
    fn tokens_report_what_the_model_lacks() {
        let (ids, unknown) = tokens("hˈɛlO, wˈɜɹld!");
        assert_eq!(ids.len(), "hˈɛlO, wˈɜɹld!".chars().count());
        assert!(unknown.is_empty());
        assert_eq!(ids[0], 50);
        let (ids, unknown) = tokens("aǃb");
        assert_eq!(ids, [43, 44]);
        assert_eq!(unknown, ['ǃ']);
        assert_eq!(first_unknown("abc"), None);
        assert_eq!(first_unknown("aǃ"), Some('ǃ'));
    }

    #[test]
    fn every_rewrite_lands_in_the_vocabulary() {
        for table in [EVERY_LANGUAGE, ENGLISH, AMERICAN] {
            for (_, to) in table {
                assert_eq!(first_unknown(to), None, "{to}");
            }
        }
    }
}
