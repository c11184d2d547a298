//! The M4B audiobook edition (`--edition m4b`): the whole edition as one AAC file in MP4, a
//! chapter per section at its exact first sample, tagged as a book (title, authors, year, genre
//! "Audiobook", the narrating voice, the cover), and brought to a loudness target with one gain
//! for the whole book and the podcast's limiter.
//!
//! A book can run for days, so nothing holds it whole: sections are appended to a hidden raw
//! PCM file (`.<folder>.m4b.pcm.part`) and measured as they arrive; at the end one gain is known,
//! and the PCM is read back a block at a time, limited ([`crate::loudness::limit_block`]) and
//! encoded. The M4B is written under a hidden name and renamed into place whole.

use super::book::BookInfo;
use super::manifest::{M4b, Manifest};
use super::sinks::{Finished, Made, Sink};
use crate::codec::m4b::{BookTags, DEFAULT_KBPS, M4bWriter, SampleChapter};
use crate::error::{ExportError, OutputError};
use crate::loudness::{Meter, block_context, limit_block};
use std::io::{BufWriter, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

/// The highest sample peak the limiter lets through, dBFS: the podcast's true-peak ceiling of
/// -1 dBTP, less the half decibel that inter-sample peaks run above sample peaks.
const CEILING_DB: f64 = -1.5;

/// Seconds of audio limited and encoded at a time.
const BLOCK_SECONDS: usize = 30;

/// Writes `<folder>.m4b` in the article's folder.
pub struct M4bEditionSink {
    dir: PathBuf,
    folder: String,
    book: BookInfo,
    target_lufs: f64,
    pcm: Option<BufWriter<std::fs::File>>,
    meter: Option<Meter>,
    chapters: Vec<SampleChapter>,
    samples: u64,
    rate: u32,
    /// A section could not be spoken: no book with a hole in it.
    failed: bool,
}

impl M4bEditionSink {
    pub fn new(dir: &Path, folder: &str, book: BookInfo, target_lufs: f64) -> Self {
        M4bEditionSink {
            dir: dir.to_path_buf(),
            folder: folder.to_string(),
            book,
            target_lufs,
            pcm: None,
            meter: None,
            chapters: Vec::new(),
            samples: 0,
            rate: 0,
            failed: false,
        }
    }

    fn pcm_path(&self) -> PathBuf {
        // Ends in `.part`, so an export killed midway has it removed by the next.
        self.dir.join(format!(
            ".{}.m4b.pcm{}",
            self.folder,
            crate::files::PART_SUFFIX
        ))
    }

    fn part_path(&self) -> PathBuf {
        self.dir.join(format!(".{}.m4b.part", self.folder))
    }

    fn encode_error(&self, source: crate::error::AudioError) -> ExportError {
        ExportError::Encode {
            path: format!("{}.m4b", self.folder),
            source,
        }
    }

    /// Reads the PCM back a block at a time, limits it and encodes it into `writer`.
    fn encode_blocks(&self, writer: &mut M4bWriter, gain_db: f64) -> Result<f64, ExportError> {
        let pcm = self.pcm_path();
        let mut file = std::fs::File::open(&pcm).map_err(|e| read_error(&pcm, e))?;
        let total = self.samples as usize;
        let context = block_context(self.rate);
        let block = BLOCK_SECONDS * self.rate as usize;
        let mut after = Meter::new(self.rate).map_err(|e| self.encode_error(e))?;
        let mut bytes = Vec::new();
        let mut start = 0;
        while start < total {
            let end = (start + block).min(total);
            let from = start.saturating_sub(context);
            let to = (end + context).min(total);
            file.seek(SeekFrom::Start(from as u64 * 2))
                .map_err(|e| read_error(&pcm, e))?;
            bytes.resize((to - from) * 2, 0);
            file.read_exact(&mut bytes)
                .map_err(|e| read_error(&pcm, e))?;
            let samples: Vec<i16> = bytes
                .chunks_exact(2)
                .map(|b| i16::from_le_bytes([b[0], b[1]]))
                .collect();
            let limited = limit_block(
                &samples,
                start - from,
                end - start,
                gain_db,
                CEILING_DB,
                self.rate,
            );
            after.add(&limited).map_err(|e| self.encode_error(e))?;
            writer.write(&limited).map_err(|e| self.encode_error(e))?;
            start = end;
        }
        after.lufs().map_err(|e| self.encode_error(e))
    }
}

fn write_error(path: &Path, source: std::io::Error) -> ExportError {
    ExportError::Output(OutputError::Write {
        what: path.display().to_string(),
        source,
    })
}

fn read_error(path: &Path, source: std::io::Error) -> ExportError {
    ExportError::Output(OutputError::ReadBack {
        what: path.display().to_string(),
        source,
    })
}

impl Sink for M4bEditionSink {
    fn begin(&mut self, rate: u32) -> Result<(), ExportError> {
        self.rate = rate;
        let pcm = self.pcm_path();
        let file = std::fs::File::create(&pcm).map_err(|e| write_error(&pcm, e))?;
        self.pcm = Some(BufWriter::new(file));
        self.meter = Some(Meter::new(rate).map_err(|e| self.encode_error(e))?);
        Ok(())
    }

    fn section(&mut self, section: &Finished<'_>) -> Result<(), ExportError> {
        if let Made::Failed { .. } = section.made {
            self.failed = true;
            return Ok(());
        }
        let pcm = self.pcm_path();
        let folder = &self.folder;
        let (out, meter) = (&mut self.pcm, &mut self.meter);
        section.blocks(&mut |samples| {
            if let Some(out) = out.as_mut() {
                let bytes: Vec<u8> = samples.iter().flat_map(|s| s.to_le_bytes()).collect();
                out.write_all(&bytes).map_err(|e| write_error(&pcm, e))?;
            }
            if let Some(meter) = meter.as_mut() {
                meter.add(samples).map_err(|source| ExportError::Encode {
                    path: format!("{folder}.m4b"),
                    source,
                })?;
            }
            Ok(())
        })?;
        let len = section.samples();
        self.chapters.push(SampleChapter {
            title: section.title.to_string(),
            start: self.samples,
            end: self.samples + len,
        });
        self.samples += len;
        Ok(())
    }

    fn finish(&mut self, manifest: &mut Manifest) -> Result<(), ExportError> {
        let pcm = self.pcm_path();
        if let Some(mut out) = self.pcm.take() {
            out.flush().map_err(|e| write_error(&pcm, e))?;
        }
        let result = self.write_book(manifest);
        let _ = std::fs::remove_file(&pcm);
        if result.is_err() {
            let _ = std::fs::remove_file(self.part_path());
        }
        result
    }
}

impl M4bEditionSink {
    fn write_book(&mut self, manifest: &mut Manifest) -> Result<(), ExportError> {
        if self.failed || self.samples == 0 {
            if self.failed {
                log::warn!(
                    "{}: no M4B edition: a section could not be spoken, and the book would miss it (export again to finish it)",
                    self.folder
                );
            }
            return Ok(());
        }
        let measured = match self.meter.as_ref() {
            Some(meter) => meter.lufs().map_err(|e| self.encode_error(e))?,
            None => f64::NEG_INFINITY,
        };
        // Silence has no loudness to correct.
        let gain_db = if measured.is_finite() {
            self.target_lufs - measured
        } else {
            0.0
        };
        let book = &self.book;
        let tags = BookTags {
            title: &book.title,
            authors: &book.authors,
            date: book.date.as_deref(),
            language: &book.language,
            chapters: &self.chapters,
            cover: book.cover.as_ref(),
            narrator: &book.narrator,
        };
        // Encoding a long book takes minutes after the last section: say what is going on.
        log::info!(
            "{}: encoding the M4B audiobook ({} of audio)",
            self.folder,
            crate::audio::length(crate::audio::ms_for_samples(self.samples, self.rate))
        );
        let part = self.part_path();
        let mut writer = M4bWriter::create(&part, self.rate, DEFAULT_KBPS, &tags)
            .map_err(|e| self.encode_error(e))?;
        let after = self.encode_blocks(&mut writer, gain_db)?;
        writer.finish().map_err(|e| self.encode_error(e))?;
        let name = format!("{}.m4b", self.folder);
        std::fs::rename(&part, self.dir.join(&name)).map_err(|e| write_error(&part, e))?;
        manifest.m4b = Some(M4b {
            file: name,
            chapters: self.chapters.len(),
            duration_ms: crate::audio::ms_for_samples(self.samples, self.rate),
            loudness_lufs: (after * 100.0).round() / 100.0,
            target_lufs: self.target_lufs,
            cover: book.cover.as_ref().is_some_and(crate::codec::m4b::shows),
        });
        Ok(())
    }
}
