//! An episode's record, `SITE/episodes/<slug>.json`: what the feed is written from, and what
//! tells a later run that an article's episode is already made.

use serde::{Deserialize, Serialize};

/// An episode's record, `SITE/episodes/<slug>.json`.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Episode {
    pub hark_version: String,
    /// Changes whenever the article or any setting changes.
    pub key: String,
    pub slug: String,
    pub title: String,
    /// The first sentences, for the feed's description.
    pub summary: String,
    /// The article as given, and its modification date (`YYYY-MM-DD`, UTC).
    pub source: String,
    pub date: String,
    pub mp3: String,
    pub mp3_bytes: u64,
    pub duration_ms: u64,
    pub chapters: String,
    /// The same chapters as WebVTT.
    pub chapters_vtt: String,
    pub transcript: String,
    pub loudness_measured_lufs: f64,
    pub loudness_final_lufs: f64,
    pub true_peak_final_dbtp: f64,
    pub gain_db: f64,
    pub kbps: u32,
    /// The MP3's sample rate, Hz (0 in records from before it was kept).
    #[serde(default)]
    pub sample_rate: u32,
    /// The Ogg Opus file, its length and bit rate, when one was asked for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub opus: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub opus_bytes: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub opus_kbps: Option<u32>,
    pub voice: String,
    /// The article's language (BCP 47); empty in records from before it was kept.
    #[serde(default)]
    pub language: String,
    /// Seconds spent exporting the sections (synthesis and section files) in the run that made it.
    pub synthesis_seconds: f64,
}

impl Episode {
    /// Time spent exporting the sections.
    pub fn synthesis(&self) -> std::time::Duration {
        std::time::Duration::from_secs_f64(self.synthesis_seconds.max(0.0))
    }
}
