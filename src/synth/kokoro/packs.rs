//! Kokoro voice packs: a voice is a table of style vectors, one row of 256 per phoneme count
//! (float32, shape (510, 1, 256)). Packs come as NumPy files: an `.npz` (a ZIP of `.npy`, one
//! per voice, as `voices-v1.0.bin` is), one voice's `.npy`, or one voice's raw little-endian
//! float32 `.bin`. A blend (`af_heart*0.7+af_bella*0.3`) is the weighted average of its voices'
//! tables. Pure file work, in every build.

use crate::error::VoiceError;
use std::io::Read;
use std::path::Path;

/// The width of a style vector.
pub const STYLE_WIDTH: usize = 256;

/// One voice's style table: `rows` vectors of [`STYLE_WIDTH`], row `n` for `n` phonemes.
#[derive(Debug, Clone, PartialEq)]
pub struct Style {
    values: Vec<f32>,
}

impl Style {
    /// How many rows (phoneme counts) the table has.
    pub fn rows(&self) -> usize {
        self.values.len() / STYLE_WIDTH
    }

    /// The style vector for a chunk of `phonemes` tokens: its row, or the last for longer.
    pub fn row(&self, phonemes: usize) -> &[f32] {
        let row = phonemes.min(self.rows().saturating_sub(1));
        &self.values[row * STYLE_WIDTH..(row + 1) * STYLE_WIDTH]
    }
}

fn invalid(path: &Path, why: String) -> VoiceError {
    VoiceError::Invalid {
        what: path.display().to_string(),
        why,
    }
}

/// What kind of pack a file is, from its first bytes.
enum Kind {
    Npz,
    Npy,
    Raw,
}

fn kind(path: &Path) -> Result<Kind, VoiceError> {
    let mut head = [0u8; 6];
    let n = std::fs::File::open(path)
        .and_then(|mut f| f.read(&mut head))
        .map_err(|e| VoiceError::Io {
            what: path.display().to_string(),
            source: e,
        })?;
    Ok(match &head[..n] {
        [b'P', b'K', 3, 4, ..] => Kind::Npz,
        [0x93, b'N', b'U', b'M', b'P', b'Y'] => Kind::Npy,
        _ => Kind::Raw,
    })
}

/// Whether a file name is one a pack may have.
pub fn is_pack_name(name: &str) -> bool {
    [".npz", ".npy", ".bin"].iter().any(|e| name.ends_with(e))
}

/// The voices in a pack: the `.npy` members of an `.npz`, or the file's own name.
pub fn voice_names(path: &Path) -> Result<Vec<String>, VoiceError> {
    match kind(path)? {
        Kind::Npz => {
            let file = std::fs::File::open(path).map_err(|e| VoiceError::Io {
                what: path.display().to_string(),
                source: e,
            })?;
            let zip = zip::ZipArchive::new(file)
                .map_err(|e| invalid(path, format!("not a readable .npz voice pack ({e})")))?;
            let mut names: Vec<String> = zip
                .file_names()
                .filter_map(|n| n.ok())
                .filter_map(|n| n.strip_suffix(".npy").map(str::to_string))
                .collect();
            names.sort();
            if names.is_empty() {
                return Err(invalid(
                    path,
                    "an .npz with no .npy voices in it is not a Kokoro voice pack".into(),
                ));
            }
            Ok(names)
        }
        Kind::Npy | Kind::Raw => Ok(vec![stem(path)]),
    }
}

/// A voice's name from its one-voice file ("af_heart.npy" → "af_heart").
fn stem(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().to_string())
        .unwrap_or_default()
}

