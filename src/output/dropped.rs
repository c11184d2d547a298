//! What an article left out, told to the user: a summary by kind ("312 words: 4 photo-credit
//! (28 words), 2 ad (2 words)") and, for `-v`, each piece with its kind.

use crate::document::{DropKind, Dropped};

/// A kind's name as the manifest writes it ("photo-credit").
fn kind_name(kind: DropKind) -> String {
    serde_json::to_value(kind)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

/// "312 words: 4 photo-credit (28 words), 2 ad (2 words)": what was left out, by kind, the
/// most words first.
pub fn summary(dropped: &[Dropped]) -> String {
    let mut by_kind: Vec<(String, usize, usize)> = Vec::new();
    for d in dropped {
        let kind = kind_name(d.kind);
        let words = d.text.split_whitespace().count();
        match by_kind.iter_mut().find(|(k, _, _)| *k == kind) {
            Some((_, n, w)) => {
                *n += 1;
                *w += words;
            }
            None => by_kind.push((kind, 1, words)),
        }
    }
    by_kind.sort_by_key(|k| std::cmp::Reverse(k.2));
    let total: usize = by_kind.iter().map(|k| k.2).sum();
    let parts: Vec<String> = by_kind
        .iter()
        .map(|(k, n, w)| format!("{n} {k} ({})", words(*w)))
        .collect();
    format!("{}: {}", words(total), parts.join(", "))
}

/// "1 word", "28 words".
fn words(n: usize) -> String {
    if n == 1 {
        "1 word".to_string()
    } else {
        format!("{n} words")
    }
}

/// One line per piece: "  [photo-credit] Evan Mitsui/CBC", its text cut at 160 characters.
pub fn listing(dropped: &[Dropped]) -> Vec<String> {
    dropped
        .iter()
        .map(|d| {
            let text: String = d.text.chars().take(160).collect();
            format!("  [{}] {}", kind_name(d.kind), text.replace('\n', " / "))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn by_kind_most_words_first() {
        let d = |kind, text: &str| Dropped {
            kind,
            text: text.into(),
        };
        let dropped = [
            d(DropKind::Ad, "Advertisement"),
            d(DropKind::PhotoCredit, "Evan Mitsui/CBC News photo"),
            d(DropKind::Ad, "Advertisement"),
        ];
        assert_eq!(
            summary(&dropped),
            "6 words: 1 photo-credit (4 words), 2 ad (2 words)"
        );
        assert_eq!(listing(&dropped)[0], "  [ad] Advertisement");
        assert_eq!(summary(&dropped[..1]), "1 word: 1 ad (1 word)");
    }
}
