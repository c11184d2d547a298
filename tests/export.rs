//! End-to-end tests of `hark export` with the real eSpeak NG: WAVs that parse and agree with
//! the manifest and subtitles, heading pauses that are really there, resume after SIGKILL,
//! unusable output folders, several inputs, workers, and hostile input.

mod common;

use common::{hark, is_safe_slug, manifest_in, read_wav, run_hark, vtt_end_ms};
use serde_json::Value;
use std::path::Path;
use std::time::Duration;

fn export(args: &[&str], out: &Path) -> std::process::Output {
    let mut all = vec!["export"];
    all.extend_from_slice(args);
    all.extend_from_slice(&["-o", out.to_str().unwrap(), "-q"]);
    run_hark(&all, None)
}

/// Checks one exported article folder: every section's WAV parses, its length equals the
/// manifest's and the subtitles' end to the millisecond, a silence of the heading pause opens
/// every headed section, SSML is well-formed, every name is safe.
fn check_folder(folder: &Path, man: &Value, heading_pause_ms: u64) {
    for entry in std::fs::read_dir(folder).unwrap().flatten() {
        let name = entry.file_name().to_string_lossy().to_string();
        assert!(!name.ends_with(".part"), "left a temporary file {name}");
        let stem = name.split('.').next().unwrap();
        assert!(
            name == "manifest.json"
                || is_safe_slug(
                    stem.trim_start_matches(|c: char| c.is_ascii_digit())
                        .trim_start_matches('-')
                ),
            "unsafe name {name}"
        );
    }
    let mut total = 0;
    for s in man["sections"].as_array().unwrap() {
        let wav = folder.join(s["audio"].as_str().unwrap());
        let (samples, rate) = read_wav(&wav);
        let ms = (samples.len() as u64 * 1000 + u64::from(rate) / 2) / u64::from(rate);
        assert_eq!(
            ms,
            s["duration_ms"].as_u64().unwrap(),
            "{}: WAV length vs manifest",
            wav.display()
        );
        assert_eq!(
            vtt_end_ms(&folder.join(s["subtitles"].as_str().unwrap())),
            ms,
            "{}: subtitles end at the audio's end",
            wav.display()
        );
        total += ms;
        if !s["heading"].is_null() {
            let pause = (heading_pause_ms * u64::from(rate) / 1000) as usize;
            assert!(
                samples.len() > pause && samples[..pause].iter().all(|&x| x == 0),
                "{}: {heading_pause_ms} ms of silence before the heading",
                wav.display()
            );
            let after_pause = &samples[pause..];
            assert!(
                after_pause
                    .iter()
                    .take(rate as usize)
                    .any(|x| x.unsigned_abs() > 1000),
                "the heading is spoken after the pause"
            );
        }
        let ssml = std::fs::read_to_string(folder.join(s["ssml"].as_str().unwrap())).unwrap();
        hark::xml::parse(&ssml).unwrap_or_else(|e| panic!("{e}"));
    }
    assert_eq!(man["duration_ms"].as_u64().unwrap(), total);
    assert_eq!(man["complete"], true);
}

#[test]
fn examples_export_with_pauses_durations_and_subtitles_that_agree() {
    let out = tempfile::tempdir().unwrap();
    for (example, pause) in [
        ("examples/harbour-reopens.txt", 1200),
        ("examples/night-trains.md", 1500),
        ("examples/market-day.html", 1200),
    ] {
        let dir = out
            .path()
            .join(pause.to_string())
            .join(example.replace('/', "-"));
        let result = export(&[example, "--heading-pause", &format!("{pause}ms")], &dir);
        assert!(
            result.status.success(),
            "{example}: {}",
            String::from_utf8_lossy(&result.stderr)
        );
        let (folder, man) = manifest_in(&dir);
        assert_eq!(man["voice"]["engine"], "espeak");
        assert_eq!(man["settings"]["heading_pause_ms"], pause);
        check_folder(&folder, &man, pause);
        let playlist =
            std::fs::read_to_string(folder.join(man["playlist"].as_str().unwrap())).unwrap();
        assert_eq!(
            playlist.matches("#EXTINF:").count(),
            man["sections"].as_array().unwrap().len()
        );
    }
}

