//! The command line: clap definitions, and raw arguments → validated settings.

pub mod settings;
mod values;
use clap::{Args, Parser, Subcommand, ValueEnum};
use hark::ingest::Format;
use hark::speech::Pauses;
use hark::synth::{Prosody, Rate, VoiceSpec};
use serde::{Deserialize, Serialize};
use std::path::PathBuf;
pub use values::*;

/// hark turns articles into audio editions: it finds the sections of an article (plain text
/// copied from a news page, Markdown or HTML), leaves out what nobody should hear, and writes
/// SSML with pauses at the headings.
#[derive(Debug, Parser)]
#[command(
    name = "hark",
    version,
    about,
    max_term_width = 100,
    after_help = "Examples:\n  hark export article.txt\n  hark podcast articles/ -o site --feed-title \"News\" --base-url https://example.org/audio/\n  hark speak page.html\n  hark voices --lang fr\n\nEnvironment:\n  HARK_VOICES      a folder of Piper voices (as --voices-dir)\n  ORT_DYLIB_PATH   the ONNX Runtime library Piper voices run on\n  SPEECHD_ADDRESS  speech-dispatcher's socket (unix_socket:PATH) for hark speak"
)]
pub struct Cli {
    /// Print nothing but errors.
    #[arg(short, long, global = true, conflicts_with = "verbose")]
    pub quiet: bool,
    /// Say more about what hark does (warnings in full, error causes).
    #[arg(short, long, global = true)]
    pub verbose: bool,
    /// Read settings from this TOML file instead of ~/.config/hark/config.toml (flags and
    /// environment variables still come first).
    #[arg(long, global = true, value_name = "FILE", env = "HARK_CONFIG")]
    pub config: Option<PathBuf>,
    /// Use the settings of the config file's [preset.NAME] table.
    #[arg(long, global = true, value_name = "NAME")]
    pub preset: Option<String>,
    #[command(subcommand)]
    pub command: Command,
}

