//! The work of one section, shared among the workers of a model run in halves.
//!
//! Two kinds of task: encoding a chunk (one encoder, so one at a time) and decoding a piece of
//! an encoded chunk (any worker, on its own decoder). A worker that comes free encodes when the
//! encoder is free and fewer pieces are waiting than there are workers, so that the others
//! never run out; otherwise it decodes the oldest waiting piece. Because the last chunks of a
//! section are decoded in pieces by whichever workers are free, the cores finish a section
//! together instead of one idling while another speaks a long sentence.

use super::decode::{self, ENGINE, Latent, PIECE_FRAMES, Piece, Shape};
use crate::error::SynthError;
use ort::session::Session;
use std::collections::VecDeque;
use std::sync::{Arc, Condvar, Mutex};

/// A chunk of a sentence waiting for the encoder.
struct Chunk {
    sentence: usize,
    index: usize,
    ids: Vec<i64>,
}

/// A piece of an encoded chunk waiting for a decoder.
struct Waiting {
    sentence: usize,
    chunk: usize,
    index: usize,
    piece: Piece,
    latent: Arc<Latent>,
}

enum Task {
    Encode(Chunk),
    Decode(Waiting),
    Done,
}

struct Board {
    to_encode: VecDeque<Chunk>,
    encoding: bool,
    waiting: VecDeque<Waiting>,
    /// Samples by sentence, chunk and piece.
    done: Vec<Vec<Vec<Option<Vec<f32>>>>>,
    failed: Vec<Option<SynthError>>,
}

impl Board {
    fn next(&mut self, workers: usize) -> Option<Task> {
        let can_encode = !self.encoding && !self.to_encode.is_empty();
        if can_encode && self.waiting.len() < workers {
            self.encoding = true;
            return self.to_encode.pop_front().map(Task::Encode);
        }
        if let Some(w) = self.waiting.pop_front() {
            return Some(Task::Decode(w));
        }
        if !self.encoding && self.to_encode.is_empty() {
            return Some(Task::Done);
        }
        None
    }
}

/// Everything that stays the same across a section.
pub struct Voice<'a> {
    pub encoder: &'a Mutex<Session>,
    pub shape: &'a Shape,
    pub scales: [f32; 3],
    pub speaker: Option<i64>,
}

/// Speaks `sentences` (each the phoneme ids of its chunks) on the `decoders`, one worker each,
/// shortest sentences first. Returns each sentence's samples.
///
/// Shortest first keeps the encoder ahead: a chunk gives about twice as much decoding as it
/// took to encode, so while the next, a little longer, is encoded, the other workers decode
/// the last one. Longest first left them waiting for the first long encode of every section
/// (0.3 s idle per section on the example article, by hand). The last, longest chunk is then
/// decoded in pieces by all the workers.
pub fn speak(
    voice: &Voice<'_>,
    decoders: &mut [Session],
    sentences: Vec<Vec<Vec<i64>>>,
) -> Vec<Result<Vec<f32>, SynthError>> {
    let mut board = Board {
        to_encode: VecDeque::new(),
        encoding: false,
        waiting: VecDeque::new(),
        done: sentences
            .iter()
            .map(|c| vec![Vec::new(); c.len()])
            .collect(),
        failed: sentences.iter().map(|_| None).collect(),
    };
    let mut order: Vec<(usize, Vec<Vec<i64>>)> = sentences.into_iter().enumerate().collect();
    order.sort_by_key(|(_, chunks)| chunks.iter().map(Vec::len).sum::<usize>());
    for (sentence, chunks) in order {
        for (index, ids) in chunks.into_iter().enumerate() {
            board.to_encode.push_back(Chunk {
                sentence,
                index,
                ids,
            });
        }
    }
    let board = (Mutex::new(board), Condvar::new());
    let workers = decoders.len();
    std::thread::scope(|scope| {
        for decoder in decoders.iter_mut() {
            let board = &board;
            scope.spawn(move || work(voice, decoder, board, workers));
        }
    });
    let board = board.0.into_inner().unwrap_or_else(|p| p.into_inner());
    board
        .done
        .into_iter()
        .zip(board.failed)
        .map(|(chunks, failed)| {
            if let Some(e) = failed {
                return Err(e);
            }
            let mut samples = Vec::new();
            for piece in chunks.into_iter().flatten() {
                samples.extend(piece.ok_or_else(|| SynthError::Failed {
                    engine: ENGINE,
                    message: "a piece was not decoded".into(),
                })?);
            }
            Ok(samples)
        })
        .collect()
}

/// One worker: takes tasks until the section is done.
fn work(voice: &Voice<'_>, decoder: &mut Session, board: &(Mutex<Board>, Condvar), workers: usize) {
    let (lock, changed) = board;
    let take = || {
        let mut b = lock.lock().unwrap_or_else(|p| p.into_inner());
        loop {
            if let Some(task) = b.next(workers) {
                return task;
            }
            b = changed.wait(b).unwrap_or_else(|p| p.into_inner());
        }
    };
    loop {
        match take() {
            Task::Done => return,
            Task::Encode(chunk) => {
                let latent = decode::encode(voice.encoder, chunk.ids, voice.scales, voice.speaker);
                let mut b = lock.lock().unwrap_or_else(|p| p.into_inner());
                b.encoding = false;
                match latent {
                    Ok(latent) => {
                        let latent = Arc::new(latent);
                        let pieces =
                            decode::pieces(latent.frames, PIECE_FRAMES, voice.shape.context);
                        b.done[chunk.sentence][chunk.index] = vec![None; pieces.len()];
                        for (index, piece) in pieces.into_iter().enumerate() {
                            b.waiting.push_back(Waiting {
                                sentence: chunk.sentence,
                                chunk: chunk.index,
                                index,
                                piece,
                                latent: Arc::clone(&latent),
                            });
                        }
                    }
                    Err(e) => b.failed[chunk.sentence] = Some(e),
                }
                changed.notify_all();
            }
            Task::Decode(w) => {
                let samples = decode::decode_piece(decoder, voice.shape, &w.latent, &w.piece);
                drop(w.latent);
                let mut b = lock.lock().unwrap_or_else(|p| p.into_inner());
                match samples {
                    Ok(samples) => b.done[w.sentence][w.chunk][w.index] = Some(samples),
                    Err(e) => b.failed[w.sentence] = Some(e),
                }
                changed.notify_all();
            }
        }
    }
}
