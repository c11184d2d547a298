//! eSpeak NG, the voice of the Linux screen readers, linked into the hark process.
//!
//! eSpeak NG keeps global state, so it is initialised once per process and every call goes
//! through one lock: never two threads in it at once. Synthesis runs in synchronous mode; the
//! callback appends samples to a buffer owned by the calling thread.

mod ffi;
#[cfg(unix)]
mod fresh;
mod library;
pub mod mnemonics;
mod request;
mod voice_list;
use library::{ENGINE, SINK, initialise, lock};
use request::request;
pub use voice_list::{VoiceEntry, version, voices};

use super::{Engine, Prosody, SectionResults, Utterance, VoiceInfo};
use crate::error::SynthError;

use std::ffi::{CStr, CString};
use std::os::raw::c_int;
use std::sync::{Mutex, OnceLock};

/// The voice used when none is named.
pub const DEFAULT_VOICE: &str = "en-us";
/// eSpeak NG's own default rate, words per minute: a factor of 1.0 is spoken at this.
const ESPEAK_DEFAULT_WPM: u32 = 175;

/// The voice and prosody the library has now (its state is global), so that sentences of the
/// same voice do not reload it: loading a voice reads its files and costs more than a sentence.
static SELECTED: Mutex<Option<(CString, [i32; 3])>> = Mutex::new(None);

/// An eSpeak NG voice with its prosody.
pub struct Espeak {
    info: VoiceInfo,
    voice: CString,
    prosody: Prosody,
    /// Where sections are spoken from an untouched library state (see `fresh.rs`), one per
    /// section spoken at once; started on the first section.
    #[cfg(unix)]
    zygotes: Vec<fresh::Zygote>,
    /// Sections spoken at once by `synthesize_sections`.
    at_once: usize,
}

impl Espeak {
    /// Speaks up to `n` sections at once (0: one per core).
    pub fn sections_at_once(mut self, n: usize) -> Self {
        self.at_once = match n {
            0 => std::thread::available_parallelism().map_or(1, usize::from),
            n => n,
        };
        self
    }

    /// Opens a voice by name or language (`en-us`, `en-gb-scotland`, `fr`).
    pub fn new(voice: &str, prosody: Prosody) -> Result<Self, SynthError> {
        let sample_rate = initialise()?;
        let name = CString::new(voice).map_err(|_| SynthError::VoiceNotFound {
            engine: ENGINE,
            voice: voice.to_string(),
        })?;
        // eSpeak NG picks *some* voice for any language it is asked for; only names that are a
        // voice file or a language of an installed voice are accepted.
        let wanted = voice.to_ascii_lowercase();
        let known = voices()?.iter().any(|v| {
            let language = v.language.to_ascii_lowercase();
            language == wanted
                || language.starts_with(&format!("{wanted}-"))
                || v.name.eq_ignore_ascii_case(voice)
        });
        let espeak = Espeak {
            info: VoiceInfo {
                engine: ENGINE.into(),
                name: voice.to_string(),
                sample_rate,
                model_sha256: None,
                scales: None,
                speaker: None,
            },
            voice: name,
            prosody,
            #[cfg(unix)]
            zygotes: Vec::new(),
            at_once: 1,
        };
        let _guard = lock();
        // SAFETY: initialised and locked; the name is NUL-terminated.
        if !known && unsafe { ffi::espeak_SetVoiceByName(espeak.voice.as_ptr()) } != ffi::EE_OK {
            return Err(SynthError::VoiceNotFound {
                engine: ENGINE,
                voice: voice.to_string(),
            });
        }
        espeak.select()?;
        Ok(espeak)
    }

