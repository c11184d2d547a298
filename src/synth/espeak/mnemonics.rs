//! IPA to eSpeak NG's phoneme mnemonics, for a lexicon's `<phoneme>` entries: eSpeak NG reads
//! phonemes between `[[` and `]]` in its own ASCII notation (`θ` is `T`, `ʃ` is `S`, `ə` is
//! `@`), not IPA. The table holds the symbols eSpeak NG's base phoneme tables share across
//! languages; an IPA string with a symbol outside it is not converted (the caller says the
//! entry's words instead, with a warning), since a wrong mnemonic would be said as noise.

/// IPA sequences and their mnemonics; longer sequences come before their first symbol.
const TABLE: &[(&str, &str)] = &[
    // Affricates and diphthongs, before their parts.
    ("tʃ", "tS"),
    ("dʒ", "dZ"),
    ("ts", "ts"),
    ("dz", "dz"),
    ("eɪ", "eI"),
    ("aɪ", "aI"),
    ("ɔɪ", "OI"),
    ("aʊ", "aU"),
    ("oʊ", "oU"),
    ("əʊ", "@U"),
    ("ɪə", "i@"),
    ("eə", "e@"),
    ("ʊə", "U@"),
    // Vowels.
    ("i", "i"),
    ("ɪ", "I"),
    ("e", "e"),
    ("ɛ", "E"),
    ("æ", "a"),
    ("a", "a"),
    ("ɐ", "a#"),
    ("ɑ", "A"),
    ("ɒ", "0"),
    ("ɔ", "O"),
    ("o", "o"),
    ("ʊ", "U"),
    ("u", "u"),
    ("ʌ", "V"),
    ("ə", "@"),
    ("ɚ", "3"),
    ("ɜ", "3"),
    ("ɨ", "i#"),
    ("y", "y"),
    ("ø", "Y"),
    ("œ", "W"),
    // Consonants.
    ("p", "p"),
    ("b", "b"),
    ("t", "t"),
    ("d", "d"),
    ("k", "k"),
    ("ɡ", "g"),
    ("q", "q"),
    ("ʔ", "?"),
    ("m", "m"),
    ("n", "n"),
    ("ɲ", "n^"),
    ("ŋ", "N"),
    ("f", "f"),
    ("v", "v"),
    ("θ", "T"),
    ("ð", "D"),
    ("s", "s"),
    ("z", "z"),
    ("ʃ", "S"),
    ("ʒ", "Z"),
    ("ç", "C"),
    ("x", "x"),
    ("ɣ", "Q"),
    ("χ", "X"),
    ("h", "h"),
    ("ɦ", "h"),
    ("l", "l"),
    ("ɫ", "l"),
    ("ʎ", "l^"),
    ("r", "r"),
    ("ɹ", "r"),
    ("ɾ", "r"),
    ("j", "j"),
    ("w", "w"),
    ("ʍ", "w"),
    ("β", "B"),
    // Marks.
    ("ː", ":"),
    ("ˑ", ""),
    ("ˈ", "'"),
    ("ˌ", ","),
    (" ", " "),
];

/// `ipa` (as [`crate::lexicon::ipa::cleaned`] leaves it) in eSpeak NG's mnemonics, or the
/// first symbol that has none.
pub fn from_ipa(ipa: &str) -> Result<String, char> {
    let mut out = String::with_capacity(ipa.len() + 4);
    let mut rest = ipa;
    while let Some(c) = rest.chars().next() {
        match TABLE.iter().find(|(from, _)| rest.starts_with(from)) {
            Some((from, to)) => {
                out.push_str(to);
                rest = &rest[from.len()..];
            }
            None => return Err(c),
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ipa_becomes_mnemonics_longest_first() {
        assert_eq!(from_ipa("oˈtuŋɡe").as_deref(), Ok("o'tuNge"));
        assert_eq!(from_ipa("ˈtʃɜːtʃ").as_deref(), Ok("'tS3:tS"));
        assert_eq!(from_ipa("ðə θɪŋz").as_deref(), Ok("D@ TINz"));
        assert_eq!(from_ipa("ˈeɪdʒ").as_deref(), Ok("'eIdZ"));
    }

    #[test]
    fn a_symbol_without_a_mnemonic_is_named() {
        assert_eq!(from_ipa("ʘa"), Err('ʘ'));
    }
}
