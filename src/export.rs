//! `hark export` for one article: a [`Prepared`] article + an [`Engine`] → a folder with one
//! WAV, SSML and VTT file per section, a playlist and `manifest.json` (and with `combined`, the
//! whole edition as one WAV with chapters and a cue sheet).
//!
//! Every file is written under a `.part` name and renamed when complete. The manifest is
//! rewritten after each section, so a rerun with the same input, voice and settings finds the
//! sections already made (their WAV present and matching the manifest) and skips them: an
//! interrupted export resumes. A section the engine cannot speak is reported, left out of the
//! playlist, marked with its error in the manifest, and the export goes on.

use crate::audio::ms_for_samples;
use crate::edition::{SectionAudio, assemble, utterances};
use crate::error::ExportError;
use crate::files;
use crate::markup::section_ssml;
use crate::output::manifest::{Combined, Manifest, manifest};
use crate::output::{playlist, subtitles, wav};
use crate::progress::Progress;
use crate::speech::Pauses;
use crate::synth::{Engine, Prosody};
use crate::{Prepared, slug};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// How to export.
#[derive(Debug, Clone)]
pub struct ExportOptions {
    /// The folder that receives one sub-folder per article.
    pub out_dir: PathBuf,
    /// Pause lengths.
    pub pauses: Pauses,
    /// Rate, pitch, volume.
    pub prosody: Prosody,
    /// Replace an export of something else in the article's folder.
    pub force: bool,
    /// Also write the whole edition as one WAV with chapters.
    pub combined: bool,
}

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

/// Refuses an article whose audio would run longer than `max_hours` at `rate` (a factor of
/// eSpeak NG's normal words per minute), before anything is written.
pub fn check_length(prepared: &Prepared, rate: f32, max_hours: f64) -> Result<(), ExportError> {
    let words: usize = prepared
        .script
        .sections
        .iter()
        .flat_map(|s| s.sentences())
        .map(|s| s.spoken().split_whitespace().count())
        .sum();
    let wpm = f64::from(crate::synth::espeak::NORMAL_WPM) * f64::from(rate.max(0.1));
    let hours = words as f64 / wpm / 60.0;
    if hours > max_hours {
        return Err(ExportError::TooLong {
            path: prepared.source.path.clone(),
            words,
            hours,
            max: max_hours,
        });
    }
    Ok(())
}

/// The name of an article's folder: a slug of its title.
pub fn article_slug(prepared: &Prepared) -> String {
    slug::slug(&prepared.article.title, "article")
}

