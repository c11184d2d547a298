//! Helpers shared by the end-to-end tests: running the binary, splitting its SSML output,
//! golden files, and schema validation with xmllint.
#![allow(dead_code)]

use serde_json::Value;
use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// The hark binary under test, run from the project root.
pub fn hark() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_hark"));
    cmd.current_dir(env!("CARGO_MANIFEST_DIR"));
    // The tests run with hark's defaults, whatever config file the machine's user keeps.
    cmd.env("XDG_CONFIG_HOME", "/nonexistent/hark-tests-have-no-config")
        .env_remove("HARK_CONFIG");
    cmd
}

/// Runs `cmd`, which must succeed (else the test fails showing its standard error); its output.
pub fn succeeded(cmd: &mut Command) -> Output {
    let out = cmd.output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

/// Runs hark with `args`, feeding `stdin` if given.
pub fn run_hark(args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut child = hark()
        .args(args)
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("hark runs");
    if let Some(input) = stdin {
        let mut pipe = child.stdin.take().expect("stdin is piped");
        pipe.write_all(input).expect("stdin is written");
    }
    child.wait_with_output().expect("hark finishes")
}

/// Splits `hark markup` SSML output into its `<speak>` documents.
pub fn ssml_documents(output: &str) -> Vec<String> {
    output
        .split("<speak ")
        .skip(1)
        .map(|d| {
            let end = d.find("</speak>").map_or(d.len(), |i| i + "</speak>".len());
            format!("<speak {}", &d[..end])
        })
        .collect()
}

/// A slug as the design allows: ASCII letters, digits and hyphens, not empty, bounded.
pub fn is_safe_slug(slug: &str) -> bool {
    !slug.is_empty()
        && slug.len() <= 60
        && slug
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        && !slug.starts_with('-')
}

/// Compares `actual` with `tests/golden/NAME`; `UPDATE_GOLDEN=1` rewrites the file instead.
pub fn golden(name: &str, actual: &[u8]) {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden")
        .join(name);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, actual).expect("golden file is written");
        return;
    }
    let expected = std::fs::read(&path)
        .unwrap_or_else(|_| panic!("{} is missing; run with UPDATE_GOLDEN=1", path.display()));
    assert!(
        expected == actual,
        "{} differs from the output; if the change is intended, rerun with UPDATE_GOLDEN=1 and review the diff",
        path.display()
    );
}

