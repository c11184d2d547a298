//! A Kokoro voice as an [`Engine`]: the model in ONNX Runtime sessions (one per worker), the
//! voice's style table (a pack's voice, or a blend of several), and eSpeak NG phonemizing in
//! the article's language. Each section's sentences are spread over the workers; a sentence
//! too long for the model is cut into chunks at clause, then word, boundaries. Only in builds
//! with the `piper` feature (ONNX Runtime).

use super::packs::{self, Blend, Style};
use super::phonemes::{self, CHUNK_SYMBOLS};
use super::voice_files::{self, ENGINE};
use crate::error::SynthError;
use crate::synth::phonemizers::{Lacking, Phonemizers};
use crate::synth::piper::chunks::chunk_clauses;
use crate::synth::piper::{PiperOptions, model_cache, runtime};
use crate::synth::workers::on_free_workers;
use crate::synth::{Engine, Prosody, SectionResults, Utterance, VoiceInfo, to_i16};
use ort::session::Session;
use ort::value::Tensor;
use std::path::Path;

/// Kokoro's output: 24 kHz mono.
pub const SAMPLE_RATE: u32 = 24_000;

/// A loaded Kokoro voice.
pub struct Kokoro {
    info: VoiceInfo,
    phonemizers: Phonemizers,
    style: Style,
    speed: f32,
    /// One session per worker; a worker speaks one sentence at a time.
    sessions: Vec<Session>,
    /// The model's name for its token input (`tokens`, or `input_ids` in other exports).
    tokens_input: String,
    /// Symbols the model has no token for: each with how often it was left out.
    unknown: Vec<(char, usize)>,
}

fn unavailable(message: String) -> SynthError {
    SynthError::Unavailable {
        engine: ENGINE,
        message,
    }
}

fn failed(e: &dyn std::fmt::Display) -> SynthError {
    SynthError::Failed {
        engine: ENGINE,
        message: format!("inference failed: {e}"),
    }
}

impl Kokoro {
    /// Opens the voice (or blend) `voice` of the packs in `dirs` on the Kokoro model there,
    /// phonemizing with eSpeak NG's voice for `language` (BCP 47).
    pub fn open(
        voice: &str,
        language: &str,
        dirs: &[std::path::PathBuf],
        prosody: Prosody,
        options: &PiperOptions,
    ) -> Result<Self, SynthError> {
        let blend: Blend = voice.parse().map_err(unavailable)?;
        let model = voice_files::model(dirs).map_err(|e| unavailable(e.to_string()))?;
        let parts = voice_files::find(&blend, dirs).map_err(|e| unavailable(e.to_string()))?;
        let mut styles = Vec::new();
        for (found, weight) in parts {
            let style = packs::read_voice(&found.pack, &found.name)
                .map_err(|e| unavailable(e.to_string()))?;
            styles.push((style, weight));
        }
        let style = packs::blend(&styles);
        // ONNX Runtime is found as for Piper; its messages name this engine.
        let env = runtime::environment().map_err(|e| match e {
            SynthError::Unavailable { message, .. } => unavailable(message),
            other => other,
        })?;
        let (sessions, tokens_input) = open_sessions(env, &model, options)?;
        let phonemizer = phonemizer_voice(language, voice);
        let phonemizers = Phonemizers::new(&phonemizer)?;
        let info = VoiceInfo {
            engine: ENGINE.into(),
            name: voice.to_string(),
            sample_rate: SAMPLE_RATE,
            model_sha256: Some(model_sha256(&model)?),
            scales: None,
            speaker: None,
        };
        Ok(Kokoro {
            info,
            phonemizers,
            style,
            speed: prosody.rate.factor().clamp(0.25, 4.0),
            sessions,
            tokens_input,
            unknown: Vec::new(),
        })
    }

