//! Files that are not text, told by their first bytes (their "magic numbers"): documents, archives,
//! images, audio, video, executables and compressed files. hark refuses them before decoding,
//! naming what the file is and how to get its text out, instead of reading the bytes aloud.

/// A kind of file that is not an article, and what to do with one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NotText {
    /// What the file is, as a phrase: "a PDF document".
    pub kind: &'static str,
    /// What to do instead.
    pub fix: &'static str,
}

const PDF: NotText = NotText {
    kind: "a PDF document",
    fix: "extract its text first, e.g. `pdftotext FILE - | hark export -`",
};
const EPUB: NotText = NotText {
    kind: "an EPUB book",
    fix: "hark reads it as a book when --from is left out (or is --from epub)",
};
const WORD: NotText = NotText {
    kind: "a word-processor document (DOCX or ODT)",
    fix: "convert it first, e.g. `pandoc FILE -t markdown | hark export --from markdown -`",
};
const OLD_OFFICE: NotText = NotText {
    kind: "a Microsoft Office document in the old binary format (.doc, .xls, .ppt)",
    fix: "save it as text or HTML first (or `antiword FILE | hark export -`)",
};
const ZIP: NotText = NotText {
    kind: "a ZIP archive",
    fix: "unpack it and give hark the articles inside",
};
const IMAGE: NotText = NotText {
    kind: "an image",
    fix: "hark reads text; for text in a picture, run OCR first (e.g. `tesseract FILE - | hark export -`)",
};
const AUDIO: NotText = NotText {
    kind: "an audio file",
    fix: "hark turns text into audio; give it the article's text",
};
const VIDEO: NotText = NotText {
    kind: "a video file",
    fix: "hark turns text into audio; give it the article's text",
};
const EXECUTABLE: NotText = NotText {
    kind: "a program (an executable or library)",
    fix: "give hark a .txt, .md, .html or .ssml article",
};
const COMPRESSED: NotText = NotText {
    kind: "a compressed file or archive",
    fix: "unpack it first (e.g. `gunzip -c FILE | hark export -` for one gzipped article)",
};
const DATABASE: NotText = NotText {
    kind: "an SQLite database",
    fix: "give hark a .txt, .md, .html or .ssml article",
};

/// What `bytes` are, when their first bytes say they are not text. A byte-order mark says
/// they are text (UTF-16's `FF FE` would otherwise pass for an MPEG audio frame).
pub fn not_text(bytes: &[u8]) -> Option<NotText> {
    let starts = |magic: &[u8]| bytes.starts_with(magic);
    if starts(&[0xff, 0xfe]) || starts(&[0xfe, 0xff]) || starts(&[0xef, 0xbb, 0xbf]) {
        return None;
    }
    let at = |offset: usize, magic: &[u8]| bytes.get(offset..offset + magic.len()) == Some(magic);
    if starts(b"%PDF-") && bytes.get(5).is_some_and(u8::is_ascii_digit) {
        return Some(PDF);
    }
    if starts(b"PK\x03\x04") || starts(b"PK\x05\x06") || starts(b"PK\x07\x08") {
        return Some(zip_kind(bytes));
    }
    if starts(&[0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]) {
        return Some(OLD_OFFICE);
    }
    // ISO base media (MP4, MOV, M4A, HEIC, AVIF): a box size, then `ftyp` and a brand.
    if at(4, b"ftyp") {
        let brand = bytes.get(8..12).unwrap_or_default();
        return Some(match brand {
            b"heic" | b"heix" | b"mif1" | b"msf1" | b"avif" | b"avis" => IMAGE,
            b"M4A " | b"M4B " | b"M4P " => AUDIO,
            _ => VIDEO,
        });
    }
    if starts(b"RIFF") {
        return match bytes.get(8..12) {
            Some(b"WAVE") => Some(AUDIO),
            Some(b"WEBP") => Some(IMAGE),
            Some(b"AVI ") => Some(VIDEO),
            _ => None,
        };
    }
    let images: [&[u8]; 6] = [
        b"\x89PNG\r\n\x1a\n",
        &[0xff, 0xd8, 0xff],
        b"GIF87a",
        b"GIF89a",
        b"II*\x00",
        b"MM\x00*",
    ];
    if images.iter().any(|m| starts(m)) {
        return Some(IMAGE);
    }
    // An ID3 tag: `ID3`, then its version (2 to 4) and revision bytes.
    let id3 = starts(b"ID3") && bytes.get(3).is_some_and(|v| (2..=4).contains(v));
    let audio: [&[u8]; 3] = [b"OggS", b"fLaC", b"#!AMR"];
    if audio.iter().any(|m| starts(m))
        || id3
        || (starts(b"FORM") && at(8, b"AIFF"))
        || mp3_frame(bytes)
    {
        return Some(AUDIO);
    }
    if starts(&[0x1a, 0x45, 0xdf, 0xa3]) || starts(b"FLV\x01") {
        return Some(VIDEO);
    }
    let programs: [&[u8]; 6] = [
        b"\x7fELF",
        &[0xfe, 0xed, 0xfa, 0xce],
        &[0xfe, 0xed, 0xfa, 0xcf],
        &[0xcf, 0xfa, 0xed, 0xfe],
        &[0xca, 0xfe, 0xba, 0xbe],
        b"\x00asm",
    ];
    if programs.iter().any(|m| starts(m)) || windows_program(bytes) {
        return Some(EXECUTABLE);
    }
    let compressed: [&[u8]; 6] = [
        &[0x1f, 0x8b],
        &[0xfd, b'7', b'z', b'X', b'Z', 0x00],
        &[0x28, 0xb5, 0x2f, 0xfd],
        &[b'7', b'z', 0xbc, 0xaf, 0x27, 0x1c],
        b"Rar!\x1a\x07",
        &[0x04, 0x22, 0x4d, 0x18],
    ];
    let bzip2 = starts(b"BZh") && at(4, &[0x31, 0x41, 0x59, 0x26, 0x53, 0x59]);
    if compressed.iter().any(|m| starts(m)) || bzip2 || at(257, b"ustar") {
        return Some(COMPRESSED);
    }
    if starts(b"SQLite format 3\x00") {
        return Some(DATABASE);
    }
    None
}