/// Validates SSML documents against the W3C SSML 1.0 schema with xmllint, when the schema
/// (../shared/corpus/ssml/w3c_ssml10_schema) and xmllint are present. `HARK_REQUIRE_XMLLINT=1`
/// (set by scripts/test) turns a missing xmllint into a failure instead of a skip.
pub fn validate_against_ssml_schema(docs: &[String]) {
    let schema = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/corpus/ssml/w3c_ssml10_schema/synthesis.xsd");
    let have_xmllint = Command::new("xmllint").arg("--version").output().is_ok();
    if !have_xmllint {
        assert!(
            std::env::var_os("HARK_REQUIRE_XMLLINT").is_none(),
            "xmllint is required (apt-get install libxml2-utils)"
        );
        eprintln!("skipping SSML schema validation: xmllint is not installed");
        return;
    }
    if !schema.exists() {
        eprintln!(
            "skipping SSML schema validation: no schema at {}",
            schema.display()
        );
        return;
    }
    let dir = tempfile::tempdir().expect("temp dir");
    for (i, doc) in docs.iter().enumerate() {
        let file = dir.path().join(format!("{i}.ssml"));
        std::fs::write(&file, doc).expect("write");
        let out = Command::new("xmllint")
            .arg("--noout")
            .arg("--schema")
            .arg(&schema)
            .arg(&file)
            .output()
            .expect("xmllint runs");
        assert!(
            out.status.success(),
            "SSML not valid against the W3C schema:\n{}\n{doc}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

/// The article folder under `dir` (the one with a manifest) and its manifest.
pub fn manifest_in(dir: &Path) -> (PathBuf, Value) {
    let folder = std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .find(|p| p.join("manifest.json").is_file())
        .expect("an article folder with a manifest");
    let man =
        serde_json::from_slice(&std::fs::read(folder.join("manifest.json")).unwrap()).unwrap();
    (folder, man)
}

/// A 16-bit WAV's samples and rate.
pub fn read_wav(path: &Path) -> (Vec<i16>, u32) {
    let reader = hound::WavReader::open(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let rate = reader.spec().sample_rate;
    (
        reader.into_samples::<i16>().map(Result::unwrap).collect(),
        rate,
    )
}

/// The end of the last cue in a WebVTT file, in milliseconds.
pub fn vtt_end_ms(path: &Path) -> u64 {
    let text = std::fs::read_to_string(path).unwrap();
    text.lines()
        .filter_map(|l| l.split_once(" --> ").map(|(_, end)| end.trim().to_string()))
        .map(|t| {
            let (hms, ms) = t.split_once('.').unwrap();
            let parts: Vec<u64> = hms.split(':').map(|p| p.parse().unwrap()).collect();
            ((parts[0] * 60 + parts[1]) * 60 + parts[2]) * 1000 + ms.parse::<u64>().unwrap()
        })
        .max()
        .unwrap_or(0)
}

/// Decodes an MP3 file with symphonia, a decoder hark does not use: mono f32 samples and the
/// rate.
pub fn decode(path: &Path) -> (Vec<f32>, u32) {
    use symphonia::core::audio::sample::Sample;
    use symphonia::core::codecs::audio::AudioDecoderOptions;
    use symphonia::core::formats::probe::Hint;
    use symphonia::core::formats::{FormatOptions, TrackType};
    use symphonia::core::io::MediaSourceStream;
    let file = Box::new(std::fs::File::open(path).unwrap());
    let stream = MediaSourceStream::new(file, Default::default());
    let mut hint = Hint::new();
    if let Some(ext) = path.extension() {
        hint.with_extension(&ext.to_string_lossy());
    }
    let mut format = symphonia::default::get_probe()
        .probe(&hint, stream, FormatOptions::default(), Default::default())
        .expect("a file symphonia reads");
    let track = format
        .default_track(TrackType::Audio)
        .expect("an audio track");
    let params = track
        .codec_params
        .as_ref()
        .unwrap()
        .audio()
        .unwrap()
        .clone();
    let rate = params.sample_rate.expect("a sample rate");
    let id = track.id;
    let mut decoder = symphonia::default::get_codecs()
        .make_audio_decoder(&params, &AudioDecoderOptions::default())
        .unwrap();
    let mut samples = Vec::new();
    let mut buf: Vec<f32> = Vec::new();
    while let Ok(Some(packet)) = format.next_packet() {
        if packet.track_id != id {
            continue;
        }
        let audio = decoder.decode(&packet).expect("decodes");
        buf.resize(audio.samples_interleaved(), f32::MID);
        audio.copy_to_slice_interleaved(&mut buf);
        samples.extend_from_slice(&buf);
    }
    (samples, rate)
}

/// Decodes an Ogg Opus file: its samples at 48 kHz (pre-skip and end padding trimmed) and its
/// Vorbis comments.
pub fn decode_opus(path: &Path) -> (Vec<i16>, Vec<String>) {
    let file = std::fs::File::open(path).unwrap();
    let mut reader = ogg::reading::PacketReader::new(file);
    let head = reader.read_packet().unwrap().expect("OpusHead");
    assert_eq!(&head.data[..8], b"OpusHead");
    assert_eq!(head.data[9], 1, "mono");
    let pre_skip = usize::from(u16::from_le_bytes([head.data[10], head.data[11]]));
    let tags = reader.read_packet().unwrap().expect("OpusTags");
    assert_eq!(&tags.data[..8], b"OpusTags");
    let field = |at: usize| u32::from_le_bytes(tags.data[at..at + 4].try_into().unwrap()) as usize;
    let mut at = 8 + 4 + field(8);
    let count = field(at);
    at += 4;
    let mut comments = Vec::new();
    for _ in 0..count {
        let len = field(at);
        comments.push(String::from_utf8(tags.data[at + 4..at + 4 + len].to_vec()).unwrap());
        at += 4 + len;
    }
    let mut decoder = opus::Decoder::new(48_000, opus::Channels::Mono).unwrap();
    let (mut samples, mut end) = (Vec::new(), 0);
    let mut buf = vec![0i16; 5760];
    while let Some(packet) = reader.read_packet().unwrap() {
        let n = decoder.decode(&packet.data, &mut buf, false).unwrap();
        samples.extend_from_slice(&buf[..n]);
        end = packet.absgp_page() as usize;
    }
    samples.truncate(end);
    samples.drain(..pre_skip.min(samples.len()));
    (samples, comments)
}

/// The text of `name` inside the ZIP at `book`.
pub fn zip_entry(book: &Path, name: &str) -> String {
    use std::io::Read;
    let mut zip = zip::ZipArchive::new(std::fs::File::open(book).unwrap()).unwrap();
    let mut text = String::new();
    zip.by_name(name)
        .unwrap()
        .read_to_string(&mut text)
        .unwrap();
    text
}

/// Exports examples/night-trains.md into `out` with `--edition edition` and `extra`: its
/// folder and manifest.
pub fn export_edition(edition: &str, out: &Path, extra: &[&str]) -> (PathBuf, Value) {
    let mut args = vec![
        "export",
        "-q",
        "examples/night-trains.md",
        "--edition",
        edition,
        "-o",
    ];
    args.push(out.to_str().unwrap());
    args.extend_from_slice(extra);
    succeeded(hark().args(&args));
    manifest_in(out)
}

/// A WebVTT file's cue times, in ms.
pub fn vtt_cues_ms(path: &Path) -> Vec<(u64, u64)> {
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .filter_map(|l| l.split_once(" --> "))
        .map(|(a, b)| (clock_ms(a), clock_ms(b)))
        .collect()
}

/// The Piper test voice's folder, or `None` (after saying so) where scripts/fetch-piper-assets
/// has not been run; a failure under HARK_REQUIRE_PIPER.
pub fn piper_test_voices() -> Option<PathBuf> {
    let dir = std::env::var_os("HARK_TEST_VOICES").map(PathBuf::from);
    let found = dir.filter(|d| d.join("en_US-joe-medium.onnx").is_file());
    if found.is_none() {
        assert!(
            std::env::var_os("HARK_REQUIRE_PIPER").is_none(),
            "the Piper test voice is required: run scripts/fetch-piper-assets"
        );
        eprintln!("skipping: no Piper test voice");
    }
    found
}

/// Runs `tests/js/<script>` with Node.js on `args` and returns the JSON it prints, or `None`
/// (after saying so) where the npm packages it needs are not installed; a failure when the
/// environment variable `required` is set, as scripts/test does.
pub fn node_check(
    script: &str,
    packages: &[&str],
    required: &str,
    args: &[&Path],
) -> Option<Value> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/js");
    let missing: Vec<&&str> = packages
        .iter()
        .filter(|p| !root.join("node_modules").join(p).is_dir())
        .collect();
    if !missing.is_empty() {
        assert!(
            std::env::var_os(required).is_none(),
            "{missing:?} are required: run scripts/fetch-js-tools"
        );
        eprintln!("skipping {script}: {missing:?} are not installed (scripts/fetch-js-tools)");
        return None;
    }
    let out = Command::new("node")
        .arg(root.join(script))
        .args(args)
        .output()
        .expect("node runs");
    assert!(
        out.status.success(),
        "{script}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    Some(serde_json::from_slice(&out.stdout).unwrap())
}

/// `h:mm:ss.mmm` (or WebVTT's `hh:mm:ss.mmm`) → ms.
pub fn clock_ms(clock: &str) -> u64 {
    let (hms, frac) = clock.trim().split_once('.').unwrap();
    let parts: Vec<u64> = hms.split(':').map(|p| p.parse().unwrap()).collect();
    ((parts[0] * 60 + parts[1]) * 60 + parts[2]) * 1000 + frac.parse::<u64>().unwrap()
}

/// Every SMIL clip of the export's EPUB edition is its section's VTT cue, to the millisecond,
/// and each overlay ends with its section's audio.
pub fn overlays_are_the_cues(folder: &Path, manifest: &Value) {
    let book = folder.join(
        manifest["epub"]
            .as_str()
            .expect("the manifest lists the book"),
    );
    for (i, section) in manifest["sections"].as_array().unwrap().iter().enumerate() {
        let cues = vtt_cues_ms(&folder.join(section["subtitles"].as_str().unwrap()));
        let smil = zip_entry(&book, &format!("EPUB/s{:03}.smil", i + 1));
        let clips: Vec<(u64, u64)> = smil
            .split("clipBegin=\"")
            .skip(1)
            .map(|rest| {
                let begin = rest.split('"').next().unwrap();
                let end = rest
                    .split("clipEnd=\"")
                    .nth(1)
                    .unwrap()
                    .split('"')
                    .next()
                    .unwrap();
                (clock_ms(begin), clock_ms(end))
            })
            .collect();
        assert_eq!(clips, cues, "section {i}");
        assert_eq!(
            clips.last().unwrap().1,
            section["duration_ms"].as_u64().unwrap(),
            "section {i}"
        );
    }
}

/// A one-connection-at-a-time HTTP server on 127.0.0.1 serving `files` (path → bytes); a path
/// in `short` announces its full length but sends half.
pub fn serve(files: Vec<(String, Vec<u8>)>, short: Option<String>) -> String {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = format!("http://{}", listener.local_addr().unwrap());
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let mut reader = std::io::BufReader::new(stream.try_clone().unwrap());
            let mut request = String::new();
            reader.read_line(&mut request).unwrap_or(0);
            let mut line = String::new();
            while reader.read_line(&mut line).is_ok_and(|n| n > 2) {
                line.clear();
            }
            let path = request.split_whitespace().nth(1).unwrap_or("/").to_string();
            let mut stream = stream;
            match files.iter().find(|(p, _)| *p == path) {
                Some((_, body)) => {
                    let send = if short.as_deref() == Some(path.as_str()) {
                        &body[..body.len() / 2]
                    } else {
                        &body[..]
                    };
                    let _ = write!(
                        stream,
                        "HTTP/1.1 200 OK\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                        body.len()
                    );
                    let _ = stream.write_all(send);
                }
                None => {
                    let _ = write!(
                        stream,
                        "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                    );
                }
            }
        }
    });
    addr
}
