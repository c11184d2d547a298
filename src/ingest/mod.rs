//! Ingest: input bytes → [`Document`].
//!
//! Decodes the bytes (UTF-8, UTF-16 with a BOM; invalid bytes are replaced with a warning),
//! works out the format (from `--from`, the file's extension, or the content), and hands the
//! text to the reader for that format. Nothing here is dropped for being boilerplate; that is
//! `clean`'s job. Only ingest and the output sinks touch the file system.

pub mod date;
pub mod epub;
pub mod signature;
mod html;
mod markdown;
mod ssml;
mod text;
mod title;

use crate::document::Document;
use crate::error::IngestError;
use std::path::Path;

/// The formats hark reads.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize, clap::ValueEnum,
)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// Plain text as copied from a web page: bare-line headings.
    Text,
    /// CommonMark with front matter, tables and footnotes.
    Markdown,
    /// A web page; the article is extracted from it.
    Html,
    /// An SSML document (`<speak>`), as another tool wrote it.
    Ssml,
    /// An EPUB book (EPUB 3 or 2): its chapters from its table of contents.
    Epub,
}

/// An input after decoding: where it came from, its format and its text.
#[derive(Debug, Clone)]
pub struct Source {
    /// The path as given, or `-` for standard input.
    pub path: String,
    /// The format it was read as.
    pub format: Format,
    /// SHA-256 of the raw bytes, hex.
    pub sha256: String,
    /// The decoded text.
    pub text: String,
    /// Problems met while decoding.
    pub warnings: Vec<String>,
}

/// The most text hark will read from one input; beyond this, an article is surely not an article.
pub const MAX_INPUT_BYTES: usize = 64 * 1024 * 1024;

/// Reads a file, or standard input when `path` is `-`.
pub fn read_input(path: &str) -> Result<Vec<u8>, IngestError> {
    use std::io::Read;
    if (path.starts_with("http://") || path.starts_with("https://")) && !Path::new(path).exists() {
        return Err(IngestError::Url {
            url: path.to_string(),
        });
    }
    let mut bytes = Vec::new();
    let result = if path == "-" {
        std::io::stdin()
            .lock()
            .take(MAX_INPUT_BYTES as u64 + 1)
            .read_to_end(&mut bytes)
    } else {
        std::fs::File::open(path)
            .and_then(|f| f.take(MAX_INPUT_BYTES as u64 + 1).read_to_end(&mut bytes))
    };
    result.map_err(|source| IngestError::Read {
        path: path.to_string(),
        source,
    })?;
    if bytes.len() > MAX_INPUT_BYTES {
        return Err(IngestError::TooLarge {
            path: path.to_string(),
            limit: MAX_INPUT_BYTES,
        });
    }
    Ok(bytes)
}

/// Decodes bytes into a [`Source`], choosing the format from `from`, the extension or the content.
pub fn decode(path: &str, bytes: &[u8], from: Option<Format>) -> Result<Source, IngestError> {
    // A book is read from its archive when parsed; it has no text of its own.
    if from == Some(Format::Epub) || from.is_none() && signature::is_epub(bytes) {
        return Ok(Source {
            path: path.to_string(),
            format: Format::Epub,
            sha256: crate::digest::sha256_hex(bytes),
            text: String::new(),
            warnings: Vec::new(),
        });
    }
    if let Some(found) = signature::not_text(bytes) {
        return Err(IngestError::NotText {
            path: path.to_string(),
            kind: found.kind,
            fix: found.fix,
        });
    }
    let sha256 = crate::digest::sha256_hex(bytes);
    let mut warnings = Vec::new();
    let text = decode_text(path, bytes, &mut warnings)?;
    let format = from.unwrap_or_else(|| detect_format(path, &text));
    Ok(Source {
        path: path.to_string(),
        format,
        sha256,
        text,
        warnings,
    })
}

/// Parses a decoded source into a [`Document`]; a book is read from `bytes`, its front and
/// back matter kept when `keep_boilerplate` is, its chapters those `chosen`. SSML must be
/// well-formed and a book readable.
pub fn parse(
    source: &Source,
    bytes: &[u8],
    keep_boilerplate: bool,
    chosen: Option<&epub::Chapters>,
) -> Result<Document, IngestError> {
    let mut doc = match source.format {
        Format::Epub => {
            epub::read(bytes, keep_boilerplate, chosen).map_err(|problem| IngestError::Epub {
                path: source.path.clone(),
                problem,
            })?
        }
        Format::Text => text::parse(&source.text),
        Format::Markdown => markdown::parse(&source.text),
        Format::Html => html::parse(&source.text),
        Format::Ssml => ssml::parse(&source.text).map_err(|e| IngestError::Ssml {
            path: source.path.clone(),
            source: e,
        })?,
    };
    doc.warnings.splice(0..0, source.warnings.iter().cloned());
    Ok(doc)
}

