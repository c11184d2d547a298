//! End-to-end tests of `hark podcast` with the real eSpeak NG: a folder of the example
//! articles becomes episodes whose MP3s decode (symphonia) to their length, carry the sections
//! as ID3 chapters, sit within 1 LU of the target loudness under -1 dBTP, and a feed that an
//! XML parser reads with every required tag and exact enclosure lengths; a rerun with nothing
//! changed makes nothing, a changed article only its own episode.

mod common;

use std::path::Path;

fn podcast(articles: &Path, site: &Path) -> (bool, String) {
    let out = common::hark()
        .args([
            "podcast",
            "--jobs",
            "1",
            "--feed-title",
            "Harbour & rail",
            "--base-url",
        ])
        .arg("https://example.org/audio/")
        .arg("-o")
        .arg(site)
        .arg(articles)
        .output()
        .unwrap();
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stderr).to_string(),
    )
}

#[test]
fn a_folder_becomes_a_feed_of_episodes_and_reruns_are_cheap() {
    let work = tempfile::tempdir().unwrap();
    let articles = work.path().join("articles");
    std::fs::create_dir_all(&articles).unwrap();
    for name in ["harbour-reopens.txt", "night-trains.md", "market-day.html"] {
        std::fs::copy(Path::new("examples").join(name), articles.join(name)).unwrap();
    }
    let site = work.path().join("site");
    let (ok, said) = podcast(&articles, &site);
    assert!(ok, "{said}");
    assert!(said.contains("3 episodes made"), "{said}");

    let feed = std::fs::read_to_string(site.join("feed.xml")).unwrap();
    let xml = roxmltree::Document::parse(&feed).expect("the feed is well-formed XML");
    let channel = xml
        .descendants()
        .find(|n| n.has_tag_name("channel"))
        .unwrap();
    let itunes = "http://www.itunes.com/dtds/podcast-1.0.dtd";
    for tag in ["title", "link", "description", "language"] {
        assert!(
            channel.children().any(|n| n.has_tag_name(tag)),
            "channel <{tag}>"
        );
    }
    for tag in ["author", "category", "explicit"] {
        assert!(
            channel.children().any(|n| n.has_tag_name((itunes, tag))),
            "itunes:{tag}"
        );
    }
    assert_eq!(
        channel
            .children()
            .find(|n| n.has_tag_name("title"))
            .unwrap()
            .text(),
        Some("Harbour & rail")
    );
    let items: Vec<_> = channel
        .children()
        .filter(|n| n.has_tag_name("item"))
        .collect();
    assert_eq!(items.len(), 3);
    // The Markdown article declares its date in its front matter; the feed uses it.
    let night_train = items
        .iter()
        .find(|i| {
            i.children().any(|n| {
                n.has_tag_name("title") && n.text() == Some("The return of the night train")
            })
        })
        .expect("the night-train episode");
    let pub_date = night_train
        .children()
        .find(|n| n.has_tag_name("pubDate"))
        .and_then(|n| n.text());
    assert_eq!(pub_date, Some("Tue, 04 Mar 2025 00:00:00 +0000"));
    let mut guids = Vec::new();
    for item in &items {
        for tag in ["title", "description", "guid", "pubDate"] {
            assert!(item.children().any(|n| n.has_tag_name(tag)), "item <{tag}>");
        }
        let enclosure = item
            .children()
            .find(|n| n.has_tag_name("enclosure"))
            .unwrap();
        assert_eq!(enclosure.attribute("type"), Some("audio/mpeg"));
        let url = enclosure.attribute("url").unwrap();
        let file = url
            .strip_prefix("https://example.org/audio/")
            .expect("under the base URL");
        let mp3 = site.join(file);
        let length: u64 = enclosure.attribute("length").unwrap().parse().unwrap();
        assert_eq!(
            std::fs::metadata(&mp3).unwrap().len(),
            length,
            "enclosure length of {file}"
        );
        guids.push(
            item.children()
                .find(|n| n.has_tag_name("guid"))
                .unwrap()
                .text()
                .unwrap()
                .to_string(),
        );

        // The record, the MP3's audio, its chapters and its loudness.
        let record: serde_json::Value =
            serde_json::from_slice(&std::fs::read(mp3.with_extension("json")).unwrap()).unwrap();
        let (samples, rate) = common::decode(&mp3);
        let ms = samples.len() as f64 * 1000.0 / f64::from(rate);
        let want = record["duration_ms"].as_f64().unwrap();
        // LAME pads the last frame (at most one 576-sample granule pair, ~52 ms at 22.05 kHz).
        assert!(
            (ms - want).abs() < 120.0,
            "{file}: decoded {ms} ms, recorded {want} ms"
        );
        let tag = id3::Tag::read_from_path(&mp3).expect("an ID3 tag");
        let work_manifest: serde_json::Value = serde_json::from_slice(
            &std::fs::read(
                site.join("work")
                    .join(record["slug"].as_str().unwrap())
                    .join("manifest.json"),
            )
            .unwrap(),
        )
        .unwrap();
        let sections: Vec<String> = work_manifest["sections"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s["title"].as_str().unwrap().to_string())
            .collect();
        let chapters: Vec<String> = tag
            .chapters()
            .map(|c| {
                c.frames
                    .iter()
                    .find_map(|f| f.content().text())
                    .unwrap_or("")
                    .to_string()
            })
            .collect();
        assert_eq!(chapters, sections, "{file}: one chapter per section");
        let pcm: Vec<i16> = samples.iter().map(|&s| (s * 32767.0) as i16).collect();
        let level = hark::loudness::measure(&pcm, rate).unwrap();
        assert!((level.lufs + 16.0).abs() <= 1.0, "{file}: {level:?}");
        assert!(
            level.true_peak_dbtp <= -0.5,
            "{file}: {level:?} (the MP3 itself, after decoding)"
        );
        let chapters_json: serde_json::Value = serde_json::from_slice(
            &std::fs::read(
                site.join("episodes")
                    .join(record["chapters"].as_str().unwrap()),
            )
            .unwrap(),
        )
        .unwrap();
        assert_eq!(
            chapters_json["chapters"].as_array().unwrap().len(),
            sections.len()
        );
    }

    // Nothing changed: nothing is made, the GUIDs stay.
    let (ok, said) = podcast(&articles, &site);
    assert!(ok, "{said}");
    assert!(said.contains("0 episodes made, 3 unchanged"), "{said}");
    let again = std::fs::read_to_string(site.join("feed.xml")).unwrap();
    for guid in &guids {
        assert!(again.contains(guid.as_str()));
    }
    // One article changed: only its episode is made again.
    let mut text = std::fs::read_to_string(articles.join("night-trains.md")).unwrap();
    text.push_str("\nOne more paragraph, added after the first run.\n");
    std::fs::write(articles.join("night-trains.md"), text).unwrap();
    let (ok, said) = podcast(&articles, &site);
    assert!(ok, "{said}");
    assert!(said.contains("1 episode made, 2 unchanged"), "{said}");
}

