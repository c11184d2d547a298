//! `hark export`: each input's audio edition, here or in worker processes (`--jobs`).

use super::report::Reporter;
use super::wording::{count, length, stop_on_ctrl_c};
use super::worker_pool::{Heard, Job, Next, Pool, serve};
use crate::cli::ExportArgs;
use hark::Prepared;
use hark::export::ExportOptions;
use hark::output::dropped;
use hark::progress::Progress;
use serde::{Deserialize, Serialize};
use std::io::IsTerminal;

/// `hark export`: every input into its own folder; with `--jobs N` and several inputs, each
/// article is exported by a worker process (eSpeak NG cannot run twice in one process).
pub fn export(args: &ExportArgs, report: &Reporter) -> bool {
    let started = std::time::Instant::now();
    let to_stdout = streams_to_stdout(args);
    if let Some(problem) = audio_problem(args, to_stdout) {
        log::error!("{problem}");
        return false;
    }
    if to_stdout {
        if args.inputs.len() != 1 {
            log::error!(
                "-o - streams one article as WAV to standard output; give one input, or a folder with -o"
            );
            return false;
        }
        if std::io::stdout().is_terminal() {
            log::error!(
                "-o - writes WAV audio to standard output, which is a terminal: pipe it on (hark export {} -o - | aplay), or give a folder with -o",
                args.inputs[0]
            );
            return false;
        }
    }
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
            .name
            .clone()
            .unwrap_or_else(|| hark::export::folder_name(&prepared));
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
            p.sections
                .iter()
                .map(|s| s.sentences().count() as u64)
                .sum::<u64>()
        })
        .sum();
    let progress = Progress::new(total, report.quiet);
    stop_on_ctrl_c();
    let summary = if to_stdout {
        stream_here(args, &articles[0].0, &progress)
    } else if args.jobs > 1 && articles.len() > 1 {
        export_in_workers(args, &articles, &progress, report)
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
        log::info!(
            "hark: left out {}{}",
            dropped::summary(&dropped),
            if report.verbose {
                ""
            } else {
                " (-v lists them)"
            }
        );
    }
    // A run that exported nothing (every input refused, or the voice would not open) has said
    // why already: no summary after it.
    if !report.quiet && summary.articles > 0 {
        let wall = started.elapsed().as_secs_f64();
        // The speed is of the audio made in this run, when it made any.
        let speed = if summary.reused < summary.sections && wall > 0.0 {
            format!(
                " ({:.0}× real time)",
                summary.audio_ms as f64 / 1000.0 / wall
            )
        } else {
            String::new()
        };
        log::info!(
            "hark: {}, {} ({} reused), {} failed; {} of audio in {:.1} s{speed}; output in {}",
            count(summary.articles, "article"),
            count(summary.sections, "section"),
            summary.reused,
            summary.failed,
            length(summary.audio_ms),
            wall,
            if to_stdout {
                "standard output".to_string()
            } else {
                args.output.display().to_string()
            }
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
        editions: hark::export::Editions {
            epub: args.edition.contains(&crate::cli::Edition::Epub),
            m4b: args.edition.contains(&crate::cli::Edition::M4b),
            loudness: args.loudness,
            daisy: args.edition.contains(&crate::cli::Edition::Daisy),
            web: args.edition.contains(&crate::cli::Edition::Web),
        },
        audio: hark::output::audio_file::AudioSettings {
            format: args.audio,
            kbps: args.bitrate,
        },
    }
}

/// What is wrong with `--audio` and `--bitrate` together, or with `-o -`, if anything.
fn audio_problem(args: &ExportArgs, to_stdout: bool) -> Option<String> {
    use hark::codec::AudioFormat;
    let format = args.audio;
    if to_stdout && format != AudioFormat::Wav {
        return Some(format!(
            "-o - streams WAV to standard output; leave out --audio {}, or give a folder with -o",
            format.name()
        ));
    }
    let kbps = args.bitrate?;
    if format.default_kbps().is_none() {
        return Some(format!(
            "--bitrate is for --audio mp3 or opus; {} has no bit rate to choose: leave it out",
            format.name()
        ));
    }
    (!format.accepts_kbps(kbps)).then(|| {
        format!(
            "--bitrate {kbps}: --audio {} takes {} kbit/s",
            format.name(),
            format.offered_kbps()
        )
    })
}

