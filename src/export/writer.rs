//! The export's writing side: it takes what synthesis made, in order, assembles each section
//! (trimming, pauses, cues), pushes it into the sinks and keeps the manifest. A section spoken
//! whole is assembled in memory; one spoken in pieces (a long chapter) is assembled a piece at
//! a time into a hidden WAV (`.<section audio>.part`), which the sinks read in blocks and which
//! becomes the section's own WAV file at the end.

use crate::Prepared;
use crate::edition::{SectionAssembler, SectionAudio, assemble};
use crate::error::ExportError;
use crate::files;
use crate::markup::section_ssml;
use crate::output::manifest::Manifest;
use crate::output::sinks::{Finished, Made, SectionFiles, Sink};
use crate::output::wav::WavStream;
use crate::progress::Progress;
use crate::speech::Pauses;
use crate::synth::SectionResults;
use std::path::PathBuf;

/// What an export made.
#[derive(Debug, Clone, Default)]
pub struct ExportReport {
    /// The article's folder.
    pub dir: PathBuf,
    /// Sections in the article.
    pub sections: usize,
    /// Sections found already made and skipped.
    pub reused: usize,
    /// Sections that failed, with why.
    pub failed: Vec<(usize, String)>,
    /// Audio length of all sections, in milliseconds.
    pub audio_ms: u64,
}

/// What synthesis hands the writer.
pub enum Ready {
    /// A section made by an earlier run; its files are there, its audio this many samples long.
    Reused(usize, u64),
    /// The engine's results for a run of a section's sentences, to be assembled: the whole
    /// section, or a piece of it (`last` when it ends the section).
    Spoken {
        section: usize,
        results: SectionResults,
        whole: bool,
        last: bool,
    },
}

/// A section as the writer has it, assembled.
enum Assembled {
    Reused(usize, u64),
    /// Its SSML and audio.
    Spoken(usize, String, SectionAudio),
    /// The engine could not speak it: its SSML and why.
    Failed(usize, String, String),
}

/// A section being assembled a piece at a time.
struct Streaming<'a> {
    section: usize,
    assembler: SectionAssembler<'a>,
    /// The hidden WAV it goes to; `None` once a sentence failed (the rest is not spoken).
    wav: Option<WavStream>,
    path: PathBuf,
    samples: u64,
    error: Option<String>,
}

/// Pushes finished sections into the sinks in order and keeps the manifest.
pub struct Writer<'a, 's> {
    pub dir: PathBuf,
    pub prepared: &'a Prepared,
    pub pauses: Pauses,
    pub rate: u32,
    pub man: Manifest,
    pub names: Vec<SectionFiles>,
    pub sinks: Vec<&'s mut dyn Sink>,
    /// Samples of audio so far: where the next section starts in the edition.
    pub edition_samples: u64,
    pub report: ExportReport,
    pub progress: &'a Progress,
    /// When the manifest was last written.
    pub saved: std::time::Instant,
    /// Whether the sections' audio files are WAVs (a streamed section's hidden WAV is then
    /// renamed into place rather than encoded).
    pub wav_files: bool,
    streaming: Option<Streaming<'a>>,
}

/// How often the manifest is rewritten while sections are made. Rewriting it after every
/// section made exports of thousands of sections quadratic; a section finished since the last
/// write is still found by its files on a rerun.
const MANIFEST_EVERY: std::time::Duration = std::time::Duration::from_secs(1);

/// The manifest as written: pretty JSON and a newline.
pub fn manifest_bytes(man: &Manifest) -> Vec<u8> {
    let mut bytes = serde_json::to_vec_pretty(man).unwrap_or_default();
    bytes.push(b'\n');
    bytes
}

impl<'a, 's> Writer<'a, 's> {
    #[allow(clippy::too_many_arguments)]
    pub fn new(
        dir: PathBuf,
        prepared: &'a Prepared,
        pauses: Pauses,
        rate: u32,
        man: Manifest,
        names: Vec<SectionFiles>,
        sinks: Vec<&'s mut dyn Sink>,
        progress: &'a Progress,
        wav_files: bool,
    ) -> Self {
        let report = ExportReport {
            dir: dir.clone(),
            sections: prepared.sections.len(),
            ..Default::default()
        };
        Writer {
            dir,
            prepared,
            pauses,
            rate,
            man,
            names,
            sinks,
            edition_samples: 0,
            report,
            progress,
            saved: std::time::Instant::now(),
            wav_files,
            streaming: None,
        }
    }

    /// A spoken section's SSML and audio, assembled from the engine's results.
    fn assemble(&self, i: usize, results: SectionResults) -> Assembled {
        let section = &self.prepared.sections[i];
        let ssml = section_ssml(section, &self.pauses, &section.language);
        match assemble(section, results, &self.pauses, self.rate) {
            Ok(audio) => Assembled::Spoken(i, ssml, audio),
            Err(e) => Assembled::Failed(i, ssml, e.to_string()),
        }
    }

    pub fn take(&mut self, ready: Ready) -> Result<(), ExportError> {
        match ready {
            Ready::Reused(i, samples) => self.finished(Assembled::Reused(i, samples)),
            Ready::Spoken {
                section,
                results,
                whole: true,
                ..
            } => {
                self.progress.inc(results.len() as u64);
                let assembled = self.assemble(section, results);
                self.finished(assembled)
            }
            Ready::Spoken {
                section,
                results,
                last,
                ..
            } => self.take_piece(section, results, last),
        }
    }

