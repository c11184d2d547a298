//! End-to-end tests of `hark speak` against a real, private speech-dispatcher: its own config
//! folder and socket under a temporary directory, `-t 0`, no autospawn, audio into a WAV file
//! through ALSA's file plugin, log level 5. Skipped with a message when speech-dispatcher is not
//! installed, unless HARK_REQUIRE_SPEECHD=1 (scripts/test sets it and installs it).

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::os::unix::net::UnixListener;
use std::path::PathBuf;
use std::process::{Command, Output};
use std::time::{Duration, Instant};

/// A private speech-dispatcher, stopped by its pid when dropped.
struct Daemon {
    dir: tempfile::TempDir,
    child: std::process::Child,
}

impl Daemon {
    fn start() -> Option<Daemon> {
        if Command::new("speech-dispatcher")
            .arg("--version")
            .output()
            .is_err()
        {
            assert!(
                std::env::var_os("HARK_REQUIRE_SPEECHD").is_none(),
                "speech-dispatcher is required: apt-get install speech-dispatcher speech-dispatcher-espeak-ng"
            );
            eprintln!("skipping: speech-dispatcher is not installed");
            return None;
        }
        let dir = tempfile::tempdir().unwrap();
        let conf = dir.path().join("conf");
        std::fs::create_dir_all(conf.join("modules")).unwrap();
        std::fs::copy(
            "/etc/speech-dispatcher/modules/espeak-ng.conf",
            conf.join("modules/espeak-ng.conf"),
        )
        .unwrap();
        std::fs::write(
            conf.join("speechd.conf"),
            format!(
                "AudioOutputMethod \"alsa\"\nAudioALSADevice \"file:FILE={},FORMAT=wav\"\nLogLevel 5\nDisableAutoSpawn\n\
                 AddModule \"espeak-ng\" \"sd_espeak-ng\" \"espeak-ng.conf\"\nDefaultModule espeak-ng\n",
                dir.path().join("out.wav").display()
            ),
        )
        .unwrap();
        let log = std::fs::File::create(dir.path().join("daemon.out")).unwrap();
        let child = Command::new("speech-dispatcher")
            .args(["-s", "-t", "0", "-c", "unix_socket"])
            .arg("-C")
            .arg(&conf)
            .arg("-S")
            .arg(dir.path().join("sock"))
            .arg("-L")
            .arg(dir.path())
            .arg("-P")
            .arg(dir.path().join("pid"))
            .stdout(log.try_clone().unwrap())
            .stderr(log)
            .spawn()
            .unwrap();
        let deadline = Instant::now() + Duration::from_secs(10);
        while !dir.path().join("sock").exists() {
            assert!(
                Instant::now() < deadline,
                "speech-dispatcher did not open its socket"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        Some(Daemon { dir, child })
    }

    fn address(&self) -> String {
        format!("unix_socket:{}", self.dir.path().join("sock").display())
    }

    fn speak(&self, args: &[&str]) -> Output {
        common::hark()
            .arg("speak")
            .args(args)
            .env("SPEECHD_ADDRESS", self.address())
            .output()
            .unwrap()
    }

    fn log(&self) -> String {
        std::fs::read_to_string(self.dir.path().join("speech-dispatcher.log")).unwrap_or_default()
    }

    /// The captured audio: the header says 0 frames while the daemon holds the file, so the
    /// samples are read from past the 44-byte header. Returns (samples, rate).
    fn audio(&self) -> (Vec<i16>, u32) {
        let bytes = std::fs::read(self.dir.path().join("out.wav")).unwrap_or_default();
        assert!(bytes.len() > 44, "no audio was written");
        let rate = u32::from_le_bytes([bytes[24], bytes[25], bytes[26], bytes[27]]);
        (
            bytes[44..]
                .chunks_exact(2)
                .map(|c| i16::from_le_bytes([c[0], c[1]]))
                .collect(),
            rate,
        )
    }
}

impl Drop for Daemon {
    fn drop(&mut self) {
        let pid = std::fs::read_to_string(self.dir.path().join("pid")).unwrap_or_default();
        if let Ok(pid) = pid.trim().parse::<i32>() {
            let _ = Command::new("kill").arg(pid.to_string()).status();
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Lengths in seconds of the runs of near-silence in `samples`.
fn silences(samples: &[i16], rate: u32) -> Vec<f64> {
    let mut runs = Vec::new();
    let mut current = 0usize;
    for &s in samples {
        if s.unsigned_abs() < 200 {
            current += 1;
        } else {
            if current > 0 {
                runs.push(current as f64 / f64::from(rate));
            }
            current = 0;
        }
    }
    runs.push(current as f64 / f64::from(rate));
    runs
}

#[test]
fn speaks_every_section_with_pauses_at_the_headings() {
    let Some(daemon) = Daemon::start() else {
        return;
    };
    let out = daemon.speak(&["examples/harbour-reopens.txt", "--heading-pause", "1500ms"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    for title in [
        "0. After three dry summers",
        "1. What the dredgers found",
        "2. Who pays for the next ten years",
    ] {
        assert!(
            stderr.contains(title),
            "the section title is shown as it starts: {stderr}"
        );
    }
    // The service received each section's text with hark's breaks.
    let log = daemon.log();
    for text in [
        "What the dredgers found",
        "Who pays for the next ten years",
        "<break time=\"1500ms\"/>",
    ] {
        assert!(log.contains(text), "speech-dispatcher's log lacks {text:?}");
    }
    // The audio is speech with silent gaps at the headings at least as long as asked.
    let (samples, rate) = daemon.audio();
    assert!(
        samples.iter().filter(|s| s.unsigned_abs() > 2000).count() > rate as usize,
        "voiced audio"
    );
    // eSpeak NG (behind speech-dispatcher) does not render a <break> that opens an utterance,
    // so hark also ends each section with the pause before the next heading: after the title,
    // and before and after each of the two inner headings.
    let long_gaps = silences(&samples, rate)
        .into_iter()
        .filter(|&s| s >= 1.5 * 0.9)
        .count();
    assert!(
        long_gaps >= 5,
        "a pause of at least 1.5 s before and after the headings: {long_gaps}"
    );
}

/// The `tts` crate's path (built on Linux with `--features tts`): plain-text utterances, one per
/// sentence, with hark's pauses as waits between them.
#[cfg(feature = "tts")]
#[test]
fn the_tts_backend_speaks_each_sentence_and_waits_at_the_headings() {
    let Some(daemon) = Daemon::start() else {
        return;
    };
    let out = daemon.speak(&[
        "examples/harbour-reopens.txt",
        "--heading-pause",
        "1500ms",
        "--backend",
        "tts",
    ]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(
        stderr.contains("1. What the dredgers found")
            && stderr.contains("2. Who pays for the next ten years"),
        "the section title is shown as it starts: {stderr}"
    );
    // Each heading reached the output module as an utterance of its own.
    let log = daemon.log();
    for heading in ["What the dredgers found", "Who pays for the next ten years"] {
        assert!(
            log.contains(&format!(
                "Command sent to output module: |<speak>{heading}</speak>|"
            )),
            "speech-dispatcher's log lacks the utterance {heading:?}"
        );
    }
    // The waits: from the service's END of one utterance to hark's next `speak` command.
    let gaps = gaps_between_utterances(&log);
    assert!(gaps.len() > 10, "one utterance per sentence: {gaps:?}");
    // Two heading-length waits with nothing spoken between them (the end of a section, then
    // the next heading) show as one gap of twice the length: count the waits each gap holds.
    let long: f64 = gaps.iter().map(|&g| (g / (1.5 * 0.95)).floor()).sum();
    assert!(
        long >= 5.0,
        "a wait of at least 1.5 s before and after the headings: {gaps:?}"
    );
    assert!(
        gaps.iter().all(|&g| g >= 0.25 * 0.95),
        "at least the sentence pause between utterances: {gaps:?}"
    );
}

/// Seconds from each END event the service sent to the next `speak` command it received, read
/// from the log's timestamps (`[Sat Nov 28 12:46:59 2026 : 987756]`, microseconds last).
///
/// speech-dispatcher reads the clock's seconds and microseconds separately, so just after a
/// second turns a few lines carry the old second with the new microseconds: one second early.
/// The log is written in order, so any stamp that falls back behind the one before it is one of
/// those, however little it falls back (a misread stamp a few tenths behind the previous line
/// is as wrong as one nearly a second behind), and is put forward a second.
#[cfg(feature = "tts")]
fn gaps_between_utterances(log: &str) -> Vec<f64> {
    let stamp = |line: &str| -> Option<f64> {
        let stamp = line.strip_prefix('[')?.split(']').next()?;
        let (date, micros) = stamp.split_once(" : ")?;
        let clock = date.split_whitespace().nth(3)?;
        let mut hms = clock.split(':').map(|p| p.parse::<f64>().ok());
        let (h, m, s) = (hms.next()??, hms.next()??, hms.next()??);
        Some(h * 3600.0 + m * 60.0 + s + micros.trim().parse::<f64>().ok()? / 1e6)
    };
    let mut gaps = Vec::new();
    let mut last_end = None;
    let mut latest = f64::MIN;
    for line in log.lines() {
        let Some(mut time) = stamp(line) else {
            continue;
        };
        if time < latest {
            time += 1.0;
        }
        latest = latest.max(time);
        if line.contains(":REPLY:|702-") {
            last_end = Some(time);
        } else if line.ends_with(":DATA:|speak") {
            if let Some(end) = last_end.take() {
                gaps.push(time - end);
            }
        }
    }
    gaps
}

/// The log's clock correction: a stamp one second early just after a second turns.
#[cfg(feature = "tts")]
#[test]
fn gaps_are_read_across_a_late_second() {
    let log = "[Sun Nov 29 01:21:04 2026 : 995364] speechd: 16:REPLY:|702-3\n\
               [Sun Nov 29 01:21:04 2026 : 245680] speechd: 16:DATA:|speak\n\
               [Sun Nov 29 01:21:05 2026 : 300000] speechd: 16:REPLY:|702-4\n\
               [Sun Nov 29 01:21:05 2026 : 550000] speechd: 16:DATA:|speak\n";
    let gaps = gaps_between_utterances(log);
    assert_eq!(gaps.len(), 2);
    assert!((gaps[0] - 0.250316).abs() < 1e-6, "{gaps:?}");
    assert!((gaps[1] - 0.25).abs() < 1e-6, "{gaps:?}");
    // A misread stamp only a few tenths behind the line before it (CI saw a gap of -0.399 s).
    let log = "[Sun Nov 29 01:21:04 2026 : 600000] speechd: 16:REPLY:|702-3\n\
               [Sun Nov 29 01:21:04 2026 : 201000] speechd: 16:DATA:|speak\n";
    let gaps = gaps_between_utterances(log);
    assert!((gaps[0] - 0.601).abs() < 1e-6, "{gaps:?}");
}

/// Without the `tts` feature, asking for that backend says how to build it.
#[cfg(not(feature = "tts"))]
#[test]
fn the_tts_backend_needs_the_feature() {
    let out = common::hark()
        .args(["speak", "examples/harbour-reopens.txt", "--backend", "tts"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("--features tts") && err.contains("libspeechd-dev"),
        "{err}"
    );
}

#[test]
fn only_the_sections_asked_for() {
    let Some(daemon) = Daemon::start() else {
        return;
    };
    let out = daemon.speak(&["examples/night-trains.md", "--sections", "2-3"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(
        stderr.contains("2. The routes") && stderr.contains("3. What it costs to run"),
        "{stderr}"
    );
    assert!(
        !stderr.contains("1. Why now") && !stderr.contains("4. Setext"),
        "{stderr}"
    );
    let bad = daemon.speak(&["examples/night-trains.md", "--from-section", "9"]);
    assert_eq!(bad.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("no section 9"));
}

#[test]
fn no_service_is_a_clear_error() {
    let out = common::hark()
        .args(["speak", "examples/harbour-reopens.txt"])
        .env("SPEECHD_ADDRESS", "unix_socket:/nonexistent/hark-test.sock")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    for hint in [
        "speech-dispatcher",
        "speech-dispatcher-espeak-ng",
        "spd-say hello",
        "hark export",
    ] {
        assert!(err.contains(hint), "{hint:?} missing from: {err}");
    }
}

/// What a fake service was told: each command line, and each message's data as one entry
/// starting with "DATA ".
type Told = std::sync::Arc<std::sync::Mutex<Vec<String>>>;

/// Whether the service was told a command starting with `command`.
fn told(log: &Told, command: &str) -> usize {
    log.lock()
        .unwrap()
        .iter()
        .filter(|l| l.to_ascii_uppercase().starts_with(command))
        .count()
}

/// A service that accepts everything and never says it has spoken: it answers each SSIP
/// command with success and queues messages, but sends no events. It notes what it is told.
fn silent_service(socket: PathBuf) -> Told {
    let log: Told = Default::default();
    let seen = log.clone();
    let listener = UnixListener::bind(&socket).unwrap();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            let mut out = stream;
            let mut line = String::new();
            let mut in_data = false;
            let mut data = String::new();
            let mut messages = 0;
            while reader.read_line(&mut line).is_ok_and(|n| n > 0) {
                let cmd = line.trim_end().to_string();
                line.clear();
                let reply = if in_data {
                    if cmd != "." {
                        data.push_str(&cmd);
                        continue;
                    }
                    in_data = false;
                    messages += 1;
                    seen.lock().unwrap().push(format!("DATA {data}"));
                    data.clear();
                    format!("225-{messages}\r\n225 OK MESSAGE QUEUED\r\n")
                } else {
                    seen.lock().unwrap().push(cmd.clone());
                    let upper = cmd.to_ascii_uppercase();
                    let code = if upper.starts_with("SET SELF CLIENT_NAME") {
                        "208 OK CLIENT NAME SET"
                    } else if upper.starts_with("SET SELF NOTIFICATION") {
                        "220 OK NOTIFICATION SET"
                    } else if upper.starts_with("SET SELF SSML_MODE") {
                        "219 OK SSML MODE SET"
                    } else if upper.starts_with("SET SELF RATE") {
                        "203 OK RATE SET"
                    } else if upper.starts_with("SET SELF PITCH") {
                        "204 OK PITCH SET"
                    } else if upper.starts_with("SET SELF VOLUME") {
                        "218 OK VOLUME SET"
                    } else if upper.starts_with("SPEAK") {
                        in_data = true;
                        "230 OK RECEIVING DATA"
                    } else if upper.starts_with("CANCEL") {
                        "213 OK CANCELED"
                    } else if upper.starts_with("PAUSE") {
                        "211 OK PAUSED"
                    } else if upper.starts_with("RESUME") {
                        "212 OK RESUMED"
                    } else {
                        "231 HAPPY HACKING"
                    };
                    format!("{code}\r\n")
                };
                if out.write_all(reply.as_bytes()).is_err() {
                    break;
                }
            }
        }
    });
    log
}

#[test]
fn a_service_that_never_finishes_is_given_up_on() {
    let dir = tempfile::tempdir().unwrap();
    let socket = dir.path().join("silent.sock");
    silent_service(socket.clone());
    let started = Instant::now();
    let mut child = common::hark()
        .args(["speak", "-"])
        .env(
            "SPEECHD_ADDRESS",
            format!("unix_socket:{}", socket.display()),
        )
        .stdin(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"Short note. It ends here.\n")
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("did not report the end") && err.contains("log"),
        "{err}"
    );
    // Before giving up, it said what it was waiting for.
    assert!(
        err.contains("waiting for speech-dispatcher") && err.contains("spd-say hello"),
        "{err}"
    );
    assert!(
        started.elapsed() < Duration::from_secs(60),
        "it gave up within its budget"
    );
}

#[test]
fn ctrl_c_cancels_the_speech_and_exits_130() {
    let dir = tempfile::tempdir().unwrap();
    let socket = dir.path().join("silent.sock");
    let service = silent_service(socket.clone());
    let child = common::hark()
        .args(["speak", "examples/harbour-reopens.txt"])
        .env(
            "SPEECHD_ADDRESS",
            format!("unix_socket:{}", socket.display()),
        )
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    std::thread::sleep(Duration::from_millis(1500));
    assert!(
        Command::new("kill")
            .args(["-INT", &child.id().to_string()])
            .status()
            .unwrap()
            .success()
    );
    let out = child.wait_with_output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(130),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        told(&service, "CANCEL") > 0,
        "the speech was cancelled in the service"
    );
}

#[test]
fn export_refuses_the_system_voice() {
    let dir = tempfile::tempdir().unwrap();
    let out = common::run_hark(
        &[
            "export",
            "examples/harbour-reopens.txt",
            "-o",
            dir.path().to_str().unwrap(),
            "--voice",
            "system",
        ],
        None,
    );
    // A usage error now (the system voice is not a voice export can take), refused as the
    // option is read, before any input is.
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("hark speak"));
}

/// `hark speak` speaks with the service's own voices: an engine's voice is refused with the
/// way to name one of the service's, and `system:NAME` or a bare name is taken.
#[test]
fn speak_refuses_an_engine_voice() {
    let out = common::run_hark(
        &[
            "speak",
            "examples/harbour-reopens.txt",
            "--voice",
            "piper:en_US-joe-medium",
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("--voice system:NAME") && err.contains("not piper:"),
        "{err}"
    );
}

/// `hark voices --engine system --lang CODE` lists only the service's voices in that language
/// (speech-dispatcher's eSpeak NG module lists thousands).
#[test]
fn the_service_voices_can_be_listed_by_language() {
    let Some(daemon) = Daemon::start() else {
        return;
    };
    let list = |args: &[&str]| {
        let out = common::succeeded(
            common::hark()
                .args(["voices", "--engine", "system", "--json"])
                .args(args)
                .env("SPEECHD_ADDRESS", daemon.address()),
        );
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        v["system"].as_array().unwrap().clone()
    };
    let all = list(&[]);
    let french = list(&["--lang", "fr"]);
    assert!(
        !french.is_empty() && french.len() < all.len(),
        "{} of {}",
        french.len(),
        all.len()
    );
    for voice in &french {
        let language = voice["language"].as_str().unwrap().to_ascii_lowercase();
        assert!(language == "fr" || language.starts_with("fr-"), "{voice}");
    }
}

/// With no runtime folder (XDG_RUNTIME_DIR unset), speech-dispatcher and libspeechd put the
/// socket in the cache folder: hark looks there too, as they do.
#[test]
fn the_socket_is_found_where_speech_dispatcher_puts_it_without_a_runtime_folder() {
    let cache = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(cache.path().join("speech-dispatcher")).unwrap();
    let socket = cache.path().join("speech-dispatcher/speechd.sock");
    let service = silent_service(socket);
    let child = common::hark()
        .args(["speak", "examples/harbour-reopens.txt"])
        .env_remove("SPEECHD_ADDRESS")
        .env_remove("XDG_RUNTIME_DIR")
        .env("XDG_CACHE_HOME", cache.path())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    std::thread::sleep(Duration::from_millis(1500));
    let _ = Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status();
    let out = child.wait_with_output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(130),
        "hark reached the service and was stopped: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        told(&service, "CANCEL") > 0,
        "hark spoke to the service at $XDG_CACHE_HOME/speech-dispatcher/speechd.sock"
    );
}

/// Waits up to ten seconds for `done`.
fn eventually(what: &str, done: impl Fn() -> bool) {
    let until = Instant::now() + Duration::from_secs(10);
    while !done() {
        assert!(Instant::now() < until, "never: {what}");
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// `hark speak` the example article on a pseudo-terminal (made by `script`, from util-linux),
/// its keyboard the child's standard input and its screen the child's standard output.
fn speak_on_a_terminal(address: &str) -> std::process::Child {
    let article = std::path::Path::new("examples/harbour-reopens.txt")
        .canonicalize()
        .unwrap();
    let command = format!(
        "'{}' speak '{}'",
        env!("CARGO_BIN_EXE_hark"),
        article.display()
    );
    Command::new("script")
        .args(["-qfec", &command, "/dev/null"])
        .env("SPEECHD_ADDRESS", address)
        .env("XDG_CONFIG_HOME", "/nonexistent/hark-test-config")
        .env_remove("HARK_CONFIG")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("script (util-linux) makes the terminal")
}

/// On a terminal (a pseudo-terminal made by `script`), keys steer the reading: n and p cancel
/// the section and speak the next or the previous one, space pauses and resumes it in the
/// service, q cancels it and ends the run with status 0.
#[test]
fn keys_on_a_terminal_pause_skip_go_back_and_quit() {
    let dir = tempfile::tempdir().unwrap();
    let socket = dir.path().join("silent.sock");
    let service = silent_service(socket.clone());
    let mut child = speak_on_a_terminal(&format!("unix_socket:{}", socket.display()));
    let mut keys = child.stdin.take().unwrap();
    let messages = || {
        service
            .lock()
            .unwrap()
            .iter()
            .filter(|l| l.starts_with("DATA "))
            .cloned()
            .collect::<Vec<_>>()
    };
    eventually("the first section is sent", || messages().len() == 1);
    keys.write_all(b"n").unwrap();
    eventually("n: the next section is sent", || messages().len() == 2);
    assert_eq!(told(&service, "CANCEL"), 1, "n cancels the section first");
    assert_ne!(messages()[1], messages()[0]);
    keys.write_all(b"p").unwrap();
    eventually("p: the previous section is sent", || messages().len() == 3);
    assert_eq!(
        messages()[2],
        messages()[0],
        "p goes back to the first section"
    );
    keys.write_all(b" ").unwrap();
    eventually("space pauses", || told(&service, "PAUSE") == 1);
    keys.write_all(b" ").unwrap();
    eventually("space again resumes", || told(&service, "RESUME") == 1);
    keys.write_all(b"q").unwrap();
    let status = child.wait().unwrap();
    let mut said = String::new();
    child
        .stdout
        .take()
        .unwrap()
        .read_to_string(&mut said)
        .unwrap();
    assert!(status.success(), "q ends the run with status 0: {said}");
    assert_eq!(told(&service, "CANCEL"), 3, "q cancels the speech");
    assert_eq!(messages().len(), 3, "nothing is spoken after q");
    for words in ["space pauses and resumes", "paused", "resumed", "stopped"] {
        assert!(said.contains(words), "{words:?} missing from: {said}");
    }
    // Lines end with a carriage return in raw mode: no staircase.
    assert!(
        !said.contains("resumes\n ") && said.contains("\r\n"),
        "{said:?}"
    );
}

/// The same keys with the real speech-dispatcher, whose events and replies share the socket:
/// space pauses and resumes the speech, n moves on to the next section as soon as it is
/// pressed, and q ends the run at once.
#[test]
fn keys_steer_the_real_service() {
    let Some(daemon) = Daemon::start() else {
        return;
    };
    let mut child = speak_on_a_terminal(&daemon.address());
    let mut keys = child.stdin.take().unwrap();
    let screen: Told = Default::default();
    let seen = screen.clone();
    let mut out = child.stdout.take().unwrap();
    std::thread::spawn(move || {
        let mut buf = [0u8; 1024];
        while let Ok(n) = out.read(&mut buf) {
            if n == 0 {
                break;
            }
            seen.lock()
                .unwrap()
                .push(String::from_utf8_lossy(&buf[..n]).to_string());
        }
    });
    let shows = |text: &str| screen.lock().unwrap().concat().contains(text);
    eventually("the first section starts", || shows("▶ 0."));
    keys.write_all(b" ").unwrap();
    eventually("space pauses", || shows("paused"));
    keys.write_all(b" ").unwrap();
    eventually("space resumes", || shows("resumed"));
    keys.write_all(b"n").unwrap();
    eventually("n starts the next section", || shows("▶ 1."));
    let asked = Instant::now();
    keys.write_all(b"q").unwrap();
    let status = child.wait().unwrap();
    assert!(status.success(), "{}", screen.lock().unwrap().concat());
    assert!(asked.elapsed() < Duration::from_secs(5), "q stops at once");
    assert!(!shows("▶ 2."), "nothing is spoken after q");
}
