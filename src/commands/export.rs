//! `hark export`: each input's audio edition, here or in worker processes (`--jobs`).

use super::report::Reporter;
use super::worker_args::{share_cores, synthesis_args};
use crate::cli::ExportArgs;
use hark::Prepared;
use hark::export::ExportOptions;
use hark::output::dropped;
use hark::progress::Progress;

/// `hark export`: every input into its own folder; with `--jobs N` and several inputs, each
/// article is exported by a worker process (eSpeak NG cannot run twice in one process).
pub fn export(args: &ExportArgs, report: &Reporter) -> bool {
    let started = std::time::Instant::now();
    let options = args.reading.read_options();
    // Read everything first: bad inputs are reported before any audio is made, and folder names
    // are made unique across the run.
    let mut ok = true;
    let mut articles = Vec::new();
    let mut used = std::collections::HashSet::new();
    for input in &args.inputs {
        let Some(prepared) = report.prepare(input, &options) else {
            ok = false;
            continue;
        };
        let rate = args.prosody.rate.factor();
        if let Err(e) = hark::export::check_length(&prepared, rate, args.max_hours) {
            report.error(&e);
            ok = false;
            continue;
        }
        let base = args
            .folder
            .clone()
            .unwrap_or_else(|| hark::export::article_slug(&prepared));
        let mut folder = base.clone();
        let mut n = 2;
        while !used.insert(folder.clone()) {
            folder = format!("{base}-{n}");
            n += 1;
        }
        articles.push((prepared, folder));
    }
    if articles.is_empty() {
        return ok;
    }
    let total: u64 = articles
        .iter()
        .map(|(p, _)| {
            p.script
                .sections
                .iter()
                .map(|s| s.sentences().count() as u64)
                .sum::<u64>()
        })
        .sum();
    let progress = Progress::new(total, report.quiet);
    let summary = if args.jobs > 1 && articles.len() > 1 {
        export_in_workers(args, &articles, &progress)
    } else {
        export_here(args, &articles, &progress)
    };
    progress.finish();
    ok &= summary.failed == 0;
    let dropped: Vec<hark::document::Dropped> = articles
        .iter()
        .flat_map(|(p, _)| p.article.dropped.iter().cloned())
        .collect();
    if !report.quiet && !dropped.is_empty() {
        eprintln!(
            "hark: left out {}{}",
            dropped::summary(&dropped),
            if report.verbose {
                ""
            } else {
                " (-v lists them)"
            }
        );
    }
    if !report.quiet {
        let wall = started.elapsed().as_secs_f64();
        let audio = summary.audio_ms as f64 / 1000.0;
        eprintln!(
            "hark: {} article(s), {} section(s) ({} reused), {} failed; {:.1} s of audio in {:.1} s ({:.0}× real time); output in {}",
            summary.articles,
            summary.sections,
            summary.reused,
            summary.failed,
            audio,
            wall,
            if wall > 0.0 { audio / wall } else { 0.0 },
            args.output.display()
        );
    }
    ok
}

#[derive(Default)]
struct Summary {
    articles: usize,
    sections: usize,
    reused: usize,
    failed: usize,
    audio_ms: u64,
}

fn export_options(args: &ExportArgs) -> ExportOptions {
    ExportOptions {
        out_dir: args.output.clone(),
        pauses: args.reading.pauses(),
        prosody: args.prosody.prosody(),
        force: args.force,
        combined: args.combined,
    }
}