    /// Makes this voice and prosody the library's current ones (its state is global).
    /// Call with the lock held.
    fn select(&self) -> Result<(), SynthError> {
        let wpm = (self.prosody.rate.factor() * ESPEAK_DEFAULT_WPM as f32)
            .round()
            .clamp(80.0, 450.0) as c_int;
        let params = [
            wpm,
            c_int::from(self.prosody.pitch.min(100)),
            c_int::from(self.prosody.volume.min(200)),
        ];
        let mut selected = SELECTED.lock().unwrap_or_else(|p| p.into_inner());
        if selected
            .as_ref()
            .is_some_and(|(voice, p)| *voice == self.voice && *p == params)
        {
            return Ok(());
        }
        *selected = None;
        // SAFETY: the library is initialised and we hold the lock; the name is NUL-terminated.
        let mut found = unsafe { ffi::espeak_SetVoiceByName(self.voice.as_ptr()) };
        if found != ffi::EE_OK {
            // Not a voice file name ("en-gb" lives in the file "gmw/en"): select by language,
            // as espeak-ng's own `-v` does.
            let mut spec = ffi::EspeakVoice {
                name: std::ptr::null(),
                languages: self.voice.as_ptr(),
                identifier: std::ptr::null(),
                gender: 0,
                age: 0,
                variant: 0,
                xx1: 0,
                score: 0,
                spare: std::ptr::null_mut(),
            };
            // SAFETY: as above; `spec` and the language string outlive the call.
            found = unsafe { ffi::espeak_SetVoiceByProperties(&mut spec) };
        }
        if found != ffi::EE_OK {
            return Err(SynthError::VoiceNotFound {
                engine: ENGINE,
                voice: self.info.name.clone(),
            });
        }
        let wpm = (self.prosody.rate.factor() * ESPEAK_DEFAULT_WPM as f32)
            .round()
            .clamp(80.0, 450.0) as c_int;
        // SAFETY: as above; parameters are plain integers in the documented ranges.
        unsafe {
            ffi::espeak_SetParameter(ffi::PARAM_RATE, wpm, 0);
            ffi::espeak_SetParameter(
                ffi::PARAM_PITCH,
                c_int::from(self.prosody.pitch.min(100)),
                0,
            );
            ffi::espeak_SetParameter(
                ffi::PARAM_VOLUME,
                c_int::from(self.prosody.volume.min(200)),
                0,
            );
        }
        Ok(())
    }
}

impl Engine for Espeak {
    fn voice(&self) -> &VoiceInfo {
        &self.info
    }

    fn synthesize(&mut self, text: &str) -> Result<Vec<i16>, SynthError> {
        let text = request(&Utterance::plain(text));
        let _guard = lock();
        self.select()?;
        synthesize_locked(&text).map_err(failed)
    }

    /// A section's sentences, synthesized from the library's untouched state (in a forked
    /// child, see `fresh.rs`) so that a section sounds the same whatever was spoken before it.
    fn synthesize_all(&mut self, utterances: &[Utterance]) -> SectionResults {
        self.synthesize_sections(&[utterances])
            .pop()
            .unwrap_or_default()
    }

    fn sections_at_once(&self) -> usize {
        self.at_once
    }

    /// Sections side by side, each in a child of a zygote of its own: the children are
    /// separate processes, so they run on separate cores, and each starts from the same state,
    /// so the samples are those of one section at a time.
    fn synthesize_sections(&mut self, sections: &[&[Utterance]]) -> Vec<SectionResults> {
        let requests: Vec<Vec<CString>> = sections
            .iter()
            .map(|s| s.iter().map(request).collect())
            .collect();
        let _guard = lock();
        if let Err(e) = self.select() {
            let message = e.to_string();
            return requests
                .iter()
                .map(|texts| {
                    texts
                        .iter()
                        .map(|_| {
                            Err(SynthError::Failed {
                                engine: ENGINE,
                                message: message.clone(),
                            })
                        })
                        .collect()
                })
                .collect();
        }
        warm_up();
        #[allow(unused_mut)]
        let mut results: Vec<Option<SectionResults>> = requests.iter().map(|_| None).collect();
        #[cfg(unix)]
        {
            // Every zygote is forked from this same warmed-up state, so any of them speaks a
            // section alike.
            let wanted = self.at_once.min(requests.len()).max(1);
            while self.zygotes.len() < wanted {
                match fresh::Zygote::start(synthesize_locked) {
                    Some(z) => self.zygotes.push(z),
                    None => break,
                }
            }
            // Each zygote takes the next section as soon as it is free, so one long section
            // does not hold the others up.
            let next = std::sync::atomic::AtomicUsize::new(0);
            let done = std::sync::Mutex::new(&mut results);
            let mut lost = false;
            std::thread::scope(|scope| {
                let workers: Vec<_> = self
                    .zygotes
                    .iter_mut()
                    .map(|zygote| {
                        let (next, done, requests) = (&next, &done, &requests);
                        scope.spawn(move || {
                            loop {
                                let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                                let Some(texts) = requests.get(i) else {
                                    return true;
                                };
                                let Some(spoken) = zygote.speak(texts) else {
                                    return false; // this zygote is gone; the rest is spoken here
                                };
                                let spoken = spoken.into_iter().map(|r| r.map_err(failed));
                                if let Ok(mut done) = done.lock() {
                                    done[i] = Some(spoken.collect());
                                }
                            }
                        })
                    })
                    .collect();
                for worker in workers {
                    lost |= !worker.join().unwrap_or(false);
                }
            });
            if lost {
                // A zygote is gone: speak in this process from now on.
                self.zygotes.clear();
            }
        }
        results
            .into_iter()
            .zip(&requests)
            .map(|(done, texts)| {
                done.unwrap_or_else(|| {
                    texts
                        .iter()
                        .map(|t| synthesize_locked(t).map_err(failed))
                        .collect()
                })
            })
            .collect()
    }
}