/// What to do.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Print what would be spoken, as SSML, JSON or plain text, without synthesizing anything.
    #[command(
        verbatim_doc_comment,
        after_help = "Examples:\n  hark markup examples/harbour-reopens.txt\n  hark markup --format json article.md\n  curl -s https://example.org/story | hark markup --from html -"
    )]
    Markup(MarkupArgs),
    /// Write one WAV per section, with SSML, subtitles, a playlist and a manifest.
    ///
    /// Each article gets a folder DIR/<article-slug>/. A rerun with the same input, voice and
    /// settings skips the sections already made, so an interrupted export resumes.
    #[command(
        verbatim_doc_comment,
        after_help = "Examples:\n  hark export examples/harbour-reopens.txt\n  hark export article.md --voice espeak:en-gb --rate 1.1 -o editions\n  hark export *.html --jobs 2 --combined"
    )]
    Export(ExportArgs),
    /// Make podcast episodes (MP3 with chapters, loudness-normalized) and an RSS feed.
    ///
    /// Every article (files, or every .txt/.md/.html/.ssml in a folder) becomes one episode in
    /// SITE/episodes/; SITE/feed.xml lists them. A rerun redoes only the episodes whose article
    /// or settings changed.
    #[command(
        verbatim_doc_comment,
        after_help = "Examples:\n  hark podcast articles/ -o site --feed-title \"Harbour news\" --base-url https://example.org/audio/\n  hark podcast articles/ -o site --feed-title T --base-url U --shard 0/4   # on 4 machines\n  hark podcast -o site --feed-title T --base-url U --feed-only            # after all shards"
    )]
    Podcast(PodcastArgs),
    /// Read articles aloud through the system's speech service (speech-dispatcher on Linux).
    ///
    /// Each section is sent as SSML with pauses at the headings; its title is shown as it
    /// starts. Ctrl-C stops the speech at once.
    #[command(
        verbatim_doc_comment,
        after_help = "Examples:\n  hark speak examples/market-day.html\n  hark speak article.md --sections 2-3 --rate 1.2\n  hark speak article.txt --voice system:\"English (America)+Max\" --from-section 1"
    )]
    Speak(SpeakArgs),
    /// List the voices hark can use, list the Piper voices to install, or install one.
    #[command(
        verbatim_doc_comment,
        after_help = "Examples:\n  hark voices\n  hark voices --lang sw\n  hark voices available --lang fr\n  hark voices install en_US-joe-medium\n  hark voices install ~/Downloads/en_GB-alba-medium.onnx --voices-dir ./voices"
    )]
    Voices {
        /// Print JSON instead of a table.
        #[arg(long, global = true)]
        json: bool,
        /// Only this engine's voices (`system` asks the speech service).
        #[arg(long, value_enum)]
        engine: Option<VoiceSource>,
        /// Only the voices that speak this language (fr, sw); alone, list the languages there
        /// are voices for.
        #[arg(long, value_name = "CODE", num_args = 0..=1, default_missing_value = "", global = true)]
        lang: Option<String>,
        /// Where Piper and Kokoro voices are also looked for (and installed); before or after `install`.
        #[arg(long, value_name = "DIR", global = true)]
        voices_dir: Option<PathBuf>,
        /// How to reach the speech service for `--engine system`: ssip or tts.
        #[arg(long, value_name = "WAY", default_value_t = default_backend())]
        backend: hark::speak::Backend,
        #[command(subcommand)]
        action: Option<VoicesAction>,
    },
    /// Developer tool: run one stage on JSON strings, one per line of standard input.
    ///
    /// `sentences` prints each text's sentences as a JSON array; `normalize` prints each text's
    /// spoken form as a JSON string. Used by scripts/conformance to measure against corpora.
    #[command(hide = true)]
    Inspect {
        /// The stage to run.
        #[arg(value_enum)]
        stage: InspectStage,
    },
    /// Print a shell completion script for hark: bash, zsh, fish, elvish or powershell.
    #[command(
        after_help = "Examples:\n  hark completions bash > ~/.local/share/bash-completion/completions/hark\n  hark completions zsh > ~/.zfunc/_hark\n  hark completions fish > ~/.config/fish/completions/hark.fish"
    )]
    Completions {
        /// The shell.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Show the settings a subcommand would run with, and where each comes from.
    ///
    /// Options are taken from flags, then environment variables, then the preset chosen with
    /// --preset, then the config file (--config FILE, HARK_CONFIG, or ~/.config/hark/config.toml),
    /// then hark's defaults.
    #[command(
        verbatim_doc_comment,
        after_help = "Examples:\n  hark config show podcast\n  hark config show export --preset weekly --config ./hark.toml\n\nA config file:\n  voice = \"piper:en_US-joe-medium\"   # every subcommand that takes --voice\n  [podcast]\n  feed-title = \"Morning Edition\"\n  base-url = \"https://example.org/audio/\"\n  [preset.slow.export]\n  rate = \"0.9\""
    )]
    Config {
        #[command(subcommand)]
        action: ConfigAction,
    },
    /// Check pronunciation lexicons, or list the words of an article a voice will guess at.
    #[command(
        after_help = "Examples:\n  hark lexicon check names.txt\n  hark lexicon check newsroom.pls lexicon.txt\n  hark lexicon suggest article.html >> lexicon.txt\n  hark lexicon suggest article.html --format pls > lexicon.pls\n\nThe text form:\n  # a comment\n  Sing'oei = Sing oy\n  Otunge = /oˈtuŋɡe/ Oh toon geh   # a comment after an entry\n  [sw]\n  Kindiki = Kin dee kee"
    )]
    Lexicon {
        #[command(subcommand)]
        action: LexiconAction,
    },
    /// Check what hark needs on this machine, one line each, and say what to install.
    #[command(after_help = "Examples:\n  hark doctor")]
    Doctor,
    /// Print hark's manual page (roff), to read with `man` or install.
    #[command(after_help = "Examples:\n  hark man > hark.1 && man ./hark.1")]
    Man,
    /// Internal: a worker of another hark's `--jobs` pool. It reads that run's settings (JSON),
    /// then jobs, each ended by a NUL byte, on stdin, and answers each with a line on stdout.
    #[command(hide = true)]
    Worker {
        /// Whose worker it is.
        #[arg(value_enum)]
        kind: WorkerKind,
    },
}

/// The subcommands that run in a pool of workers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum WorkerKind {
    Export,
    Podcast,
}

/// `hark config` actions.
#[derive(Debug, Subcommand)]
pub enum ConfigAction {
    /// Print the effective settings of a subcommand and where each comes from.
    Show {
        /// The subcommand: markup, export, podcast or speak.
        #[arg(value_parser = clap::builder::PossibleValuesParser::new(settings::CONFIGURABLE))]
        subcommand: String,
    },
}

