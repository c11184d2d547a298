//! Running a Piper model on one chunk of phoneme ids: whole, or as encoder then decoder pieces.
//!
//! The decoder's memory grows with the length of what it decodes (its last layers hold several
//! copies of the audio at 32 channels or more), so a latent longer than `PIECE_FRAMES` is
//! decoded in pieces, each read with `context` frames of the latent on both sides and cut back
//! to its own samples: the same samples as decoding it whole, in memory bounded by the piece.

use crate::error::SynthError;
use ort::session::Session;
use ort::value::{DynValue, Tensor};
use std::ops::Range;
use std::sync::Mutex;

/// The engine's name in errors.
pub(super) use super::config::ENGINE;

/// Most latent frames (~12 ms of audio each) decoded at once. Longer pieces cost memory;
/// shorter ones spend more of their time on the context around them.
pub const PIECE_FRAMES: usize = 300;

/// What the decoder half of a model needs to know about its input (found by `graph_split`,
/// kept in the cache's memo).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Shape {
    /// The latent's name.
    pub latent: String,
    /// Samples per latent frame.
    pub hop: usize,
    /// Frames of latent each side of a piece that its samples depend on.
    pub context: usize,
}

/// One piece of a latent: the frames it is read with, and the frames whose samples it gives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Piece {
    pub read: Range<usize>,
    pub keep: Range<usize>,
}

/// `frames` cut into pieces of at most `longest` kept frames, as even as they can be.
pub fn pieces(frames: usize, longest: usize, context: usize) -> Vec<Piece> {
    let count = frames.div_ceil(longest.max(1)).max(1);
    let size = frames.div_ceil(count).max(1);
    (0..frames)
        .step_by(size)
        .map(|start| {
            let end = (start + size).min(frames);
            Piece {
                read: start.saturating_sub(context)..(end + context).min(frames),
                keep: start..end,
            }
        })
        .collect()
}

fn failed(e: &dyn std::fmt::Display) -> SynthError {
    SynthError::Failed {
        engine: ENGINE,
        message: format!("inference failed: {e}"),
    }
}

/// The inputs of a whole model or its encoder.
fn model_inputs(
    ids: Vec<i64>,
    scales: [f32; 3],
    speaker: Option<i64>,
) -> Result<Vec<(&'static str, DynValue)>, SynthError> {
    let n = ids.len();
    let mut inputs = vec![
        (
            "input",
            Tensor::from_array(([1usize, n], ids))
                .map_err(|e| failed(&e))?
                .into_dyn(),
        ),
        (
            "input_lengths",
            Tensor::from_array(([1usize], vec![n as i64]))
                .map_err(|e| failed(&e))?
                .into_dyn(),
        ),
        (
            "scales",
            Tensor::from_array(([3usize], scales.to_vec()))
                .map_err(|e| failed(&e))?
                .into_dyn(),
        ),
    ];
    if let Some(sid) = speaker {
        inputs.push((
            "sid",
            Tensor::from_array(([1usize], vec![sid]))
                .map_err(|e| failed(&e))?
                .into_dyn(),
        ));
    }
    Ok(inputs)
}

/// The first output of a run, as floats, with its shape.
fn first_output(
    outputs: &ort::session::SessionOutputs<'_>,
) -> Result<(Vec<i64>, Vec<f32>), SynthError> {
    let (shape, values) = outputs[0]
        .try_extract_tensor::<f32>()
        .map_err(|e| failed(&e))?;
    Ok((shape.to_vec(), values.to_vec()))
}

/// The whole model: phoneme ids → samples.
pub fn whole(
    session: &mut Session,
    ids: Vec<i64>,
    scales: [f32; 3],
    speaker: Option<i64>,
) -> Result<Vec<f32>, SynthError> {
    let outputs = session
        .run(model_inputs(ids, scales, speaker)?)
        .map_err(|e| failed(&e))?;
    Ok(first_output(&outputs)?.1)
}

/// A latent: `channels` rows of `frames` values.
pub struct Latent {
    pub channels: usize,
    pub frames: usize,
    pub values: Vec<f32>,
}

/// The encoder, shared by the workers: phoneme ids → latent.
pub fn encode(
    encoder: &Mutex<Session>,
    ids: Vec<i64>,
    scales: [f32; 3],
    speaker: Option<i64>,
) -> Result<Latent, SynthError> {
    let inputs = model_inputs(ids, scales, speaker)?;
    let mut session = encoder.lock().unwrap_or_else(|p| p.into_inner());
    let outputs = session.run(inputs).map_err(|e| failed(&e))?;
    let (shape, values) = first_output(&outputs)?;
    match shape[..] {
        [1, channels, frames] => Ok(Latent {
            channels: channels as usize,
            frames: frames as usize,
            values,
        }),
        _ => Err(failed(&format!(
            "the encoder gave a latent of shape {shape:?}"
        ))),
    }
}

/// The decoder on one piece of a latent: the samples of the piece's kept frames.
pub fn decode_piece(
    decoder: &mut Session,
    shape: &Shape,
    latent: &Latent,
    piece: &Piece,
) -> Result<Vec<f32>, SynthError> {
    let width = piece.read.len();
    let mut values = Vec::with_capacity(latent.channels * width);
    for row in latent.values.chunks_exact(latent.frames.max(1)) {
        values.extend_from_slice(&row[piece.read.clone()]);
    }
    let input =
        Tensor::from_array(([1usize, latent.channels, width], values)).map_err(|e| failed(&e))?;
    let outputs = decoder
        .run(vec![(shape.latent.as_str(), input.into_dyn())])
        .map_err(|e| failed(&e))?;
    // Only the kept frames' samples are copied out of the runtime's buffer.
    let (_, audio) = outputs[0]
        .try_extract_tensor::<f32>()
        .map_err(|e| failed(&e))?;
    if audio.len() != width * shape.hop {
        return Err(failed(&format!(
            "the decoder gave {} samples for {width} frames, not {} per frame",
            audio.len(),
            shape.hop
        )));
    }
    let from = (piece.keep.start - piece.read.start) * shape.hop;
    Ok(audio[from..from + piece.keep.len() * shape.hop].to_vec())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pieces_cover_every_frame_once_with_context_inside_the_latent() {
        for (frames, longest, context) in [
            (0, 400, 14),
            (1, 400, 14),
            (400, 400, 14),
            (401, 400, 14),
            (1000, 300, 20),
            (97, 10, 3),
        ] {
            let ps = pieces(frames, longest, context);
            let mut next = 0;
            for p in &ps {
                assert_eq!(p.keep.start, next);
                assert!(p.keep.len() <= longest.max(1) && (frames == 0 || !p.keep.is_empty()));
                assert_eq!(p.read.start, p.keep.start.saturating_sub(context));
                assert_eq!(p.read.end, (p.keep.end + context).min(frames));
                next = p.keep.end;
            }
            assert_eq!(next, frames, "{frames} {longest}");
        }
        // Even pieces: 401 frames in two of 201 and 200, not 400 and 1.
        let ps = pieces(401, 400, 14);
        assert_eq!(
            ps.iter().map(|p| p.keep.len()).collect::<Vec<_>>(),
            [201, 200]
        );
    }
}