#[test]
fn shards_split_the_batch_and_the_feed_is_rebuilt_after() {
    let work = tempfile::tempdir().unwrap();
    let site = work.path().join("site");
    let run = |extra: &[&str]| {
        common::hark()
            .args([
                "podcast",
                "-q",
                "--jobs",
                "1",
                "--feed-title",
                "T",
                "--base-url",
                "https://example.org/",
            ])
            .arg("-o")
            .arg(&site)
            .args(extra)
            .output()
            .unwrap()
    };
    let inputs = [
        "examples/harbour-reopens.txt",
        "examples/night-trains.md",
        "examples/market-day.html",
    ];
    let mut all = vec!["--shard", "0/2"];
    all.extend(inputs);
    assert!(run(&all).status.success());
    let first = hark::podcast::records(&site).len();
    all[1] = "1/2";
    assert!(run(&all).status.success());
    assert_eq!(
        first, 2,
        "shard 0 of 2 takes the 1st and 3rd of the sorted inputs"
    );
    assert_eq!(hark::podcast::records(&site).len(), 3);
    assert!(run(&["--feed-only"]).status.success());
    let feed = std::fs::read_to_string(site.join("feed.xml")).unwrap();
    assert_eq!(feed.matches("<item>").count(), 3);
    let bad = run(&["--shard", "2/2", "examples/night-trains.md"]);
    assert_eq!(bad.status.code(), Some(2));
}

