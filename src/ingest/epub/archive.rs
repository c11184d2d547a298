//! An EPUB's ZIP container, read with limits: entries by their path inside the book, paths
//! resolved against the file that names them and never outside the archive, and no more
//! inflated than [`MAX_INFLATED`] (a small ZIP can inflate to gigabytes).

use std::io::{Cursor, Read};

/// The most an EPUB may inflate to, all entries read together: ten times the largest input
/// hark reads, far beyond any real book's text.
pub const MAX_INFLATED: u64 = 640 * 1024 * 1024;

/// An open EPUB container.
pub struct Archive<'a> {
    zip: zip::ZipArchive<Cursor<&'a [u8]>>,
    /// Bytes inflated so far.
    inflated: u64,
    /// The most that may be inflated.
    limit: u64,
}

impl<'a> Archive<'a> {
    /// Opens the ZIP; an error says what is wrong with it.
    pub fn open(bytes: &'a [u8]) -> Result<Self, String> {
        Self::with_limit(bytes, MAX_INFLATED)
    }

    /// Opens the ZIP, allowing `limit` bytes to be inflated in all.
    pub fn with_limit(bytes: &'a [u8], limit: u64) -> Result<Self, String> {
        let zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| {
            format!("it is not a readable ZIP archive ({e}); the file may be cut short or damaged")
        })?;
        Ok(Archive {
            zip,
            inflated: 0,
            limit,
        })
    }

    /// Whether the archive has an entry at `path`.
    pub fn has(&self, path: &str) -> bool {
        self.zip.index_for_name(path).is_some()
    }

    /// The bytes of the entry at `path`, or what is wrong.
    pub fn read(&mut self, path: &str) -> Result<Vec<u8>, String> {
        let mut entry = self
            .zip
            .by_name(path)
            .map_err(|_| format!("it has no {path}, which the book names"))?;
        if entry.encrypted() {
            return Err(format!("{path} is encrypted (DRM)"));
        }
        let left = self.limit.saturating_sub(self.inflated);
        let mut out = Vec::with_capacity(entry.size().min(left) as usize);
        (&mut entry)
            .take(left + 1)
            .read_to_end(&mut out)
            .map_err(|e| format!("{path} cannot be inflated ({e})"))?;
        self.inflated += out.len() as u64;
        if self.inflated > self.limit {
            return Err(format!(
                "it inflates to more than {} MB (a ZIP bomb, or no book)",
                self.limit / 1024 / 1024
            ));
        }
        Ok(out)
    }

    /// The entry at `path` as text (UTF-8, a BOM dropped; bad bytes replaced).
    pub fn text(&mut self, path: &str) -> Result<String, String> {
        let bytes = self.read(path)?;
        let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(&bytes);
        Ok(String::from_utf8_lossy(bytes).into_owned())
    }
}

/// `href` (as written in a file at `base`, a path inside the archive) as a path inside the
/// archive: percent-escapes decoded, `.` and `..` resolved, any `#fragment` left off. `None`
/// for a link out of the book (an address) or a path that climbs out of the archive.
pub fn resolve(base: &str, href: &str) -> Option<String> {
    let href = href.split('#').next().unwrap_or_default();
    if href.is_empty() || href.contains("://") || href.starts_with("mailto:") {
        return None;
    }
    let decoded = percent_decoded(href);
    let mut parts: Vec<&str> = if decoded.starts_with('/') {
        Vec::new()
    } else {
        base.split('/').collect()
    };
    parts.pop(); // the file's own name
    for part in decoded.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            part => parts.push(part),
        }
    }
    Some(parts.join("/"))
}

/// `%20` and the like decoded; a malformed escape kept as written.
fn percent_decoded(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[i], hex) {
            (b'%', Some(b)) => {
                out.push(b);
                i += 3;
            }
            (b, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    /// A ZIP of `entries`, deflated.
    fn zipped(entries: &[(&str, &[u8])]) -> Vec<u8> {
        let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        for (name, bytes) in entries {
            out.start_file(*name, options).unwrap();
            out.write_all(bytes).unwrap();
        }
        out.finish().unwrap().into_inner()
    }

    #[test]
    fn a_zip_bomb_is_stopped_at_the_limit() {
        let zeros = vec![0u8; 3 * 1024 * 1024];
        let bytes = zipped(&[("a.xhtml", &zeros)]);
        assert!(bytes.len() < 64 * 1024);
        let mut archive = Archive::with_limit(&bytes, 2 * 1024 * 1024).unwrap();
        assert!(archive.read("a.xhtml").unwrap_err().contains("ZIP bomb"));
        let mut roomy = Archive::with_limit(&bytes, 4 * 1024 * 1024).unwrap();
        assert_eq!(roomy.read("a.xhtml").unwrap().len(), zeros.len());
        assert!(
            roomy
                .read("gone.xhtml")
                .unwrap_err()
                .contains("no gone.xhtml")
        );
    }

    #[test]
    fn a_damaged_archive_is_named_so() {
        let bytes = zipped(&[("mimetype", b"application/epub+zip")]);
        let cut = &bytes[..bytes.len() / 2];
        assert!(
            Archive::open(cut)
                .err()
                .unwrap()
                .contains("not a readable ZIP")
        );
    }

    #[test]
    fn links_resolve_inside_the_book_and_never_out_of_it() {
        assert_eq!(
            resolve("OEBPS/content.opf", "text/ch%201.xhtml#p3").as_deref(),
            Some("OEBPS/text/ch 1.xhtml")
        );
        assert_eq!(
            resolve("OEBPS/text/a.xhtml", "../images/b.png").as_deref(),
            Some("OEBPS/images/b.png")
        );
        assert_eq!(resolve("content.opf", "../../etc/passwd"), None);
        assert_eq!(resolve("OEBPS/a.xhtml", "https://example.com/"), None);
        assert_eq!(resolve("OEBPS/a.xhtml", "#note"), None);
    }
}