fn failed(status: c_int) -> SynthError {
    SynthError::Failed {
        engine: ENGINE,
        message: if status == -1 {
            "eSpeak NG stopped while speaking this section".into()
        } else {
            format!("espeak_Synth returned {status}")
        },
    }
}

/// Speaks one fixed sentence, once per process, and throws it away: eSpeak NG sets up tables
/// and buffers on its first synthesis, which each forked child (see `fresh.rs`) would otherwise
/// repeat; done once here, every child starts from the same, already warm state. Call with the
/// lock held.
fn warm_up() {
    static DONE: OnceLock<()> = OnceLock::new();
    DONE.get_or_init(|| {
        let _ = synthesize_locked(&CString::new("Ready, 1 2 3.").unwrap_or_default());
    });
}

/// Synthesizes one sentence with the current voice. Call with the lock held.
fn synthesize_locked(text: &CString) -> Result<Vec<i16>, c_int> {
    SINK.with(|sink| sink.borrow_mut().clear());
    // SAFETY: initialised, locked; the text is NUL-terminated UTF-8 and outlives the call,
    // which in synchronous mode returns only when synthesis is complete.
    // A passage in another language comes as SSML (see `request`).
    let ssml = if text.as_bytes().starts_with(b"<speak") {
        ffi::SSML
    } else {
        0
    };
    let status = unsafe {
        ffi::espeak_Synth(
            text.as_ptr().cast(),
            text.as_bytes_with_nul().len(),
            0,
            ffi::POS_CHARACTER,
            0,
            ffi::CHARS_UTF8 | ffi::PHONEMES | ssml,
            std::ptr::null_mut(),
            std::ptr::null_mut(),
        )
    };
    let samples = SINK.with(|sink| std::mem::take(&mut *sink.borrow_mut()));
    if status != ffi::EE_OK {
        return Err(status);
    }
    Ok(samples)
}

/// One clause of phonemes, as eSpeak NG splits a text, with the punctuation that ended it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Clause {
    /// IPA phonemes, words separated by spaces.
    pub phonemes: String,
    /// The clause's closing punctuation (`,` `;` `:` `.` `!` `?`), if any.
    pub punctuation: Option<char>,
}

