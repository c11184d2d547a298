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
    utterances_from(script, 0, usize::MAX)
}

/// [`utterances`] of `count` sentences from the `first` (a piece of a long section), made for
/// those sentences only.
pub fn utterances_from(script: &SectionScript, first: usize, count: usize) -> Vec<Utterance> {
    script
        .sentences()
        .skip(first)
        .take(count)
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
    let mut samples = Vec::with_capacity(capacity);
    let mut assembler = SectionAssembler::new(script, pauses, rate);
    assembler.push(results, &mut samples)?;
    Ok(SectionAudio {
        samples,
        cues: assembler.finish(),
    })
}

/// The silence before each sentence of a section, in speaking order (heading first), in ms:
/// the heading pause around the heading (none after a heading alone: the next section's heading
/// brings one), the paragraph pause between paragraphs, the sentence pause between sentences.
pub fn pauses_before(script: &SectionScript, pauses: &Pauses) -> Vec<u32> {
    let mut out = Vec::new();
    if script.heading.is_some() {
        out.push(pauses.heading_ms);
    }
    for (p, paragraph) in script.paragraphs.iter().enumerate() {
        for s in 0..paragraph.len() {
            out.push(match (p, s) {
                (0, 0) if script.heading.is_some() => pauses.heading_ms,
                (0, 0) => 0,
                (_, 0) => pauses.paragraph_ms,
                _ => pauses.sentence_ms,
            });
        }
    }
    out
}

/// Assembles a section from its sentences' results as they come, in runs (a long chapter is
/// spoken a piece at a time): each run's samples are appended to the caller's buffer, exactly
/// as [`assemble`] would place them in the whole, and the cues are kept (counted from the
/// section's start) until [`SectionAssembler::finish`].
pub struct SectionAssembler<'a> {
    sentences: Vec<&'a Sentence>,
    silences: Vec<u32>,
    rate: u32,
    /// The next sentence, in speaking order.
    next: usize,
    /// Samples of the section so far.
    position: u64,
    cues: Vec<Cue>,
}

impl<'a> SectionAssembler<'a> {
    pub fn new(script: &'a SectionScript, pauses: &Pauses, rate: u32) -> Self {
        SectionAssembler {
            sentences: script.sentences().collect(),
            silences: pauses_before(script, pauses),
            rate,
            next: 0,
            position: 0,
            cues: Vec::new(),
        }
    }

    /// The next sentences' results, in order, appended to `out` with their pauses. The first
    /// that failed stops the section (its error names it).
    pub fn push(
        &mut self,
        results: SectionResults,
        out: &mut Vec<i16>,
    ) -> Result<(), SectionError> {
        for result in results {
            let Some(sentence) = self.sentences.get(self.next) else {
                break;
            };
            let samples = result.map_err(|source| SectionError {
                sentence: sentence.written(),
                source,
            })?;
            let before = out.len();
            push_silence(out, self.silences[self.next], self.rate);
            let start = self.position + (out.len() - before) as u64;
            out.extend_from_slice(trim_silence(&samples));
            self.position += (out.len() - before) as u64;
            self.cues.push(Cue {
                start,
                end: self.position,
                text: sentence.written(),
            });
            self.next += 1;
        }
        Ok(())
    }

    /// The sentences not yet pushed, in speaking order from the next.
    pub fn remaining(&self) -> usize {
        self.sentences.len() - self.next
    }

    /// The section's cues; the last ends with the audio.
    pub fn finish(mut self) -> Vec<Cue> {
        if let Some(last) = self.cues.last_mut() {
            last.end = self.position;
        }
        self.cues
    }
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

    /// A section assembled in runs comes out sample for sample, cue for cue, as the whole.
    #[test]
    fn runs_assemble_as_the_whole() {
        let pauses = Pauses {
            heading_ms: 700,
            paragraph_ms: 400,
            sentence_ms: 150,
        };
        let script = script();
        let mut engine = MockEngine::default();
        let whole = render_section(&script, &mut engine, &pauses).unwrap();
        let rate = engine.voice().sample_rate;
        let all = utterances(&script);
        let mut samples = Vec::new();
        let mut assembler = SectionAssembler::new(&script, &pauses, rate);
        for run in all.chunks(2) {
            let results = engine.synthesize_all(run);
            assembler.push(results, &mut samples).unwrap();
        }
        assert_eq!(assembler.remaining(), 0);
        assert_eq!(assembler.finish(), whole.cues);
        assert_eq!(samples, whole.samples);
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
