//! The command line's own value types: what a flag's text must look like, each parser saying
//! what to type instead when it does not (clap shows the message as a usage error), and the
//! closed lists of values some flags take.

use hark::speech::MAX_PAUSE_MS;

/// Parses "K/N" with K < N.
/// `--sample-rate`: one of the rates an MP3 can have.
pub fn parse_sample_rate(s: &str) -> Result<u32, String> {
    let rates = hark::codec::resample::RATES;
    s.parse::<u32>()
        .ok()
        .filter(|r| rates.contains(r))
        .ok_or_else(|| format!("'{s}' Hz is not an MP3 sample rate: use one of {rates:?}"))
}

pub fn parse_audio_format(s: &str) -> Result<hark::codec::AudioFormat, String> {
    hark::codec::AudioFormat::from_name(s).ok_or_else(|| {
        let names: Vec<&str> = hark::codec::AudioFormat::ALL
            .iter()
            .map(|f| f.name())
            .collect();
        format!(
            "'{s}' is not an audio format hark writes: use {}",
            names.join(", ")
        )
    })
}

pub fn parse_shard(s: &str) -> Result<(usize, usize), String> {
    let bad = || format!("'{s}' is not a shard: write K/N with 0 <= K < N, e.g. 0/4");
    let (k, n) = s.split_once('/').ok_or_else(bad)?;
    let (k, n): (usize, usize) = (
        k.trim().parse().map_err(|_| bad())?,
        n.trim().parse().map_err(|_| bad())?,
    );
    if n == 0 || k >= n {
        return Err(bad());
    }
    Ok((k, n))
}

/// `--name`: one folder name, never a path, so that the edition stays inside `-o`.
pub fn parse_folder_name(s: &str) -> Result<String, String> {
    let name = s.trim();
    if name.is_empty() || name == "." || name == ".." {
        return Err("give a folder name, such as harbour-reopens".into());
    }
    if name.contains(['/', '\\']) || name.chars().any(char::is_control) {
        return Err(format!(
            "'{name}' is a path; give only the folder's name, and the parent with -o"
        ));
    }
    Ok(name.to_string())
}

/// `hark speak --voice`: `system:NAME` (or a bare NAME) is the service's voice NAME; an
/// engine's voice is refused, since the service speaks with its own.
pub fn parse_service_voice(s: &str) -> Result<String, String> {
    let name = match s.split_once(':') {
        Some(("system", name)) => name,
        Some((engine @ ("espeak" | "espeak-ng" | "piper"), _)) => {
            return Err(format!(
                "hark speak uses the system speech service: give --voice system:NAME (see `hark voices --engine system`), not {engine}: (that voice is for hark export)"
            ));
        }
        _ => s,
    };
    let name = name.trim();
    if name.is_empty() {
        return Err(
            "give the service's voice as system:NAME (see `hark voices --engine system`)".into(),
        );
    }
    Ok(name.to_string())
}

/// Parses "2-4" or "3".
pub fn parse_range(s: &str) -> Result<(usize, usize), String> {
    let bad = || format!("'{s}' is not a section or range (write e.g. 2 or 2-4)");
    let (a, b) = s.split_once('-').unwrap_or((s, s));
    let a: usize = a.trim().parse().map_err(|_| bad())?;
    let b: usize = b.trim().parse().map_err(|_| bad())?;
    if a > b {
        return Err(bad());
    }
    Ok((a, b))
}

/// A language tag as BCP 47 writes it, of a language some voice speaks.
/// `--chapters`: a list of chapter numbers and ranges (3-7,9), checked here and kept as
/// written (settings files hold it as text).
pub fn parse_chapters(s: &str) -> Result<String, String> {
    hark::ingest::epub::Chapters::parse(s).map(|_| s.to_string())
}

pub fn parse_lang(s: &str) -> Result<String, String> {
    let tag = hark::language::clean_tag(s).ok_or_else(|| {
        format!("{s:?} is not a language tag: give one such as en, fr, es-MX or sw (`hark voices --lang` lists the languages there are voices for)")
    })?;
    if !hark::synth::speaks(&tag, &hark::voices::search_dirs(None)) {
        return Err(format!(
            "no voice speaks the language '{tag}': `hark voices --lang` lists the languages there are voices for"
        ));
    }
    Ok(tag)
}

/// Parses "800ms", "1.5s", "2s" or a bare number of milliseconds.
pub fn parse_pause(s: &str) -> Result<u32, String> {
    let t = s.trim();
    let (num, scale) = if let Some(n) = t.strip_suffix("ms") {
        (n, 1.0)
    } else if let Some(n) = t.strip_suffix('s') {
        (n, 1000.0)
    } else if t.parse::<f64>().is_ok_and(|v| v == 0.0) {
        // No pause is no pause in any unit.
        (t, 1.0)
    } else {
        // A bare number could mean seconds or milliseconds: never guess.
        return Err(format!("'{s}' has no unit: add one, as in 5s or 500ms"));
    };
    let value: f64 = num
        .trim()
        .parse()
        .map_err(|_| format!("'{s}' is not a duration (write e.g. 800ms or 1.5s)"))?;
    let ms = value * scale;
    if !ms.is_finite() || ms < 0.0 {
        return Err(format!("'{s}' is not a duration of zero or more"));
    }
    if ms > f64::from(MAX_PAUSE_MS) {
        return Err(format!(
            "'{s}' is longer than the longest pause hark allows ({}s)",
            MAX_PAUSE_MS / 1000
        ));
    }
    Ok(ms.round() as u32)
}

/// The editions `hark export --edition` adds to the section files.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Edition {
    /// EPUB 3 with Media Overlays: `<article>.epub`.
    Epub,
    /// An M4B audiobook (AAC, a chapter per section, loudness-normalized): `<article>.m4b`.
    M4b,
    /// A DAISY 2.02 talking book, full text and full audio: `daisy/ncc.html`.
    Daisy,
    /// A read-along web page, the sentence being spoken highlighted: `web/index.html`.
    Web,
}

/// What `hark markup` prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum OutputFormat {
    /// One SSML document per section.
    Ssml,
    /// The structure `hark export` puts into manifest.json, without the audio fields.
    Json,
    /// The spoken text with section titles.
    Text,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pauses_parse_with_units() {
        assert_eq!(parse_pause("800ms"), Ok(800));
        assert_eq!(parse_pause("1.5s"), Ok(1500));
        assert_eq!(parse_pause("0"), Ok(0));
        assert!(
            parse_pause("250")
                .unwrap_err()
                .contains("add one, as in 5s or 500ms")
        );
        assert!(parse_pause("0.5").is_err());
        assert!(parse_pause("11s").is_err());
        assert!(parse_pause("-1s").is_err());
        assert!(parse_pause("soon").is_err());
    }
}
