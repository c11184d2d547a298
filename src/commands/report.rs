//! Where the subcommands' messages go: errors with their causes, warnings unless quiet, and
//! reading an input with its warnings reported.

use hark::Prepared;
use hark::output::dropped;

/// Where messages go, and how many.
pub struct Reporter {
    /// Errors only.
    pub quiet: bool,
    /// Causes and details too.
    pub verbose: bool,
}

impl Reporter {
    /// Reports an error, with its chain of causes when verbose.
    pub fn error(&self, err: &dyn std::error::Error) {
        let mut message = err.to_string();
        if self.verbose {
            let mut source = err.source();
            while let Some(cause) = source {
                message.push_str(&format!("\n  caused by: {cause}"));
                source = cause.source();
            }
        }
        log::error!("{message}");
    }

    /// Reads and prepares one input, reporting its warnings, or its error (then `None`).
    pub fn prepare(&self, input: &str, options: &hark::ReadOptions) -> Option<Prepared> {
        match hark::prepare_path(input, options) {
            Ok(prepared) => {
                for w in &prepared.article.warnings {
                    self.warn(&format!("{input}: {w}"));
                }
                // The listing is a detail: shown with -v (or RUST_LOG=hark=debug).
                let dropped = &prepared.article.dropped;
                if !dropped.is_empty() && log::log_enabled!(log::Level::Debug) {
                    log::debug!("hark: {input}: left out {}", dropped::summary(dropped));
                    for line in dropped::listing(dropped) {
                        log::debug!("{line}");
                    }
                }
                Some(prepared)
            }
            Err(e) => {
                self.error(&e);
                None
            }
        }
    }

    /// Reports a warning unless quiet.
    pub fn warn(&self, message: &str) {
        log::warn!("{message}");
    }
}

/// Writes `bytes` to standard output; false (and said) when that fails, except for a closed pipe.
pub(super) fn print(bytes: &[u8], report: &Reporter) -> bool {
    use std::io::Write;
    match std::io::stdout().lock().write_all(bytes) {
        Ok(()) => true,
        Err(e) => broken_pipe_or_error(e, report),
    }
}

/// A closed pipe (`hark markup … | head`) is not an error worth a message.
pub(super) fn broken_pipe_or_error(e: std::io::Error, report: &Reporter) -> bool {
    if e.kind() == std::io::ErrorKind::BrokenPipe {
        return true;
    }
    report.error(&hark::error::OutputError::Stdout(e));
    false
}
