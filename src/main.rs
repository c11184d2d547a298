//! The `hark` binary: parse the command line, call the library, map errors to exit codes
//! (0 all done, 1 some input or section failed, 2 usage error — the last from clap).

mod cli;
mod commands;

use clap::{CommandFactory, FromArgMatches};
use std::process::ExitCode;

fn main() -> ExitCode {
    // `--version` also says what this hark is built with and can find (`-V` stays short).
    let long_version: &'static str = Box::leak(commands::long_version().into_boxed_str());
    let matches = cli::Cli::command().long_version(long_version).get_matches();
    let cli = cli::Cli::from_arg_matches(&matches).unwrap_or_else(|e| e.exit());
    commands::install_logger(
        cli.quiet,
        cli.verbose,
        std::env::var("RUST_LOG").ok().as_deref(),
    );
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
