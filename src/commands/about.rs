//! What hark says about itself: the long `--version` (the eSpeak NG library, whether ONNX
//! Runtime is found for Piper voices, the features built in) and `hark man`.

use super::report::{Reporter, print};
use clap::CommandFactory;

/// `hark --version`: the version, then one line per part a user may need to check.
pub fn long_version() -> String {
    let mut features = Vec::new();
    for (name, on) in [
        ("piper", cfg!(feature = "piper")),
        ("speak", cfg!(feature = "speak")),
        ("tts", cfg!(feature = "tts")),
    ] {
        if on {
            features.push(name);
        }
    }
    format!(
        "{}\neSpeak NG {}\nONNX Runtime (for Piper voices): {}\nfeatures: {}",
        env!("CARGO_PKG_VERSION"),
        hark::synth::espeak::version(),
        onnx_runtime(),
        if features.is_empty() {
            "none".to_string()
        } else {
            features.join(", ")
        }
    )
}

#[cfg(feature = "piper")]
fn onnx_runtime() -> String {
    match hark::synth::piper::runtime::find() {
        Some(path) => format!("found at {}", path.display()),
        None => "not found (install it, or set ORT_DYLIB_PATH to libonnxruntime)".into(),
    }
}

#[cfg(not(feature = "piper"))]
fn onnx_runtime() -> String {
    "not built in (the `piper` feature is off)".into()
}

/// `hark man`: the manual page, in roff, on standard output.
pub fn man(report: &Reporter) -> bool {
    let page = clap_mangen::Man::new(crate::cli::Cli::command());
    let mut out = Vec::new();
    if let Err(e) = page.render(&mut out) {
        report.error(&e);
        return false;
    }
    print(&out, report)
}
