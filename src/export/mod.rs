//! `hark export` for one article: a [`Prepared`] article + an [`Engine`] → a folder with one
//! audio file (WAV, FLAC, MP3 or Opus), SSML and VTT file per section, a playlist and
//! `manifest.json` (and with `combined`, the whole edition as one file with chapters and a cue
//! sheet).
//!
//! Every file is written under a `.part` name and renamed when complete. The manifest is
//! rewritten after each section, so a rerun with the same input, voice and settings finds the
//! sections already made (their audio present and matching the manifest) and skips them: an
//! interrupted export resumes. With a lossy format and a combined edition, a section is spoken
//! again rather than decoded and encoded twice. A section the engine cannot speak is reported, left out of the
//! playlist, marked with its error in the manifest, and the export goes on.

mod pieces;
mod writer;

pub use writer::ExportReport;

use crate::audio::ms_for_samples;
use crate::codec::AudioFormat;
use crate::edition::utterances_from;
use crate::error::ExportError;
use crate::files;
use crate::output::audio_file::{self, AudioSettings};
use crate::output::manifest::{Manifest, manifest};
use crate::output::sinks::{CombinedSink, PlaylistSink, SectionFileSink, SectionFiles, Sink};
use crate::progress::Progress;
use crate::speech::Pauses;
use crate::synth::{Engine, Prosody};
use crate::{Prepared, slug};
use pieces::{PIECE_WORDS, Piece, pieces, section_words, windows};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use writer::{Ready, Writer, manifest_bytes};

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
    /// Also write the whole edition as one file with chapters.
    pub combined: bool,
    /// The editions written beside the section files, and the M4B's loudness.
    pub editions: Editions,
    /// The audio files' format and bit rate.
    pub audio: AudioSettings,
}

impl Default for ExportOptions {
    /// `out/`, hark's default pauses and prosody, WAV sections, no other edition.
    fn default() -> Self {
        ExportOptions {
            out_dir: PathBuf::from("out"),
            pauses: Pauses::default(),
            prosody: Prosody::default(),
            force: false,
            combined: false,
            editions: Editions::default(),
            audio: AudioSettings::default(),
        }
    }
}

/// The editions an export writes beside the section files (`--edition`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Editions {
    /// The EPUB 3 book with Media Overlays.
    pub epub: bool,
    /// The M4B audiobook, at `loudness` (LUFS).
    pub m4b: bool,
    pub loudness: f64,
    /// The DAISY 2.02 talking book.
    pub daisy: bool,
    /// The read-along web page.
    pub web: bool,
}

impl Default for Editions {
    /// None of them; an M4B, when asked for, at -18 LUFS, the audiobook level.
    fn default() -> Self {
        Editions {
            epub: false,
            m4b: false,
            loudness: -18.0,
            daisy: false,
            web: false,
        }
    }
}

impl Editions {
    /// Whether any is asked for (each needs every section's samples).
    pub fn any(&self) -> bool {
        self.epub || self.m4b || self.daisy || self.web
    }
}

