//! Which language an article is in: the one its source declares (HTML `lang`, `og:locale`,
//! `content-language`; front matter `lang`/`language`; SSML `xml:lang`), the one the user names
//! (`--lang`), or else the one its text is detected to be in.
//!
//! Tags are BCP 47 as written in the wild, cleaned up ("fr_FR" → "fr-FR", "EN-us" → "en-US").
//! Detection uses lingua (built with the languages listed in `Cargo.toml`'s features); a text
//! it cannot tell with confidence is taken as English, with a warning that says how to choose.

use lingua::{LanguageDetector, LanguageDetectorBuilder};
use std::sync::LazyLock;

/// Where an article's language came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// `--lang`.
    Chosen,
    /// The source's own markup or front matter.
    Declared,
    /// Detected from the text.
    Detected,
    /// Nothing said and detection unsure: English.
    Assumed,
}

impl Origin {
    /// How the manifest says it.
    pub fn name(self) -> &'static str {
        match self {
            Origin::Chosen => "chosen",
            Origin::Declared => "declared",
            Origin::Detected => "detected",
            Origin::Assumed => "assumed",
        }
    }
}

/// The language an article is read in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArticleLanguage {
    /// BCP 47 tag: "en", "fr-FR", "sw".
    pub tag: String,
    /// Where it came from.
    pub origin: Origin,
}

impl ArticleLanguage {
    /// The primary language subtag, lower case: "fr" for "fr-FR".
    pub fn primary(&self) -> &str {
        primary(&self.tag)
    }
}

impl Default for ArticleLanguage {
    fn default() -> Self {
        ArticleLanguage {
            tag: "en".into(),
            origin: Origin::Assumed,
        }
    }
}

/// The primary subtag of a tag, lower case ("pt" for "pt-BR").
pub fn primary(tag: &str) -> &str {
    tag.split(['-', '_']).next().unwrap_or(tag)
}

/// A language tag as written in a page or given by a user, made BCP 47: the primary subtag
/// in lower case (2 or 3 letters), a region in upper case, a script in title case; `None`
/// for something that is no language tag ("", "x", "english please").
pub fn clean_tag(raw: &str) -> Option<String> {
    let raw = raw.trim();
    let mut parts = raw.split(['-', '_']).filter(|p| !p.is_empty());
    let first = parts.next()?;
    if !(2..=3).contains(&first.len()) || !first.chars().all(|c| c.is_ascii_alphabetic()) {
        return None;
    }
    let mut out = first.to_ascii_lowercase();
    for part in parts {
        if !part.chars().all(|c| c.is_ascii_alphanumeric()) || part.len() > 8 {
            return None;
        }
        out.push('-');
        match part.len() {
            2 if part.chars().all(|c| c.is_ascii_alphabetic()) => {
                out.push_str(&part.to_ascii_uppercase())
            }
            4 => {
                let lower = part.to_ascii_lowercase();
                out.push_str(&lower[..1].to_ascii_uppercase());
                out.push_str(&lower[1..]);
            }
            _ => out.push_str(&part.to_ascii_lowercase()),
        }
    }
    Some(out)
}

static DETECTOR: LazyLock<LanguageDetector> =
    LazyLock::new(|| LanguageDetectorBuilder::from_all_languages().build());

/// How much of a text detection reads: enough to be sure of an article's language.
pub const SAMPLE_CHARS: usize = 4000;

/// How sure detection must be before an article is read in a detected language.
const ARTICLE_CONFIDENCE: f64 = 0.6;

/// The language of `text` and how sure lingua is (0–1); `None` when it cannot tell.
pub fn detect(text: &str) -> Option<(String, f64)> {
    // A long article is told by its first part as well as by all of it, at a fraction of the
    // cost.
    let sample: String = text.chars().take(SAMPLE_CHARS).collect();
    if !sample.chars().any(char::is_alphabetic) {
        return None;
    }
    if let Some(voted) = paragraph_vote(&sample) {
        return Some(voted);
    }
    let values = DETECTOR.compute_language_confidence_values(sample.as_str());
    let best = values
        .into_iter()
        .next()
        .map(|(language, confidence)| (language.iso_code_639_1().to_string(), confidence));
    match best {
        Some((tag, confidence)) if confidence >= ARTICLE_CONFIDENCE => Some((tag, confidence)),
        // lingua knows only the languages it was built with; whatlang's small trigram models
        // cover 69 (Russian, Arabic, Chinese, Hindi …), less surely.
        lingua_guess => match whatlang::detect(&sample) {
            Some(info) if info.is_reliable() => {
                let three = info.lang().code();
                let tag = ISO_639
                    .iter()
                    .find(|(_, t)| *t == three)
                    .map(|(two, _)| two.to_string())?;
                Some((tag, info.confidence().max(ARTICLE_CONFIDENCE)))
            }
            _ => lingua_guess,
        },
    }
}

