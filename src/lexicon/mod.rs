//! Pronunciation lexicons: names and words said the way an editor wants, in every engine.
//!
//! Entries come from W3C PLS files ([`pls`]) and from a plain text form ([`text_form`]), found
//! from the most specific place to the least ([`Lexicon::for_article`]): `lexicon.pls` or
//! `lexicon.txt` beside the article, the files given with `--lexicon`, then the user's
//! `~/.config/hark/lexicon.pls` or `.txt`; hark's own lists of acronyms said as words or
//! spelled stay the last word (the normalizer applies them, and an entry here overrides it).
//!
//! [`Lexicon::spans`] finds what the entries match in a text; the speech stage turns each into
//! a `Piece::Sub` (an alias: `<sub alias>` in the SSML) or a `Piece::Phoneme` (IPA:
//! `<phoneme>`, said as phonemes by eSpeak NG and Piper) after normalization, written as in the
//! article (subtitles keep it) and spoken as the entry says. Entries are found
//! through a map by their first word, so a lexicon of 100,000 entries costs a lookup per word.
//! An alias is never looked up again, so entries that point at each other cannot loop.
pub mod entry;
pub mod ipa;
pub mod pls;
pub mod suggest;
pub mod text_form;

use crate::error::LexiconError;
use entry::{Entry, Say, key, possessive_stem, words};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// The file names a lexicon beside an article (or in the user's config folder) has.
pub const FILE_NAMES: [&str; 2] = ["lexicon.pls", "lexicon.txt"];

/// Entries by the lower case of their first word, longest first, then most specific first.
#[derive(Debug, Clone, Default)]
pub struct Lexicon {
    by_first_word: HashMap<String, Vec<Entry>>,
    /// Files read, most specific first.
    pub files: Vec<PathBuf>,
}

impl Lexicon {
    /// The lexicon an article at `article` (a path, or `-`) is read with: the lexicon beside
    /// it, then `given` (`--lexicon`, in order), then the user's.
    pub fn for_article(article: &str, given: &[PathBuf]) -> Result<Lexicon, LexiconError> {
        let mut lexicon = Lexicon::default();
        let beside = match article {
            "-" => None,
            path => Path::new(path).parent().map(|p| {
                if p.as_os_str().is_empty() {
                    Path::new(".").to_path_buf()
                } else {
                    p.to_path_buf()
                }
            }),
        };
        if let Some(folder) = beside {
            lexicon.add_found_in(&folder)?;
        }
        for file in given {
            lexicon.add_file(file)?;
        }
        if let Some(config) = dirs::config_dir() {
            lexicon.add_found_in(&config.join("hark"))?;
        }
        Ok(lexicon)
    }

    /// Adds the lexicon files with the fixed names in `folder`, if there are any.
    fn add_found_in(&mut self, folder: &Path) -> Result<(), LexiconError> {
        for name in FILE_NAMES {
            let path = folder.join(name);
            if path.is_file() {
                self.add_file(&path)?;
            }
        }
        Ok(())
    }

    /// A lexicon of one text-form lexicon's lines; `name` names it in messages.
    pub fn from_text(name: &str, text: &str) -> Result<Lexicon, LexiconError> {
        let mut lexicon = Lexicon::default();
        lexicon.add(text_form::parse(name, text)?);
        Ok(lexicon)
    }

    /// Adds one file's entries after those already there (which win over them).
    pub fn add_file(&mut self, path: &Path) -> Result<(), LexiconError> {
        self.add(read(path)?);
        self.files.push(path.to_path_buf());
        Ok(())
    }

    /// Adds entries after those already there.
    pub fn add(&mut self, entries: Vec<Entry>) {
        let mut touched = std::collections::HashSet::new();
        for entry in entries {
            let first = key(&entry.words[0]);
            self.by_first_word
                .entry(first.clone())
                .or_default()
                .push(entry);
            touched.insert(first);
        }
        // Longest first; stable, so among equals the more specific stays first. Sorted once
        // per list, not once per entry: many entries may share a first word ("the …").
        for first in touched {
            if let Some(list) = self.by_first_word.get_mut(&first) {
                list.sort_by_key(|e| std::cmp::Reverse(e.words.len()));
            }
        }
    }