/// Exports one article into `options.out_dir/<folder>`.
///
/// Synthesis runs on this thread, a window of sections at a time (as many as the engine speaks
/// at once); a second thread writes each finished section (WAV, SSML, VTT, manifest) while the
/// next window is synthesized. At most a window and two sections' audio are held at once.
pub fn export_article(
    prepared: &Prepared,
    folder: &str,
    engine: &mut dyn Engine,
    options: &ExportOptions,
    progress: &Progress,
) -> Result<ExportReport, ExportError> {
    let dir = options.out_dir.join(folder);
    std::fs::create_dir_all(&dir).map_err(|source| ExportError::OutputDir {
        path: dir.display().to_string(),
        source,
    })?;
    files::remove_stale_parts(&dir);

    let voice = engine.voice().clone();
    let mut man = manifest(
        prepared,
        options.pauses,
        options
            .prosody
            .rate
            .factor(crate::synth::espeak::NORMAL_WPM),
    );
    man.voice = Some(voice.clone());
    man.settings.pitch = Some(options.prosody.pitch);
    man.settings.volume = Some(options.prosody.volume);
    let width = (prepared.article.sections.len().saturating_sub(1))
        .to_string()
        .len()
        .max(2);
    let names: Vec<SectionFiles> = man
        .sections
        .iter()
        .enumerate()
        .map(|(i, entry)| {
            let base = format!("{i:0width$}-{}", entry.slug);
            SectionFiles {
                wav: format!("{base}.wav"),
                ssml: format!("{base}.ssml"),
                vtt: format!("{base}.vtt"),
            }
        })
        .collect();
    // Sections a previous run of the same export finished keep their files and entries.
    let reusable = previous_sections(&dir, &man, options.force, &names)?;
    let mut reused = Vec::new();
    for (i, entry) in man.sections.iter_mut().enumerate() {
        let previous = reusable.get(&i).copied();
        if let Some(ms) = previous {
            names[i].record(entry, ms);
        }
        reused.push(previous.is_some());
    }
    // The manifest is written before any other file: a folder with hark's files in it always has
    // a manifest that explains them.
    man.complete = Some(false);
    files::write_atomic(&dir.join("manifest.json"), &manifest_bytes(&man))?;

    let combined = match options.combined {
        true => Some(wav::WavStream::create(
            &dir.join(format!("{folder}.wav")),
            voice.sample_rate,
        )?),
        false => None,
    };
    let mut writer = Writer {
        dir: dir.clone(),
        folder,
        prepared,
        rate: voice.sample_rate,
        man,
        names,
        combined,
        chapters: Vec::new(),
        combined_samples: 0,
        playlist: Vec::new(),
        report: ExportReport {
            dir,
            sections: prepared.article.sections.len(),
            ..Default::default()
        },
        progress,
        saved: std::time::Instant::now(),
    };
    let (send, receive) = std::sync::mpsc::sync_channel::<Finished>(1);
    std::thread::scope(|scope| {
        let writing = scope.spawn(move || {
            for finished in receive {
                writer.take(finished)?;
            }
            writer.finish()
        });
        // Sections are spoken a window at a time, as many as the engine speaks at once (eSpeak
        // NG: one per core), and handed to the writer in order: memory holds a window.
        // Twice as many sections as the engine speaks at once: a long section then holds up
        // the window less.
        let at_once = match engine.sections_at_once() {
            0 | 1 => 1,
            n => 2 * n,
        };
        let rate = engine.voice().sample_rate;
        let all: Vec<usize> = (0..prepared.article.sections.len()).collect();
        'windows: for window in all.chunks(at_once) {
            let to_speak: Vec<usize> = window.iter().copied().filter(|&i| !reused[i]).collect();
            if let Some(&first) = to_speak.first() {
                progress.working_on(&prepared.article.sections[first].title);
            }
            let requests: Vec<Vec<crate::synth::Utterance>> = to_speak
                .iter()
                .map(|&i| utterances(&prepared.script.sections[i]))
                .collect();
            let sections: Vec<&[crate::synth::Utterance]> =
                requests.iter().map(Vec::as_slice).collect();
            let mut spoken = engine.synthesize_sections(&sections).into_iter();
            for &i in window {
                let script = &prepared.script.sections[i];
                let finished = if reused[i] {
                    Finished::Reused(i)
                } else {
                    let ssml = section_ssml(script, &options.pauses, &script.language);
                    let results = spoken.next().unwrap_or_default();
                    match assemble(script, results, &options.pauses, rate) {
                        Ok(audio) => Finished::Spoken(i, ssml, audio),
                        Err(e) => Finished::Failed(i, ssml, e.to_string()),
                    }
                };
                if send.send(finished).is_err() {
                    break 'windows; // the writer stopped on an error, which join() returns
                }
            }
        }
        drop(send);
        writing
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
    })
}

/// A section ready to be written.
enum Finished {
    /// Made by an earlier run; its files are there.
    Reused(usize),
    /// Spoken now: its SSML and audio.
    Spoken(usize, String, SectionAudio),
    /// The engine could not speak it: its SSML and why.
    Failed(usize, String, String),
}

/// The file names of a section.
struct SectionFiles {
    wav: String,
    ssml: String,
    vtt: String,
}

impl SectionFiles {
    fn record(&self, entry: &mut crate::output::manifest::SectionEntry, ms: u64) {
        entry.audio = Some(self.wav.clone());
        entry.ssml = Some(self.ssml.clone());
        entry.subtitles = Some(self.vtt.clone());
        entry.duration_ms = Some(ms);
    }
}

/// Writes finished sections in order and keeps the manifest, playlist and combined edition.
struct Writer<'a> {
    dir: PathBuf,
    folder: &'a str,
    prepared: &'a Prepared,
    rate: u32,
    man: Manifest,
    names: Vec<SectionFiles>,
    combined: Option<wav::WavStream>,
    chapters: Vec<(String, u64, u64)>,
    combined_samples: u64,
    playlist: Vec<(String, String, u64)>,
    report: ExportReport,
    progress: &'a Progress,
    /// When the manifest was last written.
    saved: std::time::Instant,
}

