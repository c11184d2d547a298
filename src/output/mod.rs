//! Output: renderers that turn what the pipeline made into bytes (they return `String`s), and
//! the file sinks that write them safely (`files`, `wav`, `audio_file`).

pub mod audio_file;
pub mod book;
pub mod daisy_edition;
pub mod dropped;
pub mod epub_edition;
pub mod m4b_edition;
pub mod manifest;
pub mod part_folder;
pub mod sentence_spans;
pub mod pipe;
pub mod playlist;
pub mod sinks;
pub mod subtitles;
pub mod text;
pub mod wav;
pub mod web_edition;
