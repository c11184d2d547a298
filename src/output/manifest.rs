//! The manifest: what was made, from what, with which settings. `hark markup --format json`
//! prints it without the audio fields; `hark export` writes it as `manifest.json` with them.

use crate::Prepared;
use crate::document::Dropped;
use crate::speech::{Pauses, Sentence};
use serde::{Deserialize, Serialize};

/// Everything about one article, as JSON: written by `hark export` and `hark markup`, and read
/// back (by a rerun looking for finished sections, and by batch summaries) as this same type.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Manifest {
    /// The hark that made it.
    pub hark_version: String,
    /// Where the article came from.
    pub source: SourceInfo,
    /// The article's title.
    pub title: String,
    /// The publication date the article declares, `YYYY-MM-DD`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// The authors the source declares (a book's).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub authors: Vec<String>,
    /// The language it is read in (BCP 47).
    pub language: String,
    /// Where that came from: "chosen" (--lang), "declared" (by the source), "detected" (from
    /// the text), "assumed" (English, nothing else being sure).
    pub language_source: String,
    /// The voice the audio was made with (absent from `hark markup`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub voice: Option<crate::synth::VoiceInfo>,
    /// The settings it was made with.
    pub settings: Settings,
    /// One entry per section.
    pub sections: Vec<SectionEntry>,
    /// What was left out, with why.
    pub dropped: Vec<Dropped>,
    /// Problems met that did not stop the run.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<String>,
    /// Total audio length of the sections, in milliseconds (export only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub duration_ms: Option<u64>,
    /// The playlist file (export only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub playlist: Option<String>,
    /// The EPUB 3 edition with Media Overlays (export with `--edition epub`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub epub: Option<String>,
    /// The DAISY 2.02 talking book's NCC (export with `--edition daisy`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub daisy: Option<String>,
    /// The read-along web page (export with `--edition web`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub web: Option<String>,
    /// The M4B audiobook (export with `--edition m4b`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub m4b: Option<M4b>,
    /// The whole edition as one file, with chapters (export with `--combined`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub combined: Option<Combined>,
    /// Whether every section's audio is there; `false` while an export runs or when sections failed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub complete: Option<bool>,
}

/// The combined edition's files.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Combined {
    /// The whole edition as one WAV.
    pub audio: String,
    /// WebVTT chapters, one per section.
    pub chapters: String,
    /// A cue sheet for the WAV.
    pub cue_sheet: String,
    /// Its length in milliseconds.
    pub duration_ms: u64,
}

/// The M4B audiobook edition.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct M4b {
    /// Its file, in the article's folder.
    pub file: String,
    /// Its chapters: one per section with audio.
    pub chapters: usize,
    /// Its length in milliseconds.
    pub duration_ms: u64,
    /// Its integrated loudness after normalizing (EBU R128, LUFS), and the target.
    pub loudness_lufs: f64,
    pub target_lufs: f64,
    /// Whether the book's cover picture is in it.
    pub cover: bool,
}

/// The input file.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SourceInfo {
    /// As given on the command line (`-` for standard input).
    pub path: String,
    /// The format it was read as.
    pub format: crate::ingest::Format,
    /// SHA-256 of its bytes.
    pub sha256: String,
}

/// Settings that change what is spoken or how.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Settings {
    /// Pause lengths.
    #[serde(flatten)]
    pub pauses: Pauses,
    /// Speaking rate as a factor of the voice's normal rate.
    pub rate: f32,
    /// Pitch, 0–100 (export only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pitch: Option<u8>,
    /// The audio format, when not WAV (export only): `flac`, `mp3` or `opus`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub audio: Option<String>,
    /// The bit rate of a lossy format, kbit/s (export only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bitrate: Option<u32>,
    /// Volume in percent (export only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub volume: Option<u16>,
}