/// How often the manifest is rewritten while sections are made. Rewriting it after every
/// section made exports of thousands of sections quadratic; a section finished since the last
/// write is still found by its files on a rerun (see [`previous_sections`]).
const MANIFEST_EVERY: std::time::Duration = std::time::Duration::from_secs(1);

impl Writer<'_> {
    fn take(&mut self, finished: Finished) -> Result<(), ExportError> {
        let i = match &finished {
            Finished::Reused(i) | Finished::Spoken(i, ..) | Finished::Failed(i, ..) => *i,
        };
        let section = &self.prepared.article.sections[i];
        let names = &self.names[i];
        self.progress
            .inc(self.prepared.script.sections[i].sentences().count() as u64);
        let samples = match finished {
            Finished::Reused(_) => {
                self.report.reused += 1;
                let wav_path = self.dir.join(&names.wav);
                match self.combined.as_mut() {
                    Some(c) => {
                        let (samples, _) =
                            wav::read(&wav_path).map_err(|e| output_error(&wav_path, e))?;
                        c.append(&samples)?;
                        samples.len() as u64
                    }
                    None => wav::probe(&wav_path).map_or(0, |(n, _)| n),
                }
            }
            Finished::Spoken(_, ssml, audio) => {
                files::write_atomic(&self.dir.join(&names.ssml), ssml.as_bytes())?;
                files::write_atomic(
                    &self.dir.join(&names.vtt),
                    subtitles::render(&audio.cues, self.rate).as_bytes(),
                )?;
                wav::write(&self.dir.join(&names.wav), &audio.samples, self.rate)?;
                if let Some(c) = self.combined.as_mut() {
                    c.append(&audio.samples)?;
                }
                audio.samples.len() as u64
            }
            Finished::Failed(_, ssml, error) => {
                files::write_atomic(&self.dir.join(&names.ssml), ssml.as_bytes())?;
                let message = format!(
                    "{}: section {i} \"{}\": {error}",
                    self.prepared.source.path, section.title
                );
                self.progress.error(&message);
                self.man.sections[i].error = Some(error);
                self.report.failed.push((i, message));
                return files::write_atomic(
                    &self.dir.join("manifest.json"),
                    &manifest_bytes(&self.man),
                )
                .map_err(Into::into);
            }
        };
        let ms = ms_for_samples(samples, self.rate);
        names.record(&mut self.man.sections[i], ms);
        self.report.audio_ms += ms;
        self.chapters.push((
            section.title.clone(),
            self.combined_samples,
            self.combined_samples + samples,
        ));
        self.combined_samples += samples;
        self.playlist
            .push((names.wav.clone(), section.title.clone(), ms));
        if self.saved.elapsed() >= MANIFEST_EVERY {
            files::write_atomic(&self.dir.join("manifest.json"), &manifest_bytes(&self.man))?;
            self.saved = std::time::Instant::now();
        }
        Ok(())
    }

    fn finish(mut self) -> Result<ExportReport, ExportError> {
        let (dir, folder, rate) = (self.dir.clone(), self.folder, self.rate);
        let title = &self.prepared.article.title;
        let playlist_name = format!("{folder}.m3u8");
        files::write_atomic(
            &dir.join(&playlist_name),
            playlist::m3u8(title, &self.playlist).as_bytes(),
        )?;
        self.man.playlist = Some(playlist_name);
        if let Some(stream) = self.combined.take() {
            stream.finish()?;
            let (wav_name, chapters_name, cue_name) = (
                format!("{folder}.wav"),
                format!("{folder}.chapters.vtt"),
                format!("{folder}.cue"),
            );
            files::write_atomic(
                &dir.join(&chapters_name),
                subtitles::render_chapters(&self.chapters, rate).as_bytes(),
            )?;
            let tracks: Vec<(String, u64)> = self
                .chapters
                .iter()
                .map(|(t, s, _)| (t.clone(), ms_for_samples(*s, rate)))
                .collect();
            files::write_atomic(
                &dir.join(&cue_name),
                playlist::cue_sheet(title, &wav_name, &tracks).as_bytes(),
            )?;
            self.man.combined = Some(Combined {
                audio: wav_name,
                chapters: chapters_name,
                cue_sheet: cue_name,
                duration_ms: ms_for_samples(self.combined_samples, rate),
            });
        }
        self.man.duration_ms = Some(self.report.audio_ms);
        self.man.complete = Some(self.report.failed.is_empty());
        files::write_atomic(&dir.join("manifest.json"), &manifest_bytes(&self.man))?;
        Ok(self.report)
    }
}