/// Whether `bytes` are an EPUB: a ZIP whose opening (where the `mimetype` entry is stored
/// uncompressed) says `application/epub+zip`. The one test, for reading a book and for
/// refusing one where a book is not wanted.
pub fn is_epub(bytes: &[u8]) -> bool {
    let zip = [b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08"];
    let head = &bytes[..bytes.len().min(4096)];
    zip.iter().any(|magic| bytes.starts_with(*magic))
        && head.windows(20).any(|w| w == b"application/epub+zip")
}

/// An EPUB, a word-processor document, or another ZIP. EPUB and OpenDocument store their
/// media type uncompressed as the first entry (`mimetype`); DOCX has a `word/` folder.
fn zip_kind(bytes: &[u8]) -> NotText {
    let head = &bytes[..bytes.len().min(4096)];
    let has = |needle: &[u8]| head.windows(needle.len()).any(|w| w == needle);
    if is_epub(bytes) {
        EPUB
    } else if has(b"application/vnd.oasis.opendocument") || has(b"word/") {
        WORD
    } else {
        ZIP
    }
}

/// An MPEG audio frame header at the start: 11 sync bits, a valid layer and bit rate.
fn mp3_frame(bytes: &[u8]) -> bool {
    match bytes {
        [0xff, b1, b2, ..] => {
            let sync = b1 & 0xe0 == 0xe0;
            let layer = (b1 >> 1) & 0b11 != 0;
            let bitrate = b2 >> 4;
            sync && layer && bitrate != 0 && bitrate != 0xf
        }
        _ => false,
    }
}

/// A Windows program: `MZ`, and the PE header where the DOS header points.
fn windows_program(bytes: &[u8]) -> bool {
    if !bytes.starts_with(b"MZ") || bytes.len() < 64 {
        return false;
    }
    let offset = u32::from_le_bytes([bytes[60], bytes[61], bytes[62], bytes[63]]) as usize;
    bytes.get(offset..offset + 4) == Some(b"PE\x00\x00")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn zip_with(first_entry: &[u8]) -> Vec<u8> {
        let mut z = b"PK\x03\x04".to_vec();
        z.extend([0u8; 26]);
        z.extend(first_entry);
        z
    }

    #[test]
    fn documents_archives_and_media_are_named() {
        let cases: Vec<(Vec<u8>, &str)> = vec![
            (b"%PDF-1.7\n%\xe2\xe3".to_vec(), "PDF"),
            (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\0\0".to_vec(), "Office"),
            (zip_with(b"mimetypeapplication/epub+zip"), "EPUB"),
            (zip_with(b"[Content_Types].xml word/document.xml"), "DOCX"),
            (zip_with(b"notes.txt"), "ZIP"),
            (b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec(), "image"),
            (vec![0xff, 0xd8, 0xff, 0xe0, 0, 0x10], "image"),
            (b"ID3\x04\0\0\0\0\0\0".to_vec(), "audio"),
            (vec![0xff, 0xfb, 0x90, 0x64, 0], "audio"),
            (b"RIFF\x24\0\0\0WAVEfmt ".to_vec(), "audio"),
            (b"\0\0\0\x20ftypisom\0\0\x02\0".to_vec(), "video"),
            (b"\x7fELF\x02\x01\x01".to_vec(), "program"),
            (b"BZh91AY&SY\0".to_vec(), "compressed"),
            (vec![0x1f, 0x8b, 0x08, 0], "compressed"),
        ];
        for (bytes, expected) in cases {
            let found = not_text(&bytes).unwrap_or_else(|| panic!("{expected} not found"));
            assert!(found.kind.contains(expected), "{expected}: {found:?}");
        }
    }

    #[test]
    fn text_is_never_taken_for_a_binary_file() {
        for text in [
            "PK is a company. The article goes on.",
            "MZ Holdings reported a loss.",
            "ID3 tags are how MP3 files carry titles.",
            "BMW opened a factory.",
            "%PDF is how a PDF starts, the article explains.",
            "GIF or JIF? A debate.",
            "%PDF-files are what the court sent.",
            "",
        ] {
            assert_eq!(not_text(text.as_bytes()), None, "{text}");
        }
        // Text with a byte-order mark, UTF-16 either way round and UTF-8.
        for bom in [&[0xff, 0xfe][..], &[0xfe, 0xff], &[0xef, 0xbb, 0xbf]] {
            let mut bytes = bom.to_vec();
            bytes.extend(b"H\0i\0");
            assert_eq!(not_text(&bytes), None, "{bom:?}");
        }
    }
}