/// `-o -` streams the whole edition as one WAV to standard output, the same samples as the
/// combined edition, and makes no folder called `-`.
#[test]
fn dash_output_streams_the_edition_as_wav() {
    let out = tempfile::tempdir().unwrap();
    let streamed = hark()
        .current_dir(out.path())
        .args(["export", "-o", "-"])
        .arg(format!(
            "{}/examples/harbour-reopens.txt",
            env!("CARGO_MANIFEST_DIR")
        ))
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&streamed.stderr);
    assert_eq!(streamed.status.code(), Some(0), "{said}");
    assert!(said.contains("standard output"), "{said}");
    let wav = &streamed.stdout;
    assert_eq!(&wav[..4], b"RIFF");
    assert_eq!(&wav[36..40], b"data");
    let rate = u32::from_le_bytes(wav[24..28].try_into().unwrap());
    let samples: Vec<i16> = wav[44..]
        .chunks_exact(2)
        .map(|b| i16::from_le_bytes([b[0], b[1]]))
        .collect();
    assert_eq!(
        std::fs::read_dir(out.path()).unwrap().count(),
        0,
        "nothing is written where it ran"
    );

    let folder = tempfile::tempdir().unwrap();
    let made = export(
        &["examples/harbour-reopens.txt", "--combined"],
        folder.path(),
    );
    assert!(made.status.success());
    let (dir, man) = manifest_in(folder.path());
    let (combined, combined_rate) = read_wav(&dir.join(man["combined"]["audio"].as_str().unwrap()));
    assert_eq!(rate, combined_rate);
    assert_eq!(samples, combined, "the stream is the combined edition");

    let two = run_hark(
        &[
            "export",
            "-o",
            "-",
            "examples/harbour-reopens.txt",
            "examples/harbour-reopens.txt",
        ],
        None,
    );
    assert_eq!(two.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&two.stderr).contains("give one input"));
    assert!(two.stdout.is_empty());
}

#[test]
fn combined_edition_has_the_sum_of_the_sections_and_chapters() {
    let out = tempfile::tempdir().unwrap();
    let result = export(
        &[
            "examples/harbour-reopens.txt",
            "--combined",
            "--rate",
            "1.2",
        ],
        out.path(),
    );
    assert!(result.status.success());
    let (folder, man) = manifest_in(out.path());
    let (samples, rate) = read_wav(&folder.join(man["combined"]["audio"].as_str().unwrap()));
    let section_samples: usize = man["sections"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| read_wav(&folder.join(s["audio"].as_str().unwrap())).0.len())
        .sum();
    assert_eq!(samples.len(), section_samples);
    assert!(rate > 0);
    let chapters =
        std::fs::read_to_string(folder.join(man["combined"]["chapters"].as_str().unwrap()))
            .unwrap();
    assert_eq!(chapters.matches(" --> ").count(), 3);
    assert!(chapters.contains("What the dredgers found"));
    let cue = std::fs::read_to_string(folder.join(man["combined"]["cue_sheet"].as_str().unwrap()))
        .unwrap();
    assert_eq!(cue.matches("TRACK").count(), 3);
}

#[test]
fn standard_input_takes_its_title_from_the_text() {
    let out = tempfile::tempdir().unwrap();
    let result = run_hark(
        &["export", "-", "-o", out.path().to_str().unwrap(), "-q"],
        Some(b"Storm closes the ferry\n\nThe morning ferry did not sail today because of high winds.\n"),
    );
    assert!(
        result.status.success(),
        "{}",
        String::from_utf8_lossy(&result.stderr)
    );
    let (folder, man) = manifest_in(out.path());
    assert_eq!(man["title"], "Storm closes the ferry");
    assert!(folder.ends_with("storm-closes-the-ferry"));
}

