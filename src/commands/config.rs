//! `hark config show`: the settings a subcommand would run with, and where each comes from.

use super::report::{Reporter, print};
use crate::cli::settings;

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
    print(text.as_bytes(), report)
}
