//! The export's sinks. An export pushes an edition's sections into each sink in order, as they
//! are finished ([`Sink::section`]), then closes them ([`Sink::finish`]), and each notes the
//! files it wrote in the manifest. The files of an edition are sinks here (a section's audio,
//! SSML and VTT; the playlist; the combined edition with its chapters and cue sheet), and a caller
//! adds its own to take the audio as it is made: the podcast collects an episode's audio,
//! chapters and cues this way instead of reading back the files.

use crate::audio::{Chapter, ms_for_samples};
use crate::codec::{AudioFormat, Tags};
use crate::edition::{Cue, SectionAudio};
use crate::error::{ExportError, OutputError};
use crate::files;
use crate::output::audio_file::{self, AudioSettings};
use crate::output::manifest::{Combined, Manifest, SectionEntry};
use crate::output::{playlist, subtitles, wav};
use std::borrow::Cow;
use std::path::{Path, PathBuf};

/// The file names of a section, in the article's folder.
#[derive(Debug, Clone)]
pub struct SectionFiles {
    /// The audio, in the export's `--audio` format.
    pub audio: String,
    pub ssml: String,
    pub vtt: String,
}

impl SectionFiles {
    /// `NN-slug.wav` (or `.flac`, `.mp3`, `.opus`) and its kin, numbered with `width` digits.
    pub fn numbered(index: usize, width: usize, slug: &str, format: AudioFormat) -> SectionFiles {
        let base = format!("{index:0width$}-{slug}");
        SectionFiles {
            audio: format!("{base}.{}", format.name()),
            ssml: format!("{base}.ssml"),
            vtt: format!("{base}.vtt"),
        }
    }

    /// Notes the files and the length of a section that has its audio in its manifest entry.
    pub fn record(&self, entry: &mut SectionEntry, ms: u64) {
        entry.audio = Some(self.audio.clone());
        entry.ssml = Some(self.ssml.clone());
        entry.subtitles = Some(self.vtt.clone());
        entry.duration_ms = Some(ms);
    }
}

/// A section as it reaches the sinks.
pub struct Finished<'a> {
    /// Its position in the article, from 0.
    pub index: usize,
    pub title: &'a str,
    /// Where it starts in the edition, in samples: the length of the sections before it that
    /// have audio.
    pub start: u64,
    /// The edition's sample rate.
    pub rate: u32,
    /// The article's folder, and the section's files in it.
    pub dir: &'a Path,
    pub files: &'a SectionFiles,
    pub made: Made<'a>,
}

/// How a section was made.
pub enum Made<'a> {
    /// Spoken in this run: its SSML and audio.
    Spoken {
        ssml: &'a str,
        audio: &'a SectionAudio,
    },
    /// Made by an earlier run of the same export: its files are in the folder, `samples` long.
    Reused { samples: u64 },
    /// Spoken now a piece at a time (a long chapter), its audio streamed to the WAV at `pcm`
    /// (which the export places under the section's name, or removes, once every sink has had
    /// it): its SSML, cues and length.
    Streamed {
        ssml: &'a str,
        cues: &'a [Cue],
        samples: u64,
        pcm: &'a Path,
    },
    /// The engine could not speak it: its SSML, and why.
    Failed { ssml: &'a str, error: &'a str },
}