#[test]
fn worker_processes_make_the_same_episodes() {
    let work = tempfile::tempdir().unwrap();
    let site = work.path().join("site");
    let out = common::hark()
        .args([
            "podcast",
            "--jobs",
            "2",
            "--feed-title",
            "T",
            "--base-url",
            "https://example.org/",
            "-o",
        ])
        .arg(&site)
        .args([
            "examples/harbour-reopens.txt",
            "examples/night-trains.md",
            "examples/market-day.html",
        ])
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{said}");
    assert!(
        said.contains("3 episodes made") && said.contains("LUFS"),
        "{said}"
    );
    let records = hark::podcast::records(&site);
    assert_eq!(records.len(), 3);
    for r in records {
        let mp3 = site.join("episodes").join(&r.mp3);
        assert_eq!(std::fs::metadata(mp3).unwrap().len(), r.mp3_bytes);
    }
}

#[test]
fn a_failing_article_costs_only_its_episode_and_a_wrong_voice_stops_the_batch() {
    let work = tempfile::tempdir().unwrap();
    let articles = work.path().join("articles");
    std::fs::create_dir(&articles).unwrap();
    for name in ["harbour-reopens.txt", "night-trains.md", "market-day.html"] {
        std::fs::copy(Path::new("examples").join(name), articles.join(name)).unwrap();
    }
    std::fs::write(articles.join("empty.txt"), "").unwrap();
    let run = |site: &Path, voice: &str| {
        let out = common::hark()
            .args(["podcast", "--jobs", "2", "--voice", voice])
            .args([
                "--feed-title",
                "T",
                "--base-url",
                "https://example.org/",
                "-o",
            ])
            .arg(site)
            .arg(&articles)
            .output()
            .unwrap();
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stderr).to_string(),
        )
    };
    let site = work.path().join("site");
    let (code, said) = run(&site, "espeak:en-us");
    assert_eq!(code, Some(1), "{said}");
    assert!(
        said.contains("empty.txt: there is no text to speak"),
        "{said}"
    );
    assert!(
        said.contains("3 episodes made, 0 unchanged, 1 failed"),
        "{said}"
    );
    assert_eq!(hark::podcast::records(&site).len(), 3);
    assert!(site.join("feed.xml").is_file());

    let elsewhere = work.path().join("elsewhere");
    let (code, said) = run(&elsewhere, "espeak:xx-no-such-voice");
    assert_eq!(code, Some(1), "{said}");
    assert!(said.contains("no voice 'xx-no-such-voice'"), "{said}");
    assert!(
        said.contains("0 episodes made, 0 unchanged, 4 failed"),
        "{said}"
    );
    assert!(!said.contains("panicked"), "{said}");
    assert!(!elsewhere.join("feed.xml").exists(), "{said}");
}

/// The pids of running `hark worker podcast` processes whose parent is `parent`.
fn workers_of(parent: u32) -> Vec<u32> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir("/proc").unwrap().flatten() {
        let Ok(pid) = entry.file_name().to_string_lossy().parse::<u32>() else {
            continue;
        };
        let cmdline = std::fs::read(entry.path().join("cmdline")).unwrap_or_default();
        let stat = std::fs::read_to_string(entry.path().join("stat")).unwrap_or_default();
        // stat: "pid (comm) state ppid ...": the ppid is the second field after the comm.
        let ppid = stat
            .rsplit_once(')')
            .and_then(|(_, rest)| rest.split_whitespace().nth(1))
            .and_then(|p| p.parse::<u32>().ok());
        if ppid == Some(parent) && cmdline.split(|&b| b == 0).any(|a| a == b"worker") {
            found.push(pid);
        }
    }
    found
}

