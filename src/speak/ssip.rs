//! speech-dispatcher over its SSIP socket, with a pure-Rust client used blocking (no system
//! library at build time).
//!
//! Each section goes as one SSML message (speech-dispatcher's SSML data mode) written by our
//! own SSML writer, so the pauses at the headings are `<break>`s the service honours. hark waits
//! for each message's end event before sending the next, so it knows where the listener is; a
//! service that never reports the end is given up on after a budget from the text's length.
//!
//! Pause, resume and cancel are requests on the same socket as the events: their replies are
//! read at once, and an event that arrives before a reply is skipped, noting an end (the
//! section's message is the only one in flight).

use super::service::{
    Control, LiveSpeaker, ServiceSettings, ServiceVoice, WAITING_SAID_AFTER, budget, say_waiting,
};
use crate::error::SpeakError;
use crate::markup::section_ssml_then_pause;
use crate::speech::{MAX_PAUSE_MS, Pauses, SectionScript};
use ssip_client_async::{
    Client, ClientError, ClientName, ClientScope, EVENT_CANCELED, EVENT_END, EventType,
    MessageScope, NotificationType, OK_CANCELED, OK_CLIENT_NAME_SET, OK_NOTIFICATION_SET,
    OK_PAUSED, OK_PITCH_SET, OK_RATE_SET, OK_RECEIVING_DATA, OK_RESUMED, OK_SSML_MODE_SET,
    OK_VOICE_SET, OK_VOLUME_SET, fifo,
};
use std::os::unix::net::UnixStream;
use std::path::PathBuf;
use std::time::{Duration, Instant};

/// The SSML message for a section and the time it may take. eSpeak NG behind speech-dispatcher
/// drops a `<break>` that opens a message, so when `next_has_heading` the pause before the next
/// section's heading closes this message instead.
pub fn section_message(
    script: &SectionScript,
    pauses: &Pauses,
    next_has_heading: bool,
) -> (String, Duration) {
    let closing = if next_has_heading {
        pauses.heading_ms.min(MAX_PAUSE_MS)
    } else {
        0
    };
    let ssml = section_ssml_then_pause(script, pauses, &script.language, closing);
    let chars: usize = script.sentences().map(|s| s.spoken().chars().count()).sum();
    let pause_ms = u64::from(pauses.heading_ms) * 2
        + u64::from(closing)
        + u64::from(pauses.paragraph_ms.max(pauses.sentence_ms))
            * script.sentences().count() as u64;
    (ssml, budget(chars, pause_ms))
}

/// Where speech-dispatcher listens, found as libspeechd finds it: `SPEECHD_ADDRESS`
/// (`unix_socket:PATH`), else `speech-dispatcher/speechd.sock` in the user's runtime folder
/// (`$XDG_RUNTIME_DIR`), or in the cache folder (`$XDG_CACHE_HOME`, else `~/.cache`) when
/// there is no runtime folder, as GLib's `g_get_user_runtime_dir` falls back. An autospawned
/// speech-dispatcher listens there too. The flag says whether it is the usual socket (which
/// speech-dispatcher may autospawn).
pub fn socket_path() -> Result<(PathBuf, bool), SpeakError> {
    if let Ok(address) = std::env::var("SPEECHD_ADDRESS") {
        let address = address.trim();
        if let Some(path) = address.strip_prefix("unix_socket:") {
            return Ok((PathBuf::from(path), false));
        }
        if address != "unix_socket" {
            return Err(SpeakError::Unsupported(format!(
                "SPEECHD_ADDRESS={address}: hark speaks to speech-dispatcher over its unix socket (unix_socket:PATH)"
            )));
        }
    }
    usual_socket(dirs::runtime_dir(), dirs::cache_dir())
        .map(|path| (path, true))
        .ok_or_else(|| {
            SpeakError::Unsupported(
                "cannot tell where speech-dispatcher listens: neither XDG_RUNTIME_DIR nor HOME is \
                 set (set one, or SPEECHD_ADDRESS=unix_socket:PATH)"
                    .into(),
            )
        })
}

/// The usual socket in the runtime folder, else in the cache folder.
fn usual_socket(runtime: Option<PathBuf>, cache: Option<PathBuf>) -> Option<PathBuf> {
    Some(runtime.or(cache)?.join("speech-dispatcher/speechd.sock"))
}

/// A connection to speech-dispatcher, set up for hark.
pub struct Speaker {
    client: Client<UnixStream>,
    socket: PathBuf,
    /// The end or cancel event skipped while a reply was awaited, if one was.
    skipped_end: Option<u16>,
}

/// How often hark looks up from waiting, to notice Ctrl-C.
const POLL: Duration = Duration::from_millis(200);

