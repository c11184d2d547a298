//! The system speech service through the `tts` crate: SAPI/WinRT on Windows, AVFoundation on
//! macOS, libspeechd on Linux (the `tts` cargo feature, so CI compiles and runs this path).
//!
//! These services take plain text, not SSML, so a section is spoken as the steps of
//! [`utterance_plan`]: one utterance per sentence, each waited for through the crate's
//! end-of-utterance callback, with hark's pauses as silent waits between them. A pause asked
//! for (the space key) holds the speech after the utterance being spoken, since the crate has
//! no pause of its own on every platform.

use super::service::{
    Control, LiveSpeaker, ServiceSettings, ServiceVoice, Step, WAITING_SAID_AFTER, budget,
    say_waiting, utterance_plan,
};
use crate::error::SpeakError;
use crate::speech::{Pauses, SectionScript};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};
use tts::{Features, Tts, UtteranceId};

/// What the service reports about an utterance.
enum Event {
    Begin,
    End,
    Stopped,
}

/// A `tts` crate connection with its utterance events.
pub struct TtsSpeaker {
    tts: Tts,
    events: Receiver<(UtteranceId, Event)>,
    /// Whether hark has said it is waiting for a silent service (once a run is enough).
    said_waiting: bool,
}

/// How often hark looks up from waiting, to notice Ctrl-C.
const POLL: Duration = Duration::from_millis(100);

fn service(e: tts::Error) -> SpeakError {
    SpeakError::Service(e.to_string())
}

/// Maps -100..100 (0 normal) onto a backend's own `min..normal..max` scale.
fn scaled(value: i8, min: f32, normal: f32, max: f32) -> f32 {
    let v = f32::from(value) / 100.0;
    if v >= 0.0 {
        normal + v * (max - normal)
    } else {
        normal + v * (normal - min)
    }
}

impl TtsSpeaker {
    /// Opens the platform's speech service and applies the settings.
    pub fn connect(settings: &ServiceSettings) -> Result<Self, SpeakError> {
        let mut tts = Tts::default().map_err(|e| {
            SpeakError::Service(format!("cannot open the system speech service: {e}"))
        })?;
        let Features {
            utterance_callbacks,
            rate,
            pitch,
            volume,
            voice,
            ..
        } = tts.supported_features();
        if !utterance_callbacks {
            return Err(SpeakError::Unsupported(
                "this speech service does not report when an utterance ends, which hark needs to place its pauses; use hark export".into(),
            ));
        }
        let (sender, events) = channel();
        let begin = sender.clone();
        let stopped = sender.clone();
        tts.on_utterance_begin(Some(Box::new(move |id| {
            let _ = begin.send((id, Event::Begin));
        })))
        .map_err(service)?;
        tts.on_utterance_end(Some(Box::new(move |id| {
            let _ = sender.send((id, Event::End));
        })))
        .map_err(service)?;
        tts.on_utterance_stop(Some(Box::new(move |id| {
            let _ = stopped.send((id, Event::Stopped));
        })))
        .map_err(service)?;
        if rate {
            let r = scaled(
                settings.rate,
                tts.min_rate(),
                tts.normal_rate(),
                tts.max_rate(),
            );
            tts.set_rate(r).map_err(service)?;
        }
        if pitch {
            let p = scaled(
                settings.pitch,
                tts.min_pitch(),
                tts.normal_pitch(),
                tts.max_pitch(),
            );
            tts.set_pitch(p).map_err(service)?;
        }
        if volume {
            let v = scaled(
                settings.volume,
                tts.min_volume(),
                tts.normal_volume(),
                tts.max_volume(),
            );
            tts.set_volume(v).map_err(service)?;
        }
        if let Some(name) = &settings.voice {
            let not_found = |message: String| SpeakError::Voice {
                voice: name.clone(),
                message,
            };
            if !voice {
                return Err(not_found("this speech service cannot change voices".into()));
            }
            let voices = tts.voices().map_err(service)?;
            let chosen = voices
                .iter()
                .find(|v| v.name().eq_ignore_ascii_case(name) || v.id() == *name)
                .ok_or_else(|| not_found("no voice by that name".into()))?;
            tts.set_voice(chosen).map_err(service)?;
        }
        Ok(TtsSpeaker {
            tts,
            events,
            said_waiting: false,
        })
    }

