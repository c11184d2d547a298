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
use crate::edition::render_section;
use crate::error::ExportError;
use crate::markup::section_ssml;
use crate::output::manifest::{Combined, Manifest, manifest};
use crate::output::{files, playlist, subtitles, wav};
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

/// The name of an article's folder: a slug of its title.
pub fn article_slug(prepared: &Prepared) -> String {
    slug::slug(&prepared.article.title, "article")
}

/// Exports one article into `options.out_dir/<folder>`.
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
    let rate = voice.sample_rate;
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
    let reusable = previous_sections(&dir, &man, options.force)?;

    let width = (prepared.article.sections.len().saturating_sub(1))
        .to_string()
        .len()
        .max(2);
    let names = |i: usize, slug: &str| {
        let base = format!("{i:0width$}-{slug}");
        (
            format!("{base}.wav"),
            format!("{base}.ssml"),
            format!("{base}.vtt"),
        )
    };
    // Sections a previous run finished keep their entries, and the manifest is written before
    // any other file: a folder with hark's files in it always has a manifest that explains them.
    let mut reused = vec![false; man.sections.len()];
    for (i, entry) in man.sections.iter_mut().enumerate() {
        let (wav_name, ssml_name, vtt_name) = names(i, &entry.slug);
        if let Some(ms) = reusable
            .get(&i)
            .filter(|r| r.0 == wav_name && r.1 == entry.title)
            .map(|r| r.2)
        {
            reused[i] = true;
            entry.audio = Some(wav_name);
            entry.ssml = Some(ssml_name);
            entry.subtitles = Some(vtt_name);
            entry.duration_ms = Some(ms);
        }
    }
    man.complete = Some(false);
    files::write_atomic(&dir.join("manifest.json"), &manifest_bytes(&man))?;

    let mut report = ExportReport {
        dir: dir.clone(),
        sections: prepared.article.sections.len(),
        ..Default::default()
    };
    let mut combined = match options.combined {
        true => Some(wav::WavStream::create(
            &dir.join(format!("{folder}.wav")),
            rate,
        )?),
        false => None,
    };
    let mut chapters: Vec<(String, u64, u64)> = Vec::new();
    let mut combined_samples = 0u64;
    let mut entries = Vec::new();

    for (i, (section, script)) in prepared
        .article
        .sections
        .iter()
        .zip(&prepared.script.sections)
        .enumerate()
    {
        let (wav_name, ssml_name, vtt_name) = names(i, &man.sections[i].slug);
        let sentences = script.sentences().count() as u64;
        progress.working_on(&section.title);
        let samples_len = if reused[i] {
            report.reused += 1;
            progress.inc(sentences);
            match combined.as_mut() {
                Some(c) => {
                    let (samples, _) = wav::read(&dir.join(&wav_name))
                        .map_err(|e| output_error(&dir.join(&wav_name), e))?;
                    c.append(&samples)?;
                    samples.len() as u64
                }
                None => wav::probe(&dir.join(&wav_name)).map_or(0, |(n, _)| n),
            }
        } else {
            files::write_atomic(
                &dir.join(&ssml_name),
                section_ssml(script, &options.pauses, "en-US").as_bytes(),
            )?;
            match render_section(script, engine, &options.pauses) {
                Ok(audio) => {
                    files::write_atomic(
                        &dir.join(&vtt_name),
                        subtitles::render(&audio.cues, rate).as_bytes(),
                    )?;
                    wav::write(&dir.join(&wav_name), &audio.samples, rate)?;
                    if let Some(c) = combined.as_mut() {
                        c.append(&audio.samples)?;
                    }
                    progress.inc(sentences);
                    audio.samples.len() as u64
                }
                Err(e) => {
                    let message = format!(
                        "{}: section {i} \"{}\": {e}",
                        prepared.source.path, section.title
                    );
                    progress.error(&message);
                    man.sections[i].error = Some(e.to_string());
                    report.failed.push((i, message));
                    progress.inc(sentences);
                    continue;
                }
            }
        };
        let ms = ms_for_samples(samples_len, rate);
        let entry = &mut man.sections[i];
        entry.audio = Some(wav_name.clone());
        entry.ssml = Some(ssml_name);
        entry.subtitles = Some(vtt_name);
        entry.duration_ms = Some(ms);
        report.audio_ms += ms;
        chapters.push((
            section.title.clone(),
            combined_samples,
            combined_samples + samples_len,
        ));
        combined_samples += samples_len;
        entries.push((wav_name, section.title.clone(), ms));
        if !reused[i] {
            files::write_atomic(&dir.join("manifest.json"), &manifest_bytes(&man))?;
        }
    }

    let playlist_name = format!("{folder}.m3u8");
    files::write_atomic(
        &dir.join(&playlist_name),
        playlist::m3u8(&prepared.article.title, &entries).as_bytes(),
    )?;
    man.playlist = Some(playlist_name);
    if let Some(stream) = combined {
        stream.finish()?;
        let (chapters_name, cue_name) = (format!("{folder}.chapters.vtt"), format!("{folder}.cue"));
        files::write_atomic(
            &dir.join(&chapters_name),
            subtitles::render_chapters(&chapters, rate).as_bytes(),
        )?;
        let tracks: Vec<(String, u64)> = chapters
            .iter()
            .map(|(t, s, _)| (t.clone(), ms_for_samples(*s, rate)))
            .collect();
        files::write_atomic(
            &dir.join(&cue_name),
            playlist::cue_sheet(&prepared.article.title, &format!("{folder}.wav"), &tracks)
                .as_bytes(),
        )?;
        man.combined = Some(Combined {
            audio: format!("{folder}.wav"),
            chapters: chapters_name,
            cue_sheet: cue_name,
            duration_ms: ms_for_samples(combined_samples, rate),
        });
    }
    man.duration_ms = Some(report.audio_ms);
    man.complete = Some(report.failed.is_empty());
    files::write_atomic(&dir.join("manifest.json"), &manifest_bytes(&man))?;
    Ok(report)
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
) -> Result<HashMap<usize, (String, String, u64)>, ExportError> {
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
    for (i, section) in previous["sections"]
        .as_array()
        .into_iter()
        .flatten()
        .enumerate()
    {
        let (Some(audio), Some(ssml), Some(vtt), Some(ms)) = (
            section["audio"].as_str(),
            section["ssml"].as_str(),
            section["subtitles"].as_str(),
            section["duration_ms"].as_u64(),
        ) else {
            continue;
        };
        let safe = |n: &str| !n.contains(['/', '\\']) && !n.starts_with('.');
        let files_there = [audio, ssml, vtt].iter().all(|n| safe(n))
            && dir.join(ssml).is_file()
            && dir.join(vtt).is_file();
        if !files_there {
            continue;
        }
        if let Some((samples, wav_rate)) = wav::probe(&dir.join(audio))
            && wav_rate == rate
            && ms_for_samples(samples, rate) == ms
        {
            let title = section["title"].as_str().unwrap_or_default().to_string();
            reusable.insert(i, (audio.to_string(), title, ms));
        }
    }
    Ok(reusable)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::synth::mock::MockEngine;

    fn prepared(text: &str) -> Prepared {
        crate::prepare_bytes("a.txt", text.as_bytes(), &Default::default()).unwrap()
    }

    fn options(dir: &Path) -> ExportOptions {
        ExportOptions {
            out_dir: dir.to_path_buf(),
            pauses: Pauses::default(),
            prosody: Prosody::default(),
            force: false,
            combined: true,
        }
    }

    const ARTICLE: &str = "A title here\n\nThe first paragraph says something long enough.\nA heading\nThe second paragraph says something else entirely.\n";

    #[test]
    fn writes_everything_and_resumes() {
        let dir = tempfile::tempdir().unwrap();
        let p = prepared(ARTICLE);
        let mut engine = MockEngine::default();
        let first = export_article(
            &p,
            "a",
            &mut engine,
            &options(dir.path()),
            &Progress::hidden(),
        )
        .unwrap();
        assert_eq!(
            (first.sections, first.reused, first.failed.len()),
            (2, 0, 0)
        );
        for f in [
            "00-a-title-here.wav",
            "01-a-heading.vtt",
            "01-a-heading.ssml",
            "a.m3u8",
            "manifest.json",
            "a.wav",
            "a.cue",
            "a.chapters.vtt",
        ] {
            assert!(dir.path().join("a").join(f).is_file(), "{f}");
        }
        let again = export_article(
            &p,
            "a",
            &mut engine,
            &options(dir.path()),
            &Progress::hidden(),
        )
        .unwrap();
        assert_eq!(again.reused, 2);
        assert_eq!(again.audio_ms, first.audio_ms);
    }

    #[test]
    fn another_input_in_the_folder_needs_force() {
        let dir = tempfile::tempdir().unwrap();
        let mut engine = MockEngine::default();
        export_article(
            &prepared(ARTICLE),
            "a",
            &mut engine,
            &options(dir.path()),
            &Progress::hidden(),
        )
        .unwrap();
        let other = prepared("Other title\n\nSomething else is said here at length.\n");
        let err = export_article(
            &other,
            "a",
            &mut engine,
            &options(dir.path()),
            &Progress::hidden(),
        )
        .unwrap_err();
        assert!(matches!(err, ExportError::Exists { .. }));
        let forced = ExportOptions {
            force: true,
            ..options(dir.path())
        };
        let report =
            export_article(&other, "a", &mut engine, &forced, &Progress::hidden()).unwrap();
        assert_eq!(report.reused, 0);
        assert!(
            !dir.path().join("a/01-a-heading.wav").exists(),
            "old files are gone"
        );
    }

    #[test]
    fn a_failing_section_is_reported_and_the_rest_is_written() {
        let dir = tempfile::tempdir().unwrap();
        let p = prepared(
            "A title here\n\nThe first paragraph says something long enough.\nA heading\nThis one goes boom when it is spoken aloud.\n",
        );
        let report = export_article(
            &p,
            "a",
            &mut MockEngine::default(),
            &options(dir.path()),
            &Progress::hidden(),
        )
        .unwrap();
        assert_eq!(report.failed.len(), 1);
        let man: serde_json::Value =
            serde_json::from_slice(&std::fs::read(dir.path().join("a/manifest.json")).unwrap())
                .unwrap();
        assert_eq!(man["complete"], false);
        assert!(
            man["sections"][1]["error"]
                .as_str()
                .unwrap()
                .contains("boom")
        );
        assert!(dir.path().join("a/00-a-title-here.wav").is_file());
    }
}
