//! End-to-end tests of `hark export --audio`: each format's section files and combined
//! edition decode (with decoders that are not hark's encoders: the reference `flac` tool,
//! symphonia for MP3, libopus for Opus) to the lengths the manifest records, carry their
//! titles, and a rerun reuses them; bad combinations are refused before anything is written.

mod common;

use std::path::Path;

const ARTICLE: &str = "# Harbour reopens\n\nThe harbour reopened on Monday after three weeks of repairs.\n\n## Sea trials\n\nTwo ferries ran empty crossings before the first passengers boarded.\n";

fn export_as(dir: &Path, extra: &[&str]) -> std::process::Output {
    std::fs::write(dir.join("harbour.md"), ARTICLE).unwrap();
    common::hark()
        .current_dir(dir)
        .args(["export", "harbour.md"])
        .args(if extra.contains(&"-o") {
            &[][..]
        } else {
            &["-o", "out"][..]
        })
        .args(extra)
        .output()
        .unwrap()
}

/// Exports the article with `extra` arguments, which must succeed: its folder.
fn exported(dir: &Path, extra: &[&str]) -> std::path::PathBuf {
    let out = export_as(dir, extra);
    assert!(
        out.status.success(),
        "{extra:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    dir.join("out/harbour")
}

fn sections(folder: &Path) -> Vec<(String, u64)> {
    let (_, man) = common::manifest_in(folder.parent().unwrap());
    man["sections"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            (
                s["audio"].as_str().unwrap().to_string(),
                s["duration_ms"].as_u64().unwrap(),
            )
        })
        .collect()
}

/// The reference FLAC tools: `flac -t` decodes the whole file and checks its MD5; metaflac
/// reads its length, rate and tags.
fn flac_checked(path: &Path) -> (u64, u32, String) {
    let tested = std::process::Command::new("flac")
        .args(["-t", "-s"])
        .arg(path)
        .output()
        .expect("the flac tool (apt-get install flac)");
    assert!(
        tested.status.success(),
        "{}: {}",
        path.display(),
        String::from_utf8_lossy(&tested.stderr)
    );
    let meta = std::process::Command::new("metaflac")
        .args([
            "--show-total-samples",
            "--show-sample-rate",
            "--export-tags-to=-",
        ])
        .arg(path)
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&meta.stdout).to_string();
    let mut lines = text.lines();
    let samples = lines.next().unwrap().parse().unwrap();
    let rate = lines.next().unwrap().parse().unwrap();
    (samples, rate, lines.collect::<Vec<_>>().join("\n"))
}

#[test]
fn flac_sections_and_edition_pass_the_reference_decoder() {
    let work = tempfile::tempdir().unwrap();
    let folder = exported(work.path(), &["--audio", "flac", "--combined"]);
    let mut total = 0;
    for (i, (file, ms)) in sections(&folder).iter().enumerate() {
        let (samples, rate, tags) = flac_checked(&folder.join(file));
        let rate = u64::from(rate);
        assert_eq!((samples * 1000 + rate / 2) / rate, *ms, "{file}");
        assert!(tags.contains(&format!("TRACKNUMBER={}", i + 1)), "{tags}");
        assert!(tags.contains("ALBUM=Harbour reopens"), "{tags}");
        total += samples;
    }
    let (samples, _, tags) = flac_checked(&folder.join("harbour.flac"));
    assert_eq!(samples, total);
    assert!(tags.contains("CHAPTER002NAME=Sea trials"), "{tags}");
    assert!(!folder.join(".harbour.pcm.wav").exists());
}