/// `hark lexicon` actions.
#[derive(Debug, Subcommand)]
pub enum LexiconAction {
    /// Read lexicon files and say how many entries each has, or what is wrong and where.
    Check {
        /// Lexicon files: .pls (W3C PLS) or the text form.
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
    },
    /// List the words of an article that eSpeak NG would guess at (names it does not know),
    /// most frequent first, as lexicon lines with how they are said now, ready to correct.
    Suggest {
        /// The article (a file, or - for standard input).
        #[arg(value_name = "INPUT")]
        input: String,
        /// Read it in this language (BCP 47), whatever it declares or seems to be.
        #[arg(long, value_name = "CODE", value_parser = parse_lang)]
        lang: Option<String>,
        /// Lexicons whose words are not listed again (as for export; repeatable).
        #[arg(long, value_name = "FILE")]
        lexicon: Vec<PathBuf>,
        /// The text form (lines to paste into lexicon.txt) or a W3C PLS document.
        #[arg(long, value_enum, default_value = "text")]
        format: LexiconFormat,
    },
}

/// The forms `hark lexicon suggest` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LexiconFormat {
    /// `WORD = /IPA/   # N times` lines.
    Text,
    /// A PLS 1.0 document (lexicon.pls).
    Pls,
}

/// `hark voices` actions.
#[derive(Debug, Subcommand)]
pub enum VoicesAction {
    /// Install a Piper voice: from a path to its .onnx (its .onnx.json beside it), from a URL of
    /// its .onnx, or by name from the Piper voices hub. Goes into --voices-dir, else HARK_VOICES,
    /// else the user folder (~/.local/share/hark/voices).
    Install {
        /// NAME (en_US-joe-medium), URL, or PATH of the .onnx file.
        source: String,
    },
    /// List the Piper voices the voices hub offers, to install by name (needs the network;
    /// HARK_VOICE_BASE_URL names a mirror). `--lang` keeps one language's.
    Available,
}

/// Stages `hark inspect` can run on their own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum InspectStage {
    /// Sentence splitting.
    Sentences,
    /// Text normalization (the spoken form).
    Normalize,
    /// Piper's phoneme chunks (eSpeak NG en-us IPA, punctuation put back) of the spoken form.
    Phonemes,
}

/// `hark markup`.
#[derive(Debug, Args)]
pub struct MarkupArgs {
    /// Article files (.txt, .md, .html), or `-` for standard input.
    #[arg(required = true, value_name = "INPUT")]
    pub inputs: Vec<String>,
    /// What to print.
    #[arg(long, value_enum, default_value_t = OutputFormat::Ssml)]
    pub format: OutputFormat,
    /// Print a book's chapters, numbered for --chapters, instead of its markup.
    #[arg(long)]
    pub list_chapters: bool,
    #[command(flatten)]
    pub reading: ReadingArgs,
}

/// `hark export`.
#[derive(Debug, Clone, Args, Serialize, Deserialize)]
pub struct ExportArgs {
    /// Article files (.txt, .md, .html), or `-` for standard input.
    #[arg(required = true, value_name = "INPUT")]
    pub inputs: Vec<String>,
    /// The folder that receives one sub-folder per article; `-` streams one article's whole
    /// edition as WAV to standard output instead.
    #[arg(short, long, value_name = "DIR", default_value = "out")]
    pub output: PathBuf,
    /// The voice, as ENGINE:NAME (see `hark voices`): espeak:en-us, piper:en_US-joe-medium.
    #[arg(long, default_value = "espeak")]
    pub voice: VoiceSpec,
    #[command(flatten)]
    pub piper: PiperArgs,
    #[command(flatten)]
    pub prosody: ProsodyArgs,
    /// Articles exported at once, each in its own process (eSpeak NG is single-threaded).
    #[arg(short, long, default_value_t = 1, value_parser = clap::value_parser!(u16).range(1..=64))]
    pub jobs: u16,
    /// Replace an export of something else in an article's folder.
    #[arg(long)]
    pub force: bool,
    /// Also write the whole edition as one file (in the --audio format), with WebVTT chapters
    /// and a cue sheet.
    #[arg(long)]
    pub combined: bool,
    /// Also write these editions in the article's folder: epub (an EPUB 3 book whose text and
    /// narration are synchronized, sentence by sentence, with Media Overlays); m4b (an
    /// audiobook: AAC with a chapter per section, the book's tags and cover); daisy (a DAISY
    /// 2.02 talking book in daisy/, for talking-book players); web (a read-along page in web/,
    /// the sentence being spoken highlighted).
    #[arg(long, value_enum, value_delimiter = ',', value_name = "EDITION")]
    #[serde(default)]
    pub edition: Vec<Edition>,
    /// The M4B edition's integrated loudness (EBU R128), LUFS; -18 is usual for audiobooks.
    #[arg(long, value_name = "LUFS", default_value_t = -18.0, allow_negative_numbers = true)]
    pub loudness: f64,
    /// The audio files' format: wav (16-bit PCM), flac (lossless, about half the size), mp3
    /// (plays everywhere) or opus (the smallest; 48 kHz).
    #[arg(long, value_name = "FORMAT", default_value = "wav", value_parser = parse_audio_format)]
    pub audio: hark::codec::AudioFormat,
    /// The bit rate of --audio mp3 (64, 80, 96, 112 or 128; default 64) or --audio opus (16 to
    /// 128; default 32), in kbit/s.
    #[arg(long, value_name = "KBPS")]
    pub bitrate: Option<u32>,
    /// Refuse an article whose audio would be longer than this many hours (an archive or a
    /// log pasted by mistake, not an article); raise it for a long book.
    #[arg(long, value_name = "HOURS", default_value_t = 48.0)]
    pub max_hours: f64,
    /// The article's folder in the output folder, instead of the input file's name (standard
    /// input: the title's). Several inputs get NAME-2, NAME-3…
    #[arg(long, value_name = "NAME", value_parser = parse_folder_name)]
    pub name: Option<String>,
    #[command(flatten)]
    pub reading: ReadingArgs,
}

