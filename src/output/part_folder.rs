//! A folder an edition is written into whole or not at all (the DAISY book, the read-along
//! page): its files go into `<name>.part/` as they are made, and the folder is renamed to
//! `<name>/` at the end, replacing an older one, or removed when the edition is given up.

use crate::error::{ExportError, OutputError};
use std::path::{Path, PathBuf};

/// `<dir>/<name>.part/`, on its way to `<dir>/<name>/`.
pub struct PartFolder {
    dir: PathBuf,
    name: &'static str,
    started: bool,
}

/// A write error naming the path.
pub fn write_error(path: &Path, source: std::io::Error) -> ExportError {
    ExportError::Output(OutputError::Write {
        what: path.display().to_string(),
        source,
    })
}

impl PartFolder {
    pub fn new(dir: &Path, name: &'static str) -> Self {
        PartFolder {
            dir: dir.to_path_buf(),
            name,
            started: false,
        }
    }

    fn part(&self) -> PathBuf {
        self.dir.join(format!("{}.part", self.name))
    }

    /// Starts afresh (a part folder left by a killed export is removed), with `subfolders`.
    pub fn begin(&mut self, subfolders: &[&str]) -> Result<(), ExportError> {
        let part = self.part();
        let _ = std::fs::remove_dir_all(&part);
        std::fs::create_dir_all(&part).map_err(|e| write_error(&part, e))?;
        for sub in subfolders {
            let path = part.join(sub);
            std::fs::create_dir_all(&path).map_err(|e| write_error(&path, e))?;
        }
        self.started = true;
        Ok(())
    }

    /// Whether [`PartFolder::begin`] ran.
    pub fn started(&self) -> bool {
        self.started
    }

    /// Writes `relative` (a path inside the folder).
    pub fn write(&self, relative: &str, bytes: &[u8]) -> Result<(), ExportError> {
        let path = self.part().join(relative);
        std::fs::write(&path, bytes).map_err(|e| write_error(&path, e))
    }

    /// Gives the edition up: the part folder goes.
    pub fn discard(&self) {
        let _ = std::fs::remove_dir_all(self.part());
    }

    /// Renames the part folder into place, replacing an older edition; returns its name.
    pub fn place(&self) -> Result<&'static str, ExportError> {
        let done = self.dir.join(self.name);
        let _ = std::fs::remove_dir_all(&done);
        std::fs::rename(self.part(), &done).map_err(|e| write_error(&done, e))?;
        Ok(self.name)
    }
}
