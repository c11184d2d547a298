//! The `hark` binary: parse the command line, call the library, map errors to exit codes
//! (0 all done, 1 some input or section failed, 2 usage error — the last from clap).

mod cli;
mod commands;

use clap::{CommandFactory, FromArgMatches};
use std::process::ExitCode;

fn main() -> ExitCode {
    // `--version` also says what this hark is built with and can find (`-V` stays short).
    let long_version: &'static str = Box::leak(commands::long_version().into_boxed_str());
    let root = cli::Cli::command().long_version(long_version);
    let raw: Vec<std::ffi::OsString> = std::env::args_os().collect();
    // An option the command line leaves out may be in the config file (`feed-title` for
    // `hark podcast`): the first reading lets it be missing, the second, with the config's
    // settings added, does not.
    let (matches, missing) = match root.clone().try_get_matches_from(&raw) {
        Ok(matches) => (matches, None),
        Err(e) if e.kind() == clap::error::ErrorKind::MissingRequiredArgument => (
            root.clone().ignore_errors(true).get_matches_from(&raw),
            Some(e),
        ),
        Err(e) => e.exit(),
    };
    commands::install_logger(
        matches.get_flag("quiet"),
        matches.get_flag("verbose"),
        std::env::var("RUST_LOG").ok().as_deref(),
    );
    // The config file's settings, under the flags and environment: a bad config is a usage
    // error, before anything is done.
    let layered = match cli::settings::apply(&root, &raw, &matches) {
        Ok(Some(layered)) => layered,
        Ok(None) => match missing {
            Some(e) => e.exit(),
            None => matches.clone(),
        },
        Err(message) => {
            log::error!("{message}");
            return ExitCode::from(2);
        }
    };
    let cli = cli::Cli::from_arg_matches(&layered).unwrap_or_else(|e| e.exit());
    let report = commands::Reporter {
        quiet: cli.quiet,
        verbose: cli.verbose,
    };
    let ok = match &cli.command {
        cli::Command::Markup(args) => commands::markup(args, &report),
        cli::Command::Export(args) => commands::export(args, &report),
        cli::Command::Podcast(args) => commands::podcast(args, &report),
        cli::Command::Voices {
            json,
            engine,
            lang,
            voices_dir,
            backend,
            action,
        } => commands::voices(
            *json,
            *engine,
            lang.as_deref(),
            voices_dir.as_deref(),
            *backend,
            action.as_ref(),
            &report,
        ),
        cli::Command::Speak(args) => return ExitCode::from(commands::speak(args, &report)),
        cli::Command::Inspect { stage } => commands::inspect(*stage, &report),
        cli::Command::Completions { shell } => {
            let mut command = cli::Cli::command();
            clap_complete::generate(*shell, &mut command, "hark", &mut std::io::stdout());
            true
        }
        cli::Command::Man => commands::man(&report),
        cli::Command::Doctor => commands::doctor(&report),
        cli::Command::Lexicon {
            action: cli::LexiconAction::Check { files },
        } => commands::lexicon_check(files, &report),
        cli::Command::Lexicon {
            action:
                cli::LexiconAction::Suggest {
                    input,
                    lang,
                    lexicon,
                    format,
                },
        } => commands::lexicon_suggest(input, lang.as_deref(), lexicon, *format, &report),
        cli::Command::Config {
            action: cli::ConfigAction::Show { subcommand },
        } => commands::config_show(&root, subcommand, &matches, &report),
        cli::Command::Worker { kind } => match kind {
            cli::WorkerKind::Export => commands::export_worker(&report),
            cli::WorkerKind::Podcast => commands::podcast_worker(&report),
        },
    };
    if ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
