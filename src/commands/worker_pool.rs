//! The one pool of worker processes behind `hark export --jobs` and `hark podcast --jobs`.
//!
//! Each worker (`hark -q worker SUBCOMMAND`) lives for the whole batch with its voice open. It
//! reads the run's settings first, as one JSON value, then one job at a time; each is a record
//! on its stdin ended by a NUL byte (so any file name passes), and each is answered with one
//! line on its stdout. This process hands a worker its next job as soon as it answers. A worker
//! that dies costs only the job it held: another is started for the rest.

use super::report::Reporter;
use serde::Serialize;
use serde::de::DeserializeOwned;
use std::io::{BufRead, Write};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Sender, channel};

/// One job: the record the worker reads, what a progress bar shows while it runs, and what
/// this process keeps about it.
pub struct Job<T> {
    pub record: String,
    pub label: String,
    pub data: T,
}

/// What the pool heard about a job.
pub enum Heard<'a> {
    /// The worker's answer line.
    Answer(&'a str),
    /// The worker stopped while it held the job.
    Died,
}

/// After an answer: hand out more jobs, or stop handing out any (the voice cannot be opened,
/// so no other job can succeed either).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Next {
    More,
    Stop,
}

/// A pool: which subcommand its workers run, and the settings they all share.
pub struct Pool {
    subcommand: &'static str,
    settings: String,
    workers: usize,
}

/// One worker process and the job it holds.
struct Worker {
    child: Child,
    /// Where jobs are handed over; dropped to tell the worker there are no more.
    to: Option<ChildStdin>,
    current: Option<usize>,
}

/// A worker's answer, read from its stdout by a thread: (slot, the line, or None at its end).
type Answer = (usize, Option<String>);

impl Pool {
    /// A pool of `workers` processes running `hark worker SUBCOMMAND` with these settings.
    pub fn new(subcommand: &'static str, settings: &impl Serialize, workers: usize) -> Pool {
        Pool {
            subcommand,
            settings: serde_json::to_string(settings).unwrap_or_default(),
            workers: workers.max(1),
        }
    }

    /// Runs the jobs; `handed` is told when a worker takes one, `heard` what became of it.
    /// Returns how many jobs were never handed out (a stop, or no worker could start).
    pub fn run<T>(
        &self,
        work: Vec<Job<T>>,
        report: &Reporter,
        mut handed: impl FnMut(usize, &Job<T>),
        mut heard: impl FnMut(usize, &Job<T>, Heard<'_>) -> Next,
    ) -> usize {
        let exe = std::env::current_exe().unwrap_or_else(|_| "hark".into());
        let mut queue = 0..work.len();
        let (answers, answered) = channel::<Answer>();
        let mut workers: Vec<Option<Worker>> = Vec::new();
        let mut stopped = false;
        for slot in 0..self.workers.min(work.len()) {
            match self.start(&exe, slot, &answers) {
                Ok(mut worker) => {
                    hand(&mut worker, &work, &mut queue, |job| handed(slot, job));
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
        while workers.iter().flatten().any(|w| w.current.is_some()) {
            let Ok((slot, answer)) = answered.recv() else {
                break;
            };
            let Some(worker) = workers[slot].as_mut() else {
                continue;
            };
            match (answer, worker.current.take()) {
                (Some(line), Some(job)) => {
                    stopped |= heard(slot, &work[job], Heard::Answer(&line)) == Next::Stop;
                    if stopped {
                        worker.to = None;
                    } else {
                        hand(worker, &work, &mut queue, |job| handed(slot, job));
                    }
                }
                (None, held) => {
                    // The worker ended; if it held a job, it died doing it.
                    let _ = worker.child.wait();
                    workers[slot] = None;
                    if let Some(job) = held {
                        stopped |= heard(slot, &work[job], Heard::Died) == Next::Stop;
                    }
                    if !stopped
                        && !queue.is_empty()
                        && let Ok(mut worker) = self.start(&exe, slot, &answers)
                    {
                        hand(&mut worker, &work, &mut queue, |job| handed(slot, job));
                        workers[slot] = Some(worker);
                    }
                }
                (Some(_), None) => {}
            }
        }
        for worker in workers.iter_mut().flatten() {
            worker.to = None;
            let _ = worker.child.wait();
        }
        queue.len()
    }

    /// Starts a worker for `slot`, hands it the settings, and starts a thread that forwards
    /// its answers.
    fn start(
        &self,
        exe: &std::path::Path,
        slot: usize,
        answers: &Sender<Answer>,
    ) -> std::io::Result<Worker> {
        let mut child = Command::new(exe)
            .args(["-q", "worker", self.subcommand])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()?;
        let mut to = child.stdin.take();
        if let Some(to) = to.as_mut() {
            send(to, &self.settings)?;
        }
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
}

/// Writes one NUL-ended record.
fn send(to: &mut ChildStdin, record: &str) -> std::io::Result<()> {
    to.write_all(record.as_bytes())?;
    to.write_all(b"\0")?;
    to.flush()
}

/// Hands the worker its next job, or, when there is none, tells it to finish.
fn hand<T>(
    worker: &mut Worker,
    work: &[Job<T>],
    queue: &mut std::ops::Range<usize>,
    handed: impl FnOnce(&Job<T>),
) {
    let Some(to) = worker.to.as_mut() else {
        return;
    };
    let Some(job) = queue.next() else {
        worker.to = None;
        return;
    };
    let sent = send(to, &work[job].record);
    handed(&work[job]);
    worker.current = Some(job);
    if sent.is_err() {
        // The worker is gone: the end of its output counts the job as not done.
        worker.to = None;
    }
}

/// The worker's side: reads the settings, then answers each job with the line `answer`
/// gives, until stdin ends or `answer` says stop. False when the settings cannot be read or
/// the pool can no longer be answered.
pub fn serve<S: DeserializeOwned>(
    report: &Reporter,
    mut answer: impl FnMut(&S, &str) -> (String, Next),
) -> bool {
    let mut stdin = std::io::stdin().lock();
    let mut stdout = std::io::stdout().lock();
    let mut record = Vec::new();
    let mut read = |record: &mut Vec<u8>| -> Option<String> {
        record.clear();
        match stdin.read_until(0, record) {
            Ok(0) | Err(_) => None,
            Ok(_) => {
                if record.last() == Some(&0) {
                    record.pop();
                }
                Some(String::from_utf8_lossy(record).into_owned())
            }
        }
    };
    let settings: S = match read(&mut record).map(|s| serde_json::from_str(&s)) {
        Some(Ok(settings)) => settings,
        Some(Err(e)) => {
            report.error(&std::io::Error::other(format!(
                "a worker could not read its settings ({e}); `hark worker` is for hark's own use"
            )));
            return false;
        }
        None => return true,
    };
    while let Some(job) = read(&mut record) {
        let (line, next) = answer(&settings, &job);
        if writeln!(stdout, "{line}")
            .and_then(|()| stdout.flush())
            .is_err()
            || next == Next::Stop
        {
            return false;
        }
    }
    true
}
