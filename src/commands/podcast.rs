//! `hark podcast`: gathers the articles (files, folders; this shard's share), makes each
//! episode here or in worker processes (`--jobs`, the pool of [`super::worker_pool`]), then
//! writes the feed from every episode record in the site, and prints a summary with the
//! loudness and where the time went. [`podcast_worker`] is the other side of the pool.

use super::podcast_episode::{Stats, episode_options, is_unchanged, made_line};
use super::report::Reporter;
use super::wording::{count, stop_on_ctrl_c};
use super::worker_pool::{Heard, Job, Next, Pool, serve};
use crate::cli::PodcastArgs;
use hark::podcast::feed;
use std::path::Path;
use std::time::{Duration, Instant};

/// The extensions read from a folder.
const ARTICLE_EXTENSIONS: [&str; 7] = ["txt", "md", "markdown", "html", "htm", "ssml", "text"];

/// Files named, the articles in folders named, and the files glob patterns match, sorted and
/// without repeats.
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
        } else if input.contains(['*', '?', '[']) {
            // A pattern no shell expanded (quoted, or from a scheduler's job spec).
            match expand(input) {
                Ok(files) if !files.is_empty() => found.extend(files),
                Ok(_) => {
                    report.error(&std::io::Error::other(format!(
                        "{input}: no files match this pattern"
                    )));
                    ok = false;
                }
                Err(e) => {
                    report.error(&std::io::Error::other(format!(
                        "{input}: not a usable pattern ({e}); write e.g. 'articles/*.md'"
                    )));
                    ok = false;
                }
            }
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

/// The files a glob pattern (`articles/2025-*.md`, `news/**/*.html`) matches.
fn expand(pattern: &str) -> Result<Vec<String>, glob::PatternError> {
    Ok(glob::glob(pattern)?
        .flatten()
        .filter(|p| p.is_file())
        .map(|p| p.display().to_string())
        .collect())
}

/// The episode's date: the one the article declares, else its file's modification day (UTC),
/// else today.
fn date_of(prepared: &hark::Prepared, path: &str) -> String {
    if let Some(date) = &prepared.article.date {
        return date.clone();
    }
    let time = std::fs::metadata(path)
        .and_then(|m| m.modified())
        .unwrap_or_else(|_| std::time::SystemTime::now());
    let secs = time
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64);
    feed::civil_from_days(secs.div_euclid(86_400))
}

fn channel(args: &PodcastArgs, episodes: &[hark::podcast::Episode]) -> feed::Channel {
    feed::Channel {
        title: args.feed_title.clone(),
        description: args.feed_description.clone(),
        author: args.author.clone(),
        base_url: args.base_url.clone(),
        language: feed_language(episodes),
        image_url: args.image_url.clone(),
        category: args.category.clone(),
    }
}

/// The feed's language: the one most of its episodes are in (their primary subtag), English
/// for records that do not say.
fn feed_language(episodes: &[hark::podcast::Episode]) -> String {
    let mut counts: std::collections::BTreeMap<String, usize> = Default::default();
    for e in episodes {
        let tag = if e.language.is_empty() {
            "en"
        } else {
            &e.language
        };
        *counts
            .entry(hark::language::primary(tag).to_ascii_lowercase())
            .or_default() += 1;
    }
    counts
        .into_iter()
        .max_by_key(|(_, n)| *n)
        .map_or_else(|| "en".to_string(), |(lang, _)| lang)
}

