//! `hark podcast`: articles → podcast episodes (one MP3 each, loudness-normalized, with
//! chapters) and an RSS feed.
//!
//! An episode is made from an ordinary export kept under `SITE/work/<slug>/`, so that an
//! interrupted run resumes section by section; the episode's audio, chapters and cues come from
//! that export through a sink of its own (`EpisodeAudio`). The whole audio is measured (EBU R128) and brought to the target loudness with one gain
//! ([`crate::loudness`]), encoded ([`mp3`]) and tagged with chapters ([`tags`]); the episode's files go
//! to `SITE/episodes/`: `<slug>.mp3`, `<slug>.chapters.json` (Podcasting 2.0),
//! `<slug>.chapters.vtt`, `<slug>.vtt` (a cue per sentence) and `<slug>.json`, the episode
//! record. That record holds a key made from the
//! article's bytes, the voice and every setting: [`unchanged`] finds an episode a rerun need
//! not make.
//! [`feed`] writes `SITE/feed.xml` from the records.
pub mod categories;
pub mod feed;

mod episode;
pub use episode::Episode;

use crate::Prepared;
use crate::audio::{Chapter, ms_for_samples};
use crate::codec::{self, id3, mp3, opus, resample};
use crate::error::{ExportError, PodcastError};
use crate::export::{ExportOptions, export_article_into};
use crate::files;
use crate::output::sinks::{Finished, Sink};
use crate::output::subtitles;
use crate::progress::Progress;
use crate::synth::Engine;
use std::path::{Path, PathBuf};

/// What shapes an episode besides the article and the voice.
#[derive(Debug, Clone)]
pub struct EpisodeOptions {
    /// The site folder.
    pub site: PathBuf,
    /// Export settings (pauses, prosody); `out_dir` and `combined` are set here.
    pub export: ExportOptions,
    /// MP3 bit rate, kbit/s.
    pub kbps: u32,
    /// Target integrated loudness, LUFS.
    pub loudness: f64,
    /// The MP3's sample rate, when not the voice's.
    pub sample_rate: Option<u32>,
    /// Also an Ogg Opus file, at this bit rate (kbit/s).
    pub opus_kbps: Option<u32>,
    /// The voice as given (`espeak:en-us`), part of the key.
    pub voice: String,
    /// The feed's title (the ID3 album) and author (the ID3 artist).
    pub album: String,
    pub artist: String,
}

/// The highest true peak an episode may have, dBTP.
pub const MAX_TRUE_PEAK: f64 = -1.0;

/// The key of an episode: the article's bytes, the voice and every setting that changes audio.
pub fn episode_key(prepared: &Prepared, options: &EpisodeOptions) -> String {
    let mut settings = serde_json::json!({
        "hark": env!("CARGO_PKG_VERSION"),
        "source": prepared.source.sha256,
        // What is said, which lexicons change without changing the article.
        "spoken": crate::digest::sha256_hex(
            prepared
                .sections
                .iter()
                .flat_map(|s| s.sentences())
                .map(|s| s.spoken())
                .collect::<Vec<_>>()
                .join("\n")
                .as_bytes()
        ),
        "voice": options.voice,
        "pauses": options.export.pauses,
        "rate": options.export.prosody.rate.factor(),
        "pitch": options.export.prosody.pitch,
        "volume": options.export.prosody.volume,
        "kbps": options.kbps,
        "loudness": options.loudness,
    });
    // Only when given, so that the episodes made before the option existed keep their keys.
    if let Some(rate) = options.sample_rate {
        settings["sample_rate"] = rate.into();
    }
    if let Some(kbps) = options.opus_kbps {
        settings["opus_kbps"] = kbps.into();
    }
    crate::digest::sha256_hex(settings.to_string().as_bytes())
}

/// Where an episode's record lives.
pub fn record_path(site: &Path, slug: &str) -> PathBuf {
    site.join("episodes").join(format!("{slug}.json"))
}