impl Espeak {
    /// For each word, whether this voice's dictionary has it (the rest eSpeak NG says by its
    /// spelling rules, a guess for a name): its translation trace, which names each word
    /// found, written to a temporary file and read back.
    #[cfg(unix)]
    pub fn in_dictionary(&self, words: &[&str]) -> Result<Vec<bool>, SynthError> {
        let _guard = lock();
        self.select()?;
        // SAFETY: a temporary stream of our own, which eSpeak NG writes to under our lock and
        // which is closed below, after the trace is turned off again.
        let stream = unsafe { libc::tmpfile() };
        if stream.is_null() {
            return Err(SynthError::Failed {
                engine: ENGINE,
                message: "cannot make a temporary file for eSpeak NG's trace (is the temporary folder writable?)".into(),
            });
        }
        let mut known = Vec::with_capacity(words.len());
        for word in words {
            let text = CString::new(word.replace('\0', " ")).unwrap_or_default();
            let mut ptr: *const std::os::raw::c_void = text.as_ptr().cast();
            let mut trace = Vec::new();
            // SAFETY: initialised and locked; `text` is NUL-terminated and outlives the calls;
            // the stream is open, and at most its length is read into a buffer of that size.
            // Each word's trace starts at the stream's beginning.
            unsafe {
                ffi::espeak_SetPhonemeTrace(ffi::PHONEMES_TRACE, stream);
                while !ptr.is_null() {
                    ffi::espeak_TextToPhonemes(&mut ptr, ffi::CHARS_UTF8 as c_int, 0);
                }
                libc::fflush(stream);
                let length = libc::ftell(stream).max(0) as usize;
                trace.resize(length, 0u8);
                libc::fseek(stream, 0, libc::SEEK_SET);
                let read = libc::fread(trace.as_mut_ptr().cast(), 1, length, stream);
                trace.truncate(read);
                libc::fseek(stream, 0, libc::SEEK_SET);
            }
            let found = format!("Found: '{}'", word.to_lowercase());
            known.push(
                String::from_utf8_lossy(&trace)
                    .lines()
                    .any(|l| l.trim_start().starts_with(&found)),
            );
        }
        // SAFETY: locked; the trace goes back to nothing traced before the stream is closed.
        unsafe {
            ffi::espeak_SetPhonemeTrace(0, std::ptr::null_mut());
            libc::fclose(stream);
        }
        Ok(known)
    }

    /// Phonemizes `text` in IPA with this voice (for Piper voices), one clause at a time,
    /// keeping each clause's closing punctuation, which eSpeak NG itself drops.
    pub fn ipa_clauses(&self, text: &str) -> Result<Vec<Clause>, SynthError> {
        let espeak = self;
        let text = CString::new(text.replace('\0', " ")).unwrap_or_default();
        let bytes = text.as_bytes();
        let _guard = lock();
        espeak.select()?;
        let mut clauses = Vec::new();
        let mut ptr: *const std::os::raw::c_void = text.as_ptr().cast();
        let start = ptr as usize;
        while !ptr.is_null() {
            let before = ptr as usize - start;
            // SAFETY: initialised and locked; `ptr` points into `text` (NUL-terminated), which
            // eSpeak NG advances within it or sets to NULL at the end. The result is a string it
            // owns until the next call, copied at once.
            let phonemes = unsafe {
                let out = ffi::espeak_TextToPhonemes(
                    &mut ptr,
                    ffi::CHARS_UTF8 as c_int,
                    ffi::PHONEMES_IPA,
                );
                if out.is_null() {
                    String::new()
                } else {
                    CStr::from_ptr(out).to_string_lossy().into_owned()
                }
            };
            let after = if ptr.is_null() {
                bytes.len()
            } else {
                (ptr as usize - start).min(bytes.len())
            };
            let consumed = String::from_utf8_lossy(&bytes[before.min(after)..after]);
            // eSpeak NG reads one character into the next clause before it stops: the clause ends at
            // the last space of what it consumed.
            let clause_text = match (ptr.is_null(), consumed.rfind(char::is_whitespace)) {
                (false, Some(space)) => &consumed[..space],
                _ => &consumed[..],
            };
            let punctuation = clause_text
                .trim_end()
                .trim_end_matches(['"', '\'', '”', '’', ')', ']'])
                .chars()
                .next_back()
                .filter(|c| matches!(c, ',' | ';' | ':' | '.' | '!' | '?'));
            let phonemes = phonemes.trim().to_string();
            if !phonemes.is_empty() || punctuation.is_some() {
                clauses.push(Clause {
                    phonemes,
                    punctuation,
                });
            }
        }
        Ok(clauses)
    }
}

#[cfg(test)]
#[path = "espeak_tests.rs"]
mod tests;