/// The style table of voice `name` in the pack at `path`.
pub fn read_voice(path: &Path, name: &str) -> Result<Style, VoiceError> {
    let bytes = match kind(path)? {
        Kind::Npz => {
            let file = std::fs::File::open(path).map_err(|e| VoiceError::Io {
                what: path.display().to_string(),
                source: e,
            })?;
            let mut zip = zip::ZipArchive::new(file)
                .map_err(|e| invalid(path, format!("not a readable .npz voice pack ({e})")))?;
            let mut member = zip
                .by_name(&format!("{name}.npy"))
                .map_err(|_| invalid(path, format!("the pack has no voice '{name}'")))?;
            let mut bytes = Vec::new();
            member
                .read_to_end(&mut bytes)
                .map_err(|e| invalid(path, format!("voice '{name}' cannot be read: {e}")))?;
            return npy_style(path, name, &bytes);
        }
        Kind::Npy | Kind::Raw => std::fs::read(path).map_err(|e| VoiceError::Io {
            what: path.display().to_string(),
            source: e,
        })?,
    };
    if bytes.starts_with(b"\x93NUMPY") {
        npy_style(path, name, &bytes)
    } else {
        raw_style(path, name, &bytes)
    }
}

/// A raw float32 table: a whole number of rows, at least one.
fn raw_style(path: &Path, name: &str, bytes: &[u8]) -> Result<Style, VoiceError> {
    let row = STYLE_WIDTH * 4;
    if bytes.is_empty() || !bytes.len().is_multiple_of(row) {
        return Err(invalid(
            path,
            format!(
                "voice '{name}' is {} bytes, not rows of {STYLE_WIDTH} float32 values ({row} bytes each); a Kokoro voice is (510, 1, {STYLE_WIDTH}) float32",
                bytes.len()
            ),
        ));
    }
    Ok(Style {
        values: floats(bytes),
    })
}

fn floats(bytes: &[u8]) -> Vec<f32> {
    bytes
        .chunks_exact(4)
        .map(|b| f32::from_le_bytes([b[0], b[1], b[2], b[3]]))
        .collect()
}

/// One `.npy` array: little-endian float32, C order, its last dimension [`STYLE_WIDTH`].
fn npy_style(path: &Path, name: &str, bytes: &[u8]) -> Result<Style, VoiceError> {
    let bad = |why: &str| {
        invalid(
            path,
            format!("voice '{name}': {why}; a Kokoro voice is (510, 1, {STYLE_WIDTH}) float32"),
        )
    };
    if !bytes.starts_with(b"\x93NUMPY") || bytes.len() < 10 {
        return Err(bad("not a NumPy array"));
    }
    let (header_len, start) = match bytes[6] {
        1 => (usize::from(u16::from_le_bytes([bytes[8], bytes[9]])), 10),
        2 | 3 if bytes.len() >= 12 => (
            u32::from_le_bytes([bytes[8], bytes[9], bytes[10], bytes[11]]) as usize,
            12,
        ),
        _ => return Err(bad("an unknown NumPy file version")),
    };
    let header = bytes
        .get(start..start + header_len)
        .map(String::from_utf8_lossy)
        .ok_or_else(|| bad("a NumPy header longer than the file"))?;
    let descr = header_value(&header, "descr").unwrap_or_default();
    if !matches!(descr.trim_matches(['\'', '"']), "<f4" | "=f4" | "f4") {
        return Err(bad(&format!("its values are {descr}, not float32")));
    }
    if header_value(&header, "fortran_order").is_some_and(|v| v.starts_with("True")) {
        return Err(bad("it is stored in Fortran order"));
    }
    let shape: Vec<usize> = header_value(&header, "shape")
        .map(|s| {
            s.trim_matches(['(', ')'])
                .split(',')
                .filter_map(|d| d.trim().parse().ok())
                .collect()
        })
        .unwrap_or_default();
    let count: usize = shape.iter().product();
    let shown = format!(
        "({})",
        shape
            .iter()
            .map(usize::to_string)
            .collect::<Vec<_>>()
            .join(", ")
    );
    if shape.last() != Some(&STYLE_WIDTH) || count == 0 {
        return Err(bad(&format!("its shape is {shown}")));
    }
    let data = &bytes[start + header_len..];
    if data.len() != count * 4 {
        return Err(bad(&format!(
            "its shape {shown} needs {} bytes and it has {}",
            count * 4,
            data.len()
        )));
    }
    Ok(Style {
        values: floats(data),
    })
}