#[test]
fn an_interrupted_export_resumes_and_ends_as_an_uninterrupted_one() {
    let work = tempfile::tempdir().unwrap();
    // A long article so that the export takes long enough to be killed in the middle.
    let mut article = String::from(
        "A long article for interruption\n\nIt opens with a first paragraph of some length, as articles do.\n",
    );
    // The last parts run past 500 words, so they are spoken in pieces and streamed, as a
    // book's chapters are.
    for i in 1..=12 {
        article.push_str(&format!("Part number {i} of the story\n"));
        for _ in 0..if i > 9 { 30 } else { 6 } {
            article.push_str(&format!("Sentence after sentence fills part {i}, so that the voice has plenty to say here. And then some more.\n"));
        }
    }
    let input = work.path().join("long.txt");
    std::fs::write(&input, &article).unwrap();
    let reference = work.path().join("reference");
    let started = std::time::Instant::now();
    assert!(
        export(&[input.to_str().unwrap()], &reference)
            .status
            .success()
    );
    // About how long one of the 13 sections takes on this machine and build (start-up
    // included, so an overestimate): kills land within two sections of a finished one.
    let section_ms = (started.elapsed().as_millis() as u64 / 13).max(1);
    let (_, reference_man) = manifest_in(&reference);

    let out = work.path().join("interrupted");
    let mut cut_short = 0;
    let mut finished_before = 0;
    // Four kills, each a random time (the seed is printed to replay a failure) under two
    // sections' time after the run has finished one more section than the last, so the kills
    // land mid-export whatever the machine's speed and the build's.
    let seed = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .subsec_nanos() as u64;
    eprintln!("kill points from seed {seed}");
    let mut state = seed | 1;
    let mut random_ms = || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state % (2 * section_ms)
    };
    let wavs = |dir: &Path| {
        std::fs::read_dir(dir)
            .into_iter()
            .flatten()
            .flatten()
            .flat_map(|d| std::fs::read_dir(d.path()).into_iter().flatten().flatten())
            .filter(|f| f.file_name().to_string_lossy().ends_with(".wav"))
            .count()
    };
    for _ in 0..4 {
        let before = wavs(&out);
        let mut child = hark()
            .args([
                "export",
                input.to_str().unwrap(),
                "-o",
                out.to_str().unwrap(),
                "-q",
            ])
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        let deadline = std::time::Instant::now() + Duration::from_secs(60);
        while wavs(&out) <= before
            && child.try_wait().unwrap().is_none()
            && std::time::Instant::now() < deadline
        {
            std::thread::sleep(Duration::from_millis(2));
        }
        std::thread::sleep(Duration::from_millis(random_ms()));
        let _ = child.kill(); // SIGKILL
        let _ = child.wait();
        // Whatever is under a final name is whole, and agrees with the manifest where listed.
        for entry in std::fs::read_dir(&out).into_iter().flatten().flatten() {
            // Killed before its first write, a folder has no manifest, and then nothing else.
            let Ok(bytes) = std::fs::read(entry.path().join("manifest.json")) else {
                let files = std::fs::read_dir(entry.path())
                    .unwrap()
                    .flatten()
                    .filter(|f| !f.file_name().to_string_lossy().ends_with(".part"))
                    .count();
                assert_eq!(files, 0, "files without a manifest");
                continue;
            };
            let man: Value = serde_json::from_slice(&bytes).expect("a whole manifest");
            cut_short += usize::from(man["complete"] != true);
            for file in std::fs::read_dir(entry.path()).unwrap().flatten() {
                let path = file.path();
                let name = file.file_name().to_string_lossy().to_string();
                if name.ends_with(".wav") {
                    let (samples, rate) = read_wav(&path);
                    let ms = (samples.len() as u64 * 1000 + u64::from(rate) / 2) / u64::from(rate);
                    let listed = man["sections"]
                        .as_array()
                        .unwrap()
                        .iter()
                        .find(|s| s["audio"] == name.as_str());
                    if let Some(want) = listed.and_then(|s| s["duration_ms"].as_u64()) {
                        assert_eq!(ms, want, "{name}: WAV vs manifest after a kill");
                    }
                    let vtt = path.with_extension("vtt");
                    assert_eq!(vtt_end_ms(&vtt), ms, "{name}: its subtitles are whole");
                    finished_before = finished_before.max(1);
                }
                if name.ends_with(".ssml") {
                    hark::xml::parse(&std::fs::read_to_string(&path).unwrap()).unwrap();
                }
            }
        }
    }
    assert!(
        cut_short > 0,
        "at least one kill should land in the middle of the export"
    );
    let resumed = hark()
        .args([
            "export",
            input.to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&resumed.stderr);
    assert!(resumed.status.success(), "{said}");
    if finished_before > 0 {
        assert!(
            said.contains("already there and skipped"),
            "finished sections are skipped: {said}"
        );
    }
    let (folder, man) = manifest_in(&out);
    check_folder(&folder, &man, 1200);
    // Every section is spoken from the same eSpeak NG state (a fresh process per section), so
    // the resumed export is the uninterrupted one, sample for sample.
    let (reference_folder, _) = manifest_in(&reference);
    let sections = man["sections"].as_array().unwrap();
    assert_eq!(
        sections.len(),
        reference_man["sections"].as_array().unwrap().len()
    );
    for (s, r) in sections
        .iter()
        .zip(reference_man["sections"].as_array().unwrap())
    {
        assert_eq!(s["duration_ms"], r["duration_ms"], "{}", s["title"]);
        let (got, _) = read_wav(&folder.join(s["audio"].as_str().unwrap()));
        let (want, _) = read_wav(&reference_folder.join(r["audio"].as_str().unwrap()));
        assert!(
            got == want,
            "{}: the same samples as the uninterrupted export",
            s["title"]
        );
    }
    // A rerun of the finished export skips every section, and says so.
    let again = hark()
        .args([
            "export",
            input.to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&again.stderr);
    assert!(said.contains("13 already there and skipped"), "{said}");
}

#[test]
fn unusable_output_folders_are_clear_errors() {
    let work = tempfile::tempdir().unwrap();
    let file = work.path().join("a-file");
    std::fs::write(&file, b"x").unwrap();
    let result = export(&["examples/harbour-reopens.txt"], &file.join("out"));
    assert_eq!(result.status.code(), Some(1));
    let err = String::from_utf8_lossy(&result.stderr);
    assert!(
        err.contains("cannot use the output folder") && err.contains("-o"),
        "{err}"
    );

    // A folder that holds another export is not overwritten without --force.
    let out = work.path().join("out");
    assert!(
        export(&["examples/harbour-reopens.txt", "--name", "same"], &out)
            .status
            .success()
    );
    let other = export(&["examples/night-trains.md", "--name", "same"], &out);
    assert_eq!(other.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&other.stderr).contains("--force"));
    assert!(
        export(
            &["examples/night-trains.md", "--name", "same", "--force"],
            &out
        )
        .status
        .success()
    );
    let (_, man) = manifest_in(&out);
    assert_eq!(man["title"], "The return of the night train");
}