#[test]
fn a_killed_worker_costs_only_the_episode_it_was_making() {
    let work = tempfile::tempdir().unwrap();
    let articles = work.path().join("articles");
    std::fs::create_dir(&articles).unwrap();
    let text = std::fs::read_to_string("examples/harbour-reopens.txt").unwrap();
    for i in 0..12 {
        std::fs::write(
            articles.join(format!("{i:02}.txt")),
            format!("Part {i}: {text}"),
        )
        .unwrap();
    }
    let site = work.path().join("site");
    let child = common::hark()
        .args(["podcast", "--jobs", "2", "--feed-title", "T"])
        .args(["--base-url", "https://example.org/", "-o"])
        .arg(&site)
        .arg(&articles)
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // Kill the first worker once it has finished an episode and is making another.
    let started = std::time::Instant::now();
    let mut killed = false;
    while !killed && started.elapsed().as_secs() < 60 {
        if hark::podcast::records(&site).len() >= 2
            && let Some(pid) = workers_of(child.id()).first()
        {
            killed = std::process::Command::new("kill")
                .args(["-KILL", &pid.to_string()])
                .status()
                .unwrap()
                .success();
        }
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    assert!(killed, "no worker to kill");
    let out = child.wait_with_output().unwrap();
    let said = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{said}");
    assert!(said.contains("stopped unexpectedly"), "{said}");
    assert!(
        said.contains("11 episodes made, 0 unchanged, 1 failed"),
        "{said}"
    );
    // Everything listed is whole; a rerun makes the missing one from where it stopped (none
    // when the worker was killed after writing its episode but before answering).
    let listed = hark::podcast::records(&site);
    assert!(listed.len() >= 11, "{} episodes", listed.len());
    for r in &listed {
        let mp3 = site.join("episodes").join(&r.mp3);
        assert_eq!(std::fs::metadata(mp3).unwrap().len(), r.mp3_bytes);
    }
    let again = common::hark()
        .args(["podcast", "--jobs", "2", "--feed-title", "T"])
        .args(["--base-url", "https://example.org/", "-o"])
        .arg(&site)
        .arg(&articles)
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&again.stderr);
    assert!(again.status.success(), "{said}");
    let made = 12 - listed.len();
    let episodes = match made {
        1 => "1 episode".to_string(),
        n => format!("{n} episodes"),
    };
    assert!(
        said.contains(&format!(
            "{episodes} made, {} unchanged, 0 failed",
            12 - made
        )),
        "{said}"
    );
}

/// Makes the night-train example's episode into `site` with `extra` options; it must succeed.
/// Returns what hark said.
fn night_train_episode(site: &Path, extra: &[&str]) -> String {
    let out = common::hark()
        .args(["podcast", "--jobs", "1", "--feed-title", "T"])
        .args(["--base-url", "https://example.org/", "-o"])
        .arg(site)
        .args(extra)
        .arg("examples/night-trains.md")
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&out.stderr).to_string();
    assert!(out.status.success(), "{said}");
    said
}

#[test]
fn a_sample_rate_other_than_the_voices_is_resampled() {
    let work = tempfile::tempdir().unwrap();
    let site = work.path().join("site");
    let run = |extra: &[&str]| night_train_episode(&site, extra);
    run(&["--sample-rate", "44100"]);
    let record = &hark::podcast::records(&site)[0];
    assert_eq!(record.sample_rate, 44_100);
    let (samples, rate) = common::decode(&site.join("episodes").join(&record.mp3));
    assert_eq!(rate, 44_100);
    let ms = samples.len() as f64 * 1000.0 / f64::from(rate);
    let want = record.duration_ms as f64;
    assert!(
        (ms - want).abs() < 120.0,
        "decoded {ms} ms, recorded {want} ms"
    );
    let pcm: Vec<i16> = samples.iter().map(|&s| (s * 32767.0) as i16).collect();
    let level = hark::loudness::measure(&pcm, rate).unwrap();
    assert!((level.lufs + 16.0).abs() <= 1.0, "{level:?}");
    assert!(level.true_peak_dbtp <= -0.5, "{level:?}");

    // The rate is a setting: the same again is unchanged, the voice's own rate is made anew.
    assert!(run(&["--sample-rate", "44100"]).contains("0 episodes made, 1 unchanged"));
    assert!(run(&[]).contains("1 episode made, 0 unchanged"));
    let record = &hark::podcast::records(&site)[0];
    assert_eq!(record.sample_rate, 22_050);

    // A rate an MP3 cannot have is refused before anything is made.
    let out = common::hark()
        .args(["podcast", "--sample-rate", "44000", "--feed-title", "T"])
        .args([
            "--base-url",
            "https://example.org/",
            "examples/night-trains.md",
        ])
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{said}");
    assert!(said.contains("not an MP3 sample rate"), "{said}");
}