impl Finished<'_> {
    /// Its length in samples (0 for a section that failed).
    pub fn samples(&self) -> u64 {
        match &self.made {
            Made::Spoken { audio, .. } => audio.samples.len() as u64,
            Made::Reused { samples } | Made::Streamed { samples, .. } => *samples,
            Made::Failed { .. } => 0,
        }
    }

    /// Whether it has audio.
    pub fn has_audio(&self) -> bool {
        !matches!(self.made, Made::Failed { .. })
    }

    /// Its audio whole: in memory when spoken now, read from its file when an earlier run made
    /// it or it was streamed. Sinks that can take it in blocks use [`Finished::blocks`], which
    /// never holds a long chapter whole.
    pub fn audio(&self) -> Result<Cow<'_, [i16]>, ExportError> {
        match &self.made {
            Made::Spoken { audio, .. } => Ok(Cow::Borrowed(&audio.samples)),
            Made::Streamed { pcm, .. } => Ok(Cow::Owned(audio_file::read(AudioFormat::Wav, pcm)?)),
            Made::Reused { .. } => {
                let path = self.dir.join(&self.files.audio);
                let format = path
                    .extension()
                    .and_then(|e| AudioFormat::from_name(&e.to_string_lossy()))
                    .unwrap_or_default();
                Ok(Cow::Owned(audio_file::read(format, &path)?))
            }
            Made::Failed { .. } => Ok(Cow::Borrowed(&[])),
        }
    }

    /// Its audio a block at a time, in order, to `take`: a section spoken now at once, one
    /// streamed or reused as WAV read from its file in blocks of [`BLOCK_SAMPLES`], any other
    /// reused one decoded whole.
    pub fn blocks(
        &self,
        take: &mut dyn FnMut(&[i16]) -> Result<(), ExportError>,
    ) -> Result<(), ExportError> {
        let wav = match &self.made {
            Made::Spoken { audio, .. } => return take(&audio.samples),
            Made::Failed { .. } => return Ok(()),
            Made::Streamed { pcm, .. } => pcm.to_path_buf(),
            Made::Reused { .. } if self.files.audio.ends_with(".wav") => {
                self.dir.join(&self.files.audio)
            }
            Made::Reused { .. } => return take(&self.audio()?),
        };
        wav::read_blocks(&wav, BLOCK_SAMPLES, take)
    }

    /// Its sentences' times in ms, from its start: the cues themselves when spoken now,
    /// else from its subtitles (which hold them to the millisecond).
    pub fn cue_times_ms(&self) -> Result<Vec<(u64, u64)>, ExportError> {
        let cues = match &self.made {
            Made::Spoken { audio, .. } => &audio.cues[..],
            Made::Streamed { cues, .. } => cues,
            _ => return Ok(subtitles::cue_times(&self.subtitles()?)),
        };
        Ok(cues
            .iter()
            .map(|c| {
                (
                    ms_for_samples(c.start, self.rate),
                    ms_for_samples(c.end, self.rate),
                )
            })
            .collect())
    }

    /// Its audio as an MP3 (at the default bit rate) tagged with its title and the article's,
    /// for the editions that carry a file per section; `name` says which file in an error.
    pub fn mp3(&self, album: &str, language: &str, name: &str) -> Result<Vec<u8>, ExportError> {
        let tags = Tags {
            title: self.title,
            album,
            language,
            ..Tags::default()
        };
        crate::codec::encode(AudioFormat::Mp3, &self.audio()?, self.rate, None, &tags).map_err(
            |source| ExportError::Encode {
                path: name.to_string(),
                source,
            },
        )
    }

    /// Its subtitles as WebVTT, one cue per sentence.
    pub fn subtitles(&self) -> Result<Cow<'_, str>, ExportError> {
        match &self.made {
            Made::Spoken { audio, .. } => Ok(Cow::Owned(subtitles::render(&audio.cues, self.rate))),
            Made::Streamed { cues, .. } => Ok(Cow::Owned(subtitles::render(cues, self.rate))),
            Made::Reused { .. } => {
                let path = self.dir.join(&self.files.vtt);
                std::fs::read_to_string(&path)
                    .map(Cow::Owned)
                    .map_err(|e| unreadable(&path, e))
            }
            Made::Failed { .. } => Ok(Cow::Borrowed("WEBVTT\n")),
        }
    }

    /// Its chapter in the edition.
    pub fn chapter(&self) -> Chapter {
        Chapter::from_samples(
            self.title,
            self.start,
            self.start + self.samples(),
            self.rate,
        )
    }

    /// Its length in milliseconds.
    pub fn duration_ms(&self) -> u64 {
        ms_for_samples(self.samples(), self.rate)
    }
}

fn unreadable(path: &Path, e: impl std::fmt::Display) -> ExportError {
    ExportError::Output(OutputError::ReadBack {
        what: path.display().to_string(),
        source: std::io::Error::other(e.to_string()),
    })
}

/// The samples [`Finished::blocks`] reads at a time from a file: about 45 s at 22,050 Hz.
pub const BLOCK_SAMPLES: usize = 1 << 20;