/// `-o -`: the edition goes to standard output as one WAV stream.
fn streams_to_stdout(args: &ExportArgs) -> bool {
    args.output.as_os_str() == "-"
}

/// Exports one article as a WAV stream on standard output (`-o -`). Its section files are made
/// in a folder of its own under the temporary folder, and removed after.
fn stream_here(args: &ExportArgs, prepared: &Prepared, progress: &Progress) -> Summary {
    let mut summary = Summary::default();
    let scratch = std::env::temp_dir().join(format!("hark-stdout-{}", std::process::id()));
    let mut options = export_options(args);
    options.out_dir = scratch.clone();
    options.combined = false;
    let mut pipe = hark::output::pipe::WavPipe::new(std::io::BufWriter::with_capacity(
        1 << 16,
        std::io::stdout(),
    ));
    let mut slot: hark::synth::EngineSlot = None;
    let result = export_one(
        args,
        prepared,
        "edition",
        &mut slot,
        progress,
        &options,
        vec![&mut pipe],
    );
    let _ = std::fs::remove_dir_all(&scratch);
    match result {
        Ok(r) => {
            summary.add(&r);
            progress.line(&done_line(prepared, &r, "standard output"));
        }
        Err(e) => {
            progress.error(&format!("{}: {e}", prepared.source.path));
            summary.failed += 1;
        }
    }
    summary
}

fn export_here<'a>(
    args: &ExportArgs,
    articles: impl IntoIterator<Item = &'a (Prepared, String)>,
    progress: &Progress,
) -> Summary {
    let mut summary = Summary::default();
    // Articles in one language share an engine.
    let mut slot: hark::synth::EngineSlot = None;
    let options = export_options(args);
    for (prepared, folder) in articles {
        match export_one(
            args,
            prepared,
            folder,
            &mut slot,
            progress,
            &options,
            Vec::new(),
        ) {
            Ok(r) => {
                summary.add(&r);
                progress.line(&done_line(prepared, &r, &r.dir.display().to_string()));
            }
            Err(e) => {
                progress.error(&format!("{}: {e}", prepared.source.path));
                summary.failed += 1;
            }
        }
    }
    summary
}

/// "a.txt: 4 sections, 0:03:10 of audio → out/a": one article done, and where it went.
fn done_line(prepared: &Prepared, r: &Exported, destination: &str) -> String {
    let reused = if r.reused > 0 {
        format!(", {} already there and skipped", r.reused)
    } else {
        String::new()
    };
    format!(
        "{}: {}, {} of audio{reused} → {destination}",
        prepared.source.path,
        count(r.sections, "section"),
        length(r.audio_ms),
    )
}

impl Summary {
    fn add(&mut self, r: &Exported) {
        self.articles += 1;
        self.sections += r.sections;
        self.reused += r.reused;
        self.failed += r.failed;
        self.audio_ms += r.audio_ms;
    }
}

/// What became of one article's export: what this process prints, and what a worker answers.
#[derive(Debug, Serialize, Deserialize)]
struct Exported {
    dir: std::path::PathBuf,
    sections: usize,
    reused: usize,
    /// Sections the engine could not speak.
    failed: usize,
    audio_ms: u64,
}

/// Exports one article with the engine for its language (opened once per language).
fn export_one(
    args: &ExportArgs,
    prepared: &Prepared,
    folder: &str,
    slot: &mut hark::synth::EngineSlot,
    progress: &Progress,
    options: &ExportOptions,
    extra: Vec<&mut dyn hark::output::sinks::Sink>,
) -> Result<Exported, String> {
    let (voice, warning) = hark::synth::voice_for_language(
        &args.voice,
        &prepared.article.language.tag,
        &args.piper.open_options().voice_dirs,
    );
    if let Some(warning) = warning {
        progress.warn(&format!("{}: {warning}", prepared.source.path));
    }
    let engine = hark::synth::engine_for(
        slot,
        voice,
        args.prosody.prosody(),
        &args.piper.open_options(),
    )
    .map_err(|e| e.to_string())?;
    let r = hark::export::export_article_into(prepared, folder, engine, options, progress, extra)
        .map_err(|e| e.to_string())?;
    Ok(Exported {
        dir: r.dir,
        sections: r.sections,
        reused: r.reused,
        failed: r.failed.len(),
        audio_ms: r.audio_ms,
    })
}