fn write_feed(args: &PodcastArgs, report: &Reporter) -> bool {
    if args.image_url.is_none() {
        report.warn(
            "no --image-url: Apple Podcasts and most directories list a feed only with artwork \
             (a square JPEG or PNG, 1400 to 3000 pixels a side)",
        );
    }
    let episodes = hark::podcast::records(&args.output);
    let xml = feed::rss(&channel(args, &episodes), &episodes);
    match hark::files::write_atomic(&args.output.join("feed.xml"), xml.as_bytes()) {
        Ok(()) => {
            log::info!(
                "hark: {} with {}",
                args.output.join("feed.xml").display(),
                count(episodes.len(), "episode")
            );
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
    if !hark::codec::mp3::BITRATES.contains(&args.bitrate) {
        report.error(&std::io::Error::other(format!(
            "--bitrate {}: use one of {:?} kbit/s",
            args.bitrate,
            hark::codec::mp3::BITRATES
        )));
        return false;
    }
    if args.feed_only {
        return write_feed(args, report);
    }
    let started = Instant::now();
    stop_on_ctrl_c();
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
    // A run that made nothing into a site with no episodes (a wrong voice, say) leaves no
    // empty feed behind.
    let nothing_to_list = stats.made == 0 && hark::podcast::records(&args.output).is_empty();
    if !args.no_feed && (ok || !nothing_to_list) {
        ok &= write_feed(args, report);
    }
    if !report.quiet && !args.no_feed {
        let wall = started.elapsed().as_secs_f64();
        log::info!(
            "hark: {} made, {} unchanged, {} failed in {wall:.1} s",
            count(stats.made, "episode"),
            stats.unchanged,
            stats.failed
        );
        if stats.made > 0 && !in_workers_mode {
            log::info!(
                "hark: time in synthesis and section files {:.1} s, in loudness and encoding {:.1} s ({:.0}% of the wall time)",
                stats.synthesis.as_secs_f64(),
                stats.finishing.as_secs_f64(),
                100.0 * stats.finishing.as_secs_f64() / wall.max(1e-9)
            );
        }
    }
    ok
}

/// What became of one article.
enum Outcome {
    Made(Box<hark::podcast::Episode>, Duration),
    Unchanged,
    Failed,
    /// The voice could not be opened: no later article can be made either.
    NoVoice,
}

impl Outcome {
    /// The word a worker answers with on its stdout.
    fn word(&self) -> &'static str {
        match self {
            Outcome::Made(..) => "made",
            Outcome::Unchanged => "unchanged",
            Outcome::Failed => "failed",
            Outcome::NoVoice => "no-voice",
        }
    }
}

/// Makes one article's episode with the engine, opening the engine the first time it is needed
/// (so that a run where everything is unchanged never loads a voice).
fn make_one(
    args: &PodcastArgs,
    input: &str,
    engine: &mut hark::synth::EngineSlot,
    report: &Reporter,
) -> Outcome {
    let Some(prepared) = report.prepare(input, &args.reading.read_options()) else {
        return Outcome::Failed;
    };
    let rate = args.prosody.rate.factor();
    if let Err(e) = hark::export::check_length(&prepared, rate, 48.0) {
        report.error(&e);
        return Outcome::Failed;
    }
    let slug = hark::export::article_slug(&prepared);
    if is_unchanged(args, &prepared, &slug) {
        return Outcome::Unchanged;
    }
    // The article's language decides an eSpeak voice given without a name; articles in the
    // same language share the engine.
    let (voice, warning) = hark::synth::voice_for_language(
        &args.voice,
        &prepared.article.language.tag,
        &args.piper.open_options().voice_dirs,
    );
    if let Some(warning) = warning {
        report.warn(&format!("{input}: {warning}"));
    }
    let engine = match hark::synth::engine_for(
        engine,
        voice,
        args.prosody.prosody(),
        &args.piper.open_options(),
    ) {
        Ok(engine) => engine,
        Err(e) => {
            report.error(&e);
            return Outcome::NoVoice;
        }
    };
    let t0 = Instant::now();
    match hark::podcast::make_episode(
        &prepared,
        &slug,
        &date_of(&prepared, input),
        engine,
        &episode_options(args),
        &hark::progress::Progress::hidden(),
    ) {
        Ok(e) => Outcome::Made(Box::new(e), t0.elapsed()),
        Err(e) => {
            report.error(&std::io::Error::other(format!("{input}: {e}")));
            Outcome::Failed
        }
    }
}

/// Makes the episodes in this process, one after another.
fn here(args: &PodcastArgs, articles: &[String], report: &Reporter) -> Stats {
    let mut stats = Stats::default();
    let bars = hark::progress::BatchProgress::new(articles.len() as u64, 1, report.quiet);
    let mut engine = None;
    for (i, input) in articles.iter().enumerate() {
        bars.working(0, input);
        match make_one(args, input, &mut engine, report) {
            Outcome::Made(e, took) => {
                stats.made += 1;
                stats.synthesis += e.synthesis();
                stats.finishing += took.saturating_sub(e.synthesis());
                bars.line(&made_line(input, &e));
            }
            Outcome::Unchanged => stats.unchanged += 1,
            Outcome::Failed => stats.failed += 1,
            Outcome::NoVoice => {
                stats.failed += articles.len() - i;
                break;
            }
        }
        bars.done(0);
    }
    bars.finish();
    stats
}

/// Makes the episodes in `jobs` worker processes (`hark worker podcast`), each keeping its
/// voice open and taking the next article as soon as it has finished one. Unchanged episodes
/// are found here first, so that workers start only for the others.
fn in_workers(args: &PodcastArgs, articles: &[String], jobs: usize, report: &Reporter) -> Stats {
    let mut stats = Stats::default();
    let options = args.reading.read_options();
    let mut work = Vec::new();
    for input in articles {
        let slug = match hark::prepare_path(input, &options) {
            Ok(prepared) => {
                let slug = hark::export::article_slug(&prepared);
                if is_unchanged(args, &prepared, &slug) {
                    stats.unchanged += 1;
                    continue;
                }
                Some(slug)
            }
            // A worker reads it again and reports the problem.
            Err(_) => None,
        };
        work.push(Job {
            record: input.clone(),
            label: input.clone(),
            data: slug,
        });
    }
    let bars = hark::progress::BatchProgress::new(work.len() as u64, jobs, report.quiet);
    // The workers' settings: this run's, with the cores shared among them.
    let mut settings = args.clone();
    settings.inputs.clear();
    settings.piper = args.piper.sharing_cores(jobs);
    let never = Pool::new("podcast", &settings, jobs).run(
        work,
        report,
        |slot, job| bars.working(slot, &job.label),
        |slot, job, heard| {
            bars.done(slot);
            let input = &job.label;
            match heard {
                Heard::Answer("made") => {
                    stats.made += 1;
                    let made = job.data.as_ref();
                    if let Some(e) = made.and_then(|s| hark::podcast::record(&args.output, s)) {
                        bars.line(&made_line(input, &e));
                    }
                }
                Heard::Answer("unchanged") => stats.unchanged += 1,
                Heard::Answer("no-voice") => {
                    stats.failed += 1;
                    return Next::Stop;
                }
                Heard::Answer(_) => stats.failed += 1,
                Heard::Died => {
                    report.error(&std::io::Error::other(format!(
                        "{input}: the worker making this episode stopped unexpectedly"
                    )));
                    stats.failed += 1;
                }
            }
            Next::More
        },
    );
    // What is left was never handed out: the voice could not be opened, or no worker ran.
    stats.failed += never;
    bars.finish();
    stats
}

/// `hark worker podcast`: makes the episode of each article path it is handed and answers
/// with its [`Outcome::word`]. The voice stays open from one article to the next.
pub fn podcast_worker(report: &Reporter) -> bool {
    let mut engine = None;
    serve(report, |args: &PodcastArgs, input| {
        let outcome = make_one(args, input, &mut engine, report);
        let next = match outcome {
            Outcome::NoVoice => Next::Stop,
            _ => Next::More,
        };
        (outcome.word().to_string(), next)
    })
}
