//! The one place that writes hark's messages to standard error. The library and the subcommands
//! send them through the `log` crate; this logger shows them by level, as a command-line user
//! expects: errors always, warnings and progress lines unless `-q`, details with `-v`.
//! `RUST_LOG` (for example `RUST_LOG=debug`, `RUST_LOG=hark=trace,ureq=debug`) adds to or
//! overrides what the flags chose, as in other Rust tools.

use log::{Level, LevelFilter, Log, Metadata, Record};

/// Shows the messages `-q`/`-v` and `RUST_LOG` ask for, each above any progress bars.
struct Logger {
    filter: env_filter::Filter,
}

impl Log for Logger {
    fn enabled(&self, metadata: &Metadata) -> bool {
        self.filter.enabled(metadata)
    }

    fn log(&self, record: &Record) {
        if !self.filter.matches(record) {
            return;
        }
        // Progress lines and details read as hark's own sentences; only problems get a label.
        let text = match record.level() {
            Level::Error => format!("hark: error: {}", record.args()),
            Level::Warn => format!("hark: warning: {}", record.args()),
            Level::Info => record.args().to_string(),
            Level::Debug | Level::Trace if is_hark(record.target()) => record.args().to_string(),
            Level::Debug | Level::Trace => format!("{}: {}", record.target(), record.args()),
        };
        // While `hark speak` reads keys the terminal is raw: a new line needs its carriage return.
        #[cfg(feature = "speak")]
        if super::keys::raw_mode() {
            let text = text.replace('\n', "\r\n");
            hark::progress::above_bars(|| eprint!("{text}\r\n"));
            return;
        }
        hark::progress::above_bars(|| eprintln!("{text}"));
    }

    fn flush(&self) {}
}

fn is_hark(target: &str) -> bool {
    target == "hark" || target.starts_with("hark::")
}

/// hark's own level for the flags given: errors with `-q`, details with `-v`, else lines and
/// warnings. Other crates only say warnings unless `RUST_LOG` asks for more.
fn level_for(quiet: bool, verbose: bool) -> LevelFilter {
    if quiet {
        LevelFilter::Error
    } else if verbose {
        LevelFilter::Debug
    } else {
        LevelFilter::Info
    }
}

/// What is shown: hark's level from the flags, other crates' warnings, then `RUST_LOG`'s
/// directives (`rust_log`, when set) on top.
fn filter_for(quiet: bool, verbose: bool, rust_log: Option<&str>) -> env_filter::Filter {
    let own = level_for(quiet, verbose);
    let mut builder = env_filter::Builder::new();
    builder
        .filter_level(LevelFilter::Warn.min(own))
        .filter_module("hark", own);
    if let Some(directives) = rust_log.filter(|d| !d.trim().is_empty()) {
        builder.parse(directives);
    }
    builder.build()
}

/// Installs the logger for this run. `rust_log` is the `RUST_LOG` variable, when set.
pub fn install(quiet: bool, verbose: bool, rust_log: Option<&str>) {
    let filter = filter_for(quiet, verbose, rust_log);
    let max = filter.filter();
    if log::set_boxed_logger(Box::new(Logger { filter })).is_ok() {
        log::set_max_level(max);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shows(filter: &env_filter::Filter, level: Level, target: &str) -> bool {
        filter.enabled(&Metadata::builder().level(level).target(target).build())
    }

    #[test]
    fn flags_choose_hark_s_level_and_rust_log_adds_to_it() {
        let plain = filter_for(false, false, None);
        assert!(shows(&plain, Level::Info, "hark::export"));
        assert!(!shows(&plain, Level::Debug, "hark::export"));
        assert!(!shows(&plain, Level::Info, "ureq"));
        assert!(shows(&plain, Level::Warn, "ureq"));

        let quiet = filter_for(true, false, None);
        assert!(!shows(&quiet, Level::Warn, "hark::synth::piper::engine"));
        assert!(shows(&quiet, Level::Error, "hark"));
        assert!(!shows(&quiet, Level::Warn, "ureq"));

        let verbose = filter_for(false, true, None);
        assert!(shows(&verbose, Level::Debug, "hark::commands::export"));

        let traced = filter_for(false, false, Some("hark=trace,ureq=debug"));
        assert!(shows(&traced, Level::Trace, "hark::speech"));
        assert!(shows(&traced, Level::Debug, "ureq::pool"));
    }
}