/// The language most of a text's paragraphs (one per line) are in, counted in words, when
/// lingua is sure of it for more than half of the words: an English article quoting a long
/// French paragraph is still English, which one detection over the whole text can miss.
/// `None` for a single paragraph, or no clear majority.
fn paragraph_vote(sample: &str) -> Option<(String, f64)> {
    let paragraphs: Vec<&str> = sample.lines().filter(|l| !l.trim().is_empty()).collect();
    if paragraphs.len() < 2 {
        return None;
    }
    let mut votes: Vec<(String, f64)> = Vec::new();
    let mut total = 0.0;
    for paragraph in paragraphs {
        let words = paragraph.split_whitespace().count() as f64;
        total += words;
        let Some((language, confidence)) = DETECTOR
            .compute_language_confidence_values(paragraph)
            .into_iter()
            .next()
        else {
            continue;
        };
        let tag = language.iso_code_639_1().to_string();
        match votes.iter_mut().find(|(t, _)| *t == tag) {
            Some((_, v)) => *v += words * confidence,
            None => votes.push((tag, words * confidence)),
        }
    }
    let (tag, weight) = votes.into_iter().max_by(|a, b| a.1.total_cmp(&b.1))?;
    let share = weight / total.max(1.0);
    // A sure majority of the words is enough to read the article in that language; the rest
    // is a passage (see passage_language).
    (share > 0.5).then_some((tag, share.max(ARTICLE_CONFIDENCE)))
}

/// Words a passage needs before its language is told apart from the article's: shorter
/// ones are names, titles and loanwords more often than quotations.
pub const PASSAGE_WORDS: usize = 6;

/// How sure detection must be that a passage is in another language than the article's.
pub const PASSAGE_CONFIDENCE: f64 = 0.9;

/// The languages lingua was built with: passages are told apart only among these (and by
/// script), since lingua would take a Dutch sentence for German or English.
fn lingua_knows(primary: &str) -> bool {
    <lingua::IsoCode639_1 as std::str::FromStr>::from_str(primary).is_ok_and(|code| {
        DETECTOR_LANGUAGES
            .iter()
            .any(|l| l.iso_code_639_1() == code)
    })
}

static DETECTOR_LANGUAGES: LazyLock<Vec<lingua::Language>> =
    LazyLock::new(|| lingua::Language::all().into_iter().collect());

/// The language of a passage (a paragraph or a sentence) when it is clearly not the
/// article's (`article`, a primary subtag): at least [`PASSAGE_WORDS`] words, in another
/// script than the article's, or told by lingua with [`PASSAGE_CONFIDENCE`]. `None` when it
/// is the article's language, too short, or unsure.
pub fn passage_language(text: &str, article: &str) -> Option<String> {
    let words = text
        .split_whitespace()
        .filter(|w| w.chars().any(char::is_alphabetic))
        .count();
    if words < PASSAGE_WORDS {
        return None;
    }
    let info = whatlang::detect(text)?;
    if info.script() != whatlang::Script::Latin {
        // Cyrillic, Arabic, Han …: the script itself says the passage is another language,
        // and whatlang tells which one surely enough.
        // Within the article's own script (a Ukrainian quotation in a Russian article) only a
        // reliable guess counts.
        let three = info.lang().code();
        let tag = ISO_639
            .iter()
            .find(|(_, t)| *t == three)
            .map(|(two, _)| *two)?;
        let article_script = iso639_2(article)
            .and_then(whatlang::Lang::from_code)
            .is_some_and(|lang| info.script().langs().contains(&lang));
        return (tag != article && (info.is_reliable() || !article_script))
            .then(|| tag.to_string());
    }
    if !lingua_knows(article) {
        return None;
    }
    // What whatlang surely takes for the article's own language needs no second opinion:
    // most sentences, at a quarter of lingua's time.
    if info.is_reliable() && iso639_2(article) == Some(info.lang().code()) {
        return None;
    }
    let (language, confidence) = DETECTOR
        .compute_language_confidence_values(text)
        .into_iter()
        .next()?;
    let tag = language.iso_code_639_1().to_string();
    (confidence >= PASSAGE_CONFIDENCE && tag != article).then_some(tag)
}

