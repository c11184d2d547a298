//! `hark podcast --jobs N`: the pool of worker processes. Each worker (`hark podcast
//! --worker`) lives for the whole batch with its voice open; this process hands out one
//! article at a time (its path on the worker's stdin, NUL-ended) and reads one word back per
//! article on the worker's stdout. A worker that dies costs only the article it held.

use super::podcast_episode::{Stats, is_unchanged, made_line};
use super::report::Reporter;
use super::worker_args::{share_cores, synthesis_args};
use crate::cli::PodcastArgs;
use std::path::Path;

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
    common.extend(synthesis_args(
        &args.voice,
        &args.piper,
        &args.prosody,
        &args.reading,
    ));
    // Workers only report errors; this process shows their progress and results.
    common.push("-q".into());
    share_cores(&mut common, &args.piper, jobs);
    common
}

/// Makes the episodes in `jobs` worker processes, each keeping its voice open and taking the
/// next article as soon as it has finished one. A worker that dies costs only its article:
/// another is started for the rest.
pub fn in_workers(
    args: &PodcastArgs,
    articles: &[String],
    jobs: usize,
    report: &Reporter,
) -> Stats {
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