    /// The token ids of each chunk of a sentence, noting the symbols the model lacks.
    fn sentence_tokens(&mut self, utterance: &Utterance) -> Result<Vec<Vec<i64>>, SynthError> {
        let name = self.info.name.clone();
        let accept = |ipa: &str| match phonemes::first_unknown(&phonemes::to_kokoro(ipa, "")) {
            None => Ok(ipa.to_string()),
            Some(symbol) => Err(Lacking(symbol)),
        };
        let lacking = |symbol: char, ipa: &str, words: &str| {
            log::warn!(
                "kokoro:{name} has no phoneme '{symbol}' (U+{:04X}) for the lexicon's IPA /{ipa}/; it says \"{words}\" instead",
                symbol as u32
            );
        };
        let (espeak_voice, mut clauses) = self.phonemizers.clauses(utterance, accept, lacking)?;
        for clause in &mut clauses {
            clause.phonemes = phonemes::to_kokoro(&clause.phonemes, &espeak_voice);
        }
        let mut out = Vec::new();
        for chunk in chunk_clauses(&clauses, CHUNK_SYMBOLS) {
            let (ids, unknown) = phonemes::tokens(&chunk);
            for symbol in unknown {
                match self.unknown.iter_mut().find(|(c, _)| *c == symbol) {
                    Some((_, n)) => *n += 1,
                    None => {
                        log::warn!(
                            "kokoro:{} has no phoneme '{symbol}' (U+{:04X}) from eSpeak NG ({espeak_voice}); it is left out wherever it comes",
                            self.info.name,
                            symbol as u32
                        );
                        self.unknown.push((symbol, 1));
                    }
                }
            }
            if !ids.is_empty() {
                out.push(ids);
            }
        }
        Ok(out)
    }
}

/// eSpeak NG's voice for the phonemes: the article's language, in the voice's own variety when
/// the voice speaks that language (a British voice reading English gets en-gb's vowels).
fn phonemizer_voice(language: &str, voice: &str) -> String {
    let first = voice.split(['*', '+']).next().unwrap_or_default();
    let primary = crate::language::primary(language).to_ascii_lowercase();
    let tag = match voice_files::language(first) {
        Some((own, _)) if crate::language::primary(own).eq_ignore_ascii_case(&primary) => own,
        _ => language,
    };
    // hark reads English with eSpeak NG's en-us unless told; eSpeak NG's British voice is `en`.
    if tag.eq_ignore_ascii_case("en-GB") {
        return "en".into();
    }
    crate::synth::espeak_voice_for(tag)
        .unwrap_or_else(|| crate::synth::espeak::DEFAULT_VOICE.into())
}

/// The model's sha256, remembered in the model cache beside Piper's so a start does not read
/// 90 MB to hash them again.
fn model_sha256(model: &Path) -> Result<String, SynthError> {
    let cache = model_cache::folder();
    if let Some(memo) = cache.as_deref().and_then(|c| model_cache::recall(c, model)) {
        return Ok(memo.sha256);
    }
    let bytes = std::fs::read(model)
        .map_err(|e| unavailable(format!("cannot read the model {}: {e}", model.display())))?;
    let sha256 = crate::digest::sha256_hex(&bytes);
    if let (Some(cache), Some((size, modified_ns))) = (cache, model_cache::stamp(model)) {
        let memo = model_cache::Memo {
            size,
            modified_ns,
            sha256: sha256.clone(),
            halves: None,
        };
        model_cache::remember(&cache, model, &memo);
    }
    Ok(sha256)
}

/// A session per worker (a worker per core, one thread each, unless told otherwise), after
/// checking that the model takes Kokoro's inputs.
fn open_sessions(
    env: &ort::environment::Environment,
    model: &Path,
    options: &PiperOptions,
) -> Result<(Vec<Session>, String), SynthError> {
    let cores = std::thread::available_parallelism().map_or(1, usize::from);
    let workers = if options.workers > 0 {
        options.workers
    } else {
        cores
    };
    let threads = options.threads.max(1);
    let cannot = |e: &dyn std::fmt::Display| {
        unavailable(format!(
            "cannot load the model {}: {e} (is it a Kokoro ONNX model? install kokoro-v1.0.onnx, or its .fp16 or .int8 form, with `hark voices install`)",
            model.display()
        ))
    };
    let weights = ort::session::builder::PrepackedWeights::new();
    let build = || -> ort::Result<Session> {
        ort::session::Session::builder(env)?
            .with_memory_pattern(false)?
            .with_intra_threads(threads)?
            .with_prepacked_weights(&weights)?
            .commit_from_file(model)
    };
    let mut sessions = Vec::with_capacity(workers);
    for _ in 0..workers {
        sessions.push(build().map_err(|e| cannot(&e))?);
    }
    let names: Vec<String> = sessions
        .first()
        .map(|s| s.inputs().iter().map(|i| i.name().to_string()).collect())
        .unwrap_or_default();
    let tokens_input = names
        .iter()
        .find(|n| *n == "tokens" || *n == "input_ids")
        .cloned();
    match tokens_input {
        Some(tokens)
            if names.iter().any(|n| n == "style") && names.iter().any(|n| n == "speed") =>
        {
            Ok((sessions, tokens))
        }
        _ => Err(unavailable(format!(
            "{} is not a Kokoro model: its inputs are {}, and Kokoro's are tokens (or input_ids), style and speed. Put kokoro-v1.0.onnx (or its .fp16 or .int8 form) in a voice folder, or set HARK_KOKORO_MODEL to it",
            model.display(),
            if names.is_empty() {
                "none".to_string()
            } else {
                names.join(", ")
            }
        ))),
    }
}