/// Reads every episode record in the site, sorted by date then slug.
pub fn records(site: &Path) -> Vec<Episode> {
    let mut out: Vec<Episode> = std::fs::read_dir(site.join("episodes"))
        .into_iter()
        .flatten()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().ends_with(".json"))
        .filter(|e| !e.file_name().to_string_lossy().ends_with(".chapters.json"))
        .filter_map(|e| serde_json::from_slice(&std::fs::read(e.path()).ok()?).ok())
        .collect();
    out.sort_by(|a: &Episode, b| (&a.date, &a.slug).cmp(&(&b.date, &b.slug)));
    out
}

/// An episode's record, if there is a readable one.
pub fn record(site: &Path, slug: &str) -> Option<Episode> {
    serde_json::from_slice(&std::fs::read(record_path(site, slug)).ok()?).ok()
}

/// The record, if the episode is there with this key and its MP3 is whole.
pub fn unchanged(site: &Path, slug: &str, key: &str) -> Option<Episode> {
    let episode = record(site, slug)?;
    let mp3 = site.join("episodes").join(&episode.mp3);
    let whole = std::fs::metadata(mp3).is_ok_and(|m| m.len() == episode.mp3_bytes);
    (episode.key == key && whole).then_some(episode)
}

/// Makes one episode. Callers look for an unchanged one first ([`unchanged`]), before they
/// open an engine.
pub fn make_episode(
    prepared: &Prepared,
    slug: &str,
    date: &str,
    engine: &mut dyn Engine,
    options: &EpisodeOptions,
    progress: &Progress,
) -> Result<Episode, PodcastError> {
    let key = episode_key(prepared, options);
    let work = options.site.join("work");
    // The work folder holds the sections (so that a run resumes); the episode's audio,
    // chapters and cues come from the export as it makes them.
    let export = ExportOptions {
        out_dir: work.clone(),
        combined: false,
        editions: Default::default(),
        force: true,
        ..options.export.clone()
    };
    let started = std::time::Instant::now();
    let mut whole = EpisodeAudio::default();
    export_article_into(prepared, slug, engine, &export, progress, vec![&mut whole])?;
    let synthesis_seconds = started.elapsed().as_secs_f64();
    let EpisodeAudio {
        samples,
        rate: voice_rate,
        chapters,
        cues,
    } = whole;
    let failed = PodcastError::audio;
    // Resampled before the loudness is measured, so that the true peak is the final one's.
    let rate = options.sample_rate.unwrap_or(voice_rate);
    let samples = resample::resample(&samples, voice_rate, rate).map_err(failed(slug))?;

    let (leveled, measured, final_level, gain) =
        crate::loudness::normalize(&samples, rate, options.loudness, MAX_TRUE_PEAK)
            .map_err(failed(slug))?;
    drop(samples);
    let duration_ms = chapters.last().map_or(0, |c| c.end_ms);

    let episodes = options.site.join("episodes");
    std::fs::create_dir_all(&episodes).map_err(|source| ExportError::OutputDir {
        path: episodes.display().to_string(),
        source,
    })?;
    let title = prepared.article.title.clone();
    let summary = summary(prepared);
    let tags = codec::Tags {
        title: &title,
        artist: &options.artist,
        album: &options.album,
        date,
        comment: &summary,
        language: &prepared.article.language.tag,
        track: None,
        chapters: &chapters,
    };
    let mut mp3 = id3::id3v2(&tags).map_err(failed(slug))?;
    mp3.extend(mp3::encode(&leveled, rate, options.kbps).map_err(failed(slug))?);
    let names = (
        format!("{slug}.mp3"),
        format!("{slug}.chapters.json"),
        format!("{slug}.vtt"),
    );
    files::write_atomic(&episodes.join(&names.0), &mp3)?;
    files::write_atomic(
        &episodes.join(&names.1),
        chapters_json(&title, &chapters).as_bytes(),
    )?;
    files::write_atomic(&episodes.join(&names.2), cues.as_bytes())?;
    let chapters_vtt = format!("{slug}.chapters.vtt");
    files::write_atomic(
        &episodes.join(&chapters_vtt),
        subtitles::render_chapters(&chapters).as_bytes(),
    )?;
    let opus_name = format!("{slug}.opus");
    let opus_bytes = match options.opus_kbps {
        Some(kbps) => {
            let file = opus::encode(&leveled, rate, kbps, &tags).map_err(failed(slug))?;
            files::write_atomic(&episodes.join(&opus_name), &file)?;
            Some(file.len() as u64)
        }
        None => {
            // One made by an earlier run with --opus is no longer this episode's.
            let _ = std::fs::remove_file(episodes.join(&opus_name));
            None
        }
    };
    let episode = Episode {
        hark_version: env!("CARGO_PKG_VERSION").into(),
        key,
        slug: slug.to_string(),
        title,
        summary,
        source: prepared.source.path.clone(),
        date: date.to_string(),
        mp3: names.0,
        mp3_bytes: mp3.len() as u64,
        duration_ms,
        chapters: names.1,
        chapters_vtt,
        transcript: names.2,
        loudness_measured_lufs: round2(measured.lufs),
        loudness_final_lufs: round2(final_level.lufs),
        true_peak_final_dbtp: round2(final_level.true_peak_dbtp),
        gain_db: round2(gain),
        kbps: options.kbps,
        sample_rate: rate,
        opus: opus_bytes.map(|_| opus_name),
        opus_bytes,
        opus_kbps: opus_bytes.and(options.opus_kbps),
        voice: options.voice.clone(),
        language: prepared.article.language.tag.clone(),
        synthesis_seconds,
    };
    let record = serde_json::to_vec_pretty(&episode).unwrap_or_default();
    files::write_atomic(&record_path(&options.site, slug), &record)?;
    Ok(episode)
}