    /// A piece of a long section: assembled onto its hidden WAV; the last one finishes it.
    fn take_piece(
        &mut self,
        i: usize,
        results: SectionResults,
        last: bool,
    ) -> Result<(), ExportError> {
        self.progress.inc(results.len() as u64);
        if self.streaming.as_ref().is_none_or(|s| s.section != i) {
            let section = &self.prepared.sections[i];
            let path = self
                .dir
                .join(format!(".{}{}", self.names[i].audio, files::PART_SUFFIX));
            self.streaming = Some(Streaming {
                section: i,
                assembler: SectionAssembler::new(section, &self.pauses, self.rate),
                wav: Some(WavStream::create(&path, self.rate)?),
                path,
                samples: 0,
                error: None,
            });
        }
        let Some(streaming) = self.streaming.as_mut() else {
            return Ok(());
        };
        if let Some(wav) = streaming.wav.as_mut() {
            let mut samples = Vec::new();
            match streaming.assembler.push(results, &mut samples) {
                Ok(()) => {
                    wav.append(&samples)?;
                    streaming.samples += samples.len() as u64;
                }
                Err(e) => {
                    // Dropped unfinished, the stream removes its file.
                    streaming.wav = None;
                    streaming.error = Some(e.to_string());
                }
            }
        }
        if !last {
            return Ok(());
        }
        let Some(streaming) = self.streaming.take() else {
            return Ok(());
        };
        let section = &self.prepared.sections[i];
        let ssml = section_ssml(section, &self.pauses, &section.language);
        if let Some(error) = streaming.error {
            return self.finished(Assembled::Failed(i, ssml, error));
        }
        if let Some(wav) = streaming.wav {
            wav.finish()?;
        }
        let cues = streaming.assembler.finish();
        let made = Made::Streamed {
            ssml: &ssml,
            cues: &cues,
            samples: streaming.samples,
            pcm: &streaming.path,
        };
        let result = self.push(i, made);
        // The hidden WAV is the section's file, placed last (its name means the section is
        // whole); in another format the section file sink has encoded it.
        let placed = if result.is_ok() && self.wav_files {
            std::fs::rename(&streaming.path, self.dir.join(&self.names[i].audio)).map_err(|e| {
                ExportError::from(crate::error::OutputError::Write {
                    what: self.dir.join(&self.names[i].audio).display().to_string(),
                    source: e,
                })
            })
        } else {
            let _ = std::fs::remove_file(&streaming.path);
            Ok(())
        };
        result.and(placed)
    }

    fn finished(&mut self, ready: Assembled) -> Result<(), ExportError> {
        let i = match &ready {
            Assembled::Reused(i, _) | Assembled::Spoken(i, ..) | Assembled::Failed(i, ..) => *i,
        };
        if let Assembled::Reused(..) = ready {
            self.progress
                .inc(self.prepared.sections[i].sentences().count() as u64);
        }
        let made = match &ready {
            Assembled::Reused(_, samples) => Made::Reused { samples: *samples },
            Assembled::Spoken(_, ssml, audio) => Made::Spoken { ssml, audio },
            Assembled::Failed(_, ssml, error) => Made::Failed { ssml, error },
        };
        self.push(i, made)
    }

    /// Pushes section `i`, made as `made`, into every sink, and notes it.
    fn push(&mut self, i: usize, made: Made<'_>) -> Result<(), ExportError> {
        let section = &self.prepared.sections[i];
        let reused = matches!(made, Made::Reused { .. });
        let finished = Finished {
            index: i,
            title: &section.title,
            start: self.edition_samples,
            rate: self.rate,
            dir: &self.dir,
            files: &self.names[i],
            made,
        };
        for sink in self.sinks.iter_mut() {
            sink.section(&finished)?;
        }
        if let Made::Failed { error, .. } = finished.made {
            let message = format!(
                "{}: section {i} \"{}\": {error}",
                self.prepared.source.path, section.title
            );
            self.progress.error(&message);
            self.man.sections[i].error = Some(error.to_string());
            self.report.failed.push((i, message));
            return files::write_atomic(
                &self.dir.join("manifest.json"),
                &manifest_bytes(&self.man),
            )
            .map_err(Into::into);
        }
        if reused {
            self.report.reused += 1;
        }
        let ms = finished.duration_ms();
        self.edition_samples += finished.samples();
        self.names[i].record(&mut self.man.sections[i], ms);
        self.report.audio_ms += ms;
        if self.saved.elapsed() >= MANIFEST_EVERY {
            files::write_atomic(&self.dir.join("manifest.json"), &manifest_bytes(&self.man))?;
            self.saved = std::time::Instant::now();
        }
        Ok(())
    }

    pub fn finish(mut self) -> Result<ExportReport, ExportError> {
        for sink in self.sinks.iter_mut() {
            sink.finish(&mut self.man)?;
        }
        self.man.duration_ms = Some(self.report.audio_ms);
        self.man.complete = Some(self.report.failed.is_empty());
        files::write_atomic(&self.dir.join("manifest.json"), &manifest_bytes(&self.man))?;
        Ok(self.report)
    }
}
