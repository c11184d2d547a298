//! `hark doctor`: checks what each part of hark needs on this machine and says, one line each,
//! what is there and what to install. Exits 1 when something the default export needs (eSpeak
//! NG) is missing; what only some commands need is reported, not failed.

use super::report::Reporter;

/// One check's result.
struct Line {
    ok: bool,
    what: &'static str,
    said: String,
}

/// `hark doctor`.
pub fn doctor(report: &Reporter) -> bool {
    let mut lines = Vec::new();
    let espeak = hark::synth::espeak::voices();
    lines.push(match &espeak {
        Ok(voices) if !voices.is_empty() => Line {
            ok: true,
            what: "eSpeak NG",
            said: format!(
                "{}, {} voices (hark export, and Piper's phonemes)",
                hark::synth::espeak::version(),
                voices.len()
            ),
        },
        _ => Line {
            ok: false,
            what: "eSpeak NG",
            said: "its data is missing: sudo apt-get install espeak-ng-data (Fedora: espeak-ng)"
                .into(),
        },
    });
    lines.push(onnx_runtime());
    let dirs = hark::voices::search_dirs(None);
    let piper = hark::voices::piper_voices(&dirs);
    let folders: Vec<String> = dirs.iter().map(|d| d.display().to_string()).collect();
    lines.push(Line {
        ok: !piper.is_empty(),
        what: "Piper voices",
        said: if piper.is_empty() {
            format!(
                "none in {} (hark voices install en_US-joe-medium)",
                folders.join(", ")
            )
        } else {
            format!("{} in {}", piper.len(), folders.join(", "))
        },
    });
    lines.push(speech_service());
    lines.push(program(
        "xmllint",
        "checks SSML against its schema in the tests: sudo apt-get install libxml2-utils",
    ));
    let needed_missing = !lines[0].ok;
    if !report.quiet {
        for line in &lines {
            let mark = if line.ok { "ok  " } else { "miss" };
            println!("{mark} {:<14} {}", line.what, line.said);
        }
    }
    !needed_missing
}

#[cfg(feature = "piper")]
fn onnx_runtime() -> Line {
    match hark::synth::piper::runtime::find() {
        Some(path) => Line {
            ok: true,
            what: "ONNX Runtime",
            said: format!("{} (Piper voices)", path.display()),
        },
        None => Line {
            ok: false,
            what: "ONNX Runtime",
            said: "not found; Piper voices need it: install libonnxruntime, or pip install \
                   onnxruntime and set ORT_DYLIB_PATH to its capi/libonnxruntime.so"
                .into(),
        },
    }
}

#[cfg(not(feature = "piper"))]
fn onnx_runtime() -> Line {
    Line {
        ok: false,
        what: "ONNX Runtime",
        said: "not built in: this hark has no Piper voices (build it with default features)".into(),
    }
}

#[cfg(all(unix, feature = "speak"))]
fn speech_service() -> Line {
    let installed = which("speech-dispatcher");
    let socket = hark::speak::ssip::socket_path().ok().map(|(path, _)| path);
    let listening = socket.as_ref().is_some_and(|s| s.exists());
    let place = socket.map_or_else(|| "(no socket path)".into(), |s| s.display().to_string());
    Line {
        ok: installed || listening,
        what: "speech service",
        said: match (installed, listening) {
            (_, true) => format!("listening at {place} (hark speak)"),
            (true, false) => format!(
                "speech-dispatcher installed, not running yet (it starts on demand at {place})"
            ),
            (false, false) => "speech-dispatcher is missing; hark speak needs it: sudo apt-get \
                               install speech-dispatcher speech-dispatcher-espeak-ng"
                .into(),
        },
    }
}

#[cfg(not(all(unix, feature = "speak")))]
fn speech_service() -> Line {
    Line {
        ok: cfg!(feature = "speak"),
        what: "speech service",
        said: if cfg!(feature = "speak") {
            "the platform's speech API (hark speak --backend tts)".into()
        } else {
            "not built in: this hark has no live speech (build it with default features)".into()
        },
    }
}

fn program(name: &'static str, fix: &str) -> Line {
    let found = which(name);
    Line {
        ok: found,
        what: name,
        said: if found {
            "found".into()
        } else {
            format!("missing (optional) — {fix}")
        },
    }
}

/// Whether `name` is a program on the PATH.
fn which(name: &str) -> bool {
    std::env::var_os("PATH")
        .is_some_and(|paths| std::env::split_paths(&paths).any(|dir| dir.join(name).is_file()))
}