fn round2(x: f64) -> f64 {
    if x.is_finite() {
        (x * 100.0).round() / 100.0
    } else {
        -99.0
    }
}

/// The first two sentences of the body, as written.
fn summary(prepared: &Prepared) -> String {
    let sentences: Vec<String> = prepared
        .sections
        .iter()
        .flat_map(|s| s.body())
        .take(2)
        .map(|s| s.written())
        .collect();
    sentences.join(" ")
}

/// An episode's audio, chapters and cues, taken from the export section by section.
#[derive(Default)]
struct EpisodeAudio {
    samples: Vec<i16>,
    rate: u32,
    chapters: Vec<Chapter>,
    /// Every section's subtitles, moved to where the section starts, after `WEBVTT`.
    cues: String,
}

impl Sink for EpisodeAudio {
    fn begin(&mut self, rate: u32) -> Result<(), ExportError> {
        self.rate = rate;
        self.cues = String::from("WEBVTT\n");
        Ok(())
    }

    fn section(&mut self, section: &Finished<'_>) -> Result<(), ExportError> {
        // A section the engine could not speak is left out (the export reports it).
        if !section.has_audio() {
            return Ok(());
        }
        let start_ms = ms_for_samples(section.start, section.rate);
        self.cues
            .push_str(&subtitles::shifted_cues(&section.subtitles()?, start_ms));
        self.samples.extend_from_slice(&section.audio()?);
        self.chapters.push(section.chapter());
        Ok(())
    }
}

/// Podcasting 2.0 chapters (JSON, version 1.2.0).
pub fn chapters_json(title: &str, chapters: &[Chapter]) -> String {
    let list: Vec<serde_json::Value> = chapters
        .iter()
        .map(|c| serde_json::json!({"startTime": c.start_ms as f64 / 1000.0, "title": c.title}))
        .collect();
    serde_json::to_string_pretty(&serde_json::json!({
        "version": "1.2.0",
        "title": title,
        "chapters": list,
    }))
    .unwrap_or_default()
}
