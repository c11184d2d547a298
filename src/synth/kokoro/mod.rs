//! Kokoro-82M voices through ONNX Runtime.
//!
//! Text → eSpeak NG IPA in the article's language, a clause at a time with its punctuation
//! put back (as for Piper) → rewritten into Kokoro's phoneme alphabet (`phonemes`) → cut under
//! the model's 510-token context (Piper's cutter) → one inference per chunk with the style
//! vector for its length from the voice's table (`packs`) → 24 kHz samples.
//!
//! The model and the voice packs sit in the voice folders beside Piper's voices
//! (`voice_files`). Reading packs, finding files and the phoneme table are in every build; the
//! engine only with the `piper` feature, which brings ONNX Runtime.

pub mod packs;
pub mod phonemes;
pub mod voice_files;

#[cfg(feature = "piper")]
mod engine;

#[cfg(feature = "piper")]
pub use engine::{Kokoro, SAMPLE_RATE};
