//! IPA as lexicons write it, made ready for an engine: the marks that only help a reader
//! (tie bars, syllable dots, slashes or brackets around it) taken out, and the two forms of
//! some letters made one (ASCII `g` is IPA's `ɡ`; `ʼ` and `'` are not stress marks).

/// `ipa` with tie bars, syllable breaks and enclosing `/…/` or `[…]` removed, `g` made `ɡ`,
/// an apostrophe used as a stress mark made `ˈ`, runs of spaces made one, and a word with no
/// primary stress stressed on its first syllable: IPA leaves a word of one syllable unmarked,
/// but eSpeak NG says an unmarked word as unstressed (swallowed), and Piper's voices learnt
/// from eSpeak NG's phonemes, which always mark it.
pub fn cleaned(ipa: &str) -> String {
    let inner = ipa
        .trim()
        .trim_matches(|c| matches!(c, '/' | '[' | ']'))
        .trim();
    let mut out = String::with_capacity(inner.len());
    for c in inner.chars() {
        match c {
            // Tie bars above and below, syllable breaks, linking marks: how a reader groups
            // the sounds, not sounds.
            '\u{0361}' | '\u{035C}' | '.' | '‿' => {}
            'g' => out.push('ɡ'),
            '\'' | '’' => out.push('ˈ'),
            ',' => out.push('ˌ'),
            c if c.is_whitespace() => {
                if !out.ends_with(' ') && !out.is_empty() {
                    out.push(' ');
                }
            }
            c => out.push(c),
        }
    }
    out.split(' ')
        .filter(|w| !w.is_empty())
        .map(|w| {
            if w.contains('ˈ') {
                w.to_string()
            } else {
                format!("ˈ{}", w.trim_start_matches('ˌ'))
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reading_aids_go_and_letters_are_made_one() {
        assert_eq!(cleaned("/oˈtuŋ.ge/"), "oˈtuŋɡe");
        assert_eq!(cleaned("[t͡ʃa'ka]"), "tʃaˈka");
        assert_eq!(cleaned(" kinˈdi  ki "), "kinˈdi ˈki");
        assert_eq!(cleaned("niːv"), "ˈniːv");
    }
}
