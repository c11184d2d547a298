//! Piper neural voices (VITS models in ONNX) through ONNX Runtime.
//!
//! Text → eSpeak NG IPA phonemes one clause at a time, with the clause punctuation put back as
//! Piper's own phonemizer does → ids through the voice's `phoneme_id_map` → one inference per
//! chunk (a sentence, or pieces of a very long one under a phoneme budget) → 16-bit samples.
//!
//! The model runs in two halves (`graph_split`): one encoder session, shared, and a decoder
//! session per worker that turns the encoder's latent into samples piece by piece (`decode`),
//! so that the cores work on different sentences at once while the memory for a sentence stays
//! bounded. A model that cannot be cut runs whole, one session per worker.
//!
//! Finding voices, reading their configs and cutting phonemes into chunks are in every build;
//! the engine itself (ONNX Runtime and everything that runs the model) only with the `piper`
//! feature, on by default.

// In every build: where voices are, what their configs say, how a sentence is chunked.
pub mod voice_files;
pub mod options;
pub mod config;
pub mod chunks;

// The engine: the model's graph cut in two, its sessions and decoding, and the voice.
#[cfg(feature = "piper")]
pub mod protobuf;
#[cfg(feature = "piper")]
mod onnx_graph;
#[cfg(feature = "piper")]
pub mod graph_split;
#[cfg(feature = "piper")]
pub mod decode;
#[cfg(feature = "piper")]
pub mod board;
#[cfg(feature = "piper")]
pub mod model_cache;
#[cfg(feature = "piper")]
pub mod runtime;
#[cfg(feature = "piper")]
mod sessions;
#[cfg(feature = "piper")]
mod engine;

pub use chunks::{PHONEME_BUDGET, chunk_clauses};
pub use config::read_config;
#[cfg(feature = "piper")]
pub use engine::Piper;
pub use options::PiperOptions;
pub use voice_files::VoiceFiles;