/// Makes `dir` unwritable even for root (which ignores permission bits): `chattr +i` where the
/// file system allows it. Undone when dropped.
struct ReadOnly<'a>(&'a Path, bool);

impl<'a> ReadOnly<'a> {
    fn new(dir: &'a Path) -> Option<Self> {
        let mut perms = std::fs::metadata(dir).unwrap().permissions();
        std::os::unix::fs::PermissionsExt::set_mode(&mut perms, 0o555);
        std::fs::set_permissions(dir, perms).unwrap();
        if std::fs::write(dir.join("probe"), b"x").is_err() {
            return Some(ReadOnly(dir, false));
        }
        let _ = std::fs::remove_file(dir.join("probe"));
        let immutable = std::process::Command::new("chattr")
            .arg("+i")
            .arg(dir)
            .status()
            .is_ok_and(|s| s.success());
        immutable.then_some(ReadOnly(dir, true))
    }
}

impl Drop for ReadOnly<'_> {
    fn drop(&mut self) {
        if self.1 {
            let _ = std::process::Command::new("chattr")
                .arg("-i")
                .arg(self.0)
                .status();
        }
        let mut perms = std::fs::metadata(self.0).unwrap().permissions();
        std::os::unix::fs::PermissionsExt::set_mode(&mut perms, 0o755);
        let _ = std::fs::set_permissions(self.0, perms);
    }
}

#[test]
fn read_only_folder_is_a_clear_error() {
    let work = tempfile::tempdir().unwrap();
    let out = work.path().join("ro");
    std::fs::create_dir(&out).unwrap();
    let Some(_guard) = ReadOnly::new(&out) else {
        eprintln!("skipping: cannot make a folder read-only here (root without chattr)");
        return;
    };
    let result = export(&["examples/harbour-reopens.txt"], &out);
    assert_eq!(result.status.code(), Some(1));
    let err = String::from_utf8_lossy(&result.stderr);
    assert!(
        err.contains("cannot use the output folder") && err.contains("writable"),
        "{err}"
    );
    assert_eq!(
        std::fs::read_dir(&out).unwrap().count(),
        0,
        "nothing half-written"
    );
}

#[test]
fn several_inputs_one_failing_and_workers() {
    let out = tempfile::tempdir().unwrap();
    for jobs in ["1", "2"] {
        let dir = out.path().join(jobs);
        let result = export(
            &[
                "examples/harbour-reopens.txt",
                "missing.txt",
                "examples/night-trains.md",
                "examples/market-day.html",
                "--jobs",
                jobs,
            ],
            &dir,
        );
        assert_eq!(
            result.status.code(),
            Some(1),
            "a missing input makes the run fail"
        );
        assert!(String::from_utf8_lossy(&result.stderr).contains("missing.txt"));
        let folders = std::fs::read_dir(&dir).unwrap().count();
        assert_eq!(folders, 3, "the other inputs are exported");
    }
    // Workers make the same files as one process.
    for folder in std::fs::read_dir(out.path().join("1")).unwrap().flatten() {
        let twin = out.path().join("2").join(folder.file_name());
        let a: Value =
            serde_json::from_slice(&std::fs::read(folder.path().join("manifest.json")).unwrap())
                .unwrap();
        let b: Value =
            serde_json::from_slice(&std::fs::read(twin.join("manifest.json")).unwrap()).unwrap();
        let without_durations = |m: &Value| {
            let mut m = m["sections"].clone();
            for s in m.as_array_mut().unwrap() {
                s.as_object_mut().unwrap().remove("duration_ms");
            }
            m
        };
        assert_eq!(without_durations(&a), without_durations(&b));
    }
}