/// A job of the export pool: an article and its folder.
#[derive(Serialize, Deserialize)]
struct ExportJob {
    input: String,
    folder: String,
}

/// Exports the articles in `--jobs` worker processes (`hark worker export`), each keeping its
/// voice open and taking the next article as soon as it has finished one. Standard input
/// cannot be handed to a worker, so `-` is exported in this process.
fn export_in_workers(
    args: &ExportArgs,
    articles: &[(Prepared, String)],
    progress: &Progress,
    report: &Reporter,
) -> Summary {
    let (stdin_articles, file_articles): (Vec<_>, Vec<_>) =
        articles.iter().partition(|(p, _)| p.source.path == "-");
    let mut summary = export_here(args, stdin_articles, progress);
    let jobs = usize::from(args.jobs);
    // The workers' settings: this run's, with the cores shared among them.
    let mut settings = args.clone();
    settings.inputs.clear();
    settings.piper = args.piper.sharing_cores(jobs);
    let work: Vec<Job<&Prepared>> = file_articles
        .into_iter()
        .map(|(prepared, folder)| Job {
            record: serde_json::to_string(&ExportJob {
                input: prepared.source.path.clone(),
                folder: folder.clone(),
            })
            .unwrap_or_default(),
            label: prepared.source.path.clone(),
            data: prepared,
        })
        .collect();
    let never = Pool::new("export", &settings, jobs).run(
        work,
        report,
        |_, job| progress.working_on(&job.label),
        |_, job, heard| {
            let prepared = job.data;
            let sentences: u64 = prepared.sections
                .iter()
                .map(|s| s.sentences().count() as u64)
                .sum();
            progress.inc(sentences);
            match heard {
                Heard::Answer(line) => match serde_json::from_str::<Exported>(line) {
                    Ok(r) => {
                        summary.add(&r);
                        progress.line(&done_line(prepared, &r, &r.dir.display().to_string()));
                    }
                    // The worker said why on its stderr.
                    Err(_) => summary.failed += 1,
                },
                Heard::Died => {
                    summary.failed += 1;
                    progress.error(&format!(
                        "{}: the worker exporting it stopped unexpectedly (run it alone to see why: hark export {})",
                        prepared.source.path, prepared.source.path
                    ));
                }
            }
            Next::More
        },
    );
    summary.failed += never;
    summary
}

/// `hark worker export`: the other side of [`export_in_workers`]. Each job is an article and
/// its folder; the answer is what was made ([`Exported`], as JSON), or `failed` after saying
/// why on stderr.
pub fn export_worker(report: &Reporter) -> bool {
    let mut slot: hark::synth::EngineSlot = None;
    let progress = Progress::hidden();
    serve(report, |args: &ExportArgs, record| {
        let outcome = serde_json::from_str::<ExportJob>(record)
            .map_err(|e| format!("not a job: {e}"))
            .and_then(|job| {
                let prepared = hark::prepare_path(&job.input, &args.reading.read_options())
                    .map_err(|e| e.to_string())?;
                hark::export::check_length(&prepared, args.prosody.rate.factor(), args.max_hours)
                    .map_err(|e| e.to_string())?;
                export_one(
                    args,
                    &prepared,
                    &job.folder,
                    &mut slot,
                    &progress,
                    &export_options(args),
                    Vec::new(),
                )
                .map_err(|e| format!("{}: {e}", job.input))
            });
        let line = match outcome {
            Ok(exported) => serde_json::to_string(&exported).unwrap_or_default(),
            Err(e) => {
                report.error(&std::io::Error::other(e));
                "failed".to_string()
            }
        };
        (line, Next::More)
    })
}