/// The text of `key`'s value in a NumPy header dict: `'descr': '<f4'` → `'<f4'`.
fn header_value<'h>(header: &'h str, key: &str) -> Option<&'h str> {
    let at = header.find(&format!("'{key}'"))?;
    let rest = header[at + key.len() + 2..]
        .trim_start()
        .strip_prefix(':')?;
    let rest = rest.trim_start();
    let end = if rest.starts_with('(') {
        rest.find(')').map(|i| i + 1)?
    } else {
        rest.find([',', '}']).unwrap_or(rest.len())
    };
    Some(rest[..end].trim())
}

/// A voice, or a blend of voices: each name with its weight.
#[derive(Debug, Clone, PartialEq)]
pub struct Blend {
    pub parts: Vec<(String, f32)>,
}

impl std::str::FromStr for Blend {
    type Err = String;

    /// `af_heart`, or `af_heart*0.7+af_bella*0.3` (a weight left out is 1).
    fn from_str(s: &str) -> Result<Self, String> {
        let mut parts = Vec::new();
        for part in s.split('+') {
            let (name, weight) = match part.split_once('*') {
                Some((name, weight)) => {
                    let w: f32 = weight.trim().parse().map_err(|_| {
                        format!("'{s}': the weight '{}' of a blend is not a number (write kokoro:af_heart*0.7+af_bella*0.3)", weight.trim())
                    })?;
                    (name.trim(), w)
                }
                None => (part.trim(), 1.0),
            };
            if name.is_empty() {
                return Err(format!(
                    "'{s}': a voice name is missing (write kokoro:NAME, or a blend like kokoro:af_heart*0.7+af_bella*0.3)"
                ));
            }
            if !(weight.is_finite() && weight > 0.0) {
                return Err(format!("'{s}': the weight of {name} must be above 0"));
            }
            parts.push((name.to_string(), weight));
        }
        Ok(Blend { parts })
    }
}