    /// Whether it has no entries.
    pub fn is_empty(&self) -> bool {
        self.by_first_word.is_empty()
    }

    /// Number of entries.
    pub fn len(&self) -> usize {
        self.by_first_word.values().map(Vec::len).sum()
    }

    /// The entry for the words starting at `at` in `found` (the words of `text`), when they
    /// are separated by spaces only: the entry, how many words it takes, and where its match
    /// ends (before a possessive `'s` the entry does not have: "Otunge's" is "Otunge" and 's).
    fn find(
        &self,
        text: &str,
        found: &[(usize, usize)],
        at: usize,
        language: &str,
    ) -> Option<(&Entry, usize, usize)> {
        let (start, end) = found[at];
        let first = &text[start..end];
        let keys = [Some(first), possessive_stem(first)];
        keys.into_iter().flatten().find_map(|word| {
            let candidates = self.by_first_word.get(&key(word))?;
            candidates.iter().find_map(|entry| {
                let n = entry.words.len();
                let run = found.get(at..at + n)?;
                let spaced = run
                    .windows(2)
                    .all(|w| text[w[0].1..w[1].0].chars().all(char::is_whitespace));
                if !spaced {
                    return None;
                }
                let mut said: Vec<&str> = run.iter().map(|&(a, b)| &text[a..b]).collect();
                let (last_start, last_end) = run[n - 1];
                if entry.matches(&said, language) {
                    return Some((entry, n, last_end));
                }
                let stem = possessive_stem(said[n - 1])?;
                said[n - 1] = stem;
                entry
                    .matches(&said, language)
                    .then_some((entry, n, last_start + stem.len()))
            })
        })
    }

    /// The stretches of `text` that entries match, in order, with what each says.
    pub fn spans(&self, text: &str, language: &str) -> Vec<Span> {
        let mut out = Vec::new();
        if self.is_empty() {
            return out;
        }
        let found = words(text);
        let mut at = 0;
        while at < found.len() {
            match self.find(text, &found, at, language) {
                Some((entry, n, end)) => {
                    let start = found[at].0;
                    let (said, ipa) = match &entry.say {
                        Say::Alias(alias) => (alias.clone(), None),
                        Say::Phoneme { ipa, alias } => (
                            alias
                                .clone()
                                .unwrap_or_else(|| text[start..end].to_string()),
                            Some(ipa.clone()),
                        ),
                    };
                    out.push(Span {
                        start,
                        end,
                        said,
                        ipa,
                    });
                    at += n;
                }
                None => at += 1,
            }
        }
        out
    }

    /// The entry's span when one matches all of `written`.
    pub fn whole(&self, written: &str, language: &str) -> Option<Span> {
        let mut spans = self.spans(written, language);
        let whole = matches!(spans.as_slice(), [span]
            if written[..span.start].trim().is_empty() && written[span.end..].trim().is_empty());
        if whole { spans.pop() } else { None }
    }
}

/// A stretch of text an entry matches.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span {
    /// Byte range in the text.
    pub start: usize,
    pub end: usize,
    /// The words to say instead: the alias, or for IPA without one, the words as written.
    pub said: String,
    /// The IPA to say, for engines that take it.
    pub ipa: Option<String>,
}

/// Whether a lexicon file is PLS: named `.pls` or `.xml`, or opening with `<`.
pub fn is_pls(path: &Path, text: &str) -> bool {
    let extension = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase());
    matches!(extension.as_deref(), Some("pls" | "xml"))
        || text
            .trim_start_matches('\u{feff}')
            .trim_start()
            .starts_with('<')
}

/// Reads one lexicon file: PLS when it is XML (`.pls`, `.xml`, or opening with `<`), else the
/// text form.
pub fn read(path: &Path) -> Result<Vec<Entry>, LexiconError> {
    parse(path, &read_text(path)?)
}

/// A lexicon file's text.
pub fn read_text(path: &Path) -> Result<String, LexiconError> {
    std::fs::read_to_string(path).map_err(|source| LexiconError::Read {
        path: path.display().to_string(),
        source,
    })
}