/// Something an export writes an edition to, section by section. Sinks are driven from the
/// export's writing thread, hence `Send`.
pub trait Sink: Send {
    /// Before the first section: the edition's sample rate.
    fn begin(&mut self, rate: u32) -> Result<(), ExportError> {
        let _ = rate;
        Ok(())
    }

    /// The next section, in order.
    fn section(&mut self, section: &Finished<'_>) -> Result<(), ExportError>;

    /// After the last section: write what is made of the whole, and note it in the manifest.
    fn finish(&mut self, manifest: &mut Manifest) -> Result<(), ExportError> {
        let _ = manifest;
        Ok(())
    }
}

/// Each section's own files: SSML, WebVTT subtitles and audio (the audio last, so that an
/// audio file under its final name means the section is whole). A failed section keeps its
/// SSML. Compressed files are tagged with the section's title, the article's as album, the
/// language and the section's number.
pub struct SectionFileSink {
    pub audio: AudioSettings,
    /// The article's title and language.
    pub album: String,
    pub language: String,
    /// Sections in the article.
    pub sections: usize,
}

impl Sink for SectionFileSink {
    fn section(&mut self, section: &Finished<'_>) -> Result<(), ExportError> {
        let (dir, files) = (section.dir, section.files);
        let tags = Tags {
            title: section.title,
            album: &self.album,
            language: &self.language,
            track: Some((section.index as u32 + 1, self.sections as u32)),
            ..Tags::default()
        };
        let path = dir.join(&files.audio);
        match &section.made {
            Made::Spoken { ssml, audio } => {
                files::write_atomic(&dir.join(&files.ssml), ssml.as_bytes())?;
                files::write_atomic(&dir.join(&files.vtt), section.subtitles()?.as_bytes())?;
                audio_file::write(self.audio, &path, &audio.samples, section.rate, &tags)?;
            }
            Made::Streamed { ssml, .. } => {
                files::write_atomic(&dir.join(&files.ssml), ssml.as_bytes())?;
                files::write_atomic(&dir.join(&files.vtt), section.subtitles()?.as_bytes())?;
                // A streamed WAV is the section's file already: the export renames it into place
                // once every sink has read it. Other formats are encoded from it whole.
                if self.audio.format != AudioFormat::Wav {
                    audio_file::write(self.audio, &path, &section.audio()?, section.rate, &tags)?;
                }
            }
            Made::Failed { ssml, .. } => {
                files::write_atomic(&dir.join(&files.ssml), ssml.as_bytes())?;
            }
            Made::Reused { .. } => {}
        }
        Ok(())
    }
}

/// The playlist, `<folder>.m3u8`: the sections that have audio, in order.
pub struct PlaylistSink {
    path: PathBuf,
    title: String,
    entries: Vec<playlist::Entry>,
}

impl PlaylistSink {
    pub fn new(dir: &Path, folder: &str, title: &str) -> PlaylistSink {
        PlaylistSink {
            path: dir.join(format!("{folder}.m3u8")),
            title: title.to_string(),
            entries: Vec::new(),
        }
    }
}

impl Sink for PlaylistSink {
    fn section(&mut self, section: &Finished<'_>) -> Result<(), ExportError> {
        if section.has_audio() {
            self.entries.push(playlist::Entry {
                file: section.files.audio.clone(),
                title: section.title.to_string(),
                duration_ms: section.duration_ms(),
            });
        }
        Ok(())
    }

    fn finish(&mut self, manifest: &mut Manifest) -> Result<(), ExportError> {
        let playlist = playlist::m3u8(&self.title, &self.entries);
        files::write_atomic(&self.path, playlist.as_bytes())?;
        manifest.playlist = file_name(&self.path);
        Ok(())
    }
}

/// The whole edition as one file (`<folder>.wav`, or `.flac`, `.mp3`, `.opus`), with WebVTT
/// chapters (`<folder>.chapters.vtt`) and a cue sheet (`<folder>.cue`). A WAV is streamed as
/// sections arrive; for the compressed formats the samples are streamed to a hidden WAV
/// (`.<folder>.pcm.wav`) that is encoded, tagged with the chapters, and removed at the end.
pub struct CombinedSink {
    dir: PathBuf,
    folder: String,
    title: String,
    language: String,
    audio: AudioSettings,
    stream: Option<wav::WavStream>,
    chapters: Vec<Chapter>,
    samples: u64,
    rate: u32,
}

impl CombinedSink {
    pub fn new(
        dir: &Path,
        folder: &str,
        title: &str,
        language: &str,
        audio: AudioSettings,
    ) -> CombinedSink {
        CombinedSink {
            dir: dir.to_path_buf(),
            folder: folder.to_string(),
            title: title.to_string(),
            language: language.to_string(),
            audio,
            stream: None,
            chapters: Vec::new(),
            samples: 0,
            rate: 0,
        }
    }

