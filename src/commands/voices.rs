//! `hark voices`: the voices each engine has and the languages they speak, and `hark voices
//! install`.

use super::report::{Reporter, broken_pipe_or_error, print};
use super::wording::table;
use crate::cli::{VoiceSource, VoicesAction};
use hark::progress::Progress;
use std::io::Write;

/// `hark voices`: the voices each engine has, or `hark voices install`.
pub fn voices(
    json: bool,
    engine: Option<VoiceSource>,
    lang: Option<&str>,
    voices_dir: Option<&std::path::Path>,
    backend: hark::speak::Backend,
    action: Option<&VoicesAction>,
    report: &Reporter,
) -> bool {
    if let Some(VoicesAction::Available) = action {
        return available(lang, voices_dir, json, report);
    }
    if let Some(VoicesAction::Install { source }) = action {
        let dest = voices_dir
            .map(std::path::Path::to_path_buf)
            .or_else(|| std::env::var_os("HARK_VOICES").map(std::path::PathBuf::from))
            .or_else(hark::voices::user_dir)
            .unwrap_or_else(|| std::path::PathBuf::from("voices"));
        if hark::voices::is_kokoro_source(source) {
            return install_kokoro(source, &dest, report);
        }
        return match hark::voices::install(source, &dest, &Progress::lines_only(report.quiet)) {
            Ok(voice) => {
                log::info!(
                    "hark: installed {} in {} (use it with --voice piper:{})",
                    voice.name,
                    dest.display(),
                    voice.name
                );
                true
            }
            Err(e) => {
                report.error(&e);
                false
            }
        };
    }
    // `--lang CODE`: only the voices that speak it.
    let wanted = lang
        .filter(|l| !l.is_empty())
        .map(|l| hark::language::primary(l).to_ascii_lowercase());
    let speaks = |language: &str| {
        wanted
            .as_deref()
            .is_none_or(|w| hark::language::primary(language).eq_ignore_ascii_case(w))
    };
    if engine == Some(VoiceSource::System) {
        let listed =
            hark::speak::connect(backend, &Default::default()).and_then(|mut s| s.voices());
        let mut list = match listed {
            Ok(list) => list,
            Err(e) => {
                report.error(&e);
                return false;
            }
        };
        // A service can list thousands of voices (speech-dispatcher's eSpeak NG module lists
        // every variant of every language): --lang keeps those of one language.
        list.retain(|v| speaks(&v.language));
        let text = if json {
            let v: Vec<_> = list
                .iter()
                .map(|v| serde_json::json!({"name": v.name, "language": v.language, "dialect": v.dialect}))
                .collect();
            serde_json::to_string_pretty(&serde_json::json!({ "system": v })).unwrap_or_default()
                + "\n"
        } else {
            let rows: Vec<Vec<String>> = list
                .iter()
                .map(|v| {
                    vec![
                        format!("system:{}", v.name),
                        v.language.clone(),
                        v.dialect.clone(),
                    ]
                })
                .collect();
            table(&["VOICE", "LANGUAGE", "DIALECT"], &rows)
        };
        return print(text.as_bytes(), report);
    }
    let espeak = match engine {
        Some(VoiceSource::Piper | VoiceSource::Kokoro) => Vec::new(),
        _ => match hark::synth::espeak::voices() {
            Ok(list) => list,
            Err(e) => {
                report.error(&e);
                Vec::new()
            }
        },
    };
    let dirs = hark::voices::search_dirs(voices_dir);
    let piper_found = if matches!(engine, Some(VoiceSource::Espeak | VoiceSource::Kokoro)) {
        Vec::new()
    } else {
        hark::voices::piper_voices(&dirs)
    };
    let mut espeak = espeak;
    espeak.retain(|v| speaks(&v.language));
    let piper: Vec<serde_json::Value> = piper_found
        .iter()
        .map(|v| match hark::synth::piper::read_config(v) {
            Ok(c) => serde_json::json!({
                "name": v.name,
                "language": c.language.as_ref().map(|l| l.code.clone()).unwrap_or_else(|| c.espeak.voice.clone()),
                "language_name": c.language.as_ref().map(|l| l.name()).unwrap_or_else(|| c.espeak.voice.clone()),
                "quality": c.audio.quality,
                "sample_rate": c.audio.sample_rate,
                "speakers": c.num_speakers,
                "model": v.model.display().to_string(),
            }),
            Err(e) => serde_json::json!({ "name": v.name, "error": e.to_string(), "model": v.model.display().to_string() }),
        })
        .filter(|v| speaks(v["language"].as_str().unwrap_or_default()))
        .collect();
    let kokoro: Vec<serde_json::Value> =
        if matches!(engine, Some(VoiceSource::Espeak | VoiceSource::Piper)) {
            Vec::new()
        } else {
            super::kokoro_voices::listed(&dirs)
                .into_iter()
                .filter(|v| speaks(v["language"].as_str().unwrap_or_default()))
                .collect()
        };
    if let Some(wanted) = &wanted
        && espeak.is_empty()
        && piper.is_empty()
        && kokoro.is_empty()
    {
        log::error!(
            "no voice speaks the language '{wanted}': `hark voices --lang` lists the languages there are voices for"
        );
        return false;
    }
    if lang == Some("") {
        return list_languages(&espeak, &piper, &kokoro, json, report);
    }
    // The voice hark reads a language with when --voice is left out (or is `piper` alone):
    // one per language, so French marks fr-fr, not fr-be and fr-ch as well.
    let espeak_default = |v: &hark::synth::espeak::VoiceEntry| {
        hark::synth::espeak_voice_for(hark::language::primary(&v.language)).as_deref()
            == Some(v.name.as_str())
    };
    let piper_default = |v: &serde_json::Value| {
        let language = v["language"].as_str().unwrap_or_default();
        !language.is_empty()
            && hark::synth::piper_voice_for(language, &dirs).as_deref() == v["name"].as_str()
    };
    let text = if json {
        let espeak: Vec<serde_json::Value> = espeak
            .iter()
            .map(|v| {
                serde_json::json!({
                    "name": v.name, "language": v.language, "language_name": v.description,
                    "gender": v.gender, "default": espeak_default(v),
                })
            })
            .collect();
        let piper: Vec<serde_json::Value> = piper
            .iter()
            .map(|v| {
                let mut v = v.clone();
                v["default"] = piper_default(&v).into();
                v
            })
            .collect();
        serde_json::to_string_pretty(
            &serde_json::json!({ "espeak": espeak, "piper": piper, "kokoro": kokoro }),
        )
        .unwrap_or_default()
            + "\n"
    } else {
        let mut rows = Vec::new();
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
            rows.push(vec![
                name,
                v["language"].as_str().unwrap_or_default().to_string(),
                v["language_name"].as_str().unwrap_or_default().to_string(),
                String::new(),
                if piper_default(v) {
                    "--voice piper"
                } else {
                    ""
                }
                .to_string(),
                description,
            ]);
        }
        rows.extend(super::kokoro_voices::rows(&kokoro));
        for v in &espeak {
            rows.push(vec![
                format!("espeak:{}", v.name),
                v.language.clone(),
                v.description.clone(),
                v.gender.to_string(),
                if espeak_default(v) { "yes" } else { "" }.to_string(),
                "eSpeak NG".to_string(),
            ]);
        }
        let mut out = table(
            &["VOICE", "LANGUAGE", "NAME", "GENDER", "DEFAULT", "ABOUT"],
            &rows,
        );
        if piper.is_empty() && engine != Some(VoiceSource::Espeak) {
            out.push_str(&format!(
                "(no Piper voices in {}; `hark voices available` lists those to install with `hark voices install NAME`)\n",
                hark::error::searched_list(&dirs)
            ));
        }
        out
    };
    match std::io::stdout().lock().write_all(text.as_bytes()) {
        Ok(()) => {
            !espeak.is_empty() || matches!(engine, Some(VoiceSource::Piper | VoiceSource::Kokoro))
        }
        Err(e) => broken_pipe_or_error(e, report),
    }
}

