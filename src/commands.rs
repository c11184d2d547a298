//! The subcommands: each reads its inputs through the library, renders, writes to standard
//! output, reports problems on standard error, and says whether everything went well.
//! One bad input is reported and skipped; the others still run.

use crate::cli::{ExportArgs, InspectStage, MarkupArgs, OutputFormat, SpeakArgs, VoicesAction};
use hark::Prepared;
use hark::export::ExportOptions;
use hark::markup::section_ssml;
use hark::output::{dropped, manifest, text};
use hark::progress::Progress;
use std::io::Write;

/// Where messages go, and how many.
pub struct Reporter {
    /// Errors only.
    pub quiet: bool,
    /// Causes and details too.
    pub verbose: bool,
}

impl Reporter {
    /// Reports an error with its chain of causes when verbose.
    pub fn error(&self, err: &dyn std::error::Error) {
        eprintln!("hark: error: {err}");
        if self.verbose {
            let mut source = err.source();
            while let Some(cause) = source {
                eprintln!("  caused by: {cause}");
                source = cause.source();
            }
        }
    }

    /// Reads and prepares one input, reporting its warnings, or its error (then `None`).
    pub fn prepare(&self, input: &str, options: &hark::ReadOptions) -> Option<Prepared> {
        match hark::prepare_path(input, options) {
            Ok(prepared) => {
                for w in &prepared.article.warnings {
                    self.warn(&format!("{input}: {w}"));
                }
                if self.verbose && !prepared.article.dropped.is_empty() {
                    let dropped = &prepared.article.dropped;
                    eprintln!("hark: {input}: left out {}", dropped::summary(dropped));
                    for line in dropped::listing(dropped) {
                        eprintln!("{line}");
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
        if !self.quiet {
            eprintln!("hark: warning: {message}");
        }
    }
}

/// `hark markup`: prints each input as SSML, JSON or text. Returns false if any input failed.
pub fn markup(args: &MarkupArgs, report: &Reporter) -> bool {
    let options = args.reading.read_options();
    let pauses = args.reading.pauses();
    let mut ok = true;
    let mut manifests = Vec::new();
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    for input in &args.inputs {
        let Some(prepared) = report.prepare(input, &options) else {
            ok = false;
            continue;
        };
        let rendered = match args.format {
            OutputFormat::Json => {
                manifests.push(manifest::manifest(&prepared, pauses, 1.0));
                continue;
            }
            OutputFormat::Ssml => ssml_documents(&prepared, &pauses),
            OutputFormat::Text => text::render(&prepared),
        };
        if let Err(e) = out.write_all(rendered.as_bytes()) {
            return broken_pipe_or_error(e, report);
        }
    }
    if args.format == OutputFormat::Json && !manifests.is_empty() {
        let json = if manifests.len() == 1 {
            serde_json::to_string_pretty(&manifests[0])
        } else {
            serde_json::to_string_pretty(&manifests)
        };
        let written = json
            .map_err(std::io::Error::other)
            .and_then(|j| writeln!(out, "{j}"));
        if let Err(e) = written {
            return broken_pipe_or_error(e, report);
        }
    }
    ok
}

/// One SSML document per section, each preceded by a comment naming the section.
fn ssml_documents(prepared: &Prepared, pauses: &hark::speech::Pauses) -> String {
    let mut out = String::new();
    for (section, script) in prepared
        .article
        .sections
        .iter()
        .zip(&prepared.script.sections)
    {
        out.push_str(&format!(
            "<!-- {}: section {}: {} -->\n",
            prepared.source.path.replace("--", "- -"),
            section.index,
            section.title.replace("--", "- -")
        ));
        out.push_str(&section_ssml(script, pauses, &script.language));
    }
    out
}

/// A closed pipe (`hark markup … | head`) is not an error worth a message.
fn broken_pipe_or_error(e: std::io::Error, report: &Reporter) -> bool {
    if e.kind() == std::io::ErrorKind::BrokenPipe {
        return true;
    }
    report.error(&hark::error::OutputError::Stdout(e));
    false
}

/// `hark inspect`: one stage over JSON-string lines from standard input.
pub fn inspect(stage: InspectStage, report: &Reporter) -> bool {
    use std::io::BufRead;
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let mut ok = true;
    let phonemizer = match stage {
        InspectStage::Phonemes => {
            match hark::synth::espeak::Espeak::new("en-us", Default::default()) {
                Ok(e) => Some(e),
                Err(e) => {
                    report.error(&e);
                    return false;
                }
            }
        }
        _ => None,
    };
    for (n, line) in std::io::stdin().lock().lines().enumerate() {
        let parsed = line
            .map_err(|e| e.to_string())
            .and_then(|l| serde_json::from_str::<String>(&l).map_err(|e| e.to_string()));
        let text = match parsed {
            Ok(t) => t,
            Err(e) => {
                report.warn(&format!("line {}: not a JSON string: {e}", n + 1));
                ok = false;
                continue;
            }
        };
        let value = match stage {
            InspectStage::Sentences => {
                let sentences: Vec<&str> = hark::speech::sentences::split(&text)
                    .into_iter()
                    .map(|r| &text[r])
                    .collect();
                serde_json::json!(sentences)
            }
            InspectStage::Phonemes => {
                let mut chunks = Vec::new();
                for r in hark::speech::sentences::split(&text) {
                    let spoken = hark::speech::Sentence::new(&text[r]).spoken();
                    match phonemizer.as_ref().map(|p| p.ipa_clauses(&spoken)) {
                        Some(Ok(clauses)) => chunks.extend(hark::synth::piper::chunk_clauses(
                            &clauses,
                            hark::synth::piper::PHONEME_BUDGET,
                        )),
                        Some(Err(e)) => report.warn(&e.to_string()),
                        None => {}
                    }
                }
                serde_json::json!(chunks)
            }
            InspectStage::Normalize => {
                let spoken: Vec<String> = hark::speech::sentences::split(&text)
                    .into_iter()
                    .map(|r| hark::speech::Sentence::new(&text[r]).spoken())
                    .collect();
                serde_json::json!(spoken.join(" "))
            }
        };
        if let Err(e) = writeln!(out, "{value}") {
            return broken_pipe_or_error(e, report);
        }
    }
    ok
}

/// `hark voices`: the voices each engine has, or `hark voices install`.
pub fn voices(
    json: bool,
    engine: Option<hark::synth::EngineKind>,
    lang: Option<&str>,
    voices_dir: Option<&std::path::Path>,
    backend: hark::speak::Backend,
    action: Option<&VoicesAction>,
    report: &Reporter,
) -> bool {
    if let Some(VoicesAction::Install { source }) = action {
        let dest = voices_dir
            .map(std::path::Path::to_path_buf)
            .or_else(|| std::env::var_os("HARK_VOICES").map(std::path::PathBuf::from))
            .or_else(hark::voices::user_dir)
            .unwrap_or_else(|| std::path::PathBuf::from("voices"));
        return match hark::voices::install(source, &dest, &Progress::lines_only(report.quiet)) {
            Ok(voice) => {
                if !report.quiet {
                    eprintln!(
                        "hark: installed {} in {} (use it with --voice piper:{})",
                        voice.name,
                        dest.display(),
                        voice.name
                    );
                }
                true
            }
            Err(e) => {
                report.error(&e);
                false
            }
        };
    }
    use hark::synth::EngineKind;
    if engine == Some(EngineKind::System) {
        let listed =
            hark::speak::connect(backend, &Default::default()).and_then(|mut s| s.voices());
        let list = match listed {
            Ok(list) => list,
            Err(e) => {
                report.error(&e);
                return false;
            }
        };
        let text = if json {
            let v: Vec<_> = list
                .iter()
                .map(|v| serde_json::json!({"name": v.name, "language": v.language, "dialect": v.dialect}))
                .collect();
            serde_json::to_string_pretty(&serde_json::json!({ "system": v })).unwrap_or_default()
                + "\n"
        } else {
            let mut out = format!("{:<40} {:<14} {}\n", "VOICE", "LANGUAGE", "DIALECT");
            for v in &list {
                let name = format!("system:{}", v.name);
                out.push_str(&format!("{name:<40} {:<14} {}\n", v.language, v.dialect));
            }
            out
        };
        return match std::io::stdout().lock().write_all(text.as_bytes()) {
            Ok(()) => true,
            Err(e) => broken_pipe_or_error(e, report),
        };
    }
    let espeak = match engine {
        Some(EngineKind::Piper) => Vec::new(),
        _ => match hark::synth::espeak::voices() {
            Ok(list) => list,
            Err(e) => {
                report.error(&e);
                Vec::new()
            }
        },
    };
    let dirs = hark::voices::search_dirs(voices_dir);
    let piper_found = if engine == Some(EngineKind::Espeak) {
        Vec::new()
    } else {
        hark::voices::piper_voices(&dirs)
    };
    // `--lang CODE`: only the voices that speak it.
    let wanted = lang
        .filter(|l| !l.is_empty())
        .map(|l| hark::language::primary(l).to_ascii_lowercase());
    let speaks = |language: &str| {
        wanted
            .as_deref()
            .is_none_or(|w| hark::language::primary(language).eq_ignore_ascii_case(w))
    };
    let mut espeak = espeak;
    espeak.retain(|v| speaks(&v.language));
    let piper: Vec<serde_json::Value> = piper_found
        .iter()
        .map(|v| match hark::synth::piper::read_config(v) {
            Ok(c) => serde_json::json!({
                "name": v.name,
                "language": c.language.as_ref().map(|l| l.code.clone()).unwrap_or_else(|| c.espeak.voice.clone()),
                "quality": c.audio.quality,
                "sample_rate": c.audio.sample_rate,
                "speakers": c.num_speakers,
                "model": v.model.display().to_string(),
            }),
            Err(e) => serde_json::json!({ "name": v.name, "error": e.to_string(), "model": v.model.display().to_string() }),
        })
        .filter(|v| speaks(v["language"].as_str().unwrap_or_default()))
        .collect();
    if let Some(wanted) = &wanted
        && espeak.is_empty()
        && piper.is_empty()
    {
        eprintln!(
            "hark: error: no voice speaks the language '{wanted}': `hark voices --lang` lists the languages there are voices for"
        );
        return false;
    }
    if lang == Some("") {
        return list_languages(&espeak, &piper, json, report);
    }
    let text = if json {
        serde_json::to_string_pretty(&serde_json::json!({ "espeak": espeak, "piper": piper }))
            .unwrap_or_default()
            + "\n"
    } else {
        let mut out = format!(
            "{:<32} {:<14} {:<10} {}\n",
            "VOICE", "LANGUAGE", "GENDER", "DESCRIPTION"
        );
        for v in &piper {
            let name = format!("piper:{}", v["name"].as_str().unwrap_or_default());
            let description = match v["error"].as_str() {
                Some(e) => format!("unusable: {e}"),
                None => format!(
                    "Piper, {} quality, {} Hz{}",
                    v["quality"].as_str().unwrap_or("?"),
                    v["sample_rate"],
                    if v["speakers"].as_u64().unwrap_or(1) > 1 {
                        format!(", {} speakers (--speaker)", v["speakers"])
                    } else {
                        String::new()
                    }
                ),
            };
            out.push_str(&format!(
                "{name:<32} {:<14} {:<10} {description}\n",
                v["language"].as_str().unwrap_or(""),
                ""
            ));
        }
        for v in &espeak {
            let name = format!("espeak:{}", v.name);
            out.push_str(&format!(
                "{name:<32} {:<14} {:<10} {}\n",
                v.language, v.gender, v.description
            ));
        }
        if piper.is_empty() && engine != Some(EngineKind::Espeak) {
            out.push_str(&format!(
                "(no Piper voices in {}; install one with `hark voices install en_US-joe-medium`)\n",
                dirs.iter().map(|d| d.display().to_string()).collect::<Vec<_>>().join(", ")
            ));
        }
        out
    };
    match std::io::stdout().lock().write_all(text.as_bytes()) {
        Ok(()) => !espeak.is_empty() || engine == Some(EngineKind::Piper),
        Err(e) => broken_pipe_or_error(e, report),
    }
}

/// `hark voices --lang`: each language there are voices for, with its voices.
fn list_languages(
    espeak: &[hark::synth::espeak::VoiceEntry],
    piper: &[serde_json::Value],
    json: bool,
    report: &Reporter,
) -> bool {
    let mut languages: std::collections::BTreeMap<String, Vec<String>> = Default::default();
    let mut add = |language: &str, voice: String| {
        let primary = hark::language::primary(language).to_ascii_lowercase();
        languages.entry(primary).or_default().push(voice);
    };
    for v in piper {
        let name = v["name"].as_str().unwrap_or_default();
        add(
            v["language"].as_str().unwrap_or_default(),
            format!("piper:{name}"),
        );
    }
    for v in espeak {
        add(&v.language, format!("espeak:{}", v.name));
    }
    let text = if json {
        serde_json::to_string_pretty(&serde_json::json!({ "languages": languages }))
            .unwrap_or_default()
            + "\n"
    } else {
        let mut out = format!(
            "{:<10} {}\n",
            "LANGUAGE", "VOICES (use with --lang CODE and --voice)"
        );
        for (language, voices) in &languages {
            out.push_str(&format!("{language:<10} {}\n", voices.join(", ")));
        }
        out
    };
    match std::io::stdout().lock().write_all(text.as_bytes()) {
        Ok(()) => true,
        Err(e) => broken_pipe_or_error(e, report),
    }
}

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
        let rate = args.prosody.rate.factor(hark::synth::espeak::NORMAL_WPM);
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
                    let man: Option<serde_json::Value> = std::fs::read(dir.join("manifest.json"))
                        .ok()
                        .and_then(|b| serde_json::from_slice(&b).ok());
                    let success = matches!(finished, Ok(Some(status)) if status.success());
                    summary.articles += 1;
                    summary.sections += prepared.article.sections.len();
                    summary.audio_ms += man
                        .as_ref()
                        .and_then(|m| m["duration_ms"].as_u64())
                        .unwrap_or(0);
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

/// Worker processes share the cores: unless told otherwise, each Piper voice gets its part of
/// them, in threads (a whole model) or in workers (a model in halves).
pub fn share_cores(worker_args: &mut [String], piper: &crate::cli::PiperArgs, jobs: usize) {
    let cores = std::thread::available_parallelism().map_or(1, usize::from);
    for (flag, given) in [("--threads", piper.threads), ("--workers", piper.workers)] {
        if given == 0
            && let Some(i) = worker_args.iter().position(|a| a == flag)
        {
            worker_args[i + 1] = (cores / jobs.max(1)).max(1).to_string();
        }
    }
}

/// The options that shape the audio, as arguments for a worker process (export, podcast).
pub fn synthesis_args(
    voice: &hark::synth::VoiceSpec,
    p: &crate::cli::PiperArgs,
    prosody: &crate::cli::ProsodyArgs,
    r: &crate::cli::ReadingArgs,
) -> Vec<String> {
    let mut v = vec![
        "--voice".into(),
        format!(
            "{}:{}",
            voice.engine.name(),
            // No name: the worker picks the article's language's voice, as this process would.
            voice.name.as_deref().unwrap_or("")
        ),
        "--rate".into(),
        match prosody.rate {
            hark::synth::Rate::Factor(f) => f.to_string(),
            hark::synth::Rate::Wpm(w) => format!("{w}wpm"),
        },
        "--pitch".into(),
        prosody.pitch.to_string(),
        "--volume".into(),
        prosody.volume.to_string(),
        "--heading-pause".into(),
        format!("{}ms", r.heading_pause),
        "--paragraph-pause".into(),
        format!("{}ms", r.paragraph_pause),
        "--sentence-pause".into(),
        format!("{}ms", r.sentence_pause),
        "--threads".into(),
        p.threads.to_string(),
        "--workers".into(),
        p.workers.to_string(),
    ];
    for (flag, value) in [
        (
            "--voices-dir",
            p.voices_dir.as_ref().map(|d| d.display().to_string()),
        ),
        ("--noise-scale", p.noise_scale.map(|x| x.to_string())),
        ("--noise-w", p.noise_w.map(|x| x.to_string())),
        ("--speaker", p.speaker.clone()),
    ] {
        if let Some(value) = value {
            v.extend([flag.to_string(), value]);
        }
    }
    if p.whole_model {
        v.push("--whole-model".into());
    }
    if let Some(from) = r.from {
        v.push("--from".into());
        v.push(format!("{from:?}").to_lowercase());
    }
    if r.keep_boilerplate {
        v.push("--keep-boilerplate".into());
    }
    if let Some(lang) = &r.lang {
        v.extend(["--lang".into(), lang.clone()]);
    }
    v
}

/// `hark speak`: reads each article aloud through speech-dispatcher. Returns the exit code:
/// 0 spoken, 1 something failed, 130 stopped with Ctrl-C.
pub fn speak(args: &SpeakArgs, report: &Reporter) -> u8 {
    use std::sync::atomic::{AtomicBool, Ordering};
    static STOP: AtomicBool = AtomicBool::new(false);
    let voice = match &args.voice {
        Some(spec) if spec.engine != hark::synth::EngineKind::System => {
            report.error(&hark::error::SpeakError::Unsupported(format!(
                "hark speak uses the system speech service: give --voice system:NAME (see `hark voices --engine system`), not {}:",
                spec.engine.name()
            )));
            return 2;
        }
        Some(spec) => spec.name.clone(),
        None => None,
    };
    let scale = |x: f32| (x.round() as i32).clamp(-100, 100) as i8;
    let settings = hark::speak::ServiceSettings {
        voice,
        rate: scale((args.prosody.rate.factor(hark::synth::espeak::NORMAL_WPM) - 1.0) * 100.0),
        pitch: scale((f32::from(args.prosody.pitch) - 50.0) * 2.0),
        volume: scale(f32::from(args.prosody.volume) - 100.0),
    };
    let options = args.reading.read_options();
    let pauses = args.reading.pauses();
    let mut speaker = match hark::speak::connect(args.backend, &settings) {
        Ok(s) => s,
        Err(e) => {
            report.error(&e);
            return 1;
        }
    };
    // Ctrl-C stops the speech in the service at once (the wait loop notices within 200 ms).
    let _ = ctrlc::set_handler(|| STOP.store(true, Ordering::SeqCst));
    let mut ok = true;
    for input in &args.inputs {
        let Some(prepared) = report.prepare(input, &options) else {
            ok = false;
            continue;
        };
        let count = prepared.article.sections.len();
        let (first, last) = match (args.sections, args.from_section) {
            (Some((a, b)), _) => (a, b.min(count.saturating_sub(1))),
            (None, Some(a)) => (a, count.saturating_sub(1)),
            (None, None) => (0, count.saturating_sub(1)),
        };
        if first >= count {
            report.error(&hark::error::SpeakError::Unsupported(format!(
                "{input}: has {count} section(s), numbered 0 to {}; there is no section {first}",
                count.saturating_sub(1)
            )));
            ok = false;
            continue;
        }
        for (section, script) in prepared
            .article
            .sections
            .iter()
            .zip(&prepared.script.sections)
            .skip(first)
            .take(last + 1 - first)
        {
            let next_has_heading = section.index < last
                && prepared
                    .script
                    .sections
                    .get(section.index + 1)
                    .is_some_and(|s| s.heading.is_some());
            let title = format!("{} {}. {}", "▶", section.index, section.title);
            let result =
                speaker.speak_section(script, &pauses, next_has_heading, &STOP, &mut || {
                    if !report.quiet {
                        eprintln!("{title}");
                    }
                });
            match result {
                Ok(()) => {}
                Err(hark::error::SpeakError::Interrupted) => {
                    if !report.quiet {
                        eprintln!("hark: stopped");
                    }
                    return 130;
                }
                Err(e) => {
                    report.error(&e);
                    return 1;
                }
            }
        }
    }
    if ok { 0 } else { 1 }
}
