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
    if args.worker {
        return serve(args, report);
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
    // A run that made nothing into a site with no episodes (a wrong voice, say) leaves no
    // empty feed behind.
    let nothing_to_list = stats.made == 0 && hark::podcast::records(&args.output).is_empty();
    if !args.no_feed && (ok || !nothing_to_list) {
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
    engine: &mut Option<Box<dyn hark::synth::Engine>>,
    report: &Reporter,
) -> Outcome {
    let Some(prepared) = report.prepare(input, &args.reading.read_options()) else {
        return Outcome::Failed;
    };
    let rate = args.prosody.rate.factor(hark::synth::espeak::NORMAL_WPM);
    if let Err(e) = hark::export::check_length(&prepared, rate, 48.0) {
        report.error(&e);
        return Outcome::Failed;
    }
    let slug = hark::export::article_slug(&prepared);
    if is_unchanged(args, &prepared, &slug, report) {
        return Outcome::Unchanged;
    }
    let engine = match engine {
        Some(engine) => engine,
        None => match hark::synth::open(
            &args.voice,
            args.prosody.prosody(),
            &args.piper.open_options(),
        ) {
            Ok(e) => engine.insert(e),
            Err(e) => {
                report.error(&e);
                return Outcome::NoVoice;
            }
        },
    };
    let t0 = Instant::now();
    match hark::podcast::make_episode(
        &prepared,
        &slug,
        &date_of(&prepared, input),
        engine.as_mut(),
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

/// `hark podcast --worker`: makes the episode of each article path read from stdin (each
/// ended by a NUL byte, so any file name passes) and answers each with a line on stdout: its
/// [`Outcome::word`]. The voice stays open from one article to the next.
fn serve(args: &PodcastArgs, report: &Reporter) -> bool {
    use std::io::{BufRead, Write};
    let mut engine = None;
    let mut stdin = std::io::stdin().lock();
    let mut stdout = std::io::stdout().lock();
    let mut path = Vec::new();
    loop {
        path.clear();
        match stdin.read_until(0, &mut path) {
            Ok(0) | Err(_) => return true,
            Ok(_) => {}
        }
        if path.last() == Some(&0) {
            path.pop();
        }
        let input = String::from_utf8_lossy(&path);
        let outcome = make_one(args, &input, &mut engine, report);
        if writeln!(stdout, "{}", outcome.word())
            .and_then(|()| stdout.flush())
            .is_err()
            || matches!(outcome, Outcome::NoVoice)
        {
            return false;
        }
    }
}

/// An article to make, with its episode's slug when this process could read it.
type Pending<'a> = (&'a String, Option<String>);

/// One worker process (`hark podcast --worker`) and the article it is making.
struct Worker<'a> {
    child: std::process::Child,
    /// Where articles are handed over; dropped to tell the worker there are no more.
    to: Option<std::process::ChildStdin>,
    current: Option<Pending<'a>>,
}

/// A worker's answer, read from its stdout by a thread: (slot, the word, or None at its end).
type Answer = (usize, Option<String>);

/// Starts a worker for `slot`, with a thread that forwards its answers.
fn start_worker<'a>(
    exe: &Path,
    common: &[String],
    slot: usize,
    answers: &std::sync::mpsc::Sender<Answer>,
) -> std::io::Result<Worker<'a>> {
    use std::io::BufRead;
    use std::process::Stdio;
    let mut child = std::process::Command::new(exe)
        .args(common)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()?;
    let to = child.stdin.take();
    let from = child.stdout.take();
    let answers = answers.clone();
    std::thread::spawn(move || {
        if let Some(from) = from {
            for line in std::io::BufReader::new(from).lines() {
                let Ok(line) = line else { break };
                if answers.send((slot, Some(line))).is_err() {
                    return;
                }
            }
        }
        let _ = answers.send((slot, None));
    });
    Ok(Worker {
        child,
        to,
        current: None,
    })
}