#[test]
fn mp3_sections_and_edition_decode_to_their_recorded_lengths() {
    // The LAME tag records the encoder's delay and the last frame's padding, and a decoder
    // that reads it (symphonia, FFmpeg) gives back exactly the samples encoded: the lengths
    // are the recorded ones, to their rounding to the millisecond.
    let slack_ms = 1.0;
    let work = tempfile::tempdir().unwrap();
    let folder = exported(work.path(), &["--audio", "mp3", "--combined"]);
    let list = sections(&folder);
    assert_eq!(list.len(), 2);
    let mut total = 0;
    for (file, ms) in &list {
        assert!(file.ends_with(".mp3"), "{file}");
        let (samples, rate) = common::decode(&folder.join(file));
        let decoded = samples.len() as f64 * 1000.0 / f64::from(rate);
        assert!(
            (decoded - *ms as f64).abs() <= slack_ms,
            "{file}: decoded {decoded} ms, recorded {ms} ms"
        );
        total += ms;
    }
    let (samples, rate) = common::decode(&folder.join("harbour.mp3"));
    let decoded = samples.len() as f64 * 1000.0 / f64::from(rate);
    assert!(
        (decoded - total as f64).abs() <= slack_ms * list.len() as f64,
        "combined: {decoded} ms, sections {total} ms"
    );
    let cue = std::fs::read_to_string(folder.join("harbour.cue")).unwrap();
    assert!(cue.contains("harbour.mp3\" MP3"), "{cue}");
    let playlist = std::fs::read_to_string(folder.join("harbour.m3u8")).unwrap();
    assert!(playlist.contains(&list[1].0), "{playlist}");
    assert!(!folder.join(".harbour.pcm.wav").exists());
}

#[test]
fn mp3_sections_are_tagged_and_a_rerun_reuses_them() {
    let work = tempfile::tempdir().unwrap();
    let folder = exported(work.path(), &["--audio", "mp3", "--bitrate", "96"]);
    let list = sections(&folder);
    let tag = id3::Tag::read_from_path(folder.join(&list[1].0)).unwrap();
    use id3::TagLike;
    assert_eq!(tag.title(), Some("Sea trials"));
    assert_eq!(tag.album(), Some("Harbour reopens"));
    assert_eq!((tag.track(), tag.total_tracks()), (Some(2), Some(2)));
    // 96 kbit/s: about 12 kB a second.
    let bytes = std::fs::metadata(folder.join(&list[1].0)).unwrap().len();
    let seconds = list[1].1 as f64 / 1000.0;
    let kbps = bytes as f64 * 8.0 / 1000.0 / seconds;
    assert!((80.0..115.0).contains(&kbps), "{kbps} kbit/s");

    let again = export_as(work.path(), &["--audio", "mp3", "--bitrate", "96"]);
    let said = String::from_utf8_lossy(&again.stderr);
    assert!(again.status.success(), "{said}");
    assert!(
        said.contains("2 reused") || said.contains("reused 2"),
        "{said}"
    );
    // Another format is another export: the folder is not silently mixed.
    let other = export_as(work.path(), &["--audio", "opus"]);
    assert!(!other.status.success());
    assert!(String::from_utf8_lossy(&other.stderr).contains("--force"));
}

#[test]
fn opus_sections_decode_at_48_khz_with_their_titles() {
    let work = tempfile::tempdir().unwrap();
    let folder = exported(work.path(), &["--audio", "opus"]);
    for (file, ms) in sections(&folder) {
        let (samples, comments) = common::decode_opus(&folder.join(&file));
        let decoded = samples.len() as f64 / 48.0;
        assert!(
            (decoded - ms as f64).abs() < 2.0,
            "{file}: {decoded} vs {ms}"
        );
        assert!(
            comments.iter().any(|c| c.starts_with("TITLE=")),
            "{comments:?}"
        );
        assert!(comments.contains(&"ALBUM=Harbour reopens".to_string()));
    }
}

#[test]
fn bad_audio_settings_are_refused_before_anything_is_written() {
    for (args, says) in [
        (&["--audio", "aac"][..], "use wav, flac, mp3, opus"),
        (
            &["--audio", "mp3", "--bitrate", "65"],
            "64, 80, 96, 112, 128",
        ),
        (&["--audio", "flac", "--bitrate", "64"], "leave it out"),
        (&["--audio", "mp3", "-o", "-"], "-o - streams WAV"),
    ] {
        let work = tempfile::tempdir().unwrap();
        let out = export_as(work.path(), args);
        let said = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success(), "{args:?}");
        assert!(said.contains(says), "{args:?}: {said}");
        assert!(!work.path().join("out/harbour").exists(), "{args:?}");
    }
}
