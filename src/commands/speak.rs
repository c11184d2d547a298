//! `hark speak`: reads each article aloud through the speech service, section by section; on
//! a terminal the listener steers with keys (see `keys.rs`).

use super::keys::{Asked, Asking};
use super::report::Reporter;
use crate::cli::SpeakArgs;
use hark::error::SpeakError;
use hark::speak::Control;

/// The speech's control, shared with Ctrl-C and the keys.
static CONTROL: Control = Control::new();
/// Where the keys asked to go.
static ASKING: Asking = Asking::new();

/// What to do after a section.
enum Then {
    /// Speak this section of the article next (past the last: the next article).
    Section(usize),
    /// End the run with this exit code.
    Exit(u8),
}

/// `hark speak`: reads each article aloud through speech-dispatcher. Returns the exit code:
/// 0 spoken (or quit with q), 1 something failed, 130 stopped with Ctrl-C.
pub fn speak(args: &SpeakArgs, report: &Reporter) -> u8 {
    let voice = args.voice.clone();
    let scale = |x: f32| (x.round() as i32).clamp(-100, 100) as i8;
    let settings = hark::speak::ServiceSettings {
        voice,
        rate: scale((args.prosody.rate.factor() - 1.0) * 100.0),
        pitch: scale((f32::from(args.prosody.pitch) - 50.0) * 2.0),
        volume: scale(f32::from(args.prosody.volume) - 100.0),
    };
    let options = args.reading.read_options();
    let pauses = args.reading.pauses();
    let mut speaker = match hark::speak::connect(args.backend, &settings) {
        Ok(s) => s,
        Err(e) => {
            report.error(&e);
            return 1;
        }
    };
    // Ctrl-C stops the speech in the service at once (the wait loop notices within 200 ms).
    let _ = ctrlc::set_handler(|| CONTROL.stop());
    // Keys, unless standard input is the article or not a terminal.
    #[cfg(feature = "speak")]
    let _keys = if args.inputs.iter().any(|i| i == "-") {
        None
    } else {
        super::keys::listen(&CONTROL, &ASKING)
    };
    #[cfg(feature = "speak")]
    if _keys.is_some() {
        log::info!("keys: space pauses and resumes, n next section, p previous, q quits");
    }
    let mut ok = true;
    for input in &args.inputs {
        let Some(prepared) = report.prepare(input, &options) else {
            ok = false;
            continue;
        };
        let count = prepared.sections.len();
        let (first, last) = match (args.sections, args.from_section) {
            (Some((a, b)), _) => (a, b.min(count.saturating_sub(1))),
            (None, Some(a)) => (a, count.saturating_sub(1)),
            (None, None) => (0, count.saturating_sub(1)),
        };
        if first >= count {
            report.error(&SpeakError::Unsupported(format!(
                "{input}: has {}, numbered 0 to {}; there is no section {first}",
                super::wording::count(count, "section"),
                count.saturating_sub(1)
            )));
            ok = false;
            continue;
        }
        let mut index = first;
        while index <= last {
            // Paused between sections: wait here rather than start the next one held.
            while CONTROL.is_paused() && !CONTROL.stopping() {
                std::thread::sleep(std::time::Duration::from_millis(50));
            }
            let section = &prepared.sections[index];
            let next_has_heading = index < last
                && prepared
                    .sections
                    .get(index + 1)
                    .is_some_and(|s| s.heading.is_some());
            let title = format!("▶ {}. {}", section.index, section.title);
            let result = if CONTROL.stopping() {
                Err(SpeakError::Interrupted)
            } else {
                speaker.speak_section(section, &pauses, next_has_heading, &CONTROL, &mut || {
                    log::info!("{title}");
                })
            };
            let then = match result {
                Ok(()) => Then::Section(index + 1),
                Err(SpeakError::Interrupted) => after_stop(index, first),
                Err(e) => {
                    report.error(&e);
                    Then::Exit(1)
                }
            };
            match then {
                Then::Section(next) => index = next,
                Then::Exit(code) => return code,
            }
        }
    }
    if ok { 0 } else { 1 }
}

/// Where to go once a section was stopped: where a key asked, or out (Ctrl-C).
fn after_stop(index: usize, first: usize) -> Then {
    let asked = ASKING.take();
    if asked != Asked::Nothing {
        CONTROL.carry_on();
    }
    match asked {
        Asked::Next => Then::Section(index + 1),
        Asked::Previous => Then::Section(index.saturating_sub(1).max(first)),
        Asked::Quit => {
            log::info!("hark: stopped");
            Then::Exit(0)
        }
        Asked::Nothing => {
            log::info!("hark: stopped");
            Then::Exit(130)
        }
    }
}
