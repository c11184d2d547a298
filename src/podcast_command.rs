//! `hark podcast`: gathers the articles (files, folders; this shard's share), makes each
//! episode here or in worker processes (`--jobs`), then writes the feed from every episode
//! record in the site, and prints a summary with the loudness and where the time went.

use crate::cli::PodcastArgs;
use crate::commands::Reporter;
use hark::podcast::{EpisodeOptions, feed};
use std::path::Path;
use std::time::{Duration, Instant};

/// The extensions read from a folder.
const ARTICLE_EXTENSIONS: [&str; 7] = ["txt", "md", "markdown", "html", "htm", "ssml", "text"];

/// Files named, and the articles in folders named, sorted and without repeats.
fn gather(inputs: &[String], report: &Reporter) -> (Vec<String>, bool) {
    let mut found = Vec::new();
    let mut ok = true;
    for input in inputs {
        let path = Path::new(input);
        if path.is_dir() {
            let mut inside: Vec<String> = std::fs::read_dir(path)
                .into_iter()
                .flatten()
                .flatten()
                .map(|e| e.path())
                .filter(|p| p.is_file())
                .filter(|p| {
                    p.extension().and_then(|e| e.to_str()).is_some_and(|e| {
                        ARTICLE_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str())
                    })
                })
                .map(|p| p.display().to_string())
                .collect();
            if inside.is_empty() {
                report.warn(&format!(
                    "{input}: no articles (.txt, .md, .html, .ssml) in this folder"
                ));
            }
            found.append(&mut inside);
        } else if path.is_file() {
            found.push(input.clone());
        } else {
            report.error(&std::io::Error::other(format!(
                "{input}: no such file or folder (check the path)"
            )));
            ok = false;
        }
    }
    found.sort();
    found.dedup();
    (found, ok)
}

/// The file's modification day (UTC), or today.
fn date_of(path: &str) -> String {
    let time = std::fs::metadata(path)
        .and_then(|m| m.modified())
        .unwrap_or_else(|_| std::time::SystemTime::now());
    let secs = time
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64);
    feed::civil_from_days(secs.div_euclid(86_400))
}

fn channel(args: &PodcastArgs) -> feed::Channel {
    feed::Channel {
        title: args.feed_title.clone(),
        description: args.feed_description.clone(),
        author: args.author.clone(),
        base_url: args.base_url.clone(),
        language: "en".into(),
        image_url: args.image_url.clone(),
    }
}

fn write_feed(args: &PodcastArgs, report: &Reporter) -> bool {
    let episodes = hark::podcast::records(&args.output);
    let xml = feed::rss(&channel(args), &episodes);
    match hark::output::files::write_atomic(&args.output.join("feed.xml"), xml.as_bytes()) {
        Ok(()) => {
            if !report.quiet {
                eprintln!(
                    "hark: {} with {} episode(s)",
                    args.output.join("feed.xml").display(),
                    episodes.len()
                );
            }
            true
        }
        Err(e) => {
            report.error(&e);
            false
        }
    }
}

/// `hark podcast`. Returns false if any article failed.
pub fn podcast(args: &PodcastArgs, report: &Reporter) -> bool {
    if !hark::podcast::mp3::BITRATES.contains(&args.bitrate) {
        report.error(&std::io::Error::other(format!(
            "--bitrate {}: use one of {:?} kbit/s",
            args.bitrate,
            hark::podcast::mp3::BITRATES
        )));
        return false;
    }
    if args.feed_only {
        return write_feed(args, report);
    }
    let started = Instant::now();
    let (mut articles, mut ok) = gather(&args.inputs, report);
    if let Some((k, n)) = args.shard {
        articles = articles
            .into_iter()
            .enumerate()
            .filter(|(i, _)| i % n == k)
            .map(|(_, a)| a)
            .collect();
    }
    let jobs = args
        .jobs
        .map(usize::from)
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, usize::from));
    let in_workers_mode = jobs > 1 && articles.len() > 1;
    let stats = if in_workers_mode {
        in_workers(args, &articles, jobs, report)
    } else {
        here(args, &articles, report)
    };
    ok &= stats.failed == 0;
    if !args.no_feed {
        ok &= write_feed(args, report);
    }
    if !report.quiet && !args.no_feed {
        let wall = started.elapsed().as_secs_f64();
        eprintln!(
            "hark: {} episode(s) made, {} unchanged, {} failed in {wall:.1} s",
            stats.made, stats.unchanged, stats.failed
        );
        if stats.made > 0 && !in_workers_mode {
            eprintln!(
                "hark: time in synthesis and section files {:.1} s, in loudness and MP3 encoding {:.1} s ({:.0}% of the wall time)",
                stats.synthesis.as_secs_f64(),
                stats.finishing.as_secs_f64(),
                100.0 * stats.finishing.as_secs_f64() / wall.max(1e-9)
            );
        }
    }
    ok
}

