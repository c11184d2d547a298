//! Piper's phoneme chunks: a sentence's clause phonemes (from eSpeak NG) put together with
//! their punctuation as Piper's own phonemizer does, and cut under a budget so that no
//! inference runs on more than a model was trained on. Pure text work, in every build (`hark
//! inspect` shows the chunks).

use crate::synth::espeak::Clause;

/// Most phonemes sent to the model at once; longer sentences are cut at clause, then word,
/// boundaries. Piper's models are trained on sentences well under this.
pub const PHONEME_BUDGET: usize = 400;

/// Clause phonemes → chunks of at most `budget` characters, punctuation put back as Piper's
/// phonemizer does (`, ; :` then a space; `. ! ?` close the sentence). Long clauses are cut
/// at word boundaries, and a single overlong word at the budget: nothing is ever dropped.
pub fn chunk_clauses(clauses: &[Clause], budget: usize) -> Vec<String> {
    let mut pieces: Vec<String> = Vec::new();
    for clause in clauses {
        let mut text = clause.phonemes.clone();
        match clause.punctuation {
            Some(p @ (',' | ';' | ':')) => {
                text.push(p);
                text.push(' ');
            }
            Some(p) => text.push(p),
            None => text.push(' '),
        }
        if text.chars().count() <= budget {
            pieces.push(text);
            continue;
        }
        let mut current = String::new();
        for word in text.split_inclusive(' ') {
            if current.chars().count() + word.chars().count() > budget && !current.is_empty() {
                pieces.push(std::mem::take(&mut current));
            }
            if word.chars().count() > budget {
                let chars: Vec<char> = word.chars().collect();
                for part in chars.chunks(budget) {
                    pieces.push(part.iter().collect());
                }
            } else {
                current.push_str(word);
            }
        }
        if !current.is_empty() {
            pieces.push(current);
        }
    }
    let mut chunks: Vec<String> = Vec::new();
    for piece in pieces {
        match chunks.last_mut() {
            Some(last) if last.chars().count() + piece.chars().count() <= budget => {
                last.push_str(&piece)
            }
            _ => chunks.push(piece),
        }
    }
    chunks
        .into_iter()
        .map(|c| c.trim_end().to_string())
        .filter(|c| !c.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn clause(p: &str, punct: Option<char>) -> Clause {
        Clause {
            phonemes: p.into(),
            punctuation: punct,
        }
    }

    #[test]
    fn punctuation_is_put_back() {
        let chunks = chunk_clauses(
            &[clause("həlˈoʊ", Some(',')), clause("wˈɜːld", Some('.'))],
            400,
        );
        assert_eq!(chunks, ["həlˈoʊ, wˈɜːld."]);
    }

    #[test]
    fn long_input_is_cut_under_the_budget_and_nothing_is_lost() {
        let long = (0..300)
            .map(|i| format!("w{i}"))
            .collect::<Vec<_>>()
            .join(" ");
        let clauses = vec![
            clause(&long, None),
            clause("ab", Some(',')),
            clause(&"x".repeat(50), Some('.')),
        ];
        let chunks = chunk_clauses(&clauses, 40);
        assert!(chunks.iter().all(|c| c.chars().count() <= 40), "{chunks:?}");
        let joined: String = chunks
            .join(" ")
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        assert!(joined.contains("w0 w1") && joined.contains("w299") && joined.contains("ab,"));
        assert_eq!(joined.matches('x').count(), 50);
    }
}
