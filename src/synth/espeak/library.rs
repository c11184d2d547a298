//! The eSpeak NG library's process-wide state: initialised once, one lock around every call,
//! and the buffer its synthesis callback fills (see the module header of `espeak`).

use super::ffi;
use crate::error::SynthError;
use std::cell::RefCell;
use std::os::raw::{c_int, c_short};
use std::sync::{Mutex, OnceLock};

/// The engine's name in errors.
pub(super) const ENGINE: &str = "espeak";

/// The one lock around every call into the library.
static LOCK: Mutex<()> = Mutex::new(());
/// The result of initialising the library: its sample rate, or why it failed.
static INIT: OnceLock<Result<u32, String>> = OnceLock::new();

thread_local! {
    /// Where the callback puts samples; only ever used while [`LOCK`] is held.
    pub(super) static SINK: RefCell<Vec<i16>> = const { RefCell::new(Vec::new()) };
}

unsafe extern "C" fn collect(
    wav: *mut c_short,
    count: c_int,
    _events: *mut ffi::EspeakEvent,
) -> c_int {
    if !wav.is_null() && count > 0 {
        // SAFETY: eSpeak NG hands us `count` valid samples at `wav` for the duration of the call.
        let samples = unsafe { std::slice::from_raw_parts(wav, count as usize) };
        SINK.with(|sink| sink.borrow_mut().extend_from_slice(samples));
    }
    0
}

pub(super) fn lock() -> std::sync::MutexGuard<'static, ()> {
    // A panic while holding the lock leaves eSpeak's state as it was; carrying on is safe.
    LOCK.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// Initialises eSpeak NG once; returns its sample rate.
pub(super) fn initialise() -> Result<u32, SynthError> {
    let result = INIT.get_or_init(|| {
        let _guard = lock();
        // SAFETY: called once, under the lock, with a null data path (the system default).
        let rate = unsafe {
            ffi::espeak_Initialize(ffi::AUDIO_OUTPUT_SYNCHRONOUS, 0, std::ptr::null(), ffi::INITIALIZE_DONT_EXIT)
        };
        if rate <= 0 {
            return Err(format!(
                "eSpeak NG could not start (error {rate}); its data files are probably missing. Install them: \
                 Debian/Ubuntu `sudo apt-get install espeak-ng-data`, Fedora `sudo dnf install espeak-ng`, \
                 macOS `brew install espeak-ng` (or set ESPEAK_DATA_PATH to the folder holding espeak-ng-data)"
            ));
        }
        // SAFETY: the callback is a plain function valid for the life of the process.
        unsafe { ffi::espeak_SetSynthCallback(collect) };
        Ok(rate as u32)
    });
    result.clone().map_err(|message| SynthError::Unavailable {
        engine: ENGINE,
        message,
    })
}