fn episode_options(args: &PodcastArgs) -> EpisodeOptions {
    EpisodeOptions {
        site: args.output.clone(),
        export: hark::export::ExportOptions {
            out_dir: args.output.join("work"),
            pauses: args.reading.pauses(),
            prosody: args.prosody.prosody(),
            force: true,
            combined: true,
        },
        kbps: args.bitrate,
        loudness: args.loudness,
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
fn is_unchanged(
    args: &PodcastArgs,
    prepared: &hark::Prepared,
    slug: &str,
    report: &Reporter,
) -> bool {
    let key = hark::podcast::episode_key(prepared, &episode_options(args));
    match hark::podcast::unchanged(&args.output, slug, &key) {
        Some(episode) => {
            if !report.quiet {
                eprintln!(
                    "hark: {}: unchanged ({})",
                    prepared.source.path, episode.mp3
                );
            }
            true
        }
        None => false,
    }
}

#[derive(Default)]
struct Stats {
    made: usize,
    unchanged: usize,
    failed: usize,
    synthesis: Duration,
    finishing: Duration,
}

/// The line printed for a finished episode.
fn made_line(input: &str, e: &hark::podcast::Episode) -> String {
    format!(
        "hark: {input}: {} ({:.0} s), loudness {:.1} LUFS -> {:.1} LUFS, true peak {:.1} dBTP",
        e.mp3,
        e.duration_ms as f64 / 1000.0,
        e.loudness_measured_lufs,
        e.loudness_final_lufs,
        e.true_peak_final_dbtp
    )
}

/// Makes the episodes in this process, one after another.
fn here(args: &PodcastArgs, articles: &[String], report: &Reporter) -> Stats {
    let mut stats = Stats::default();
    // Worker processes (--no-feed) report through their parent's display.
    let bars =
        hark::progress::BatchProgress::new(articles.len() as u64, 1, report.quiet || args.no_feed);
    let options = args.reading.read_options();
    let mut engine = None;
    for input in articles {
        let Some(prepared) = report.prepare(input, &options) else {
            stats.failed += 1;
            continue;
        };
        let rate = args.prosody.rate.factor(hark::synth::espeak::NORMAL_WPM);
        if let Err(e) = hark::export::check_length(&prepared, rate, 48.0) {
            report.error(&e);
            stats.failed += 1;
            continue;
        }
        let episode_options = episode_options(args);
        let slug = hark::export::article_slug(&prepared);
        if is_unchanged(args, &prepared, &slug, report) {
            stats.unchanged += 1;
            continue;
        }
        if engine.is_none() {
            match hark::synth::open(
                &args.voice,
                args.prosody.prosody(),
                &args.piper.open_options(),
            ) {
                Ok(e) => engine = Some(e),
                Err(e) => {
                    report.error(&e);
                    stats.failed += articles.len();
                    return stats;
                }
            }
        }
        let Some(engine) = engine.as_mut() else {
            continue;
        };
        let progress = hark::progress::Progress::hidden();
        bars.working(0, input);
        let t0 = Instant::now();
        match hark::podcast::make_episode(
            &prepared,
            &slug,
            &date_of(input),
            engine.as_mut(),
            &episode_options,
            &progress,
        ) {
            Ok(e) => {
                stats.made += 1;
                stats.synthesis += e.synthesis();
                stats.finishing += t0.elapsed().saturating_sub(e.synthesis());
                bars.line(&made_line(input, &e));
            }
            Err(e) => {
                report.error(&std::io::Error::other(format!("{input}: {e}")));
                stats.failed += 1;
            }
        }
        bars.done(0);
    }
    bars.finish();
    stats
}

/// An article handed to a worker, with its episode's slug when this process could read it.
type Pending<'a> = (&'a String, Option<String>);

/// Runs one `hark podcast --no-feed` worker process per article, `jobs` at a time.
fn in_workers(args: &PodcastArgs, articles: &[String], jobs: usize, report: &Reporter) -> Stats {
    let exe = std::env::current_exe().unwrap_or_else(|_| "hark".into());
    let mut common = vec![
        "podcast".to_string(),
        "--no-feed".into(),
        "--jobs".into(),
        "1".into(),
        "-o".into(),
        args.output.display().to_string(),
        "--feed-title".into(),
        args.feed_title.clone(),
        "--base-url".into(),
        args.base_url.clone(),
        "--author".into(),
        args.author.clone(),
        "--bitrate".into(),
        args.bitrate.to_string(),
        format!("--loudness={}", args.loudness),
    ];
    common.extend(crate::commands::synthesis_args(
        &args.voice,
        &args.piper,
        &args.prosody,
        &args.reading,
    ));
    // Workers only report errors; this process shows their progress and results.
    common.push("-q".into());
    // Piper's sessions share the cores among the workers, as `--workers` does within one.
    if args.piper.threads == 0
        && let Some(i) = common.iter().position(|a| a == "--threads")
    {
        let cores = std::thread::available_parallelism().map_or(1, usize::from);
        common[i + 1] = (cores / jobs).max(1).to_string();
    }
    let mut stats = Stats::default();
    // Unchanged episodes are found here, so that workers start only for the others.
    let options = args.reading.read_options();
    let mut changed = Vec::new();
    for input in articles {
        match hark::prepare_path(input, &options) {
            Ok(prepared) => {
                let slug = hark::export::article_slug(&prepared);
                if is_unchanged(args, &prepared, &slug, report) {
                    stats.unchanged += 1;
                } else {
                    changed.push((input, Some(slug)));
                }
            }
            // A worker reads it again and reports the problem.
            Err(_) => changed.push((input, None)),
        }
    }
    let bars = hark::progress::BatchProgress::new(changed.len() as u64, jobs, report.quiet);
    let mut queue = changed.into_iter();
    let mut free: Vec<usize> = (0..jobs).rev().collect();
    let mut running: Vec<(std::process::Child, Pending, usize)> = Vec::new();
    loop {
        while let Some(&slot) = free.last() {
            let Some(article) = queue.next() else { break };
            let input = article.0;
            match std::process::Command::new(&exe)
                .args(&common)
                .arg(input)
                .spawn()
            {
                Ok(child) => {
                    free.pop();
                    bars.working(slot, input);
                    running.push((child, article, slot));
                }
                Err(e) => {
                    report.error(&std::io::Error::other(format!(
                        "{input}: cannot start a worker: {e}"
                    )));
                    stats.failed += 1;
                }
            }
        }
        if running.is_empty() {
            bars.finish();
            return stats;
        }
        let mut i = 0;
        while i < running.len() {
            match running[i].0.try_wait() {
                Ok(None) => i += 1,
                finished => {
                    let (_, (input, slug), slot) = running.swap_remove(i);
                    if finished.is_ok_and(|s| s.is_some_and(|s| s.success())) {
                        stats.made += 1;
                        if let Some(e) = slug.and_then(|s| hark::podcast::record(&args.output, &s))
                        {
                            bars.line(&made_line(input, &e));
                        }
                    } else {
                        stats.failed += 1;
                    }
                    bars.done(slot);
                    free.push(slot);
                }
            }
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}
