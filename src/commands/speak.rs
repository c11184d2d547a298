//! `hark speak`: reads each article aloud through the speech service.

use super::report::Reporter;
use crate::cli::SpeakArgs;

/// `hark speak`: reads each article aloud through speech-dispatcher. Returns the exit code:
/// 0 spoken, 1 something failed, 130 stopped with Ctrl-C.
pub fn speak(args: &SpeakArgs, report: &Reporter) -> u8 {
    use std::sync::atomic::{AtomicBool, Ordering};
    static STOP: AtomicBool = AtomicBool::new(false);
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
    let _ = ctrlc::set_handler(|| STOP.store(true, Ordering::SeqCst));
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
            report.error(&hark::error::SpeakError::Unsupported(format!(
                "{input}: has {}, numbered 0 to {}; there is no section {first}",
                super::wording::count(count, "section"),
                count.saturating_sub(1)
            )));
            ok = false;
            continue;
        }
        for section in prepared.sections.iter().skip(first).take(last + 1 - first) {
            let next_has_heading = section.index < last
                && prepared
                    .sections
                    .get(section.index + 1)
                    .is_some_and(|s| s.heading.is_some());
            let title = format!("{} {}. {}", "▶", section.index, section.title);
            let result =
                speaker.speak_section(section, &pauses, next_has_heading, &STOP, &mut || {
                    log::info!("{title}");
                });
            match result {
                Ok(()) => {}
                Err(hark::error::SpeakError::Interrupted) => {
                    log::info!("hark: stopped");
                    return 130;
                }
                Err(e) => {
                    report.error(&e);
                    return 1;
                }
            }
        }
    }
    if ok { 0 } else { 1 }
}