#[test]
fn opus_editions_beside_the_mp3s() {
    let work = tempfile::tempdir().unwrap();
    let site = work.path().join("site");
    let run = |extra: &[&str]| {
        night_train_episode(&site, extra);
    };
    run(&["--opus"]);
    let record = &hark::podcast::records(&site)[0];
    let opus = site
        .join("episodes")
        .join(record.opus.as_ref().expect("an Opus file"));
    assert_eq!(record.opus_kbps, Some(32));
    assert_eq!(
        std::fs::metadata(&opus).unwrap().len(),
        record.opus_bytes.unwrap()
    );
    let (samples, comments) = common::decode_opus(&opus);
    let ms = samples.len() as f64 / 48.0;
    let want = record.duration_ms as f64;
    assert!(
        (ms - want).abs() < 25.0,
        "decoded {ms} ms, recorded {want} ms"
    );
    let level = hark::loudness::measure(&samples, 48_000).unwrap();
    assert!((level.lufs + 16.0).abs() <= 1.0, "{level:?}");
    assert!(comments.contains(&"TITLE=The return of the night train".to_string()));
    let names: Vec<&str> = comments
        .iter()
        .filter(|c| c.starts_with("CHAPTER") && c.contains("NAME="))
        .map(|c| c.split_once('=').unwrap().1)
        .collect();
    let tag = id3::Tag::read_from_path(site.join("episodes").join(&record.mp3)).unwrap();
    assert_eq!(names.len(), tag.chapters().count(), "{comments:?}");
    assert!(
        names.contains(&"The return of the night train"),
        "{names:?}"
    );

    let feed = std::fs::read_to_string(site.join("feed.xml")).unwrap();
    let doc = roxmltree::Document::parse(&feed).unwrap();
    let alternates: Vec<_> = doc
        .descendants()
        .filter(|n| n.has_tag_name("alternateEnclosure"))
        .collect();
    assert_eq!(alternates.len(), 2, "the MP3 (default) and the Opus file");
    let mp3 = alternates
        .iter()
        .find(|n| n.attribute("default") == Some("true"))
        .expect("the MP3 as the default alternate");
    assert_eq!(mp3.attribute("type"), Some("audio/mpeg"));
    assert_eq!(
        mp3.attribute("length").unwrap().parse::<u64>().unwrap(),
        record.mp3_bytes
    );
    let alternate = alternates
        .iter()
        .find(|n| n.attribute("type") == Some("audio/ogg"))
        .expect("the Opus file as an alternate");
    assert_eq!(alternate.attribute("type"), Some("audio/ogg"));
    let length: u64 = alternate.attribute("length").unwrap().parse().unwrap();
    assert_eq!(length, record.opus_bytes.unwrap());
    let source = alternate
        .children()
        .find(|n| n.has_tag_name("source"))
        .unwrap();
    assert!(
        source
            .attribute("uri")
            .unwrap()
            .ends_with(record.opus.as_ref().unwrap())
    );

    // Without --opus the episode is remade MP3 only, and the Opus file goes.
    run(&[]);
    assert_eq!(hark::podcast::records(&site)[0].opus, None);
    assert!(!opus.exists());
    let feed = std::fs::read_to_string(site.join("feed.xml")).unwrap();
    assert!(!feed.contains("alternateEnclosure"));
}