fn decode_text(
    path: &str,
    bytes: &[u8],
    warnings: &mut Vec<String>,
) -> Result<String, IngestError> {
    if let Some(rest) = bytes.strip_prefix(&[0xff, 0xfe]) {
        return Ok(decode_utf16(rest, u16::from_le_bytes, warnings, path));
    }
    if let Some(rest) = bytes.strip_prefix(&[0xfe, 0xff]) {
        return Ok(decode_utf16(rest, u16::from_be_bytes, warnings, path));
    }
    let bytes = bytes.strip_prefix(&[0xef, 0xbb, 0xbf]).unwrap_or(bytes);
    let nuls = bytes.iter().filter(|&&b| b == 0).count();
    if bytes.len() >= 16 && nuls * 10 > bytes.len() {
        return Err(IngestError::Binary {
            path: path.to_string(),
        });
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok(s.to_string()),
        Err(_) => {
            let s = String::from_utf8_lossy(bytes).into_owned();
            let bad = s.matches('\u{fffd}').count();
            let sequences = match bad {
                1 => "1 invalid byte sequence was".to_string(),
                n => format!("{n} invalid byte sequences were"),
            };
            warnings.push(format!(
                "{path}: not valid UTF-8; {sequences} replaced (convert the file to UTF-8, e.g. `iconv -f latin1 -t utf-8`)"
            ));
            Ok(s)
        }
    }
}

fn decode_utf16(
    bytes: &[u8],
    unit: fn([u8; 2]) -> u16,
    warnings: &mut Vec<String>,
    path: &str,
) -> String {
    let units = bytes.chunks_exact(2).map(|c| unit([c[0], c[1]]));
    let s: String = char::decode_utf16(units)
        .map(|r| r.unwrap_or(char::REPLACEMENT_CHARACTER))
        .collect();
    if s.contains('\u{fffd}') {
        warnings.push(format!(
            "{path}: UTF-16 text with unpaired surrogates; they were replaced"
        ));
    }
    s
}

/// Guesses the format: extension first, then the content's first characters.
pub fn detect_format(path: &str, text: &str) -> Format {
    let ext = Path::new(path)
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    match ext.as_deref() {
        Some("md" | "markdown" | "mdown" | "mkd") => return Format::Markdown,
        Some("html" | "htm" | "xhtml") => return Format::Html,
        Some("txt" | "text") => return Format::Text,
        Some("ssml") => return Format::Ssml,
        _ => {}
    }
    let head: String = text
        .trim_start()
        .chars()
        .take(512)
        .collect::<String>()
        .to_ascii_lowercase();
    if head.starts_with("<speak") || (head.starts_with("<?xml") && head.contains("<speak")) {
        return Format::Ssml;
    }
    if head.starts_with("<!doctype html")
        || head.starts_with("<html")
        || head.contains("<body")
        || head.contains("<head")
    {
        return Format::Html;
    }
    if head.starts_with("---\n") || text.lines().any(is_atx_heading) {
        return Format::Markdown;
    }
    Format::Text
}

fn is_atx_heading(line: &str) -> bool {
    let hashes = line.bytes().take_while(|&b| b == b'#').count();
    (1..=6).contains(&hashes) && line[hashes..].starts_with(' ')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extension_wins_over_content() {
        assert_eq!(detect_format("a.md", "<html>"), Format::Markdown);
        assert_eq!(detect_format("a.txt", "# x"), Format::Text);
    }

    #[test]
    fn content_detects_html_and_markdown() {
        assert_eq!(detect_format("-", "  <!DOCTYPE html><html>"), Format::Html);
        assert_eq!(
            detect_format("-", "intro\n\n## Part two\n"),
            Format::Markdown
        );
        assert_eq!(detect_format("-", "Title\nBody."), Format::Text);
        assert_eq!(
            detect_format("-", "<?xml version=\"1.0\"?>\n<speak>Hi</speak>"),
            Format::Ssml
        );
        assert_eq!(detect_format("a.ssml", "Hi"), Format::Ssml);
    }

    #[test]
    fn decodes_utf16_with_bom() {
        let mut bytes = vec![0xff, 0xfe];
        for u in "Hi ☃".encode_utf16() {
            bytes.extend_from_slice(&u.to_le_bytes());
        }
        let s = decode("x.txt", &bytes, None).unwrap();
        assert_eq!(s.text, "Hi ☃");
        assert!(s.warnings.is_empty());
    }

    #[test]
    fn invalid_utf8_is_replaced_with_a_warning() {
        let s = decode("x.txt", b"caf\xe9 ok", None).unwrap();
        assert_eq!(s.text, "caf\u{fffd} ok");
        assert!(s.warnings[0].contains("not valid UTF-8"));
    }

    #[test]
    fn binary_is_refused() {
        let bytes = [0u8, 1, 2, 0, 0, 0, 0, 0, 9, 0, 0, 0, 0, 0, 0, 0, 0];
        assert!(matches!(
            decode("x.bin", &bytes, None),
            Err(IngestError::Binary { .. })
        ));
    }
}