/// One section.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SectionEntry {
    /// Position from 0.
    pub index: usize,
    /// Heading level (1 for the title section).
    pub level: u8,
    /// The section's title.
    pub title: String,
    /// The title as a safe file-name part.
    pub slug: String,
    /// The heading as found in the source; `null` when hark made the title up (then not spoken).
    pub heading: Option<String>,
    /// The written text of the body, one sentence per line.
    pub text: String,
    /// The same sentences as they are spoken (after normalization), one per line.
    pub spoken: String,
    /// Number of sentences in the body.
    pub sentences: usize,
    /// Number of words in the body as written.
    pub words: usize,
    /// Sentences of the body in another language than the article's, each spoken in its own.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub passages: Vec<Passage>,
    /// The section's WAV file (export only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub audio: Option<String>,
    /// The SSML it was made from (export only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ssml: Option<String>,
    /// Its subtitles (export only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub subtitles: Option<String>,
    /// Its length in milliseconds (export only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub duration_ms: Option<u64>,
    /// Why its audio is missing, when synthesis failed (export only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
}

/// A sentence in another language than the article's.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Passage {
    /// Its line in the section's `text`, from 0.
    pub sentence: usize,
    /// Its language (BCP 47).
    pub language: String,
}

impl Manifest {
    /// The manifest in `path`, if there is one hark can read.
    pub fn read(path: &std::path::Path) -> Option<Manifest> {
        serde_json::from_slice(&std::fs::read(path).ok()?).ok()
    }
}

/// Builds the manifest of a prepared article.
pub fn manifest(prepared: &Prepared, pauses: Pauses, rate: f32) -> Manifest {
    let sections = prepared
        .sections
        .iter()
        .map(|section| {
            let written: Vec<String> = section.body().map(Sentence::written).collect();
            let spoken: Vec<String> = section.body().map(Sentence::spoken).collect();
            SectionEntry {
                index: section.index,
                level: section.level,
                title: section.title.clone(),
                slug: crate::slug::slug(&section.title, "section"),
                heading: section.heading.as_ref().map(Sentence::written),
                words: written.iter().map(|s| s.split_whitespace().count()).sum(),
                sentences: written.len(),
                passages: section
                    .body()
                    .enumerate()
                    .filter_map(|(n, s)| {
                        s.language.as_ref().map(|language| Passage {
                            sentence: n,
                            language: language.clone(),
                        })
                    })
                    .collect(),
                text: written.join("\n"),
                spoken: spoken.join("\n"),
                audio: None,
                ssml: None,
                subtitles: None,
                duration_ms: None,
                error: None,
            }
        })
        .collect();
    Manifest {
        hark_version: env!("CARGO_PKG_VERSION").into(),
        source: SourceInfo {
            path: prepared.source.path.clone(),
            format: prepared.source.format,
            sha256: prepared.source.sha256.clone(),
        },
        title: prepared.article.title.clone(),
        date: prepared.article.date.clone(),
        authors: prepared.article.authors.clone(),
        language: prepared.article.language.tag.clone(),
        language_source: prepared.article.language.origin.name().into(),
        voice: None,
        settings: Settings {
            pauses,
            rate,
            pitch: None,
            volume: None,
            audio: None,
            bitrate: None,
        },
        sections,
        dropped: prepared.article.dropped.clone(),
        warnings: prepared.article.warnings.clone(),
        duration_ms: None,
        playlist: None,
        combined: None,
        epub: None,
        m4b: None,
        daisy: None,
        web: None,
        complete: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What hark writes, it reads back as the same struct: a rerun depends on it.
    #[test]
    fn a_manifest_reads_back_as_written() {
        let text = "Title\n\nA first paragraph with words. \"Bonjour à tous, mes amis, comment allez-vous ce matin ?\" said she.\n\nA heading\n\nMore text here.\n";
        let prepared =
            crate::prepare_bytes("a.txt", text.as_bytes(), &Default::default()).expect("prepared");
        let bare = manifest(&prepared, Pauses::default(), 1.25);
        let mut full = bare.clone();
        full.warnings.push("a warning".into());
        full.duration_ms = Some(1234);
        full.complete = Some(true);
        // Empty lists and absent options are left out of the file, and must read back.
        for man in [bare, full] {
            let json = serde_json::to_vec_pretty(&man).unwrap();
            let dir = tempfile::tempdir().unwrap();
            let path = dir.path().join("manifest.json");
            std::fs::write(&path, &json).unwrap();
            let back = Manifest::read(&path).expect("read back");
            assert_eq!(serde_json::to_vec_pretty(&back).unwrap(), json);
            assert_eq!(back.settings, man.settings);
        }
    }
}