/// Hands the worker its next article, or, when there is none, tells it to finish.
fn hand<'a>(
    worker: &mut Worker<'a>,
    slot: usize,
    queue: &mut impl Iterator<Item = Pending<'a>>,
    bars: &hark::progress::BatchProgress,
) {
    use std::io::Write;
    let Some(to) = worker.to.as_mut() else {
        return;
    };
    let Some(article) = queue.next() else {
        worker.to = None;
        return;
    };
    let sent = to
        .write_all(article.0.as_bytes())
        .and_then(|()| to.write_all(b"\0"))
        .and_then(|()| to.flush());
    bars.working(slot, article.0);
    worker.current = Some(article);
    if sent.is_err() {
        // The worker is gone: the end of its output counts the article as failed.
        worker.to = None;
    }
}

/// The arguments of every worker: this run's settings, quiet, with the cores shared.
fn worker_args(args: &PodcastArgs, jobs: usize) -> Vec<String> {
    let mut common = vec![
        "podcast".to_string(),
        "--worker".into(),
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
    if let Some(rate) = args.sample_rate {
        common.push(format!("--sample-rate={rate}"));
    }
    if let Some(kbps) = args.opus {
        common.push(format!("--opus={kbps}"));
    }
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
    common
}

/// Makes the episodes in `jobs` worker processes, each keeping its voice open and taking the
/// next article as soon as it has finished one. A worker that dies costs only its article:
/// another is started for the rest.
fn in_workers(args: &PodcastArgs, articles: &[String], jobs: usize, report: &Reporter) -> Stats {
    let exe = std::env::current_exe().unwrap_or_else(|_| "hark".into());
    let common = worker_args(args, jobs);
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
    let jobs = jobs.min(changed.len());
    let mut queue = changed.into_iter();
    let (answers, answered) = std::sync::mpsc::channel::<Answer>();
    let mut workers: Vec<Option<Worker>> = Vec::new();
    for slot in 0..jobs {
        match start_worker(&exe, &common, slot, &answers) {
            Ok(mut worker) => {
                hand(&mut worker, slot, &mut queue, &bars);
                workers.push(Some(worker));
            }
            Err(e) => {
                report.error(&std::io::Error::other(format!(
                    "cannot start a worker ({}): {e}",
                    exe.display()
                )));
                workers.push(None);
            }
        }
    }
    let mut no_voice = false;
    while workers.iter().flatten().any(|w| w.current.is_some()) {
        let Ok((slot, answer)) = answered.recv() else {
            break;
        };
        let Some(worker) = workers[slot].as_mut() else {
            continue;
        };
        match (answer, worker.current.take()) {
            (Some(word), Some((input, slug))) => {
                match word.as_str() {
                    "made" => {
                        stats.made += 1;
                        if let Some(e) = slug.and_then(|s| hark::podcast::record(&args.output, &s))
                        {
                            bars.line(&made_line(input, &e));
                        }
                    }
                    "unchanged" => stats.unchanged += 1,
                    "no-voice" => {
                        stats.failed += 1;
                        no_voice = true;
                    }
                    _ => stats.failed += 1,
                }
                bars.done(slot);
                if no_voice {
                    worker.to = None;
                } else {
                    hand(worker, slot, &mut queue, &bars);
                }
            }
            (None, article) => {
                // The worker ended; if it was making an article, it died doing so.
                let _ = worker.child.wait();
                workers[slot] = None;
                if let Some((input, _)) = article {
                    report.error(&std::io::Error::other(format!(
                        "{input}: the worker making this episode stopped unexpectedly"
                    )));
                    stats.failed += 1;
                    bars.done(slot);
                }
                if !no_voice
                    && queue.len() > 0
                    && let Ok(mut worker) = start_worker(&exe, &common, slot, &answers)
                {
                    hand(&mut worker, slot, &mut queue, &bars);
                    workers[slot] = Some(worker);
                }
            }
            (Some(_), None) => {}
        }
    }
    // What is left was never handed out: the voice could not be opened, or no worker ran.
    stats.failed += queue.len();
    for worker in workers.iter_mut().flatten() {
        worker.to = None;
        let _ = worker.child.wait();
    }
    bars.finish();
    stats
}
