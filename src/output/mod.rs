//! Output: renderers that turn a prepared article into bytes. They return `String`s; the caller
//! decides where they go (standard output now, files in `hark export`).

pub mod manifest;
pub mod text;