#[test]
fn a_quoted_glob_pattern_picks_the_articles() {
    let work = tempfile::tempdir().unwrap();
    let articles = work.path().join("articles");
    std::fs::create_dir(&articles).unwrap();
    for name in ["harbour-reopens.txt", "night-trains.md"] {
        std::fs::copy(Path::new("examples").join(name), articles.join(name)).unwrap();
    }
    let site = work.path().join("site");
    let run = |pattern: &Path| {
        let out = common::hark()
            .args([
                "podcast",
                "--feed-title",
                "T",
                "--base-url",
                "https://example.org/",
            ])
            .arg("-o")
            .arg(&site)
            .arg(pattern)
            .output()
            .unwrap();
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stderr).to_string(),
        )
    };
    let (code, said) = run(&articles.join("*.md"));
    assert_eq!(code, Some(0), "{said}");
    assert!(said.contains("1 episode made"), "{said}");
    let records = hark::podcast::records(&site);
    assert_eq!(records.len(), 1);
    assert!(records[0].source.ends_with("night-trains.md"));
    let (code, said) = run(&articles.join("*.html"));
    assert_eq!(code, Some(1), "{said}");
    assert!(said.contains("no files match this pattern"), "{said}");
}

/// The feed reads in a feed parser (the `rss` crate), not only as XML: its channel, category
/// and subcategory, and each item's enclosure with the MP3's exact length. It says where it
/// lives (`atom:link rel="self"`) and carries Podcasting 2.0's `podcast:guid` for that address;
/// without artwork hark warns, since the directories require it.
#[test]
fn the_feed_reads_in_a_feed_parser() {
    let work = tempfile::tempdir().unwrap();
    let site = work.path().join("site");
    let out = common::hark()
        .args([
            "podcast",
            "--feed-title",
            "Harbour news",
            "--base-url",
            "https://example.org/audio",
            "--category",
            "news > politics",
            "-o",
        ])
        .arg(&site)
        .arg("examples/harbour-reopens.txt")
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{said}");
    assert!(said.contains("no --image-url"), "{said}");
    let bytes = std::fs::read(site.join("feed.xml")).unwrap();
    let channel = rss::Channel::read_from(&bytes[..]).expect("a feed the rss crate reads");
    assert_eq!(channel.title(), "Harbour news");
    assert_eq!(channel.link(), "https://example.org/audio/");
    let itunes = channel.itunes_ext().expect("the iTunes tags");
    let category = &itunes.categories()[0];
    assert_eq!(category.text(), "News");
    assert_eq!(
        category.subcategory().map(|s| s.text().to_string()),
        Some("Politics".to_string())
    );
    assert_eq!(channel.items().len(), 1);
    let enclosure = channel.items()[0].enclosure().expect("an enclosure");
    assert_eq!(enclosure.mime_type(), "audio/mpeg");
    let name = enclosure
        .url()
        .strip_prefix("https://example.org/audio/episodes/")
        .expect("the episode under the base address");
    let length = std::fs::metadata(site.join("episodes").join(name))
        .unwrap()
        .len();
    assert_eq!(enclosure.length(), length.to_string());
    let text = String::from_utf8(bytes).unwrap();
    assert!(
        text.contains(
            "<atom:link href=\"https://example.org/audio/feed.xml\" rel=\"self\" type=\"application/rss+xml\"/>"
        ),
        "{text}"
    );
    // UUID v5 of "example.org/audio/feed.xml" in Podcasting 2.0's namespace.
    let guid = text
        .split("<podcast:guid>")
        .nth(1)
        .and_then(|rest| rest.split('<').next())
        .expect("a podcast:guid");
    assert_eq!(guid.len(), 36);
    assert_eq!(&guid[14..15], "5", "a version 5 UUID: {guid}");
}

/// A base address that is not one, or a category Apple does not have, is a usage error that
/// says what to give.
#[test]
fn the_feed_settings_are_checked() {
    let run = |extra: &[&str]| {
        let out = common::hark()
            .args([
                "podcast",
                "--feed-title",
                "T",
                "examples/harbour-reopens.txt",
            ])
            .args(extra)
            .output()
            .unwrap();
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stderr).to_string(),
        )
    };
    let (code, said) = run(&["--base-url", "not a url at all"]);
    assert_eq!(code, Some(2), "{said}");
    assert!(said.contains("https://example.org/podcast/"), "{said}");
    let (code, said) = run(&["--base-url", "https://example.org", "--category", "Newz"]);
    assert_eq!(code, Some(2), "{said}");
    assert!(
        said.contains("not an Apple Podcasts category") && said.contains("Technology"),
        "{said}"
    );
}