/// The language to read an article in: `chosen` (`--lang`), else the one `declared` by the
/// source, else the one detected from `text` when detection is sure, else English. The
/// warning says what was assumed and how to choose.
pub fn decide(
    chosen: Option<&str>,
    declared: Option<&str>,
    text: &str,
) -> (ArticleLanguage, Option<String>) {
    let given = [(chosen, Origin::Chosen), (declared, Origin::Declared)]
        .into_iter()
        .find_map(|(tag, origin)| Some((tag.and_then(clean_tag)?, origin)));
    if let Some((tag, origin)) = given {
        return (ArticleLanguage { tag, origin }, None);
    }
    match detect(text) {
        Some((tag, confidence)) if confidence >= ARTICLE_CONFIDENCE => (
            ArticleLanguage {
                tag,
                origin: Origin::Detected,
            },
            None,
        ),
        Some((tag, confidence)) if words(text) >= 20 => (
            ArticleLanguage::default(),
            Some(format!(
                "could not tell the article's language (it may be {tag}, {:.0}% sure); reading it as English: name it with --lang CODE",
                confidence * 100.0
            )),
        ),
        _ => (ArticleLanguage::default(), None),
    }
}

/// The three-letter ISO 639-2 code of a language (ID3's `TLAN` and comment language), from its
/// two-letter one; `None` for a language the table lacks.
pub fn iso639_2(tag: &str) -> Option<&'static str> {
    let primary = primary(tag).to_ascii_lowercase();
    ISO_639
        .iter()
        .find(|(two, _)| *two == primary)
        .map(|(_, three)| *three)
}

/// Two-letter ISO 639-1 codes and their three-letter ISO 639-2/T codes (also ISO 639-3's,
/// which whatlang gives).
const ISO_639: &[(&str, &str)] = &[
    ("en", "eng"),
    ("fr", "fra"),
    ("es", "spa"),
    ("de", "deu"),
    ("pt", "por"),
    ("it", "ita"),
    ("sw", "swa"),
    ("nl", "nld"),
    ("pl", "pol"),
    ("ru", "rus"),
    ("uk", "ukr"),
    ("cs", "ces"),
    ("sk", "slk"),
    ("sv", "swe"),
    ("nb", "nob"),
    ("no", "nor"),
    ("da", "dan"),
    ("fi", "fin"),
    ("el", "ell"),
    ("tr", "tur"),
    ("hu", "hun"),
    ("ro", "ron"),
    ("ca", "cat"),
    ("ar", "ara"),
    ("he", "heb"),
    ("hi", "hin"),
    ("bn", "ben"),
    ("ur", "urd"),
    ("fa", "fas"),
    ("zh", "zho"),
    ("ja", "jpn"),
    ("ko", "kor"),
    ("vi", "vie"),
    ("th", "tha"),
    ("id", "ind"),
    ("ms", "msa"),
    ("tl", "tgl"),
    ("am", "amh"),
    ("so", "som"),
    ("yo", "yor"),
    ("zu", "zul"),
    ("af", "afr"),
    ("ga", "gle"),
    ("cy", "cym"),
    ("eu", "eus"),
    ("hr", "hrv"),
    ("sr", "srp"),
    ("bg", "bul"),
    ("lt", "lit"),
    ("lv", "lav"),
    ("et", "est"),
    ("is", "isl"),
    ("ta", "tam"),
    ("te", "tel"),
    ("mr", "mar"),
    ("gu", "guj"),
    ("pa", "pan"),
    ("kn", "kan"),
    ("ml", "mal"),
    ("ne", "nep"),
    ("si", "sin"),
    ("km", "khm"),
    ("my", "mya"),
    ("ka", "kat"),
    ("hy", "hye"),
    ("az", "aze"),
    ("uz", "uzb"),
    ("be", "bel"),
    ("mk", "mkd"),
    ("sl", "slv"),
    ("eo", "epo"),
    ("la", "lat"),
    ("jv", "jav"),
    ("sn", "sna"),
    ("ak", "aka"),
    ("tk", "tuk"),
    ("or", "ori"),
    ("yi", "yid"),
];