/// Workers get this run's settings whole (one serialized value, not flags rebuilt one by
/// one): every setting shows in what they make, as it does when one process makes it.
#[test]
fn workers_make_what_their_settings_say() {
    let out = tempfile::tempdir().unwrap();
    let result = export(
        &[
            "examples/harbour-reopens.txt",
            "examples/night-trains.md",
            "--jobs",
            "2",
            "--rate",
            "150wpm",
            "--pitch",
            "60",
            "--sentence-pause",
            "400ms",
            "--combined",
        ],
        out.path(),
    );
    assert!(
        result.status.success(),
        "{}",
        String::from_utf8_lossy(&result.stderr)
    );
    let folders: Vec<_> = std::fs::read_dir(out.path()).unwrap().flatten().collect();
    assert_eq!(folders.len(), 2);
    for folder in folders {
        let man: Value =
            serde_json::from_slice(&std::fs::read(folder.path().join("manifest.json")).unwrap())
                .unwrap();
        let settings = &man["settings"];
        assert!((settings["rate"].as_f64().unwrap() - 150.0 / 175.0).abs() < 1e-6);
        assert_eq!(settings["pitch"], 60);
        assert_eq!(settings["sentence_pause_ms"], 400);
        assert!(
            man["combined"]["audio"].is_string(),
            "--combined reached the worker"
        );
        assert_eq!(man["complete"], true);
    }
}

/// `hark worker` is hark's own: fed anything but a pool's settings, it says so and fails.
#[test]
fn a_worker_refuses_settings_it_cannot_read() {
    let out = run_hark(
        &["worker", "export"],
        Some(b"--voice espeak\0examples/harbour-reopens.txt\0"),
    );
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("is for hark's own use"), "{err}");
    assert!(out.stdout.is_empty());
}

#[test]
fn bad_voice_and_voices_list() {
    let out = tempfile::tempdir().unwrap();
    let result = export(
        &[
            "examples/harbour-reopens.txt",
            "--voice",
            "espeak:xx-nowhere",
        ],
        out.path(),
    );
    assert_eq!(result.status.code(), Some(1));
    let err = String::from_utf8_lossy(&result.stderr);
    assert!(
        err.contains("xx-nowhere") && err.contains("hark voices"),
        "{err}"
    );
    let usage = export(
        &["examples/harbour-reopens.txt", "--voice", "festival:kal"],
        out.path(),
    );
    assert_eq!(usage.status.code(), Some(2));

    let voices = run_hark(&["voices"], None);
    assert!(voices.status.success());
    let list = String::from_utf8_lossy(&voices.stdout);
    assert!(list.contains("espeak:en-us") && list.contains("espeak:en-gb"));
}

/// `hark voices` is a table a person can read: columns that line up, each voice once, the
/// language in words, and the voice each language is read with by default marked.
#[test]
fn the_voices_table_lines_up_and_marks_the_defaults() {
    let voices = run_hark(&["voices", "--engine", "espeak"], None);
    assert!(voices.status.success());
    let list = String::from_utf8_lossy(&voices.stdout);
    let lines: Vec<&str> = list.lines().filter(|l| l.starts_with("espeak:")).collect();
    let header = list.lines().next().unwrap();
    let column = |line: &str, n: usize| {
        // Where the n-th column starts: after a run of two spaces or more.
        let mut starts = vec![0];
        let chars: Vec<char> = line.chars().collect();
        for i in 2..chars.len() {
            if chars[i] != ' ' && chars[i - 1] == ' ' && chars[i - 2] == ' ' {
                starts.push(i);
            }
        }
        starts[n]
    };
    for line in &lines {
        assert_eq!(column(line, 1), column(header, 1), "{line}");
    }
    let mut names: Vec<&str> = lines
        .iter()
        .map(|l| l.split_whitespace().next().unwrap())
        .collect();
    let count = names.len();
    names.sort();
    names.dedup();
    assert_eq!(names.len(), count, "a voice is listed twice");
    let english = lines
        .iter()
        .find(|l| l.starts_with("espeak:en-us "))
        .unwrap();
    assert!(
        english.contains("English (America)") && english.contains(" yes "),
        "{english}"
    );
    let french = run_hark(&["voices", "--lang", "fr", "--json"], None);
    let json: serde_json::Value = serde_json::from_slice(&french.stdout).unwrap();
    let defaults: Vec<&str> = json["espeak"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|v| v["default"] == true)
        .map(|v| v["name"].as_str().unwrap())
        .collect();
    assert_eq!(defaults, ["fr-fr"], "one default per language");
}