/// One chunk through the model: its tokens between the pads, the style row for its length.
fn infer(
    session: &mut Session,
    tokens_input: &str,
    ids: &[i64],
    style: &Style,
    speed: f32,
) -> Result<Vec<f32>, SynthError> {
    let mut padded = Vec::with_capacity(ids.len() + 2);
    padded.push(0);
    padded.extend_from_slice(ids);
    padded.push(0);
    let n = padded.len();
    let inputs: Vec<(&str, ort::value::DynValue)> = vec![
        (
            tokens_input,
            Tensor::from_array(([1usize, n], padded))
                .map_err(|e| failed(&e))?
                .into_dyn(),
        ),
        (
            "style",
            Tensor::from_array(([1usize, packs::STYLE_WIDTH], style.row(ids.len()).to_vec()))
                .map_err(|e| failed(&e))?
                .into_dyn(),
        ),
        (
            "speed",
            Tensor::from_array(([1usize], vec![speed]))
                .map_err(|e| failed(&e))?
                .into_dyn(),
        ),
    ];
    let outputs = session.run(inputs).map_err(|e| failed(&e))?;
    let (_, values) = outputs[0]
        .try_extract_tensor::<f32>()
        .map_err(|e| failed(&e))?;
    Ok(values.to_vec())
}

impl Engine for Kokoro {
    fn voice(&self) -> &VoiceInfo {
        &self.info
    }

    fn synthesize(&mut self, text: &str) -> Result<Vec<i16>, SynthError> {
        let mut results = self.synthesize_all(&[Utterance::plain(text)]);
        results.pop().unwrap_or_else(|| Ok(Vec::new()))
    }

    /// Phonemizes every sentence here (eSpeak NG is single-threaded), then the workers speak
    /// them, each taking the next sentence when it is free.
    fn synthesize_all(&mut self, utterances: &[Utterance]) -> Vec<Result<Vec<i16>, SynthError>> {
        self.synthesize_sections(&[utterances])
            .pop()
            .unwrap_or_default()
    }

    /// A worker per session: several sections at once keep every worker busy to the end of
    /// all but the last of them.
    fn sections_at_once(&self) -> usize {
        self.sessions.len()
    }

    /// The sentences of all the sections in one queue for the workers, then back by section.
    fn synthesize_sections(&mut self, sections: &[&[Utterance]]) -> Vec<SectionResults> {
        let sentences: Vec<Result<Vec<Vec<i64>>, SynthError>> = sections
            .iter()
            .flat_map(|s| s.iter())
            .map(|u| self.sentence_tokens(u))
            .collect();
        let mut audio = speak(
            &mut self.sessions,
            &self.tokens_input,
            &self.style,
            self.speed,
            sentences,
        )
        .into_iter();
        sections
            .iter()
            .map(|s| audio.by_ref().take(s.len()).collect())
            .collect()
    }
}

/// The workers, one per session, each taking the next sentence (its chunks' token ids) when it
/// is free; every sentence's samples, or why it could not be spoken.
fn speak(
    sessions: &mut [Session],
    tokens_input: &str,
    style: &Style,
    speed: f32,
    sentences: Vec<Result<Vec<Vec<i64>>, SynthError>>,
) -> Vec<Result<Vec<i16>, SynthError>> {
    let audio = on_free_workers(sessions, &sentences, |session, sentence| {
        let Ok(chunks) = sentence else {
            return Ok(Vec::new());
        };
        chunks.iter().try_fold(Vec::new(), |mut samples, ids| {
            samples.extend(infer(session, tokens_input, ids, style, speed)?);
            Ok(samples)
        })
    });
    sentences
        .into_iter()
        .zip(audio)
        .map(|(sentence, audio)| {
            sentence?;
            let audio = audio.unwrap_or_else(|| Err(failed(&"not synthesized")))?;
            Ok(to_i16(&audio))
        })
        .collect()
}

impl Drop for Kokoro {
    /// How much the model could not say, once, at the end.
    fn drop(&mut self) {
        let total: usize = self.unknown.iter().map(|(_, n)| n).sum();
        if total > 0 {
            let list: Vec<String> = self
                .unknown
                .iter()
                .map(|(c, n)| format!("'{c}' ×{n}"))
                .collect();
            log::info!(
                "kokoro:{}: {total} phonemes the model has no token for were left out ({})",
                self.info.name,
                list.join(", ")
            );
        }
    }
}
