//! Rendering speech: a section's [`SectionScript`] + an [`Engine`] → [`SectionAudio`].
//!
//! One sentence at a time: each sentence's audio is trimmed of the engine's own silence, and
//! hark inserts the pauses (before and after the heading, between paragraphs and sentences)
//! as exact runs of zero samples. Cue times come from sample counts, so they never drift.

use crate::audio::{push_silence, trim_silence};
use crate::error::SynthError;
use crate::speech::{Pauses, SectionScript, Sentence};
use crate::synth::{Engine, SectionResults, Utterance};

/// A subtitle cue: a sentence as written, and where its audio lies (in samples).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cue {
    /// First sample.
    pub start: u64,
    /// One past the last sample.
    pub end: u64,
    /// The sentence as written.
    pub text: String,
}

/// A section's audio and cues.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SectionAudio {
    /// Mono samples at the engine's rate.
    pub samples: Vec<i16>,
    /// One cue per sentence, heading first.
    pub cues: Vec<Cue>,
}

/// Synthesizes a section. The first sentence that fails stops the section (its error names it).
pub fn render_section(
    script: &SectionScript,
    engine: &mut dyn Engine,
    pauses: &Pauses,
) -> Result<SectionAudio, SectionError> {
    let rate = engine.voice().sample_rate;
    let results = engine.synthesize_all(&utterances(script));
    assemble(script, results, pauses, rate)
}

/// What a section asks the engine to say: its sentences in speaking order, heading first, each
/// with the language of a passage.
pub fn utterances(script: &SectionScript) -> Vec<Utterance> {
    script
        .sentences()
        .map(|s| {
            let (text, ipa) = s.spoken_with_ipa();
            Utterance {
                text,
                language: s.language.clone(),
                ipa,
            }
        })
        .collect()
}

/// A section's audio from the engine's results for its [`utterances`]: each sentence trimmed
/// of the engine's silence, hark's pauses between them, a cue per sentence.
pub fn assemble(
    script: &SectionScript,
    results: SectionResults,
    pauses: &Pauses,
    rate: u32,
) -> Result<SectionAudio, SectionError> {
    // The whole section is allocated once, at its most (the sentences untrimmed, every pause
    // the longest): grown by doubling, a chapter of an hour would briefly take three times its
    // size while being copied.
    let spoken: usize = results.iter().map(|r| r.as_ref().map_or(0, Vec::len)).sum();
    let longest_pause = pauses
        .heading_ms
        .max(pauses.paragraph_ms)
        .max(pauses.sentence_ms);
    let gaps = results.len() + 2;
    let capacity = spoken + gaps * crate::audio::samples_for_ms(longest_pause, rate);
    let mut audio = results.into_iter();
    let mut out = SectionAudio {
        samples: Vec::with_capacity(capacity),
        cues: Vec::new(),
    };
    let mut say = |out: &mut SectionAudio, sentence: &Sentence| -> Result<(), SectionError> {
        let samples = audio
            .next()
            .unwrap_or_else(|| Ok(Vec::new()))
            .map_err(|source| SectionError {
                sentence: sentence.written(),
                source,
            })?;
        let start = out.samples.len() as u64;
        out.samples.extend_from_slice(trim_silence(&samples));
        out.cues.push(Cue {
            start,
            end: out.samples.len() as u64,
            text: sentence.written(),
        });
        Ok(())
    };
    if let Some(heading) = &script.heading {
        push_silence(&mut out.samples, pauses.heading_ms, rate);
        say(&mut out, heading)?;
        // A heading alone (an empty section) is not followed by a pause of its own: the next
        // section's heading brings one.
        if !script.paragraphs.is_empty() {
            push_silence(&mut out.samples, pauses.heading_ms, rate);
        }
    }
    for (p, paragraph) in script.paragraphs.iter().enumerate() {
        if p > 0 {
            push_silence(&mut out.samples, pauses.paragraph_ms, rate);
        }
        for (s, sentence) in paragraph.iter().enumerate() {
            if s > 0 {
                push_silence(&mut out.samples, pauses.sentence_ms, rate);
            }
            say(&mut out, sentence)?;
        }
    }
    // The subtitles end with the audio, whatever silence closes it.
    if let Some(last) = out.cues.last_mut() {
        last.end = out.samples.len() as u64;
    }
    Ok(out)
}

/// A sentence the engine could not speak.
#[derive(Debug, thiserror::Error)]
#[error("cannot speak the sentence \"{}\": {source}", preview(sentence))]
pub struct SectionError {
    /// The sentence as written.
    pub sentence: String,
    /// What the engine said.
    #[source]
    pub source: SynthError,
}

fn preview(s: &str) -> String {
    let mut p: String = s.chars().take(60).collect();
    if s.chars().count() > 60 {
        p.push('…');
    }
    p
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::audio::samples_for_ms;
    use crate::synth::mock::MockEngine;

    fn script() -> SectionScript {
        SectionScript {
            language: "en".into(),
            heading: Some(Sentence::new("Head")),
            paragraphs: vec![
                vec![Sentence::new("One."), Sentence::new("Two.")],
                vec![Sentence::new("Three.")],
            ],
            ..Default::default()
        }
    }

    #[test]
    fn pauses_are_exact_and_cues_follow_samples() {
        let pauses = Pauses {
            heading_ms: 1000,
            paragraph_ms: 500,
            sentence_ms: 250,
        };
        let mut engine = MockEngine::default();
        let audio = render_section(&script(), &mut engine, &pauses).unwrap();
        let rate = 8000;
        let heading = samples_for_ms(1000, rate) as u64;
        assert_eq!(audio.cues[0].start, heading);
        assert_eq!(audio.cues[1].start, audio.cues[0].end + heading);
        assert_eq!(
            audio.cues[2].start,
            audio.cues[1].end + samples_for_ms(250, rate) as u64
        );
        assert_eq!(
            audio.cues[3].start,
            audio.cues[2].end + samples_for_ms(500, rate) as u64
        );
        assert_eq!(audio.cues.last().unwrap().end, audio.samples.len() as u64);
        assert!(audio.samples[..heading as usize].iter().all(|&s| s == 0));
    }

    #[test]
    fn a_failing_sentence_names_itself() {
        let s = SectionScript {
            language: "en".into(),
            heading: None,
            paragraphs: vec![vec![Sentence::new("Please go boom here.")]],
            ..Default::default()
        };
        let err = render_section(&s, &mut MockEngine::default(), &Pauses::default()).unwrap_err();
        assert!(err.to_string().contains("Please go boom here."));
    }
}
