//! What the podcast command and its worker processes share: the episode options taken from
//! the arguments, whether an episode is already made and unchanged, the batch's counts and the
//! line printed for a finished episode.

use crate::cli::PodcastArgs;
use hark::podcast::EpisodeOptions;
use std::time::Duration;

/// The options of every episode of this run, from the command line.
pub(super) fn episode_options(args: &PodcastArgs) -> EpisodeOptions {
    EpisodeOptions {
        site: args.output.clone(),
        export: hark::export::ExportOptions {
            out_dir: args.output.join("work"),
            pauses: args.reading.pauses(),
            prosody: args.prosody.prosody(),
            force: true,
            ..Default::default()
        },
        kbps: args.bitrate,
        loudness: args.loudness,
        sample_rate: args.sample_rate,
        opus_kbps: args.opus,
        voice: format!(
            "{}:{}",
            args.voice.engine.name(),
            args.voice.name.as_deref().unwrap_or("")
        ),
        album: args.feed_title.clone(),
        artist: args.author.clone(),
    }
}

/// Whether the site already has this article's episode with the same key (and says so).
pub fn is_unchanged(args: &PodcastArgs, prepared: &hark::Prepared, slug: &str) -> bool {
    let key = hark::podcast::episode_key(prepared, &episode_options(args));
    match hark::podcast::unchanged(&args.output, slug, &key) {
        Some(episode) => {
            log::info!(
                "hark: {}: unchanged ({})",
                prepared.source.path,
                episode.mp3
            );
            true
        }
        None => false,
    }
}

#[derive(Default)]
/// What became of a batch's articles, and (made in this process) where the time went.
pub struct Stats {
    pub made: usize,
    pub unchanged: usize,
    pub failed: usize,
    pub synthesis: Duration,
    pub finishing: Duration,
}

/// The line printed for a finished episode.
pub fn made_line(input: &str, e: &hark::podcast::Episode) -> String {
    format!(
        "hark: {input}: {} ({}), loudness {:.1} LUFS → {:.1} LUFS, true peak {:.1} dBTP",
        e.mp3,
        super::wording::length(e.duration_ms),
        e.loudness_measured_lufs,
        e.loudness_final_lufs,
        e.true_peak_final_dbtp
    )
}