/// What a failed export leaves must be whole: no `.part` file, and every WAV under its final
/// name parses and, when the manifest lists it, has the manifest's length.
fn check_nothing_partial(out: &Path) {
    let Some((folder, man)) = std::fs::read_dir(out)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .find(|p| p.join("manifest.json").is_file())
        .map(|f| {
            let man: Value =
                serde_json::from_slice(&std::fs::read(f.join("manifest.json")).unwrap()).unwrap();
            (f, man)
        })
    else {
        return;
    };
    for entry in std::fs::read_dir(&folder).unwrap().flatten() {
        let name = entry.file_name().to_string_lossy().to_string();
        assert!(!name.ends_with(".part"), "a partial file {name} was left");
        if name.ends_with(".wav") {
            let (samples, rate) = read_wav(&entry.path());
            let listed = man["sections"]
                .as_array()
                .unwrap()
                .iter()
                .find(|s| s["audio"] == name.as_str());
            if let Some(ms) = listed.and_then(|s| s["duration_ms"].as_u64()) {
                let got = (samples.len() as u64 * 1000 + u64::from(rate) / 2) / u64::from(rate);
                assert_eq!(got, ms, "{name}: WAV vs manifest");
            }
        }
    }
}

/// A tmpfs of `size`, unmounted when dropped; None where the machine does not allow mounting.
struct SmallDisk {
    dir: tempfile::TempDir,
}

impl SmallDisk {
    fn mount(size: &str) -> Option<SmallDisk> {
        let dir = tempfile::tempdir().unwrap();
        let ok = std::process::Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
            .arg(dir.path())
            .output()
            .is_ok_and(|o| o.status.success());
        ok.then_some(SmallDisk { dir })
    }
}

impl Drop for SmallDisk {
    fn drop(&mut self) {
        let _ = std::process::Command::new("umount")
            .arg(self.dir.path())
            .status();
    }
}

#[test]
fn a_full_file_system_is_a_clear_error_and_leaves_nothing_partial() {
    let Some(disk) = SmallDisk::mount("1m") else {
        eprintln!(
            "skipping: cannot mount a small tmpfs here (not root?); the file-size test covers this"
        );
        return;
    };
    let out = disk.dir.path().join("out");
    let result = export(&["examples/night-trains.md"], &out);
    let stderr = String::from_utf8_lossy(&result.stderr);
    assert_eq!(result.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("No space left") && stderr.contains("-o"),
        "{stderr}"
    );
    check_nothing_partial(&out);
    // Rerun where there is room: the sections that were finished are kept, the rest made.
    let roomy = tempfile::tempdir().unwrap();
    let copy = roomy.path().join("out");
    std::fs::create_dir_all(&copy).unwrap();
    for folder in std::fs::read_dir(&out).unwrap().flatten() {
        let target = copy.join(folder.file_name());
        std::fs::create_dir_all(&target).unwrap();
        for f in std::fs::read_dir(folder.path()).unwrap().flatten() {
            std::fs::copy(f.path(), target.join(f.file_name())).unwrap();
        }
    }
    let again = export(&["examples/night-trains.md"], &copy);
    assert!(
        again.status.success(),
        "{}",
        String::from_utf8_lossy(&again.stderr)
    );
    let (folder, man) = manifest_in(&copy);
    assert_eq!(man["complete"], true);
    assert!(folder.starts_with(&copy));
}

#[test]
fn a_file_size_limit_is_a_clear_error_and_leaves_nothing_partial() {
    // `ulimit -f` (in KiB for bash) with SIGXFSZ ignored: writes past it fail with EFBIG.
    let work = tempfile::tempdir().unwrap();
    let out = work.path().join("out");
    let result = std::process::Command::new("bash")
        .arg("-c")
        .arg("ulimit -f 400; trap '' XFSZ; exec \"$0\" \"$@\"")
        .arg(env!("CARGO_BIN_EXE_hark"))
        .args(["export", "-q", "examples/night-trains.md", "-o"])
        .arg(&out)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&result.stderr);
    assert_eq!(result.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("File too large"), "{stderr}");
    check_nothing_partial(&out);
}

