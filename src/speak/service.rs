//! What every live-speech backend shares: the service's settings and voices, the trait a
//! backend implements, and the plan of utterances with their waits.

use crate::error::SpeakError;
use crate::speech::{MAX_PAUSE_MS, Pauses, SectionScript};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

/// What the listener asks of the speech while a section is spoken: set from other threads (the
/// keys, Ctrl-C) and read by the backend while it waits.
#[derive(Debug, Default)]
pub struct Control {
    stop: AtomicBool,
    paused: AtomicBool,
}

impl Control {
    /// Speak on.
    pub const fn new() -> Control {
        Control {
            stop: AtomicBool::new(false),
            paused: AtomicBool::new(false),
        }
    }

    /// Stop now: the backend cancels the speech and returns [`SpeakError::Interrupted`].
    pub fn stop(&self) {
        self.stop.store(true, Ordering::SeqCst);
    }

    /// Whether [`Control::stop`] was asked.
    pub fn stopping(&self) -> bool {
        self.stop.load(Ordering::SeqCst)
    }

    /// Holds the speech where it is (`true`) or lets it go on (`false`).
    pub fn set_paused(&self, paused: bool) {
        self.paused.store(paused, Ordering::SeqCst);
    }

    /// Whether the speech is to be held.
    pub fn is_paused(&self) -> bool {
        self.paused.load(Ordering::SeqCst)
    }

    /// Speaks on from here: neither stopped nor paused (before the next section).
    pub fn carry_on(&self) {
        self.stop.store(false, Ordering::SeqCst);
        self.paused.store(false, Ordering::SeqCst);
    }
}

/// Rate, pitch and volume on speech-dispatcher's scale (-100..100), and a voice name.
#[derive(Debug, Clone, Default)]
pub struct ServiceSettings {
    /// A synthesis voice of the service (`hark voices --engine system` lists them).
    pub voice: Option<String>,
    /// -100 (slowest) to 100 (fastest); 0 is normal.
    pub rate: i8,
    /// -100 to 100.
    pub pitch: i8,
    /// -100 to 100.
    pub volume: i8,
}

/// A voice of the speech service.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServiceVoice {
    /// The name `--voice system:NAME` takes.
    pub name: String,
    /// Its language code, when the service says.
    pub language: String,
    /// Its dialect or variant, when the service says.
    pub dialect: String,
}

/// A connection to the speech service that speaks hark's sections.
pub trait LiveSpeaker {
    /// The service's voices.
    fn voices(&mut self) -> Result<Vec<ServiceVoice>, SpeakError>;

    /// Speaks one section and returns when the service says it has been spoken. `on_begin`
    /// runs when the service starts speaking it. `control` is checked while waiting: when it
    /// says stop, speech is cancelled at once and [`SpeakError::Interrupted`] returned; while
    /// it says paused, speech is held (and the time held does not count against the budget).
    /// When `next_has_heading`, the pause before the next section's heading ends this one.
    fn speak_section(
        &mut self,
        script: &SectionScript,
        pauses: &Pauses,
        next_has_heading: bool,
        control: &Control,
        on_begin: &mut dyn FnMut(),
    ) -> Result<(), SpeakError>;
}

/// How long the service may stay silent before hark says what it is waiting for: silence with
/// no word from hark is the worst thing a listener can get.
#[cfg(feature = "speak")]
pub const WAITING_SAID_AFTER: Duration = Duration::from_secs(3);

/// Says, once, that `service` has not started speaking and how long hark will wait (`budget`).
#[cfg(feature = "speak")]
pub fn say_waiting(service: &str, budget: Duration) {
    log::warn!(
        "waiting for {service} to start speaking: nothing heard after {} s; still waiting up to {} s (check its sound with `spd-say hello`)",
        WAITING_SAID_AFTER.as_secs(),
        budget.as_secs()
    );
}

/// How long hark waits for a piece of speech: generous for the slowest rate.
pub fn budget(text_chars: usize, pauses_ms: u64) -> Duration {
    Duration::from_millis(5_000 + 200 * text_chars as u64 + pauses_ms * 2)
}

/// One step of speaking a section as plain-text utterances.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    /// Wait this long in silence.
    Pause(u32),
    /// Speak this text and wait for its end.
    Say(String),
}

/// A section as utterances and waits, for services that take plain text: a pause, the heading,
/// a pause, then one utterance per sentence with the sentence and paragraph pauses between
/// them, and the pause before the next heading at the end when `next_has_heading`.
pub fn utterance_plan(
    script: &SectionScript,
    pauses: &Pauses,
    next_has_heading: bool,
) -> Vec<Step> {
    let mut steps = Vec::new();
    if let Some(heading) = &script.heading {
        steps.push(Step::Pause(pauses.heading_ms.min(MAX_PAUSE_MS)));
        steps.push(Step::Say(heading.spoken()));
        if !script.paragraphs.is_empty() {
            steps.push(Step::Pause(pauses.heading_ms.min(MAX_PAUSE_MS)));
        }
    }
    for (i, paragraph) in script.paragraphs.iter().enumerate() {
        if i > 0 {
            steps.push(Step::Pause(pauses.paragraph_ms.min(MAX_PAUSE_MS)));
        }
        for (j, sentence) in paragraph.iter().enumerate() {
            if j > 0 {
                steps.push(Step::Pause(pauses.sentence_ms.min(MAX_PAUSE_MS)));
            }
            let text = sentence.spoken();
            if !text.trim().is_empty() {
                steps.push(Step::Say(text));
            }
        }
    }
    if next_has_heading {
        steps.push(Step::Pause(pauses.heading_ms.min(MAX_PAUSE_MS)));
    }
    // A pause that opens the first section is harmless; two pauses in a row become one.
    steps.dedup_by(|b, a| match (a, b) {
        (Step::Pause(x), Step::Pause(y)) => {
            *x = (*x).max(*y);
            true
        }
        _ => false,
    });
    steps
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::speech::Sentence;

    #[test]
    fn budget_grows_with_text() {
        assert!(budget(1000, 0) > budget(10, 0));
        assert!(budget(10, 0) >= Duration::from_secs(5));
    }

    #[test]
    fn plan_has_the_pauses_between_utterances() {
        let script = SectionScript {
            language: "en".into(),
            heading: Some(Sentence::new("Heading")),
            paragraphs: vec![
                vec![Sentence::new("One."), Sentence::new("Two.")],
                vec![Sentence::new("Dr Three.")],
            ],
            ..Default::default()
        };
        let pauses = Pauses {
            heading_ms: 1500,
            paragraph_ms: 600,
            sentence_ms: 250,
        };
        let plan = utterance_plan(&script, &pauses, true);
        use Step::*;
        assert_eq!(
            plan,
            vec![
                Pause(1500),
                Say("Heading".into()),
                Pause(1500),
                Say("One.".into()),
                Pause(250),
                Say("Two.".into()),
                Pause(600),
                Say("Doctor Three.".into()),
                Pause(1500),
            ]
        );
        // No heading, no next heading: no pauses at the ends; over-long pauses are capped.
        let long = Pauses {
            heading_ms: 99_000,
            paragraph_ms: 99_000,
            sentence_ms: 0,
        };
        let plain = SectionScript {
            language: "en".into(),
            heading: None,
            ..script
        };
        let plan = utterance_plan(&plain, &long, false);
        assert_eq!(plan.first(), Some(&Say("One.".into())));
        assert_eq!(plan.last(), Some(&Say("Doctor Three.".into())));
        assert!(plan.contains(&Pause(MAX_PAUSE_MS)));
    }
}