/// `hark podcast`.
#[derive(Debug, Clone, Args, Serialize, Deserialize)]
pub struct PodcastArgs {
    /// Article files, folders of articles, or glob patterns (quoted: 'articles/*.md').
    #[arg(value_name = "INPUT", required_unless_present = "feed_only")]
    pub inputs: Vec<String>,
    /// The site folder: episodes/, feed.xml, and work/ (section audio kept for resuming).
    #[arg(short, long, value_name = "DIR", default_value = "site")]
    pub output: PathBuf,
    /// The feed's title (also the MP3s' album).
    #[arg(long, value_name = "TEXT")]
    pub feed_title: String,
    /// Where the site will be published: an absolute http(s) address. The episodes are at
    /// URL/episodes/NAME.mp3 and the feed at URL/feed.xml.
    #[arg(long, value_name = "URL", value_parser = hark::podcast::feed::base_url)]
    pub base_url: String,
    /// The feed's Apple Podcasts category, with a subcategory if you like: "News",
    /// "News > Politics", "Society & Culture".
    #[arg(long, value_name = "CATEGORY", default_value = "News", value_parser = hark::podcast::categories::parse)]
    pub category: hark::podcast::categories::Category,
    /// The feed's description.
    #[arg(long, value_name = "TEXT", default_value = "Articles read aloud.")]
    pub feed_description: String,
    /// The author (the feed's and the MP3s' artist).
    #[arg(long, value_name = "NAME", default_value = "hark")]
    pub author: String,
    /// The feed's artwork (Apple Podcasts requires one to list the feed).
    #[arg(long, value_name = "URL")]
    pub image_url: Option<String>,
    /// The voice, as ENGINE:NAME.
    #[arg(long, default_value = "espeak")]
    pub voice: VoiceSpec,
    #[command(flatten)]
    pub piper: PiperArgs,
    #[command(flatten)]
    pub prosody: ProsodyArgs,
    /// MP3 bit rate in kbit/s: 64, 80, 96, 112 or 128.
    #[arg(long, default_value_t = 64)]
    pub bitrate: u32,
    /// Target integrated loudness (EBU R128), LUFS.
    #[arg(long, default_value_t = -16.0, allow_negative_numbers = true)]
    pub loudness: f64,
    /// The MP3's sample rate in Hz, resampled from the voice's when it differs: 16000, 22050,
    /// 24000, 32000, 44100 or 48000 (default: the voice's own rate).
    #[arg(long, value_name = "HZ", value_parser = parse_sample_rate)]
    pub sample_rate: Option<u32>,
    /// Also write each episode as Ogg Opus (48 kHz mono, VBR) at KBPS kbit/s, 16-128: `--opus`
    /// for 32, `--opus=48`. The feed lists it as a Podcasting 2.0 alternate enclosure.
    #[arg(
        long,
        value_name = "KBPS",
        num_args = 0..=1,
        require_equals = true,
        default_missing_value = "32",
        value_parser = clap::value_parser!(u32).range(16..=128)
    )]
    pub opus: Option<u32>,
    /// Episodes made at once, each in its own process (default: the number of cores).
    #[arg(short, long, value_parser = clap::value_parser!(u16).range(1..=64))]
    pub jobs: Option<u16>,
    /// Make only this share of the articles: K/N (K from 0), e.g. the index of a Kubernetes
    /// Indexed Job or a Slurm array task; the split is by sorted input, the same everywhere.
    #[arg(long, value_name = "K/N", value_parser = parse_shard)]
    pub shard: Option<(usize, usize)>,
    /// Only rebuild feed.xml from the episodes in the site (after all shards are done).
    #[arg(long)]
    pub feed_only: bool,
    /// Make the episodes but leave feed.xml alone (for shards: rebuild it with --feed-only).
    #[arg(long)]
    pub no_feed: bool,
    #[command(flatten)]
    pub reading: ReadingArgs,
}

