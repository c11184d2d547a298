//! The settings that shape the audio, as arguments for a worker process (export's and
//! podcast's), and the cores shared among the workers.

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