/// Refuses an article whose audio would run longer than `max_hours` at `rate` (a factor of
/// eSpeak NG's normal words per minute), before anything is written.
pub fn check_length(prepared: &Prepared, rate: f32, max_hours: f64) -> Result<(), ExportError> {
    let words: usize = prepared.sections.iter().map(section_words).sum();
    let wpm = f64::from(crate::synth::NORMAL_WPM) * f64::from(rate.max(0.1));
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

/// A slug of the article's title (podcast episodes, and the folder of standard input).
pub fn article_slug(prepared: &Prepared) -> String {
    slug::slug(&prepared.article.title, "article")
}

/// The name of an article's export folder: the input file's name without its extension
/// (`harbour-reopens.txt` → `harbour-reopens`), which the user chose and knows; standard input
/// has none, so it takes its title's slug.
pub fn folder_name(prepared: &Prepared) -> String {
    let stem = match prepared.source.path.as_str() {
        "-" => None,
        path => std::path::Path::new(path)
            .file_stem()
            .map(|s| s.to_string_lossy().to_string()),
    };
    match stem {
        Some(stem) => slug::slug(&stem, &article_slug(prepared)),
        None => article_slug(prepared),
    }
}

/// Exports one article into `options.out_dir/<folder>`.
///
/// Synthesis runs on this thread, a window of sections at a time (as many as the engine speaks
/// at once); a second thread pushes each finished section into the sinks (WAV, SSML, VTT,
/// playlist, combined edition) and keeps the manifest while the next window is synthesized. At
/// most a window and two sections' audio are held at once.
pub fn export_article(
    prepared: &Prepared,
    folder: &str,
    engine: &mut dyn Engine,
    options: &ExportOptions,
    progress: &Progress,
) -> Result<ExportReport, ExportError> {
    export_article_into(prepared, folder, engine, options, progress, Vec::new())
}

/// [`export_article`], also pushing every section into `extra` sinks (after the files' own),
/// which then see every section in order, whether spoken now or made by an earlier run.
pub fn export_article_into(
    prepared: &Prepared,
    folder: &str,
    engine: &mut dyn Engine,
    options: &ExportOptions,
    progress: &Progress,
    extra: Vec<&mut dyn Sink>,
) -> Result<ExportReport, ExportError> {
    let dir = options.out_dir.join(folder);
    std::fs::create_dir_all(&dir).map_err(|source| ExportError::OutputDir {
        path: dir.display().to_string(),
        source,
    })?;
    files::remove_stale_parts(&dir);

    let voice = engine.voice().clone();
    let mut man = manifest(prepared, options.pauses, options.prosody.rate.factor());
    man.voice = Some(voice.clone());
    man.settings.pitch = Some(options.prosody.pitch);
    man.settings.volume = Some(options.prosody.volume);
    if options.audio.format != AudioFormat::Wav {
        man.settings.audio = Some(options.audio.format.name().to_string());
        man.settings.bitrate = options.audio.kbps.or(options.audio.format.default_kbps());
    }
    let width = (prepared.sections.len().saturating_sub(1))
        .to_string()
        .len()
        .max(2);
    let names: Vec<SectionFiles> = man
        .sections
        .iter()
        .enumerate()
        .map(|(i, entry)| SectionFiles::numbered(i, width, &entry.slug, options.audio.format))
        .collect();
    // Sections a previous run of the same export finished keep their files and entries.
    let reusable = previous_sections(&dir, &man, options, &names)?;
    // Per section, the length in samples of the WAV an earlier run left, when it is reused.
    let mut reused: Vec<Option<u64>> = Vec::new();
    for (i, entry) in man.sections.iter_mut().enumerate() {
        let previous = reusable.get(&i).copied();
        if let Some(samples) = previous {
            names[i].record(entry, ms_for_samples(samples, voice.sample_rate));
        }
        reused.push(previous);
    }
    // The manifest is written before any other file: a folder with hark's files in it always has
    // a manifest that explains them.
    man.complete = Some(false);
    files::write_atomic(&dir.join("manifest.json"), &manifest_bytes(&man))?;

    let title = &prepared.article.title;
    let language = &prepared.article.language.tag;
    let mut own: Vec<Box<dyn Sink>> = vec![
        Box::new(SectionFileSink {
            audio: options.audio,
            album: title.clone(),
            language: language.clone(),
            sections: prepared.sections.len(),
        }),
        Box::new(PlaylistSink::new(&dir, folder, title)),
    ];
    if options.combined {
        own.push(Box::new(CombinedSink::new(
            &dir,
            folder,
            title,
            language,
            options.audio,
        )));
    }
    if options.editions.epub {
        own.push(Box::new(crate::output::epub_edition::EpubEditionSink::new(
            &dir,
            folder,
            title,
            language,
            &prepared.source.sha256,
            &prepared.sections,
        )));
    }
    let article = &prepared.article;
    let book = crate::output::book::BookInfo {
        title: title.clone(),
        authors: article.authors.clone(),
        date: article.date.clone(),
        language: language.clone(),
        identifier: format!("urn:sha256:{}", prepared.source.sha256),
        cover: article.cover.clone(),
        narrator: format!("{} ({})", voice.name, voice.engine),
    };
    if options.editions.m4b {
        own.push(Box::new(crate::output::m4b_edition::M4bEditionSink::new(
            &dir,
            folder,
            book.clone(),
            options.editions.loudness,
        )));
    }
    if options.editions.daisy {
        own.push(Box::new(
            crate::output::daisy_edition::DaisyEditionSink::new(
                &dir,
                book.clone(),
                &prepared.sections,
            ),
        ));
    }
    if options.editions.web {
        own.push(Box::new(crate::output::web_edition::WebEditionSink::new(
            &dir,
            book,
            &prepared.sections,
        )));
    }
    let mut sinks: Vec<&mut dyn Sink> = own.iter_mut().map(|s| &mut **s as &mut dyn Sink).collect();
    // Each reference coerces to the shorter life of the sinks made here.
    sinks.extend(extra.into_iter().map(|s| s as &mut dyn Sink));
    for sink in sinks.iter_mut() {
        sink.begin(voice.sample_rate)?;
    }
    let mut writer = Writer::new(
        dir,
        prepared,
        options.pauses,
        voice.sample_rate,
        man,
        names,
        sinks,
        progress,
        options.audio.format == AudioFormat::Wav,
    );
    // Sections are spoken a window at a time, twice as many as the engine speaks at once
    // (eSpeak NG: one per core; a long section then holds up the window less), and handed to
    // the writer in order. The writer assembles them (trimming, pauses, cues) and writes them
    // while the next window is spoken: the channel holds a whole window, so synthesis never
    // waits for the disk. Memory holds at most three windows' audio, and a window of long
    // chapters holds only one a core ([`windows`]).
    let (cores, at_once) = match engine.sections_at_once() {
        0 | 1 => (1, 1),
        n => (n, 2 * n),
    };
    let (send, receive) = std::sync::mpsc::sync_channel::<Ready>(at_once);
    std::thread::scope(|scope| {
        let writing = scope.spawn(move || {
            for ready in receive {
                writer.take(ready)?;
            }
            writer.finish()
        });
        let is_reused: Vec<bool> = reused.iter().map(Option::is_some).collect();
        let pieces = pieces(&prepared.sections, &is_reused, piece_words());
        let words: Vec<usize> = pieces.iter().map(|p| p.words).collect();
        'windows: for window in windows(&words, cores, at_once) {
            let window: Vec<&Piece> = window.iter().map(|&p| &pieces[p]).collect();
            let to_speak: Vec<&Piece> = window
                .iter()
                .copied()
                .filter(|p| reused[p.section].is_none())
                .collect();
            if let Some(first) = to_speak.first() {
                progress.working_on(&prepared.sections[first.section].title);
            }
            let requests: Vec<Vec<crate::synth::Utterance>> = to_speak
                .iter()
                .map(|p| utterances_from(&prepared.sections[p.section], p.first, p.count))
                .collect();
            let sections: Vec<&[crate::synth::Utterance]> =
                requests.iter().map(Vec::as_slice).collect();
            let mut spoken = engine.synthesize_sections(&sections).into_iter();
            for piece in window {
                let ready = match reused[piece.section] {
                    Some(samples) => Ready::Reused(piece.section, samples),
                    None => Ready::Spoken {
                        section: piece.section,
                        results: spoken.next().unwrap_or_default(),
                        whole: piece.whole,
                        last: piece.last,
                    },
                };
                if send.send(ready).is_err() {
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

/// The most words spoken as one piece ([`PIECE_WORDS`]; tests set fewer, to cut short
/// sections into pieces).
fn piece_words() -> usize {
    #[cfg(test)]
    if let Some(words) = tests::PIECE_WORDS_HERE.with(|w| w.get()) {
        return words;
    }
    PIECE_WORDS
}

/// The sections a previous run of the same export finished: index → its audio's length in
/// samples (probed here once; the writer takes it from here).
///
/// A previous manifest of the same input (same hash), voice, settings (the audio format among
/// them) and hark version makes its finished sections reusable when their audio, SSML and VTT
/// files are there and the audio's length matches the manifest. A folder holding anything else
/// is refused unless `force`, in which case hark's own files in it are removed first.
fn previous_sections(
    dir: &Path,
    current: &Manifest,
    options: &ExportOptions,
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
    let previous = Manifest::read(&dir.join("manifest.json"));
    let same = previous.as_ref().is_some_and(|p| {
        p.hark_version == current.hark_version
            && p.voice == current.voice
            && p.settings == current.settings
            && p.source.sha256 == current.source.sha256
    });
    if !same {
        if !options.force {
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
                || [
                    ".wav", ".flac", ".mp3", ".opus", ".ssml", ".vtt", ".m3u8", ".cue", ".part",
                ]
                .iter()
                .any(|ext| name.ends_with(ext));
            // The DAISY book and the web page are folders of hark's own.
            if ["daisy", "daisy.part", "web", "web.part"].contains(&name.as_str()) && path.is_dir()
            {
                std::fs::remove_dir_all(&path).map_err(|source| ExportError::OutputDir {
                    path: path.display().to_string(),
                    source,
                })?;
                continue;
            }
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
    let before = &previous.sections;
    let format = options.audio.format;
    if format.lossy() && (options.combined || options.editions.any()) {
        // The combined edition and the book editions would need these sections' samples:
        // decoding a lossy file and encoding it again loses quality twice, so they are spoken
        // again instead.
        return Ok(reusable);
    }
    for (i, (files, entry)) in names.iter().zip(&current.sections).enumerate() {
        // Files reach their final names whole (written as .part, then renamed; the audio last),
        // so an audio file there means the section was finished, whether or not the manifest
        // was rewritten since (MP3 and Opus files, which do not say their length, need the
        // manifest's). A section whose title changed is made again.
        // A section whose words are said otherwise now (a lexicon entry added) is made again.
        let same_title = before
            .get(i)
            .is_none_or(|b| b.title == entry.title && b.spoken == entry.spoken);
        if !same_title || !dir.join(&files.ssml).is_file() || !dir.join(&files.vtt).is_file() {
            continue;
        }
        let recorded = before.get(i).and_then(|b| b.duration_ms);
        if let Some(samples) = audio_file::probe(format, &dir.join(&files.audio), rate, recorded) {
            let ms = ms_for_samples(samples, rate);
            if recorded.is_none_or(|r| r == ms) {
                reusable.insert(i, samples);
            }
        }
    }
    Ok(reusable)
}

#[cfg(test)]
mod tests;
