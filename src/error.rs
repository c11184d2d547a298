//! Error types, one family per stage. Each names the thing that failed (file, section, voice)
//! and, where there is one, the fix. Sources are kept for `--verbose` chains.

use thiserror::Error;

/// Reading an input.
#[derive(Debug, Error)]
pub enum IngestError {
    /// The file could not be read.
    #[error("{path}: cannot read it: {source} (check the path and its permissions)")]
    Read {
        path: String,
        #[source]
        source: std::io::Error,
    },
    /// Larger than any article.
    #[error(
        "{path}: larger than {limit} bytes; hark reads articles, not archives (split the file)"
    )]
    TooLarge { path: String, limit: usize },
    /// Binary data.
    #[error("{path}: looks like binary data, not text (give hark a .txt, .md or .html article)")]
    Binary { path: String },
    /// A known kind of file that is not text (a PDF, an archive, an image…), by its first bytes.
    #[error("{path}: this is {kind}, not an article's text; {fix}")]
    NotText {
        path: String,
        kind: &'static str,
        fix: &'static str,
    },
    /// A web address given where a file was expected.
    #[error(
        "{url}: hark reads files, not web addresses; fetch the page first: curl -sL '{url}' | hark export --from html -"
    )]
    Url { url: String },
    /// An EPUB that cannot be read as a book.
    #[error("{path}: cannot read it as an EPUB book: {problem}")]
    Epub { path: String, problem: String },
    /// A lexicon the article is read with is wrong.
    #[error(transparent)]
    Lexicon(#[from] LexiconError),
    /// Nothing to speak.
    #[error("{path}: there is no text to speak in it")]
    Empty { path: String },
    /// SSML that is not well-formed, or that declares entities.
    #[error(
        "{path}: cannot read it as SSML: {source} (hark never expands entities other than XML's five; fix the markup, or read it as plain text with --from text)"
    )]
    Ssml {
        path: String,
        #[source]
        source: MarkupError,
    },
}

/// Reading SSML.
#[derive(Debug, Error, PartialEq, Eq)]
pub enum MarkupError {
    /// Not well-formed XML, or a construct the reader refuses.
    #[error("malformed SSML at byte {offset}: {message}")]
    Malformed { offset: usize, message: String },
}

/// Writing output.
#[derive(Debug, Error)]
pub enum OutputError {
    /// Writing a file failed.
    #[error(
        "cannot write {what}: {source} (check the free space and permissions there, or choose another folder with -o; finished sections are kept)"
    )]
    Write {
        what: String,
        #[source]
        source: std::io::Error,
    },
    /// A file an earlier run wrote cannot be read back (a reused section's WAV or VTT).
    #[error(
        "cannot read back {what}: {source} (delete it and its section is made again, or rerun with --force)"
    )]
    ReadBack {
        what: String,
        #[source]
        source: std::io::Error,
    },
    /// Writing to standard output failed.
    #[error("cannot write to standard output: {0}")]
    Stdout(#[source] std::io::Error),
}

/// Speech synthesis.
#[derive(Debug, Error)]
pub enum SynthError {
    /// The engine's library or data is missing or broken.
    #[error("{engine} is not available: {message}")]
    Unavailable {
        engine: &'static str,
        message: String,
    },
    /// No such voice.
    #[error(
        "{engine} has no voice '{voice}' (see `hark voices` for the voices there are; e.g. --voice espeak:en-us)"
    )]
    VoiceNotFound { engine: &'static str, voice: String },
    /// Synthesis of a sentence failed.
    #[error("{engine} failed: {message}")]
    Failed {
        engine: &'static str,
        message: String,
    },
}

/// Reading a pronunciation lexicon.
#[derive(Debug, Error)]
pub enum LexiconError {
    /// The file could not be read.
    #[error("lexicon {path}: cannot read it: {source} (check the path, or leave out --lexicon)")]
    Read {
        path: String,
        #[source]
        source: std::io::Error,
    },
    /// A line of the text form is wrong.
    #[error("lexicon {path}:{line}: {message}")]
    Entry {
        path: String,
        /// The line, from 1.
        line: usize,
        message: String,
    },
    /// A PLS file that is not well-formed XML, not a PLS lexicon, or has a wrong lexeme.
    #[error("lexicon {path}: {message}")]
    Pls { path: String, message: String },
}