/// Without --voice, eSpeak NG speaks the article's own language; a voice of another language
/// is used as asked, with a warning that names one that fits.
#[test]
fn the_default_voice_follows_the_articles_language() {
    let out = tempfile::tempdir().unwrap();
    let dir = out.path().to_str().unwrap();
    let run = run_hark(
        &["export", "-o", dir, "tests/languages/marche-fr.html"],
        None,
    );
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let (folder, man) = manifest_in(out.path());
    assert_eq!(man["language"], "fr-FR");
    assert_eq!(man["voice"]["name"], "fr-fr");
    let ssml = std::fs::read_to_string(folder.join("00-le-marche-couvert-rouvre-ses-portes.ssml"))
        .unwrap();
    assert!(ssml.contains("xml:lang=\"fr-FR\""), "{ssml}");

    let other = tempfile::tempdir().unwrap();
    let run = run_hark(
        &[
            "export",
            "-o",
            other.path().to_str().unwrap(),
            "--voice",
            "espeak:en-us",
            "tests/languages/soko-sw.txt",
        ],
        None,
    );
    assert!(run.status.success());
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(
        stderr.contains("does not speak the article's language (sw)")
            && stderr.contains("espeak:sw"),
        "{stderr}"
    );
}

/// A French quotation in an English article is exported with the rest: marked in the manifest
/// and its section's SSML, and spoken (eSpeak NG switches to its French voice for it).
#[test]
fn a_passage_in_another_language_is_exported_with_its_section() {
    let out = tempfile::tempdir().unwrap();
    let run = export(&["tests/languages/quote-en-fr.md"], out.path());
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let (folder, man) = manifest_in(out.path());
    assert_eq!(man["language"], "en");
    assert_eq!(man["complete"], true);
    let section = &man["sections"][0];
    assert_eq!(section["passages"][0]["language"], "fr");
    let ssml = std::fs::read_to_string(folder.join(section["ssml"].as_str().unwrap())).unwrap();
    assert!(ssml.contains("<voice xml:lang=\"fr\">"), "{ssml}");
    assert!(section["duration_ms"].as_u64().unwrap() > 10_000);
}

/// eSpeak NG speaks sections side by side, each in a process of its own: the files are the
/// very same as when it speaks one section at a time.
#[test]
fn sections_spoken_side_by_side_are_sample_exact() {
    let one = tempfile::tempdir().unwrap();
    let three = tempfile::tempdir().unwrap();
    for (dir, workers) in [(&one, "1"), (&three, "3")] {
        let run = export(
            &["--workers", workers, "examples/night-trains.md"],
            dir.path(),
        );
        assert!(
            run.status.success(),
            "{}",
            String::from_utf8_lossy(&run.stderr)
        );
    }
    let (a, man) = manifest_in(one.path());
    let (b, _) = manifest_in(three.path());
    let sections = man["sections"].as_array().unwrap();
    assert!(sections.len() > 2);
    for s in sections {
        let wav = s["audio"].as_str().unwrap();
        assert_eq!(
            std::fs::read(a.join(wav)).unwrap(),
            std::fs::read(b.join(wav)).unwrap(),
            "{wav}"
        );
    }
}

/// The run's lines are worded for people: counts without "(s)", audio lengths as h:mm:ss, a
/// speed only when audio was made, no summary after a run that exported nothing, and Ctrl-C
/// says how to resume.
#[test]
fn the_run_is_worded_for_people() {
    let out = tempfile::tempdir().unwrap();
    let dir = out.path().to_str().unwrap();
    let run = |args: &[&str]| {
        let mut all = vec!["export", "-o", dir];
        all.extend_from_slice(args);
        let result = run_hark(&all, None);
        (
            result.status.code(),
            String::from_utf8_lossy(&result.stderr).to_string(),
        )
    };
    let hms = |said: &str| {
        said.split_whitespace().any(|w| {
            let parts: Vec<&str> = w.split(':').collect();
            parts.len() == 3
                && parts.iter().all(|p| p.chars().all(|c| c.is_ascii_digit()))
                && parts[1].len() == 2
                && parts[2].len() == 2
        })
    };
    let (code, said) = run(&["examples/harbour-reopens.txt"]);
    assert_eq!(code, Some(0), "{said}");
    assert!(said.contains("hark: 1 article, "), "{said}");
    assert!(hms(&said) && said.contains(" of audio in "), "{said}");
    assert!(
        said.contains("real time") && !said.contains("(s)"),
        "{said}"
    );

    // Everything already there: nothing was made, so no speed.
    let (code, said) = run(&["examples/harbour-reopens.txt"]);
    assert_eq!(code, Some(0), "{said}");
    assert!(
        said.contains("reused") && !said.contains("real time"),
        "{said}"
    );

    // Nothing exported: the error, and no summary after it.
    let (code, said) = run(&["missing.txt"]);
    assert_eq!(code, Some(1), "{said}");
    assert!(
        said.contains("missing.txt") && !said.contains("of audio"),
        "{said}"
    );
}