/// The weighted average of styles (weights need not sum to 1). Tables of different lengths
/// blend over the rows they all have.
pub fn blend(styles: &[(Style, f32)]) -> Style {
    let total: f32 = styles.iter().map(|(_, w)| w).sum();
    let rows = styles.iter().map(|(s, _)| s.rows()).min().unwrap_or(0);
    let mut values = vec![0.0f32; rows * STYLE_WIDTH];
    for (style, weight) in styles {
        for (out, v) in values.iter_mut().zip(&style.values) {
            *out += v * weight / total;
        }
    }
    Style { values }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A `.npy` file of float32 with `shape`, its values 0, 1, 2, …
    pub fn npy(shape: &[usize]) -> Vec<u8> {
        let dims = shape
            .iter()
            .map(usize::to_string)
            .collect::<Vec<_>>()
            .join(", ");
        let mut header = format!("{{'descr': '<f4', 'fortran_order': False, 'shape': ({dims}), }}");
        while (10 + header.len() + 1) % 64 != 0 {
            header.push(' ');
        }
        header.push('\n');
        let mut out = b"\x93NUMPY\x01\x00".to_vec();
        out.extend((header.len() as u16).to_le_bytes());
        out.extend(header.as_bytes());
        let count: usize = shape.iter().product();
        for i in 0..count {
            out.extend((i as f32).to_le_bytes());
        }
        out
    }

    fn npz(dir: &Path, members: &[(&str, Vec<u8>)]) -> std::path::PathBuf {
        let path = dir.join("voices.npz");
        let mut zip = zip::ZipWriter::new(std::fs::File::create(&path).unwrap());
        for (name, bytes) in members {
            zip.start_file(
                format!("{name}.npy"),
                zip::write::SimpleFileOptions::default(),
            )
            .unwrap();
            std::io::Write::write_all(&mut zip, bytes).unwrap();
        }
        zip.finish().unwrap();
        path
    }

    #[test]
    fn an_npz_pack_lists_and_reads_its_voices() {
        let dir = tempfile::tempdir().unwrap();
        let path = npz(
            dir.path(),
            &[("jm_kumo", npy(&[510, 1, 256])), ("af_x", npy(&[4, 256]))],
        );
        assert_eq!(voice_names(&path).unwrap(), ["af_x", "jm_kumo"]);
        let style = read_voice(&path, "jm_kumo").unwrap();
        assert_eq!(style.rows(), 510);
        assert_eq!(style.row(0)[0], 0.0);
        assert_eq!(style.row(2)[1], (2 * 256 + 1) as f32);
        // Past the table: its last row.
        assert_eq!(style.row(9999)[0], (509 * 256) as f32);
        let err = read_voice(&path, "af_nope").unwrap_err().to_string();
        assert!(
            err.contains("voices.npz") && err.contains("no voice 'af_nope'"),
            "{err}"
        );
    }

    #[test]
    fn one_voice_files_npy_and_raw() {
        let dir = tempfile::tempdir().unwrap();
        let npy_path = dir.path().join("af_one.npy");
        std::fs::write(&npy_path, npy(&[510, 1, 256])).unwrap();
        assert_eq!(voice_names(&npy_path).unwrap(), ["af_one"]);
        assert_eq!(read_voice(&npy_path, "af_one").unwrap().rows(), 510);
        let raw = dir.path().join("bf_two.bin");
        let values: Vec<u8> = (0..3 * 256)
            .flat_map(|i| (i as f32).to_le_bytes())
            .collect();
        std::fs::write(&raw, &values).unwrap();
        assert_eq!(voice_names(&raw).unwrap(), ["bf_two"]);
        assert_eq!(read_voice(&raw, "bf_two").unwrap().rows(), 3);
        std::fs::write(&raw, &values[..100]).unwrap();
        let err = read_voice(&raw, "bf_two").unwrap_err().to_string();
        assert!(
            err.contains("bf_two.bin") && err.contains("(510, 1, 256)"),
            "{err}"
        );
    }

    #[test]
    fn a_pack_of_the_wrong_shape_is_refused_by_name() {
        let dir = tempfile::tempdir().unwrap();
        let path = npz(dir.path(), &[("af_small", npy(&[510, 1, 128]))]);
        let err = read_voice(&path, "af_small").unwrap_err().to_string();
        assert!(
            err.contains("voices.npz") && err.contains("(510, 1, 128)") && err.contains("af_small"),
            "{err}"
        );
        let mut doubles = npy(&[2, 256]);
        let at = doubles.windows(3).position(|w| w == b"<f4").unwrap();
        doubles[at + 2] = b'8';
        let path = dir.path().join("af_f8.npy");
        std::fs::write(&path, doubles).unwrap();
        let err = read_voice(&path, "af_f8").unwrap_err().to_string();
        assert!(err.contains("not float32"), "{err}");
    }

    #[test]
    fn blends_parse_and_average() {
        let b: Blend = "af_heart*0.7+af_bella*0.3".parse().unwrap();
        assert_eq!(
            b.parts,
            [("af_heart".to_string(), 0.7), ("af_bella".to_string(), 0.3)]
        );
        assert_eq!("jm_kumo".parse::<Blend>().unwrap().parts.len(), 1);
        assert!("a*x".parse::<Blend>().unwrap_err().contains("not a number"));
        assert!("a*0+b".parse::<Blend>().unwrap_err().contains("above 0"));
        assert!("a+".parse::<Blend>().unwrap_err().contains("missing"));
        let one = Style {
            values: vec![1.0; 2 * STYLE_WIDTH],
        };
        let three = Style {
            values: vec![3.0; 3 * STYLE_WIDTH],
        };
        let mixed = blend(&[(one, 3.0), (three, 1.0)]);
        assert_eq!(mixed.rows(), 2);
        assert!((mixed.row(1)[5] - 1.5).abs() < 1e-6);
    }
}