/// Exporting an article.
#[derive(Debug, Error)]
pub enum ExportError {
    /// The output folder cannot be made or used.
    #[error(
        "cannot use the output folder {path}: {source} (check that it is writable, or choose another with -o)"
    )]
    OutputDir {
        path: String,
        #[source]
        source: std::io::Error,
    },
    /// The output folder holds something else.
    #[error(
        "{path} already holds a different export (other input, settings or voice); add --force to replace it, or choose another folder with -o"
    )]
    Exists { path: String },
    /// Writing a file failed.
    #[error(transparent)]
    Output(#[from] OutputError),
    /// A section or the combined edition could not be encoded in the `--audio` format.
    #[error(
        "cannot make {path}: {source} ({}; the sections already written are kept)", source.fix()
    )]
    Encode {
        path: String,
        #[source]
        source: AudioError,
    },
    /// Far longer than an article: probably not one.
    #[error(
        "{path}: {words} words, about {hours:.0} hours of audio, over --max-hours {max}; split the file, or raise --max-hours if you mean it"
    )]
    TooLong {
        path: String,
        words: usize,
        hours: f64,
        max: f64,
    },
}

/// Processing an episode's audio after synthesis: what failed, and the library's reason.
#[derive(Debug, Error)]
pub enum AudioError {
    /// The resampler refused the rates or failed.
    #[error("cannot resample from {from} Hz to {to} Hz: {reason}")]
    Resample { from: u32, to: u32, reason: String },
    /// The loudness meter refused the audio.
    #[error("cannot measure the loudness at {rate} Hz: {reason}")]
    Loudness { rate: u32, reason: String },
    /// An encoder refused its settings or failed.
    #[error("the {format} encoder failed ({step}): {reason}")]
    Encode {
        format: &'static str,
        step: &'static str,
        reason: String,
    },
    /// A bit rate the encoder does not offer, and those it does.
    #[error("{format} at {kbps} kbit/s is not offered")]
    Bitrate {
        format: &'static str,
        kbps: u32,
        offered: &'static [u32],
    },
    /// The tags could not be written.
    #[error("cannot write the {format} tags: {reason}")]
    Tags {
        format: &'static str,
        reason: String,
    },
}

impl AudioError {
    /// What the user can do about it.
    pub fn fix(&self) -> String {
        match self {
            AudioError::Resample { .. } => {
                "choose another --sample-rate (44100 or 48000), or leave it out to keep the voice's".into()
            }
            AudioError::Loudness { .. } => {
                "check that the article's sections were spoken (see the work folder's manifest.json)".into()
            }
            AudioError::Encode { format: "MP3", .. } => {
                "try another --bitrate or --sample-rate 44100, or --audio flac or wav".into()
            }
            AudioError::Encode { format: "M4B", .. } => {
                "check that FFmpeg's libraries have their AAC encoder (`ffmpeg -hide_banner -encoders | grep aac`) and that the folder has room, or leave out --edition m4b".into()
            }
            AudioError::Encode { .. } => "try another --bitrate, or --audio flac or wav".into(),
            AudioError::Bitrate { offered, .. } => format!("use one of {offered:?} with --bitrate"),
            AudioError::Tags { .. } => {
                "this is hark's fault: please report it with the article's title and chapters".into()
            }
        }
    }
}