    /// The edition's file.
    fn audio_name(&self) -> String {
        format!("{}.{}", self.folder, self.audio.format.name())
    }

    /// Where the samples are streamed: the edition's file itself when it is a WAV.
    fn pcm_name(&self) -> String {
        match self.audio.format {
            AudioFormat::Wav => self.audio_name(),
            _ => format!(".{}.pcm.wav", self.folder),
        }
    }
}

impl Sink for CombinedSink {
    fn begin(&mut self, rate: u32) -> Result<(), ExportError> {
        self.rate = rate;
        self.stream = Some(wav::WavStream::create(
            &self.dir.join(self.pcm_name()),
            rate,
        )?);
        Ok(())
    }

    fn section(&mut self, section: &Finished<'_>) -> Result<(), ExportError> {
        if !section.has_audio() {
            return Ok(());
        }
        if let Some(stream) = self.stream.as_mut() {
            section.blocks(&mut |block| Ok(stream.append(block)?))?;
        }
        self.chapters.push(section.chapter());
        self.samples += section.samples();
        Ok(())
    }

    fn finish(&mut self, manifest: &mut Manifest) -> Result<(), ExportError> {
        if let Some(stream) = self.stream.take() {
            stream.finish()?;
        }
        let audio_name = self.audio_name();
        if self.audio.format != AudioFormat::Wav {
            let pcm = self.dir.join(self.pcm_name());
            let samples = audio_file::read(AudioFormat::Wav, &pcm)?;
            let tags = Tags {
                title: &self.title,
                language: &self.language,
                chapters: &self.chapters,
                ..Tags::default()
            };
            let path = self.dir.join(&audio_name);
            audio_file::write(self.audio, &path, &samples, self.rate, &tags)?;
            let _ = std::fs::remove_file(pcm);
        }
        let chapters_name = format!("{}.chapters.vtt", self.folder);
        let cue_name = format!("{}.cue", self.folder);
        files::write_atomic(
            &self.dir.join(&chapters_name),
            subtitles::render_chapters(&self.chapters).as_bytes(),
        )?;
        files::write_atomic(
            &self.dir.join(&cue_name),
            playlist::cue_sheet(&self.title, &audio_name, &self.chapters).as_bytes(),
        )?;
        manifest.combined = Some(Combined {
            audio: audio_name,
            chapters: chapters_name,
            cue_sheet: cue_name,
            duration_ms: ms_for_samples(self.samples, self.rate),
        });
        Ok(())
    }
}

fn file_name(path: &Path) -> Option<String> {
    path.file_name().map(|n| n.to_string_lossy().into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A reused section whose files went missing says it cannot read them back, not that
    /// something could not be written.
    #[test]
    fn a_reused_section_that_cannot_be_read_says_so() {
        let dir = tempfile::tempdir().unwrap();
        let files = SectionFiles::numbered(3, 2, "gone", AudioFormat::Wav);
        let section = Finished {
            index: 3,
            title: "Gone",
            start: 0,
            rate: 22050,
            dir: dir.path(),
            files: &files,
            made: Made::Reused { samples: 100 },
        };
        let message = section.audio().unwrap_err().to_string();
        assert!(
            message.contains("cannot read back") && message.contains("03-gone.wav"),
            "{message}"
        );
        assert!(!message.contains("free space"), "{message}");
        let message = section.subtitles().unwrap_err().to_string();
        assert!(message.contains("03-gone.vtt"), "{message}");
    }
}
