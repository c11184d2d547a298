//! `hark config show`: the settings a subcommand would run with, and where each comes from.

use super::report::{Reporter, broken_pipe_or_error};
use crate::cli::settings;
use std::io::Write;

/// Prints `hark NAME`'s options as a table: KEY, VALUE, FROM.
pub fn config_show(
    root: &clap::Command,
    name: &str,
    matches: &clap::ArgMatches,
    report: &Reporter,
) -> bool {
    let settings = match settings::effective(root, name, matches) {
        Ok(settings) => settings,
        Err(message) => {
            log::error!("{message}");
            return false;
        }
    };
    let rows: Vec<Vec<String>> = settings
        .iter()
        .map(|s| vec![s.key.clone(), s.value.clone(), s.source.to_string()])
        .collect();
    let text = super::wording::table(&["OPTION", "VALUE", "FROM"], &rows);
    match std::io::stdout().lock().write_all(text.as_bytes()) {
        Ok(()) => true,
        Err(e) => broken_pipe_or_error(e, report),
    }
}