/// Making a podcast episode.
#[derive(Debug, Error)]
pub enum PodcastError {
    /// Exporting its sections failed.
    #[error(transparent)]
    Export(#[from] ExportError),
    /// Writing its files failed.
    #[error(transparent)]
    Output(#[from] OutputError),
    /// Its audio could not be resampled, leveled, encoded or tagged.
    #[error("episode {slug}: {source} ({})", source.fix())]
    Audio {
        slug: String,
        #[source]
        source: AudioError,
    },
}

impl PodcastError {
    /// An [`AudioError`] of the episode `slug`.
    pub fn audio(slug: &str) -> impl FnOnce(AudioError) -> PodcastError + '_ {
        move |source| PodcastError::Audio {
            slug: slug.to_string(),
            source,
        }
    }
}

/// Finding and installing voices.
#[derive(Debug, Error)]
pub enum VoiceError {
    /// No voice of that name in the voice folders: it says what is there and how to get more.
    #[error(
        "no Piper voice '{name}' in {}; {}; install it with `hark voices install {name}` (`hark voices available` lists the voices there are), or point --voices-dir at its folder",
        searched_list(searched),
        installed_list(installed)
    )]
    NotFound {
        name: String,
        searched: Vec<std::path::PathBuf>,
        /// The voices that are in those folders.
        installed: Vec<String>,
    },
    /// Not a voice.
    #[error("{what}: {why}")]
    Invalid { what: String, why: String },
    /// A download failed.
    #[error(
        "cannot download {url}: {why} (check the URL and your connection, or install from a local file)"
    )]
    Download { url: String, why: String },
    /// A file operation failed.
    #[error("{what}: {source}")]
    Io {
        what: String,
        #[source]
        source: std::io::Error,
    },
}

/// The folders looked in, as a user can find them: a relative one is shown as `./voices`, so
/// that it reads as a folder beside them rather than a word.
pub fn searched_list(dirs: &[std::path::PathBuf]) -> String {
    if dirs.is_empty() {
        return "the given path".to_string();
    }
    dirs.iter()
        .map(|d| {
            let shown = d.display().to_string();
            if d.is_relative() && !shown.starts_with('.') {
                format!("./{shown}")
            } else {
                shown
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// "installed: piper:a, piper:b", or that there are none.
fn installed_list(installed: &[String]) -> String {
    if installed.is_empty() {
        "no Piper voice is installed there".to_string()
    } else {
        let names: Vec<String> = installed.iter().map(|n| format!("piper:{n}")).collect();
        format!("installed: {}", names.join(", "))
    }
}

/// Speaking through the system's speech service.
#[derive(Debug, Error)]
pub enum SpeakError {
    /// No service listens.
    #[error(
        "no speech service: cannot connect to speech-dispatcher at {socket}: {source}. Install it \
         (Debian/Ubuntu: sudo apt-get install speech-dispatcher speech-dispatcher-espeak-ng), check it with \
         `spd-say hello`, or write audio files instead with `hark export`"
    )]
    NoService {
        socket: String,
        #[source]
        source: std::io::Error,
    },
    /// The service answered something unexpected.
    #[error(
        "speech-dispatcher at {socket} answered unexpectedly: {message} (its log is in ~/.cache/speech-dispatcher/log/)"
    )]
    Protocol { socket: String, message: String },
    /// The voice was refused.
    #[error(
        "speech-dispatcher has no voice '{voice}': {message} (see `hark voices --engine system`)"
    )]
    Voice { voice: String, message: String },
    /// The service accepted text but never said it finished.
    #[error(
        "speech-dispatcher accepted the text but did not report the end of speech within {seconds} s; \
         look at its log (~/.cache/speech-dispatcher/log/speech-dispatcher.log, or run it with -l 5) — \
         its output module may be stuck — or use `hark export`"
    )]
    Timeout { seconds: u64 },
    /// Someone else cancelled the speech.
    #[error("the speech was cancelled by the speech service")]
    Cancelled,
    /// Ctrl-C.
    #[error("interrupted")]
    Interrupted,
    /// A setting hark cannot use.
    #[error("{0}")]
    Unsupported(String),
    /// The system speech service (through the `tts` crate) failed.
    #[error(
        "the system speech service failed: {0} (on Linux check speech-dispatcher with `spd-say hello`; \
         or write audio files instead with `hark export`)"
    )]
    Service(String),
}
