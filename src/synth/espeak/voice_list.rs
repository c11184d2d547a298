//! The installed eSpeak NG voices (`hark voices`) and the library's version.

use super::ffi;
use super::library::{initialise, lock};
use crate::error::SynthError;
use std::ffi::CStr;

/// One installed eSpeak NG voice.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct VoiceEntry {
    /// The name to pass to `--voice espeak:NAME` (its language code, or its file identifier).
    pub name: String,
    /// The voice's descriptive name.
    pub description: String,
    /// Its language (the first it lists).
    pub language: String,
    /// "male", "female" or "".
    pub gender: &'static str,
}

/// The eSpeak NG library's version (`1.51`), for `hark --version`. Needs no initialisation.
pub fn version() -> String {
    // SAFETY: espeak_Info returns a pointer to a static, NUL-terminated string; a null
    // path_data asks for nothing else.
    let version = unsafe { ffi::espeak_Info(std::ptr::null_mut()) };
    if version.is_null() {
        return "unknown".into();
    }
    // SAFETY: as above: static and NUL-terminated.
    unsafe { CStr::from_ptr(version) }
        .to_string_lossy()
        .into_owned()
}

/// Lists the installed voices.
pub fn voices() -> Result<Vec<VoiceEntry>, SynthError> {
    initialise()?;
    let _guard = lock();
    let mut out = Vec::new();
    // SAFETY: initialised and locked; the list is a NULL-terminated array owned by the library,
    // read before the lock is released.
    unsafe {
        let list = ffi::espeak_ListVoices(std::ptr::null_mut());
        if list.is_null() {
            return Ok(Vec::new());
        }
        let mut i = 0;
        while !(*list.add(i)).is_null() {
            let v = &**list.add(i);
            i += 1;
            let text = |p: *const std::os::raw::c_char| {
                if p.is_null() {
                    String::new()
                } else {
                    CStr::from_ptr(p).to_string_lossy().into_owned()
                }
            };
            // `languages` is a priority byte, then a NUL-terminated name, repeated.
            let language = if v.languages.is_null() {
                String::new()
            } else {
                text(v.languages.add(1))
            };
            let identifier = text(v.identifier);
            let gender = match v.gender {
                1 => "male",
                2 => "female",
                _ => "",
            };
            let file = identifier.rsplit('/').next().unwrap_or("").to_string();
            let name = if language.is_empty() {
                file.clone()
            } else {
                language.clone()
            };
            out.push((
                VoiceEntry {
                    name,
                    description: text(v.name),
                    language,
                    gender,
                },
                file,
            ));
        }
    }
    Ok(unique_names(out))
}

/// Names each voice uniquely. eSpeak NG gives some languages two voices under one code (`yue`
/// for Cantonese, and for Cantonese with Latin letters as Jyutping); the one whose file is not
/// named after the code is named by its file (`yue-Latn-jyutping`), which `-v` accepts too.
fn unique_names(mut voices: Vec<(VoiceEntry, String)>) -> Vec<VoiceEntry> {
    let mut seen = std::collections::HashMap::<String, usize>::new();
    for (voice, _) in &voices {
        *seen.entry(voice.name.clone()).or_default() += 1;
    }
    for (voice, file) in &mut voices {
        if seen[&voice.name] > 1 && !file.eq_ignore_ascii_case(&voice.name) && !file.is_empty() {
            voice.name = file.clone();
        }
    }
    let mut out: Vec<VoiceEntry> = voices.into_iter().map(|(v, _)| v).collect();
    out.sort_by(|a, b| a.name.cmp(&b.name));
    out.dedup_by(|a, b| a.name == b.name);
    out
}
