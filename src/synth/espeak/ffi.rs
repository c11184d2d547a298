//! Hand-written declarations for the part of eSpeak NG's C API (`speak_lib.h`) that hark uses.
//! Kept by hand (no bindgen) so the build needs no libclang; checked against eSpeak NG 1.51.

use std::os::raw::{c_char, c_int, c_short, c_uchar, c_uint, c_void};

/// `espeak_AUDIO_OUTPUT::AUDIO_OUTPUT_SYNCHRONOUS`: samples through the callback, `espeak_Synth`
/// returns when synthesis is complete.
pub const AUDIO_OUTPUT_SYNCHRONOUS: c_int = 2;
/// `espeakINITIALIZE_DONT_EXIT`: report errors instead of calling `exit()`.
pub const INITIALIZE_DONT_EXIT: c_int = 0x8000;
/// `espeakCHARS_UTF8`.
pub const CHARS_UTF8: c_uint = 1;
/// `espeak_TextToPhonemes` phoneme mode: IPA as UTF-8 (bit 1).
pub const PHONEMES_IPA: c_int = 0x02;
/// `espeakPHONEMES_TRACE`: the translation trace (dictionary hits as `Found: 'word'`).
pub const PHONEMES_TRACE: c_int = 0x08;
/// `espeakSSML`: the text is SSML.
pub const SSML: c_uint = 0x10;
/// `espeak_Synth` flag: `[[phonemes]]` in the text are read as phoneme mnemonics.
pub const PHONEMES: c_uint = 0x100;
/// `POS_CHARACTER`.
pub const POS_CHARACTER: c_int = 1;
/// `EE_OK`.
pub const EE_OK: c_int = 0;

/// `espeak_PARAMETER` values.
pub const PARAM_RATE: c_int = 1;
/// Volume, 0–200.
pub const PARAM_VOLUME: c_int = 2;
/// Pitch, 0–100.
pub const PARAM_PITCH: c_int = 3;

/// `espeak_EVENT` (only `type` and `user_data` are read).
#[repr(C)]
pub struct EspeakEvent {
    pub kind: c_int,
    pub unique_identifier: c_uint,
    pub text_position: c_int,
    pub length: c_int,
    pub audio_position: c_int,
    pub sample: c_int,
    pub user_data: *mut c_void,
    pub id: [u8; 8],
}

/// `espeak_VOICE`.
#[repr(C)]
pub struct EspeakVoice {
    pub name: *const c_char,
    pub languages: *const c_char,
    pub identifier: *const c_char,
    pub gender: c_uchar,
    pub age: c_uchar,
    pub variant: c_uchar,
    pub xx1: c_uchar,
    pub score: c_int,
    pub spare: *mut c_void,
}

/// `t_espeak_callback`: returns 0 to continue, 1 to abort.
pub type SynthCallback =
    unsafe extern "C" fn(wav: *mut c_short, numsamples: c_int, events: *mut EspeakEvent) -> c_int;

#[link(name = "espeak-ng")]
unsafe extern "C" {
    pub fn espeak_Initialize(
        output: c_int,
        buflength: c_int,
        path: *const c_char,
        options: c_int,
    ) -> c_int;
    pub fn espeak_SetSynthCallback(callback: SynthCallback);
    pub fn espeak_SetVoiceByName(name: *const c_char) -> c_int;
    pub fn espeak_SetVoiceByProperties(voice_spec: *mut EspeakVoice) -> c_int;
    pub fn espeak_SetParameter(parameter: c_int, value: c_int, relative: c_int) -> c_int;
    pub fn espeak_Synth(
        text: *const c_void,
        size: usize,
        position: c_uint,
        position_type: c_int,
        end_position: c_uint,
        flags: c_uint,
        unique_identifier: *mut c_uint,
        user_data: *mut c_void,
    ) -> c_int;
    pub fn espeak_TextToPhonemes(
        textptr: *mut *const c_void,
        textmode: c_int,
        phonememode: c_int,
    ) -> *const c_char;
    /// Where the translation trace goes (`phonememode` with `PHONEMES_TRACE`); `stream` null:
    /// standard error.
    #[cfg(unix)]
    pub fn espeak_SetPhonemeTrace(phonememode: c_int, stream: *mut libc::FILE);
    pub fn espeak_ListVoices(voice_spec: *mut EspeakVoice) -> *mut *const EspeakVoice;
    /// The library's version; `path_data`, when not null, receives its data folder.
    pub fn espeak_Info(path_data: *mut *const c_char) -> *const c_char;
}