/// `hark voices --lang`: each language there are voices for, with its voices.
fn list_languages(
    espeak: &[hark::synth::espeak::VoiceEntry],
    piper: &[serde_json::Value],
    kokoro: &[serde_json::Value],
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
    for v in kokoro {
        let name = v["name"].as_str().unwrap_or_default();
        add(
            v["language"].as_str().unwrap_or_default(),
            format!("kokoro:{name}"),
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
    print(text.as_bytes(), report)
}

/// `hark voices available`: the Piper voices the hub offers, with those installed marked.
fn available(
    lang: Option<&str>,
    voices_dir: Option<&std::path::Path>,
    json: bool,
    report: &Reporter,
) -> bool {
    let mut offered = match hark::voices::available() {
        Ok(list) => list,
        Err(e) => {
            report.error(&e);
            return false;
        }
    };
    if let Some(wanted) = lang.filter(|l| !l.is_empty()) {
        let wanted = hark::language::primary(wanted);
        offered.retain(|v| hark::language::primary(&v.language).eq_ignore_ascii_case(wanted));
    }
    let installed: Vec<String> = hark::voices::piper_voices(&hark::voices::search_dirs(voices_dir))
        .into_iter()
        .map(|v| v.name)
        .collect();
    let is_installed = |name: &str| installed.iter().any(|n| n == name);
    let text = if json {
        let list: Vec<serde_json::Value> = offered
            .iter()
            .map(|v| {
                let mut entry = serde_json::to_value(v).unwrap_or_default();
                entry["installed"] = is_installed(&v.name).into();
                entry
            })
            .collect();
        serde_json::to_string_pretty(&serde_json::json!({ "available": list })).unwrap_or_default()
            + "\n"
    } else {
        let rows: Vec<Vec<String>> = offered
            .iter()
            .map(|v| {
                vec![
                    v.name.clone(),
                    v.language.clone(),
                    v.language_name.clone(),
                    v.quality.clone(),
                    v.speakers.to_string(),
                    format!("{:.0} MB", v.bytes as f64 / 1e6),
                    if is_installed(&v.name) { "yes" } else { "" }.to_string(),
                ]
            })
            .collect();
        let mut out = table(
            &[
                "NAME",
                "LANGUAGE",
                "LANGUAGE NAME",
                "QUALITY",
                "SPEAKERS",
                "SIZE",
                "INSTALLED",
            ],
            &rows,
        );
        out.push_str(&format!(
            "({}; install one with `hark voices install NAME`)\n",
            super::wording::count(offered.len(), "voice")
        ));
        out
    };
    print(text.as_bytes(), report)
}

/// `hark voices install` of a Kokoro model or voice pack.
fn install_kokoro(source: &str, dest: &std::path::Path, report: &Reporter) -> bool {
    match hark::voices::install_kokoro(source, dest, &Progress::lines_only(report.quiet)) {
        Ok(hark::voices::KokoroInstalled::Model(path)) => {
            log::info!(
                "hark: installed the Kokoro model {} (its voices are used with --voice kokoro:NAME; `hark voices --engine kokoro` lists them)",
                path.display()
            );
            true
        }
        Ok(hark::voices::KokoroInstalled::Pack(path, voices)) => {
            log::info!(
                "hark: installed the Kokoro voice pack {} with {} voice(s): {} (use one with --voice kokoro:{})",
                path.display(),
                voices.len(),
                voices.join(", "),
                voices.first().map(String::as_str).unwrap_or("NAME")
            );
            true
        }
        Err(e) => {
            report.error(&e);
            false
        }
    }
}
