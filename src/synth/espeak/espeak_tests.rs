//! Tests of [`super`]: eSpeak NG's voices, rates, phonemes and passages, against the real library.
use super::*;

#[test]
fn speaks_a_sentence_at_its_sample_rate() {
    let mut e =
        Espeak::new("en-us", Prosody::default()).expect("eSpeak NG is installed for the tests");
    let samples = e.synthesize("Hello world.").unwrap();
    let seconds = samples.len() as f32 / e.voice().sample_rate as f32;
    assert!((0.4..3.0).contains(&seconds), "{seconds} s");
    assert!(samples.iter().any(|s| s.unsigned_abs() > 1000), "audible");
}

/// A passage in French, given to the English voice, is spoken as the French voice speaks
/// it, not read with English letter-to-sound rules.
#[test]
fn a_passage_is_spoken_in_its_own_language() {
    let text = "Nous avons attendu ce jour pendant deux longues années.";
    let mut english = Espeak::new("en-us", Prosody::default()).unwrap();
    let passage = english
        .synthesize_all(&[Utterance {
            text: text.into(),
            language: Some("fr".into()),
            ipa: vec![],
        }])
        .remove(0)
        .unwrap();
    let as_english = english.synthesize(text).unwrap();
    let mut french = Espeak::new("fr", Prosody::default()).unwrap();
    let as_french = french.synthesize(text).unwrap();
    // The same phonemes as the French voice's; the length differs by the voices' speeds,
    // which the passage keeps from the article's voice.
    let apart = |a: usize, b: usize| a.abs_diff(b);
    assert!(
        apart(passage.len(), as_french.len()) < apart(passage.len(), as_english.len()),
        "passage {} samples, French voice {}, English {}",
        passage.len(),
        as_french.len(),
        as_english.len()
    );
    assert_ne!(passage, as_english);
}

/// Text that opens with '<' is not taken for markup, and a passage's text is escaped.
#[test]
fn requests_are_text_or_a_passage_document() {
    let plain = request(&Utterance::plain("<3 is a heart"));
    assert_eq!(plain.to_str().unwrap(), " <3 is a heart");
    let passage = request(&Utterance {
        text: "Tom & Jerry".into(),
        language: Some("fr".into()),
        ipa: vec![],
    });
    assert_eq!(
        passage.to_str().unwrap(),
        "<speak xml:lang=\"fr\">Tom &amp; Jerry</speak>"
    );
}

#[test]
fn faster_rate_is_shorter() {
    let text = "The quick brown fox jumps over the lazy dog.";
    let slow = Espeak::new(
        "en-us",
        Prosody {
            rate: super::super::Rate::Factor(0.8),
            ..Prosody::default()
        },
    )
    .unwrap()
    .synthesize(text)
    .unwrap();
    let fast = Espeak::new(
        "en-us",
        Prosody {
            rate: super::super::Rate::Factor(1.6),
            ..Prosody::default()
        },
    )
    .unwrap()
    .synthesize(text)
    .unwrap();
    assert!(
        fast.len() * 3 < slow.len() * 2,
        "{} vs {}",
        fast.len(),
        slow.len()
    );
}

#[test]
fn ipa_clauses_keep_their_punctuation() {
    let espeak = Espeak::new("en-us", Prosody::default()).unwrap();
    let clauses = espeak.ipa_clauses("Hello, world. How are you?").unwrap();
    let punct: Vec<Option<char>> = clauses.iter().map(|c| c.punctuation).collect();
    assert_eq!(punct, [Some(','), Some('.'), Some('?')]);
    assert!(
        clauses[0].phonemes.contains('ə') || clauses[0].phonemes.contains('h'),
        "{clauses:?}"
    );
}

#[test]
fn voices_by_language_code() {
    for voice in ["en-gb", "en-us", "fr", "de"] {
        Espeak::new(voice, Prosody::default()).unwrap_or_else(|e| panic!("{voice}: {e}"));
    }
}

#[test]
fn unknown_voice_is_an_error_naming_it() {
    let err = Espeak::new("no-such-voice-xx", Prosody::default())
        .err()
        .expect("no such voice");
    assert!(err.to_string().contains("no-such-voice-xx"));
}

#[test]
fn lists_voices_with_english() {
    let list = voices().unwrap();
    assert!(list.iter().any(|v| v.name.starts_with("en")), "{list:?}");
}

/// A lexicon's IPA goes to eSpeak NG as its phoneme input; the article's own `[[` never does,
/// and IPA with a symbol that has no mnemonic is said as the words.
#[test]
fn ipa_is_given_as_phonemes_and_the_articles_brackets_are_not() {
    use crate::speech::piece::IpaSpan;
    let text = "See [[this]] and Otunge, then Xhosa.";
    let at = |word: &str| text.find(word).unwrap();
    let utterance = Utterance {
        text: text.into(),
        language: None,
        ipa: vec![
            IpaSpan {
                start: at("Otunge"),
                end: at("Otunge") + "Otunge".len(),
                ipa: "/oˈtuŋ.ge/".into(),
            },
            IpaSpan {
                start: at("Xhosa"),
                end: at("Xhosa") + "Xhosa".len(),
                ipa: "ǁʰosa".into(),
            },
        ],
    };
    assert_eq!(
        request(&utterance).to_str().unwrap(),
        "See [ [this]] and [[o'tuNge]], then Xhosa."
    );
    let mut voice = Espeak::new("en-us", Prosody::default()).unwrap();
    let as_phonemes = voice.synthesize_all(&[utterance]).remove(0).unwrap();
    let as_written = voice.synthesize(text).unwrap();
    assert_ne!(as_phonemes, as_written);
}

/// eSpeak NG's English dictionary has "Nairobi" and not "Otunge", which it guesses at.
#[cfg(unix)]
#[test]
fn the_dictionary_knows_some_names_and_not_others() {
    let voice = Espeak::new("en-us", Prosody::default()).unwrap();
    assert_eq!(
        voice.in_dictionary(&["Nairobi", "Otunge", "the"]).unwrap(),
        [true, false, true]
    );
    // The trace is off again: speaking still works.
    assert!(
        !Espeak::new("en-us", Prosody::default())
            .unwrap()
            .synthesize("Hello.")
            .unwrap()
            .is_empty()
    );
}
