//! Progress: the one place that makes progress bars. One bar for the run (sentences spoken, with
//! an ETA) and a line per article above it. The bar hides itself when standard error is not a
//! terminal or with `-q`; lines are still printed unless quiet.
//!
//! Lines, warnings and errors go out through the `log` crate, never straight to standard error:
//! the program that uses the library decides what is shown (`hark` filters by `-q`, `-v` and
//! `RUST_LOG`), and its logger prints above the bars with [`above_bars`].

use indicatif::{MultiProgress, ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal;
use std::sync::Mutex;

/// The bars on the terminal now, so that a logger can print above them instead of through them.
enum Drawn {
    Bar(ProgressBar),
    Bars(MultiProgress),
}

static DRAWN: Mutex<Option<Drawn>> = Mutex::new(None);

/// Runs `print` (which writes to standard error) with the bars hidden, then redraws them.
pub fn above_bars<R>(print: impl FnOnce() -> R) -> R {
    let drawn = DRAWN.lock().unwrap_or_else(|e| e.into_inner());
    match drawn.as_ref() {
        Some(Drawn::Bar(bar)) => bar.suspend(print),
        Some(Drawn::Bars(bars)) => bars.suspend(print),
        None => print(),
    }
}

fn set_drawn(drawn: Option<Drawn>) {
    *DRAWN.lock().unwrap_or_else(|e| e.into_inner()) = drawn;
}

/// Progress of a run.
pub struct Progress {
    bar: Option<ProgressBar>,
    quiet: bool,
}

impl Progress {
    /// A run of `total` units (sentences); `quiet` shows nothing but errors.
    pub fn new(total: u64, quiet: bool) -> Self {
        let bar = (!quiet && std::io::stderr().is_terminal()).then(|| {
            let bar = ProgressBar::with_draw_target(Some(total), ProgressDrawTarget::stderr());
            let style = ProgressStyle::with_template(
                "{spinner} [{elapsed_precise}] {wide_bar} {pos}/{len} sentences, ETA {eta} {msg}",
            )
            .unwrap_or_else(|_| ProgressStyle::default_bar());
            bar.set_style(style);
            set_drawn(Some(Drawn::Bar(bar.clone())));
            bar
        });
        Progress { bar, quiet }
    }

    /// A progress with no run bar, only lines and download bars (`hark voices install`).
    pub fn lines_only(quiet: bool) -> Self {
        Progress { bar: None, quiet }
    }

    /// A progress that shows nothing (tests, child processes).
    pub fn hidden() -> Self {
        Progress {
            bar: None,
            quiet: true,
        }
    }

    /// Counts `n` units done.
    pub fn inc(&self, n: u64) {
        if let Some(bar) = &self.bar {
            bar.inc(n);
        }
    }

    /// Shows what is being worked on next to the bar.
    pub fn working_on(&self, what: &str) {
        if let Some(bar) = &self.bar {
            bar.set_message(what.to_string());
        }
    }

    /// Logs a line (shown above the bar), unless quiet.
    pub fn line(&self, message: &str) {
        if !self.quiet {
            log::info!("{message}");
        }
    }

    /// Logs a warning, unless quiet.
    pub fn warn(&self, message: &str) {
        if !self.quiet {
            log::warn!("{message}");
        }
    }

    /// Logs an error, always.
    pub fn error(&self, message: &str) {
        log::error!("{message}");
    }

    /// A byte counter for a download (hidden like the run bar).
    pub fn download(&self, label: &str, total: Option<u64>) -> ProgressBar {
        if self.quiet || !std::io::stderr().is_terminal() {
            return ProgressBar::hidden();
        }
        let bar = ProgressBar::with_draw_target(total, ProgressDrawTarget::stderr());
        let style = ProgressStyle::with_template(
            "{msg} {wide_bar} {bytes}/{total_bytes} {bytes_per_sec}, ETA {eta}",
        )
        .unwrap_or_else(|_| ProgressStyle::default_bar());
        bar.set_style(style);
        bar.set_message(label.to_string());
        bar
    }

    /// Removes the bar.
    pub fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
            set_drawn(None);
        }
    }
}

/// Progress of a batch (`hark podcast`): an overall bar of items with an ETA, and one line per
/// worker saying what it is making. Hidden like [`Progress`]; lines are printed above it.
pub struct BatchProgress {
    overall: Option<ProgressBar>,
    workers: Vec<ProgressBar>,
    quiet: bool,
}

impl BatchProgress {
    /// A batch of `total` items made by `workers` workers.
    pub fn new(total: u64, workers: usize, quiet: bool) -> Self {
        if quiet || !std::io::stderr().is_terminal() {
            return BatchProgress {
                overall: None,
                workers: Vec::new(),
                quiet,
            };
        }
        let multi = indicatif::MultiProgress::with_draw_target(ProgressDrawTarget::stderr());
        let line = ProgressStyle::with_template("  {spinner} worker {prefix}: {msg}")
            .unwrap_or_else(|_| ProgressStyle::default_spinner());
        let workers = (1..=workers)
            .map(|k| {
                let bar = multi.add(ProgressBar::new_spinner());
                bar.set_style(line.clone());
                bar.set_prefix(k.to_string());
                bar.set_message("waiting");
                bar.enable_steady_tick(std::time::Duration::from_millis(200));
                bar
            })
            .collect();
        let overall = multi.add(ProgressBar::new(total));
        set_drawn(Some(Drawn::Bars(multi)));
        overall.set_style(
            ProgressStyle::with_template(
                "[{elapsed_precise}] {wide_bar} {pos}/{len} episodes, ETA {eta}",
            )
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
        );
        BatchProgress {
            overall: Some(overall),
            workers,
            quiet,
        }
    }

    /// Says what worker `k` (from 0) is making now.
    pub fn working(&self, k: usize, what: &str) {
        if let Some(bar) = self.workers.get(k) {
            bar.set_message(what.to_string());
        }
    }

    /// Counts one item done by worker `k`.
    pub fn done(&self, k: usize) {
        self.working(k, "waiting");
        if let Some(bar) = &self.overall {
            bar.inc(1);
        }
    }

    /// Logs a line (shown above the bars), unless quiet.
    pub fn line(&self, message: &str) {
        if !self.quiet {
            log::info!("{message}");
        }
    }

    /// Removes the bars.
    pub fn finish(&self) {
        for bar in self.workers.iter().chain(&self.overall) {
            bar.finish_and_clear();
        }
        if self.overall.is_some() {
            set_drawn(None);
        }
    }
}