/// `hark speak`.
#[derive(Debug, Args)]
pub struct SpeakArgs {
    /// Article files (.txt, .md, .html), or `-` for standard input.
    #[arg(required = true, value_name = "INPUT")]
    pub inputs: Vec<String>,
    /// A voice of the speech service, as system:NAME (see `hark voices --engine system`).
    #[arg(long, value_name = "system:NAME", value_parser = parse_service_voice)]
    pub voice: Option<String>,
    #[command(flatten)]
    pub prosody: ProsodyArgs,
    /// Start at this section (0 is the title section).
    #[arg(long, value_name = "N", conflicts_with = "sections")]
    pub from_section: Option<usize>,
    /// Speak only these sections: N, or N-M (0 is the title section).
    #[arg(long, value_name = "N-M", value_parser = parse_range)]
    pub sections: Option<(usize, usize)>,
    /// How to reach the speech service: ssip (speech-dispatcher's socket, Linux) or tts (the
    /// platform's speech API: Windows, macOS, or Linux builds with the `tts` feature).
    #[arg(long, value_name = "WAY", default_value_t = default_backend())]
    pub backend: hark::speak::Backend,
    #[command(flatten)]
    pub reading: ReadingArgs,
}

fn default_backend() -> hark::speak::Backend {
    hark::speak::Backend::platform_default()
}

/// Where `hark voices` looks: an engine's voices, or the speech service's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum VoiceSource {
    /// eSpeak NG's voices.
    Espeak,
    /// The Piper voices installed.
    Piper,
    /// The Kokoro voices installed (their packs and model).
    Kokoro,
    /// The system speech service's voices (for `hark speak`).
    System,
}

/// How fast, how high, how loud (`export` and `speak`).
#[derive(Debug, Clone, Args, Serialize, Deserialize)]
#[command(next_help_heading = "Speech")]
pub struct ProsodyArgs {
    /// Speaking rate: a factor (1.2, 120%) or words per minute (180wpm).
    #[arg(long, default_value = "1.0")]
    pub rate: Rate,
    /// Pitch, 0 to 100 (50 is the voice's normal).
    #[arg(long, default_value_t = 50, value_parser = clap::value_parser!(u8).range(0..=100))]
    pub pitch: u8,
    /// Volume in percent, 0 to 200.
    #[arg(long, default_value_t = 100, value_parser = clap::value_parser!(u16).range(0..=200))]
    pub volume: u16,
}

impl ProsodyArgs {
    /// Rate, pitch and volume.
    pub fn prosody(&self) -> Prosody {
        Prosody {
            rate: self.rate,
            pitch: self.pitch,
            volume: self.volume,
        }
    }
}

/// Options for Piper voices.
#[derive(Debug, Clone, Args, Serialize, Deserialize)]
#[command(next_help_heading = "Piper voices")]
pub struct PiperArgs {
    /// A folder of Piper voices, searched after ./voices and the user folder.
    #[arg(long, value_name = "DIR", env = "HARK_VOICES")]
    pub voices_dir: Option<PathBuf>,
    /// Piper: threads for one inference (0: one per worker; the cores shared among the workers with --whole-model).
    #[arg(long, default_value_t = 0)]
    pub threads: usize,
    /// Piper: sentences worked on at once (0: one per core; one with --whole-model). eSpeak NG: sections spoken at once, each in its own process (0: one per core).
    #[arg(long, default_value_t = 0)]
    pub workers: usize,
    /// Piper: run the voice's model as one whole instead of encoder and decoder pieces (more memory on long sentences; each worker holds its own copy).
    #[arg(long)]
    pub whole_model: bool,
    /// Piper: the voice's noise_scale instead of its own (0 makes it deterministic).
    #[arg(long, value_name = "X")]
    pub noise_scale: Option<f32>,
    /// Piper: the voice's noise_w instead of its own (0 makes it deterministic).
    #[arg(long, value_name = "X")]
    pub noise_w: Option<f32>,
    /// Piper: the speaker of a multi-speaker voice (name or number).
    #[arg(long)]
    pub speaker: Option<String>,
}