/// The entries of the lexicon file at `path`, whose text is `text`.
pub fn parse(path: &Path, text: &str) -> Result<Vec<Entry>, LexiconError> {
    let name = path.display().to_string();
    if is_pls(path, text) {
        pls::parse(&name, text)
    } else {
        text_form::parse(&name, text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lexicon(text: &str) -> Lexicon {
        Lexicon::from_text("t.txt", text).unwrap()
    }

    fn said(lexicon: &Lexicon, text: &str) -> Vec<(String, String)> {
        lexicon
            .spans(text, "en")
            .into_iter()
            .map(|s| (text[s.start..s.end].to_string(), s.said))
            .collect()
    }

    #[test]
    fn the_longest_entry_and_whole_words_win() {
        let l = lexicon(
            "Musalia Mudavadi = Moo sah lee ah Moo dah vah dee\nMusalia = Moo sah lee ah\n",
        );
        assert_eq!(
            said(&l, "Musalia Mudavadi, then Musalia, then Musalias."),
            [
                (
                    "Musalia Mudavadi".to_string(),
                    "Moo sah lee ah Moo dah vah dee".to_string()
                ),
                ("Musalia".to_string(), "Moo sah lee ah".to_string()),
            ]
        );
        // Words of an entry must follow each other with spaces only.
        assert_eq!(said(&l, "Musalia, Mudavadi").len(), 1);
        // A possessive is the name and its 's.
        assert_eq!(
            said(&l, "Musalia Mudavadi's plan and Musalia’s"),
            [
                (
                    "Musalia Mudavadi".to_string(),
                    "Moo sah lee ah Moo dah vah dee".to_string()
                ),
                ("Musalia".to_string(), "Moo sah lee ah".to_string()),
            ]
        );
        let own = Lexicon::from_text("o.txt", "McDonald's = Mac Donalds\n").unwrap();
        assert_eq!(said(&own, "McDonald's")[0].1, "Mac Donalds");
    }

    #[test]
    fn the_more_specific_lexicon_wins() {
        let mut l = lexicon("Otunge = first\n");
        l.add(text_form::parse("u.txt", "Otunge = second\n").unwrap());
        assert_eq!(said(&l, "Otunge")[0].1, "first");
        assert_eq!(
            l.whole(" Otunge ", "en").map(|s| s.said).as_deref(),
            Some("first")
        );
        assert_eq!(l.whole("Otunge said", "en"), None);
    }

    #[test]
    fn a_hundred_thousand_entries_are_a_map_not_a_list() {
        let text: String = (0..100_000)
            .map(|i| format!("name{i} = said {i}\n"))
            .collect();
        let l = lexicon(&text);
        assert_eq!(l.len(), 100_000);
        let sentence = "name99999 and name5 and others ".repeat(200);
        let spans = l.spans(&sentence, "en");
        assert_eq!(spans.len(), 400);
        assert_eq!(spans[0].said, "said 99999");
    }

    #[test]
    fn a_file_is_read_by_its_kind_and_a_missing_one_is_named() {
        let dir = tempfile::tempdir().unwrap();
        let text = dir.path().join("names.txt");
        std::fs::write(&text, "Otunge = Oh toon geh\n").unwrap();
        assert_eq!(read(&text).unwrap().len(), 1);
        let pls = dir.path().join("names.pls");
        std::fs::write(
            &pls,
            "<lexicon version=\"1.0\" xml:lang=\"en\"><lexeme><grapheme>Otunge</grapheme><alias>Oh toon geh</alias></lexeme></lexicon>",
        )
        .unwrap();
        assert_eq!(read(&pls).unwrap().len(), 1);
        let missing = read(&dir.path().join("gone.txt")).unwrap_err().to_string();
        assert!(
            missing.contains("gone.txt") && missing.contains("--lexicon"),
            "{missing}"
        );
    }

    #[test]
    fn the_lexicon_beside_the_article_comes_first() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("lexicon.txt"), "Otunge = beside\n").unwrap();
        let given = dir.path().join("given.txt");
        std::fs::write(&given, "Otunge = given\nKindiki = Kin dee kee\n").unwrap();
        let article = dir.path().join("a.txt");
        let l = Lexicon::for_article(&article.display().to_string(), &[given]).unwrap();
        assert_eq!(said(&l, "Otunge Kindiki")[0].1, "beside");
        assert_eq!(said(&l, "Otunge Kindiki")[1].1, "Kin dee kee");
        assert_eq!(l.files.len(), 2);
    }
}