fn words(text: &str) -> usize {
    text.split_whitespace().count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_are_cleaned() {
        assert_eq!(clean_tag("fr_FR").as_deref(), Some("fr-FR"));
        assert_eq!(clean_tag("EN-us").as_deref(), Some("en-US"));
        assert_eq!(clean_tag("zh-hant-tw").as_deref(), Some("zh-Hant-TW"));
        assert_eq!(clean_tag("sw").as_deref(), Some("sw"));
        assert_eq!(clean_tag(""), None);
        assert_eq!(clean_tag("english please"), None);
        assert_eq!(primary("pt-BR"), "pt");
        assert_eq!(iso639_2("sw-KE"), Some("swa"));
        assert_eq!(iso639_2("xx"), None);
    }

    #[test]
    fn chosen_then_declared_then_detected() {
        let french = "Le gouvernement a annoncé mardi une nouvelle série de mesures pour soutenir les ménages face à la hausse des prix de l'énergie.";
        assert_eq!(decide(Some("de"), Some("fr"), french).0.tag, "de");
        assert_eq!(decide(None, Some("fr-CA"), french).0.tag, "fr-CA");
        let (found, warning) = decide(None, None, french);
        assert_eq!((found.tag.as_str(), found.origin), ("fr", Origin::Detected));
        assert!(warning.is_none());
        let swahili = "Serikali imetangaza hatua mpya za kusaidia wakulima walioathirika na ukame katika maeneo ya kaskazini mwa nchi.";
        assert_eq!(decide(None, None, swahili).0.tag, "sw");
        let russian = "В Москве начали готовиться к зиме: коммунальные службы проверяют отопление во всех районах города.";
        assert_eq!(decide(None, None, russian).0.tag, "ru");
        let spanish = "El gobierno anunció el martes un nuevo paquete de medidas para ayudar a las familias con el precio de la energía.";
        assert_eq!(decide(None, None, spanish).0.tag, "es");
    }

    #[test]
    fn passages_in_another_language() {
        let quote =
            "Nous ne céderons rien sur l'essentiel, a déclaré la ministre devant les députés.";
        assert_eq!(passage_language(quote, "en").as_deref(), Some("fr"));
        assert_eq!(passage_language(quote, "fr"), None);
        // Short passages and names do not flip the language.
        assert_eq!(
            passage_language("« Liberté, égalité, fraternité »", "en"),
            None
        );
        let names = "The team from São Paulo met officials in Rio de Janeiro on Tuesday.";
        assert_eq!(passage_language(names, "en"), None);
        let russian = "Мы не отступим ни на шаг, сказал министр журналистам в Москве.";
        assert_eq!(passage_language(russian, "en").as_deref(), Some("ru"));
        // A language lingua was not built with is not second-guessed.
        let dutch = "De regering heeft dinsdag nieuwe maatregelen aangekondigd voor gezinnen.";
        assert_eq!(passage_language(dutch, "nl"), None);
        assert_eq!(passage_language("12 34 56 78 90 12 34", "en"), None);
    }

    #[test]
    fn the_language_of_most_paragraphs_wins() {
        let text = "The minister spoke to reporters in Paris on Tuesday after the vote.\n\
            « Nous ne céderons rien sur l'essentiel, et nous irons jusqu'au bout de cette réforme », a-t-elle déclaré devant les députés.\n\
            She later told a radio station that talks with the unions would resume soon.\n";
        assert_eq!(decide(None, None, text).0.tag, "en");
    }

    #[test]
    fn no_letters_is_english_without_fuss() {
        let (found, warning) = decide(None, None, "12 34 56 — 78");
        assert_eq!(found, ArticleLanguage::default());
        assert!(warning.is_none());
    }
}