impl PiperArgs {
    /// These settings for one of `jobs` worker processes sharing the cores: unless told
    /// otherwise, each Piper voice gets its part of them, in threads (a whole model) or in
    /// workers (a model in halves).
    pub fn sharing_cores(&self, jobs: usize) -> PiperArgs {
        let cores = std::thread::available_parallelism().map_or(1, usize::from);
        let share = (cores / jobs.max(1)).max(1);
        let mut shared = self.clone();
        for given in [&mut shared.threads, &mut shared.workers] {
            if *given == 0 {
                *given = share;
            }
        }
        shared
    }

    /// What the engines need to open a voice.
    pub fn open_options(&self) -> hark::synth::OpenOptions {
        hark::synth::OpenOptions {
            voice_dirs: hark::voices::search_dirs(self.voices_dir.as_deref()),
            piper: hark::synth::piper::PiperOptions {
                threads: self.threads,
                workers: self.workers,
                whole_model: self.whole_model,
                noise_scale: self.noise_scale,
                noise_w: self.noise_w,
                speaker: self.speaker.clone(),
            },
            sections_at_once: self.workers,
        }
    }
}

/// Options that shape how an article is read and paced.
#[derive(Debug, Clone, Args, Serialize, Deserialize)]
#[command(next_help_heading = "Reading")]
pub struct ReadingArgs {
    /// Read the input as this format instead of detecting it from the extension or content.
    #[arg(long, value_enum)]
    pub from: Option<Format>,
    /// Keep related links, ads, widgets and repeated pull quotes instead of dropping them (and
    /// a book's cover, title page, copyright page, contents, index and notes).
    #[arg(long)]
    pub keep_boilerplate: bool,
    /// Of a book, read only these chapters, numbered as `hark markup --list-chapters` shows
    /// them: 3-7,9.
    #[arg(long, value_name = "LIST", value_parser = parse_chapters)]
    pub chapters: Option<String>,
    /// The article's language as a BCP 47 tag (fr, es-MX, sw), instead of the one it declares
    /// or is detected to be in.
    #[arg(long, value_name = "CODE", value_parser = parse_lang)]
    pub lang: Option<String>,
    /// A pronunciation lexicon (W3C PLS, or the text form `WORD = ALIAS`): repeat for more.
    /// A `lexicon.pls` or `lexicon.txt` beside the article comes first, then these, then
    /// ~/.config/hark/lexicon.pls or .txt.
    #[arg(long, value_name = "FILE")]
    pub lexicon: Vec<PathBuf>,
    /// Silence before and after a heading (e.g. 1200ms, 1.5s; at most 10s).
    #[arg(long, value_name = "DURATION", default_value = "1200ms", value_parser = parse_pause)]
    pub heading_pause: u32,
    /// Silence between paragraphs.
    #[arg(long, value_name = "DURATION", default_value = "600ms", value_parser = parse_pause)]
    pub paragraph_pause: u32,
    /// Silence between sentences.
    #[arg(long, value_name = "DURATION", default_value = "250ms", value_parser = parse_pause)]
    pub sentence_pause: u32,
}

impl ReadingArgs {
    /// The pause settings.
    pub fn pauses(&self) -> Pauses {
        Pauses {
            heading_ms: self.heading_pause,
            paragraph_ms: self.paragraph_pause,
            sentence_ms: self.sentence_pause,
        }
    }

    /// The reading options for the library.
    pub fn read_options(&self) -> hark::ReadOptions {
        hark::ReadOptions {
            from: self.from,
            keep_boilerplate: self.keep_boilerplate,
            chapters: self
                .chapters
                .as_deref()
                .and_then(|c| hark::ingest::epub::Chapters::parse(c).ok()),
            lang: self.lang.clone(),
            lexicons: self.lexicon.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cli_is_well_formed() {
        use clap::CommandFactory;
        Cli::command().debug_assert();
    }
}
