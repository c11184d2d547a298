//! The subcommands: each reads its inputs through the library, renders, writes to standard
//! output, reports problems on standard error, and says whether everything went well.
//! One bad input is reported and skipped; the others still run. One file per subcommand.

mod about;
mod config;
mod doctor;
mod export;
mod inspect;
mod keys;
mod kokoro_voices;
mod lexicon;
mod logger;
mod markup;
mod podcast;
mod podcast_episode;
mod report;
mod speak;
mod voices;
mod wording;
mod worker_pool;

pub use about::{long_version, man};
pub use config::config_show;
pub use doctor::doctor;
pub use export::{export, export_worker};
pub use inspect::inspect;
pub use lexicon::{lexicon_check, lexicon_suggest};
pub use logger::install as install_logger;
pub use markup::markup;
pub use podcast::{podcast, podcast_worker};
pub use report::Reporter;
pub use speak::speak;
pub use voices::voices;