impl Speaker {
    /// Connects (autospawning the service on its usual socket, as its own clients do) and
    /// applies the settings.
    pub fn connect(settings: &ServiceSettings) -> Result<Self, SpeakError> {
        let (socket, usual) = socket_path()?;
        let build = || {
            fifo::synchronous::Builder::new()
                .path(&socket)
                .timeout(POLL)
                .build()
        };
        let client = match build() {
            Ok(c) => c,
            Err(first) => {
                let spawned = usual
                    && std::process::Command::new("speech-dispatcher")
                        .arg("--spawn")
                        .output()
                        .is_ok_and(|o| o.status.success());
                if spawned {
                    std::thread::sleep(Duration::from_millis(500));
                }
                match spawned.then(build) {
                    Some(Ok(c)) => c,
                    _ => {
                        return Err(SpeakError::NoService {
                            socket: socket.display().to_string(),
                            source: first,
                        });
                    }
                }
            }
        };
        let mut speaker = Speaker {
            client,
            socket,
            skipped_end: None,
        };
        let user = std::env::var("USER").unwrap_or_else(|_| "user".into());
        speaker.wait_ok(
            |c| {
                c.set_client_name(ClientName::new(&user, "hark"))
                    .map(|_| ())
            },
            OK_CLIENT_NAME_SET,
        )?;
        speaker.wait_ok(
            |c| c.set_notification(NotificationType::All, true).map(|_| ()),
            OK_NOTIFICATION_SET,
        )?;
        speaker.wait_ok(|c| c.set_ssml_mode(true).map(|_| ()), OK_SSML_MODE_SET)?;
        if let Some(voice) = &settings.voice {
            speaker
                .wait_ok(
                    |c| {
                        c.set_synthesis_voice(ClientScope::Current, voice)
                            .map(|_| ())
                    },
                    OK_VOICE_SET,
                )
                .map_err(|e| SpeakError::Voice {
                    voice: voice.clone(),
                    message: e.to_string(),
                })?;
        }
        speaker.wait_ok(
            |c| c.set_rate(ClientScope::Current, settings.rate).map(|_| ()),
            OK_RATE_SET,
        )?;
        speaker.wait_ok(
            |c| {
                c.set_pitch(ClientScope::Current, settings.pitch)
                    .map(|_| ())
            },
            OK_PITCH_SET,
        )?;
        speaker.wait_ok(
            |c| {
                c.set_volume(ClientScope::Current, settings.volume)
                    .map(|_| ())
            },
            OK_VOLUME_SET,
        )?;
        Ok(speaker)
    }

    /// Sends a request and waits for its status, through read time-outs.
    fn wait_ok(
        &mut self,
        send: impl FnOnce(&mut Client<UnixStream>) -> ssip_client_async::ClientResult<()>,
        code: u16,
    ) -> Result<(), SpeakError> {
        send(&mut self.client).map_err(|e| self.protocol(e))?;
        self.answer(|c| c.check_status(code).map(|_| ()))
    }