    /// Speaks one utterance and waits for its end (or Ctrl-C, or the budget).
    fn say(
        &mut self,
        text: &str,
        control: &Control,
        on_begin: &mut dyn FnMut(),
    ) -> Result<(), SpeakError> {
        // Events of utterances before this one (a late begin or stop) are not this one's.
        while self.events.try_recv().is_ok() {}
        let id = self.tts.speak(text, false).map_err(service)?;
        let limit = budget(text.chars().count(), 0);
        let sent = Instant::now();
        let deadline = sent + limit;
        let mut begun = false;
        loop {
            if control.stopping() {
                let _ = self.tts.stop();
                return Err(SpeakError::Interrupted);
            }
            match self.events.recv_timeout(POLL) {
                Ok((event_id, event)) if id.is_none() || id == Some(event_id) => match event {
                    Event::Begin => {
                        begun = true;
                        on_begin()
                    }
                    Event::End => return Ok(()),
                    Event::Stopped => return Err(SpeakError::Cancelled),
                },
                Ok(_) => {}
                Err(RecvTimeoutError::Timeout) => {
                    if !begun && !self.said_waiting && sent.elapsed() >= WAITING_SAID_AFTER {
                        self.said_waiting = true;
                        say_waiting("the speech service", limit);
                    }
                    if Instant::now() > deadline {
                        let _ = self.tts.stop();
                        return Err(SpeakError::Timeout {
                            seconds: limit.as_secs(),
                        });
                    }
                }
                Err(RecvTimeoutError::Disconnected) => {
                    return Err(SpeakError::Service(
                        "the speech service stopped reporting events".into(),
                    ));
                }
            }
        }
    }
}

/// Waits `ms` in silence, looking up for Ctrl-C.
fn pause(ms: u32, control: &Control) -> Result<(), SpeakError> {
    let end = Instant::now() + Duration::from_millis(u64::from(ms));
    while Instant::now() < end {
        if control.stopping() {
            return Err(SpeakError::Interrupted);
        }
        std::thread::sleep(POLL.min(end.saturating_duration_since(Instant::now())));
    }
    Ok(())
}

/// Waits while the listener holds the speech.
fn hold(control: &Control) -> Result<(), SpeakError> {
    while control.is_paused() {
        if control.stopping() {
            return Err(SpeakError::Interrupted);
        }
        std::thread::sleep(POLL);
    }
    Ok(())
}

impl LiveSpeaker for TtsSpeaker {
    fn voices(&mut self) -> Result<Vec<ServiceVoice>, SpeakError> {
        Ok(self
            .tts
            .voices()
            .map_err(service)?
            .into_iter()
            .map(|v| ServiceVoice {
                name: v.name(),
                language: v.language().to_string(),
                dialect: String::new(),
            })
            .collect())
    }

    fn speak_section(
        &mut self,
        script: &SectionScript,
        pauses: &Pauses,
        next_has_heading: bool,
        control: &Control,
        on_begin: &mut dyn FnMut(),
    ) -> Result<(), SpeakError> {
        // The section starts for the listener with its first utterance, not its opening pause.
        let mut started = false;
        for step in utterance_plan(script, pauses, next_has_heading) {
            hold(control)?;
            match step {
                Step::Pause(ms) => pause(ms, control)?,
                Step::Say(text) => self.say(&text, control, &mut || {
                    if !started {
                        started = true;
                        on_begin();
                    }
                })?,
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_map_onto_the_backends_scale() {
        // speech-dispatcher's own scale, and WinRT's rate (0.5..6, 1 normal).
        assert_eq!(scaled(0, -100.0, 0.0, 100.0), 0.0);
        assert_eq!(scaled(-50, -100.0, 0.0, 100.0), -50.0);
        assert_eq!(scaled(0, 0.5, 1.0, 6.0), 1.0);
        assert_eq!(scaled(100, 0.5, 1.0, 6.0), 6.0);
        assert_eq!(scaled(-100, 0.5, 1.0, 6.0), 0.5);
    }
}
