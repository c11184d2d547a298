//! Keys while `hark speak` reads, when standard input is a terminal: space pauses and resumes,
//! n and p go to the next or previous section, q quits; Ctrl-C stops as it does elsewhere.
//! The terminal is in raw mode (crossterm) while hark reads, and is put back however the
//! reading ends. The keys reach the speech through [`Control`] (pause, stop the section) and
//! [`Asking`] (where to go once it has stopped).

//!
//! A hark built without live speech (no `speak` feature) has no reading to steer: only the
//! shared [`Asked`] and [`Asking`] are built.

#[cfg(feature = "speak")]
use crossterm::event::{self, Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
#[cfg(feature = "speak")]
use hark::speak::Control;
#[cfg(feature = "speak")]
use std::sync::Arc;
#[cfg(feature = "speak")]
use std::sync::atomic::AtomicBool;
use std::sync::atomic::{AtomicU8, Ordering};
#[cfg(feature = "speak")]
use std::time::Duration;

/// Where the listener asked to go when a key stopped a section.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Asked {
    /// Nothing: the section was stopped by Ctrl-C (or was not stopped).
    Nothing,
    Next,
    Previous,
    Quit,
}

/// The last [`Asked`], shared between the key thread and the reading loop.
pub struct Asking(AtomicU8);

impl Asking {
    pub const fn new() -> Asking {
        Asking(AtomicU8::new(0))
    }

    #[cfg(feature = "speak")]
    fn set(&self, asked: Asked) {
        self.0.store(asked as u8, Ordering::SeqCst);
    }

    /// What was asked, leaving nothing asked.
    pub fn take(&self) -> Asked {
        match self.0.swap(0, Ordering::SeqCst) {
            1 => Asked::Next,
            2 => Asked::Previous,
            3 => Asked::Quit,
            _ => Asked::Nothing,
        }
    }
}

/// What a key press means.
#[cfg(feature = "speak")]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Meaning {
    TogglePause,
    Go(Asked),
    /// Ctrl-C: raw mode turns it into a key instead of a signal.
    Interrupt,
}

#[cfg(feature = "speak")]
fn meaning(key: &KeyEvent) -> Option<Meaning> {
    if key.kind != KeyEventKind::Press {
        return None;
    }
    let control = key.modifiers.contains(KeyModifiers::CONTROL);
    Some(match key.code {
        KeyCode::Char('c') | KeyCode::Char('d') if control => Meaning::Interrupt,
        KeyCode::Char(' ') => Meaning::TogglePause,
        KeyCode::Char('n') | KeyCode::Char('N') | KeyCode::Right => Meaning::Go(Asked::Next),
        KeyCode::Char('p') | KeyCode::Char('P') | KeyCode::Left => Meaning::Go(Asked::Previous),
        KeyCode::Char('q') | KeyCode::Char('Q') | KeyCode::Esc => Meaning::Go(Asked::Quit),
        _ => return None,
    })
}

#[cfg(feature = "speak")]
/// Acts on one key press.
fn act(meaning: Meaning, control: &Control, asking: &Asking) {
    match meaning {
        Meaning::TogglePause => {
            let paused = !control.is_paused();
            control.set_paused(paused);
            log::info!(
                "{}",
                if paused {
                    "⏸ paused (space resumes)"
                } else {
                    "▶ resumed"
                }
            );
        }
        Meaning::Go(asked) => {
            asking.set(asked);
            control.stop();
        }
        Meaning::Interrupt => control.stop(),
    }
}

#[cfg(feature = "speak")]
/// The keys being read; dropping it stops reading them and puts the terminal back.
pub struct KeyReader {
    done: Arc<AtomicBool>,
    thread: Option<std::thread::JoinHandle<()>>,
}

#[cfg(feature = "speak")]
impl Drop for KeyReader {
    fn drop(&mut self) {
        self.done.store(true, Ordering::SeqCst);
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
        let _ = crossterm::terminal::disable_raw_mode();
    }
}

#[cfg(feature = "speak")]
/// Starts reading keys, when standard input is a terminal that can be put in raw mode.
pub fn listen(control: &'static Control, asking: &'static Asking) -> Option<KeyReader> {
    use std::io::IsTerminal;
    if !std::io::stdin().is_terminal() || crossterm::terminal::enable_raw_mode().is_err() {
        return None;
    }
    let done = Arc::new(AtomicBool::new(false));
    let looking = done.clone();
    let thread = std::thread::spawn(move || {
        while !looking.load(Ordering::SeqCst) {
            // Polled, so that the thread ends soon after the reading does.
            match event::poll(Duration::from_millis(100)) {
                Ok(true) => {
                    if let Ok(Event::Key(key)) = event::read()
                        && let Some(meaning) = meaning(&key)
                    {
                        act(meaning, control, asking);
                    }
                }
                Ok(false) => {}
                Err(_) => break,
            }
        }
    });
    Some(KeyReader {
        done,
        thread: Some(thread),
    })
}

#[cfg(feature = "speak")]
/// Whether the terminal is in raw mode, where a line must end with a carriage return too.
pub fn raw_mode() -> bool {
    crossterm::terminal::is_raw_mode_enabled().unwrap_or(false)
}

#[cfg(all(test, feature = "speak"))]
mod tests {
    use super::*;

    fn press(code: KeyCode, modifiers: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, modifiers)
    }

    #[test]
    fn keys_mean_what_the_help_says() {
        let none = KeyModifiers::NONE;
        assert_eq!(
            meaning(&press(KeyCode::Char(' '), none)),
            Some(Meaning::TogglePause)
        );
        assert_eq!(
            meaning(&press(KeyCode::Char('n'), none)),
            Some(Meaning::Go(Asked::Next))
        );
        assert_eq!(
            meaning(&press(KeyCode::Char('p'), none)),
            Some(Meaning::Go(Asked::Previous))
        );
        assert_eq!(
            meaning(&press(KeyCode::Char('q'), none)),
            Some(Meaning::Go(Asked::Quit))
        );
        assert_eq!(
            meaning(&press(KeyCode::Char('c'), KeyModifiers::CONTROL)),
            Some(Meaning::Interrupt)
        );
        assert_eq!(meaning(&press(KeyCode::Char('c'), none)), None);
    }

    #[test]
    fn a_key_pauses_or_stops_the_section_and_says_where_to_go() {
        let (control, asking) = (Control::new(), Asking::new());
        act(Meaning::TogglePause, &control, &asking);
        assert!(control.is_paused() && !control.stopping());
        act(Meaning::TogglePause, &control, &asking);
        assert!(!control.is_paused());
        act(Meaning::Go(Asked::Previous), &control, &asking);
        assert!(control.stopping());
        assert_eq!(asking.take(), Asked::Previous);
        assert_eq!(asking.take(), Asked::Nothing);
    }
}
