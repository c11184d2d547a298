//! Writing files safely: every file goes to `NAME.part` first and is renamed into place only
//! when complete, so an interrupted export never leaves a truncated file under a final name.

use crate::error::OutputError;
use std::fs::File;
use std::io::Write;
use std::path::{Path, PathBuf};

/// The suffix of files being written.
pub const PART_SUFFIX: &str = ".part";

/// The temporary name of `path` while it is written.
pub fn part_path(path: &Path) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(PART_SUFFIX);
    path.with_file_name(name)
}

/// Writes `bytes` to `path` through a temporary file and a rename.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), OutputError> {
    let part = part_path(path);
    let result = File::create(&part)
        .and_then(|mut f| {
            f.write_all(bytes)?;
            f.sync_data()
        })
        .and_then(|()| std::fs::rename(&part, path));
    result.map_err(|source| {
        let _ = std::fs::remove_file(&part);
        OutputError::Write {
            what: path.display().to_string(),
            source,
        }
    })
}

/// Removes `*.part` files left in `dir` by an interrupted run.
pub fn remove_stale_parts(dir: &Path) {
    if let Ok(entries) = std::fs::read_dir(dir) {
        for entry in entries.flatten() {
            if entry.file_name().to_string_lossy().ends_with(PART_SUFFIX) {
                let _ = std::fs::remove_file(entry.path());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_through_a_part_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.txt");
        write_atomic(&path, b"hello").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"hello");
        assert!(!part_path(&path).exists());
    }

    #[test]
    fn a_failed_write_leaves_nothing_under_the_final_name() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("missing-dir").join("a.txt");
        assert!(write_atomic(&path, b"x").is_err());
        assert!(!path.exists());
    }
}