fn manifest_bytes(man: &Manifest) -> Vec<u8> {
    let mut bytes = serde_json::to_vec_pretty(man).unwrap_or_default();
    bytes.push(b'\n');
    bytes
}

fn output_error(path: &Path, e: impl std::fmt::Display) -> ExportError {
    ExportError::Output(crate::error::OutputError::Write {
        what: path.display().to_string(),
        source: std::io::Error::other(e.to_string()),
    })
}

/// The sections a previous run of the same export finished: index → (WAV name, title, ms).
///
/// A previous manifest of the same input (same hash), voice, settings and hark version makes
/// its finished sections reusable when their WAV, SSML and VTT files are there and the WAV's
/// length matches the manifest. A folder holding anything else is refused unless `force`, in
/// which case hark's own files in it are removed first.
fn previous_sections(
    dir: &Path,
    current: &Manifest,
    force: bool,
    names: &[SectionFiles],
) -> Result<HashMap<usize, u64>, ExportError> {
    let mut reusable = HashMap::new();
    let entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|source| ExportError::OutputDir {
            path: dir.display().to_string(),
            source,
        })?
        .flatten()
        .map(|e| e.path())
        .collect();
    if entries.is_empty() {
        return Ok(reusable);
    }
    let previous: Option<serde_json::Value> = std::fs::read(dir.join("manifest.json"))
        .ok()
        .and_then(|b| serde_json::from_slice(&b).ok());
    let now = serde_json::to_value(current).unwrap_or_default();
    let same = previous.as_ref().is_some_and(|p| {
        ["hark_version", "voice", "settings"]
            .iter()
            .all(|k| p[k] == now[k])
            && p["source"]["sha256"] == now["source"]["sha256"]
    });
    if !same {
        if !force {
            return Err(ExportError::Exists {
                path: dir.display().to_string(),
            });
        }
        for path in entries {
            let name = path
                .file_name()
                .unwrap_or_default()
                .to_string_lossy()
                .to_string();
            let ours = name == "manifest.json"
                || [".wav", ".ssml", ".vtt", ".m3u8", ".cue", ".part"]
                    .iter()
                    .any(|ext| name.ends_with(ext));
            if ours && path.is_file() {
                std::fs::remove_file(&path).map_err(|source| ExportError::OutputDir {
                    path: path.display().to_string(),
                    source,
                })?;
            }
        }
        return Ok(reusable);
    }
    let Some(previous) = previous else {
        return Ok(reusable);
    };
    let rate = current.voice.as_ref().map_or(0, |v| v.sample_rate);
    let before = previous["sections"].as_array().cloned().unwrap_or_default();
    for (i, (files, entry)) in names.iter().zip(&current.sections).enumerate() {
        // Files reach their final names whole (written as .part, then renamed; the WAV last),
        // so a WAV there means the section was finished, whether or not the manifest was
        // rewritten since. A section whose title changed is made again.
        let same_title = before
            .get(i)
            .is_none_or(|b| b["title"].as_str() == Some(entry.title.as_str()));
        if !same_title || !dir.join(&files.ssml).is_file() || !dir.join(&files.vtt).is_file() {
            continue;
        }
        if let Some((samples, wav_rate)) = wav::probe(&dir.join(&files.wav))
            && wav_rate == rate
        {
            let ms = ms_for_samples(samples, rate);
            let recorded = before.get(i).and_then(|b| b["duration_ms"].as_u64());
            if recorded.is_none_or(|r| r == ms) {
                reusable.insert(i, ms);
            }
        }
    }
    Ok(reusable)
}

#[cfg(test)]
#[path = "export_tests.rs"]
mod tests;