/// Ctrl-C stops an export at once and says that rerunning the command resumes it.
#[test]
fn ctrl_c_says_how_to_resume() {
    let work = tempfile::tempdir().unwrap();
    // Every sentence differs, so none is taken for a repeated pull quote and
    // dropped: the export must have minutes of speech to make, not seconds.
    let mut article = String::from("A long article to stop\n\nIt opens here.\n");
    for i in 1..=40 {
        article.push_str(&format!("Part {i} of it\n"));
        for j in 1..=10 {
            article.push_str(&format!(
                "In part {i}, sentence {j} tells the listener something new about week {}.\n",
                i * 10 + j
            ));
        }
    }
    let input = work.path().join("long.txt");
    std::fs::write(&input, &article).unwrap();
    let out = work.path().join("out");
    let child = hark()
        .args([
            "export",
            input.to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
        ])
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // Once the folder is there, the export has started.
    let deadline = std::time::Instant::now() + Duration::from_secs(60);
    while !out.exists() && std::time::Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(20));
    }
    std::thread::sleep(Duration::from_millis(200));
    assert!(
        std::process::Command::new("kill")
            .args(["-INT", &child.id().to_string()])
            .status()
            .unwrap()
            .success()
    );
    let result = child.wait_with_output().unwrap();
    let said = String::from_utf8_lossy(&result.stderr);
    assert_eq!(result.status.code(), Some(130), "{said}");
    assert!(said.contains("rerun the same command to resume"), "{said}");
}

/// Messages follow -q, -v and RUST_LOG as in other Rust tools: lines and warnings by default,
/// only errors with -q, the left-out pieces listed with -v or RUST_LOG=hark=debug.
#[test]
fn quiet_verbose_and_rust_log_choose_what_is_said() {
    let work = tempfile::tempdir().unwrap();
    let input = work.path().join("story.txt");
    std::fs::write(
        &input,
        "Harbour news\n\nThe harbour reopens on Monday after two years of work.\n\n\
         Advertisement\n\nShips will dock there again from the first week of May.\n",
    )
    .unwrap();
    let say = |flags: &[&str], rust_log: Option<&str>, folder: &str| {
        let mut cmd = hark();
        cmd.args(flags).args([
            "export",
            input.to_str().unwrap(),
            "-o",
            work.path().join(folder).to_str().unwrap(),
        ]);
        cmd.env_remove("RUST_LOG");
        if let Some(directives) = rust_log {
            cmd.env("RUST_LOG", directives);
        }
        let result = cmd.output().unwrap();
        assert_eq!(result.status.code(), Some(0));
        String::from_utf8_lossy(&result.stderr).to_string()
    };
    let plain = say(&[], None, "plain");
    assert!(plain.contains("hark: 1 article"), "{plain}");
    assert!(plain.contains("(-v lists them)"), "{plain}");
    assert!(!plain.contains("[ad] Advertisement"), "{plain}");

    let quiet = say(&["-q"], None, "quiet");
    assert_eq!(quiet, "", "-q says nothing but errors");

    let verbose = say(&["-v"], None, "verbose");
    assert!(verbose.contains("[ad] Advertisement"), "{verbose}");

    let traced = say(&[], Some("hark=debug"), "traced");
    assert!(traced.contains("[ad] Advertisement"), "{traced}");

    // Errors are said even with -q, and RUST_LOG cannot hide them by accident of spelling.
    let missing = hark()
        .args(["-q", "export", "missing.txt", "-o"])
        .arg(work.path().join("none"))
        .env("RUST_LOG", "not a directive at all")
        .output()
        .unwrap();
    assert_eq!(missing.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&missing.stderr).contains("hark: error: missing.txt"),
        "{}",
        String::from_utf8_lossy(&missing.stderr)
    );
}