fn export_here(args: &ExportArgs, articles: &[(Prepared, String)], progress: &Progress) -> Summary {
    let mut summary = Summary::default();
    // Articles in one language share an engine.
    let mut slot: hark::synth::EngineSlot = None;
    let options = export_options(args);
    for (prepared, folder) in articles {
        let (voice, warning) = hark::synth::voice_for_language(
            &args.voice,
            &prepared.article.language.tag,
            &args.piper.open_options().voice_dirs,
        );
        if let Some(warning) = warning {
            progress.warn(&format!("{}: {warning}", prepared.source.path));
        }
        let engine = match hark::synth::engine_for(
            &mut slot,
            voice,
            args.prosody.prosody(),
            &args.piper.open_options(),
        ) {
            Ok(engine) => engine,
            Err(e) => {
                progress.error(&format!("{}: {e}", prepared.source.path));
                summary.failed += 1;
                continue;
            }
        };
        match hark::export::export_article(prepared, folder, engine, &options, progress) {
            Ok(r) => {
                summary.articles += 1;
                summary.sections += r.sections;
                summary.reused += r.reused;
                summary.failed += r.failed.len();
                summary.audio_ms += r.audio_ms;
                let reused = if r.reused > 0 {
                    format!(", {} already there and skipped", r.reused)
                } else {
                    String::new()
                };
                progress.line(&format!(
                    "{}: {} section(s), {:.1} s of audio{reused} → {}",
                    prepared.source.path,
                    r.sections,
                    r.audio_ms as f64 / 1000.0,
                    r.dir.display()
                ));
            }
            Err(e) => {
                progress.error(&format!("{}: {e}", prepared.source.path));
                summary.failed += 1;
            }
        }
    }
    summary
}

/// Runs one `hark export` worker process per article, `--jobs` at a time. Standard input
/// cannot be handed to a worker, so `-` is exported in this process.
fn export_in_workers(
    args: &ExportArgs,
    articles: &[(Prepared, String)],
    progress: &Progress,
) -> Summary {
    let exe = match std::env::current_exe() {
        Ok(exe) => exe,
        Err(_) => return export_here(args, articles, progress),
    };
    let (stdin_articles, file_articles): (Vec<_>, Vec<_>) = articles
        .iter()
        .cloned()
        .partition(|(p, _)| p.source.path == "-");
    let mut summary = export_here(args, &stdin_articles, progress);
    let mut queue = file_articles.into_iter();
    let mut running: Vec<(std::process::Child, Prepared, String)> = Vec::new();
    loop {
        while running.len() < usize::from(args.jobs) {
            let Some((prepared, folder)) = queue.next() else {
                break;
            };
            let mut cmd = std::process::Command::new(&exe);
            cmd.arg("-q")
                .arg("export")
                .arg(&prepared.source.path)
                .arg("--folder")
                .arg(&folder);
            cmd.args(worker_args(args));
            match cmd.stdin(std::process::Stdio::null()).spawn() {
                Ok(child) => running.push((child, prepared, folder)),
                Err(e) => {
                    progress.error(&format!(
                        "{}: cannot start a worker: {e}",
                        prepared.source.path
                    ));
                    summary.failed += 1;
                }
            }
        }
        if running.is_empty() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
        let mut i = 0;
        while i < running.len() {
            match running[i].0.try_wait() {
                Ok(None) => i += 1,
                finished => {
                    let (_, prepared, folder) = running.swap_remove(i);
                    let sentences: u64 = prepared
                        .script
                        .sections
                        .iter()
                        .map(|s| s.sentences().count() as u64)
                        .sum();
                    progress.inc(sentences);
                    let dir = args.output.join(&folder);
                    let man = hark::output::manifest::Manifest::read(&dir.join("manifest.json"));
                    let success = matches!(finished, Ok(Some(status)) if status.success());
                    summary.articles += 1;
                    summary.sections += prepared.article.sections.len();
                    summary.audio_ms += man.and_then(|m| m.duration_ms).unwrap_or(0);
                    if success {
                        progress.line(&format!(
                            "{}: {} section(s) → {}",
                            prepared.source.path,
                            prepared.article.sections.len(),
                            dir.display()
                        ));
                    } else {
                        summary.failed += 1;
                        progress.error(&format!(
                            "{}: the export failed (run it alone to see why: hark export {})",
                            prepared.source.path, prepared.source.path
                        ));
                    }
                }
            }
        }
    }
    summary
}

/// The options a worker needs to make exactly what this process would.
fn worker_args(args: &ExportArgs) -> Vec<String> {
    let mut v = vec!["-o".to_string(), args.output.display().to_string()];
    v.extend(synthesis_args(
        &args.voice,
        &args.piper,
        &args.prosody,
        &args.reading,
    ));
    share_cores(&mut v, &args.piper, usize::from(args.jobs));
    v.extend(["--max-hours".to_string(), args.max_hours.to_string()]);
    for (flag, on) in [("--force", args.force), ("--combined", args.combined)] {
        if on {
            v.push(flag.into());
        }
    }
    v
}