    /// Reads the service's answer, waiting through the short read time-outs (which are there
    /// for Ctrl-C and the speaking budget) for up to ten seconds. Events that come first are
    /// skipped (an end or cancel noted in `skipped_end`).
    fn answer<T>(
        &mut self,
        mut read: impl FnMut(&mut Client<UnixStream>) -> ssip_client_async::ClientResult<T>,
    ) -> Result<T, SpeakError> {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            match read(&mut self.client) {
                Ok(value) => return Ok(value),
                Err(e) if is_timeout(&e) && Instant::now() < deadline => continue,
                Err(ClientError::UnexpectedStatus(code)) if (700..800).contains(&code) => {
                    if code == EVENT_END || code == EVENT_CANCELED {
                        self.skipped_end = Some(code);
                    }
                }
                Err(e) => return Err(self.protocol(e)),
            }
        }
    }

    fn protocol(&self, e: ssip_client_async::ClientError) -> SpeakError {
        SpeakError::Protocol {
            socket: self.socket.display().to_string(),
            message: e.to_string(),
        }
    }

    /// The service's synthesis voices.
    pub fn voices(&mut self) -> Result<Vec<ServiceVoice>, SpeakError> {
        if let Err(e) = self.client.list_synthesis_voices() {
            return Err(self.protocol(e));
        }
        let list = self.answer(|c| c.receive_synthesis_voices())?;
        Ok(list
            .into_iter()
            .map(|v| ServiceVoice {
                name: v.name,
                language: v.language.unwrap_or_default(),
                dialect: v.dialect.unwrap_or_default(),
            })
            .collect())
    }

    /// Cancels the message being spoken and reads the service's reply.
    fn cancel(&mut self) {
        if self.client.cancel(MessageScope::Last).is_ok() {
            let _ = self.answer(|c| c.check_status(OK_CANCELED).map(|_| ()));
        }
    }

    /// Speaks one SSML document and returns when the service says it has been spoken.
    /// `on_begin` runs when the service starts speaking it. `control` is checked while
    /// waiting: stop cancels the speech at once and returns [`SpeakError::Interrupted`]; pause
    /// and resume are passed on to the service, and the time paused extends the budget.
    pub fn speak_ssml(
        &mut self,
        ssml: &str,
        budget: Duration,
        control: &Control,
        mut on_begin: impl FnMut(),
    ) -> Result<(), SpeakError> {
        // SSIP ends data with a line holding a single dot; a line starting with a dot is escaped.
        let lines: Vec<String> = ssml
            .lines()
            .filter(|l| !l.is_empty())
            .map(|l| {
                if l.starts_with('.') {
                    format!(".{l}")
                } else {
                    l.to_string()
                }
            })
            .collect();
        self.wait_ok(|c| c.speak().map(|_| ()), OK_RECEIVING_DATA)?;
        if let Err(e) = self.client.send_lines(&lines) {
            return Err(self.protocol(e));
        }
        let id = self.answer(|c| c.receive_message_id())?.to_string();
        // Ends skipped so far were of messages before this one.
        self.skipped_end = None;
        let sent = Instant::now();
        let mut deadline = sent + budget;
        // After a few seconds of silence, say once what hark is waiting for.
        let mut begun = false;
        let mut said_waiting = false;
        // Since when the speech is held, while it is.
        let mut held: Option<Instant> = None;
        loop {
            if control.stopping() {
                self.cancel();
                return Err(SpeakError::Interrupted);
            }
            match (control.is_paused(), held) {
                (true, None) => {
                    self.wait_ok(|c| c.pause(MessageScope::Last).map(|_| ()), OK_PAUSED)?;
                    held = Some(Instant::now());
                }
                (false, Some(since)) => {
                    self.wait_ok(|c| c.resume(MessageScope::Last).map(|_| ()), OK_RESUMED)?;
                    deadline += since.elapsed();
                    held = None;
                }
                _ => {}
            }
            match self.skipped_end {
                Some(EVENT_END) => return Ok(()),
                Some(_) => return Err(SpeakError::Cancelled),
                None => {}
            }
            match self.client.receive_event() {
                Ok(event) if event.id.message == id => match event.ntype {
                    EventType::Begin => {
                        begun = true;
                        on_begin()
                    }
                    EventType::End => return Ok(()),
                    EventType::Cancel => return Err(SpeakError::Cancelled),
                    _ => {}
                },
                Ok(_) => {}
                Err(e) if is_timeout(&e) && held.is_some() => {}
                Err(e) if is_timeout(&e) => {
                    if !begun && !said_waiting && sent.elapsed() >= WAITING_SAID_AFTER {
                        said_waiting = true;
                        say_waiting(
                            &format!("speech-dispatcher ({})", self.socket.display()),
                            budget,
                        );
                    }
                    if Instant::now() > deadline {
                        self.cancel();
                        return Err(SpeakError::Timeout {
                            seconds: budget.as_secs(),
                        });
                    }
                }
                Err(e) => return Err(self.protocol(e)),
            }
        }
    }
}

impl LiveSpeaker for Speaker {
    fn voices(&mut self) -> Result<Vec<ServiceVoice>, SpeakError> {
        Speaker::voices(self)
    }

    fn speak_section(
        &mut self,
        script: &SectionScript,
        pauses: &Pauses,
        next_has_heading: bool,
        control: &Control,
        on_begin: &mut dyn FnMut(),
    ) -> Result<(), SpeakError> {
        let (ssml, budget) = section_message(script, pauses, next_has_heading);
        self.speak_ssml(&ssml, budget, control, on_begin)
    }
}

fn is_timeout(e: &ssip_client_async::ClientError) -> bool {
    matches!(e, ssip_client_async::ClientError::Io(io) if matches!(io.kind(), std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_socket_is_in_the_runtime_folder_else_the_cache() {
        let runtime = PathBuf::from("/run/user/1000");
        let cache = PathBuf::from("/home/a/.cache");
        assert_eq!(
            usual_socket(Some(runtime.clone()), Some(cache.clone())),
            Some(runtime.join("speech-dispatcher/speechd.sock"))
        );
        assert_eq!(
            usual_socket(None, Some(cache.clone())),
            Some(cache.join("speech-dispatcher/speechd.sock"))
        );
        assert_eq!(usual_socket(None, None), None);
    }
    use crate::speech::Sentence;

    #[test]
    fn the_message_ends_with_the_pause_before_the_next_heading() {
        let script = SectionScript {
            language: "en".into(),
            heading: Some(Sentence::new("Heading")),
            paragraphs: vec![vec![Sentence::new("Text.")]],
            ..Default::default()
        };
        let pauses = Pauses::default();
        let (with, _) = section_message(&script, &pauses, true);
        let (without, _) = section_message(&script, &pauses, false);
        assert!(
            with.trim_end()
                .ends_with("<break time=\"1200ms\"/>\n</speak>")
        );
        assert!(without.trim_end().ends_with("</p>\n</speak>"));
    }
}
