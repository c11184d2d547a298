//! Plain text as copied from a news page → [`Document`].
//!
//! Copied pages lose their markup: a heading becomes a bare line. The reader recovers them: the
//! first line is the title when it looks like one; after that a heading is a short line (longer
//! In Title Case) without sentence punctuation that follows the end of a paragraph or a source
//! credit like "[ Wired ]" (or any line, when it is set in capitals) and stands before prose,
//! or before one short line (a byline, a link line, a table's head) and then prose. Short lines
//! that are not headings (salutations, sign-offs, list items, a name under a quote, "Profile:
//! …" link lines) stay text. Hard-wrapped text (e-mail style) is re-joined first.

use crate::document::{Block, Document, collapse_whitespace, strip_controls};

/// A line (or a re-joined hard-wrapped paragraph) with what the reader needs to judge it.
#[derive(Debug)]
struct Unit {
    text: String,
}

/// Parses plain text. Never fails: any text is at least one paragraph.
pub fn parse(input: &str) -> Document {
    let clean = strip_controls(&input.replace("\r\n", "\n").replace('\r', "\n"));
    let units = units(&clean);
    let mut doc = Document {
        date: super::date::dateline(&clean),
        ..Document::default()
    };
    let mut i = 0;
    if let Some(first) = units.first()
        && looks_like_title(&first.text, units.len())
    {
        doc.blocks.push(Block::Heading {
            level: 1,
            text: first.text.clone(),
        });
        i = 1;
    }
    let mut list: Vec<String> = Vec::new();
    while i < units.len() {
        let text = &units[i].text;
        if let Some(item) = list_item(text).filter(|_| !is_numbered_heading(&units, i)) {
            list.push(item.to_string());
            i += 1;
            continue;
        }
        if !list.is_empty() {
            doc.blocks.push(Block::List(std::mem::take(&mut list)));
        }
        if is_heading(&units, i) || is_numbered_heading(&units, i) {
            doc.blocks.push(Block::Heading {
                level: 2,
                text: text.clone(),
            });
        } else {
            doc.blocks.push(Block::Paragraph(text.clone()));
        }
        i += 1;
    }
    if !list.is_empty() {
        doc.blocks.push(Block::List(list));
    }
    doc
}

fn units(text: &str) -> Vec<Unit> {
    let hard_wrapped = is_hard_wrapped(text);
    let mut units: Vec<Unit> = Vec::new();
    let mut joining = false;
    for raw in text.lines() {
        let line = collapse_whitespace(raw);
        if line.is_empty() {
            joining = false;
            continue;
        }
        if hard_wrapped
            && joining
            && list_item(&line).is_none()
            && let Some(last) = units.last_mut()
        {
            last.text.push(' ');
            last.text.push_str(&line);
            continue;
        }
        units.push(Unit { text: line });
        joining = hard_wrapped;
    }
    units
}

/// Text wrapped at a fixed width (e-mail, RFC style) has paragraphs split across lines: many lines
/// of similar length that run on into a next line starting in lower case.
fn is_hard_wrapped(text: &str) -> bool {
    let lines: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    if lines.len() < 4 || !text.contains("\n\n") {
        return false;
    }
    let longest = lines.iter().map(|l| l.chars().count()).max().unwrap_or(0);
    let run_on = lines
        .windows(2)
        .filter(|w| !ends_sentence(w[0]) && w[1].chars().next().is_some_and(char::is_lowercase))
        .count();
    longest <= 100 && run_on * 4 >= lines.len()
}

fn looks_like_title(text: &str, units: usize) -> bool {
    let words = text.split_whitespace().count();
    units > 1
        && words <= 30
        && text.chars().count() <= 250
        && !text.ends_with('.')
        && list_item(text).is_none()
}

/// The item text when a line is a list item ("- x", "• x", "1. x", "a) x").
pub(crate) fn list_item(line: &str) -> Option<&str> {
    for bullet in ["- ", "* ", "• ", "· ", "◦ ", "▪ ", "– "] {
        if let Some(rest) = line.strip_prefix(bullet) {
            return Some(rest.trim());
        }
    }
    let marker_len = line.bytes().take_while(u8::is_ascii_digit).count();
    let marker_len = if marker_len == 0 && line.len() > 2 && line.as_bytes()[0].is_ascii_lowercase()
    {
        1
    } else {
        marker_len
    };
    if (1..=3).contains(&marker_len) {
        let rest = &line[marker_len..];
        let numbered = line.as_bytes()[0].is_ascii_digit();
        for punct in [". ", ") "] {
            if let Some(item) = rest.strip_prefix(punct)
                && (numbered || punct == ") ")
            {
                return Some(item.trim());
            }
        }
    }
    None
}

/// Sentence-final punctuation, allowing closing quotes and brackets after it.
pub(crate) fn ends_sentence(text: &str) -> bool {
    let t = text.trim_end_matches(['"', '\'', '”', '’', ')', ']', '»']);
    t.ends_with(['.', '!', '?', '…', ':', ';'])
}

fn word_count(text: &str) -> usize {
    text.split_whitespace().count()
}

/// A short line that could be a heading on its own merits, before its neighbours are considered.
fn heading_shape(text: &str) -> bool {
    let words = word_count(text);
    // A quoted phrase standing alone ("Alarming mortality rate") is a heading style of its own.
    let inner = quoted_phrase(text).unwrap_or(text);
    let first = inner.chars().next().unwrap_or(' ');
    // A line In Title Case may run longer: no sentence is written that way.
    let (most_words, most_chars) = if is_title_case(inner) {
        (20, 160)
    } else {
        (14, 120)
    };
    (1..=most_words).contains(&words)
        && text.chars().count() <= most_chars
        && inner.chars().any(char::is_alphabetic)
        && !inner.trim_end().ends_with([
            '.', ',', ';', ':', '…', '!', '"', '”', '’', '\'', '-', '–', '—',
        ])
        && crate::sentences::split(inner).len() <= 1
        && (first.is_uppercase() || first.is_ascii_digit())
        && list_item(text).is_none()
        && !is_label_line(text)
}

/// Every word capitalized ("Stadia Is Essentially A Beta Version"), over more than a name's
/// few words.
fn is_title_case(text: &str) -> bool {
    let words: Vec<&str> = text
        .split_whitespace()
        .filter(|w| w.chars().any(char::is_alphabetic))
        .collect();
    words.len() >= 6
        && words.iter().all(|w| {
            w.chars()
                .find(|c| c.is_alphabetic())
                .is_some_and(char::is_uppercase)
        })
}

/// The inside of a line that is one quotation and nothing else.
fn quoted_phrase(text: &str) -> Option<&str> {
    let t = text.trim();
    let inner = t.strip_prefix(['"', '“'])?.strip_suffix(['"', '”'])?;
    (!inner.contains(['"', '“', '”'])).then_some(inner)
}

/// "2. Never urged Ukraine to investigate": a numbered line standing alone between paragraphs
/// is a numbered section heading, not a one-item list.
fn is_numbered_heading(units: &[Unit], i: usize) -> bool {
    let text = &units[i].text;
    let Some(item) = list_item(text) else {
        return false;
    };
    let numbered = text.starts_with(|c: char| c.is_ascii_digit());
    let prev_ok = i == 0
        || !list_item(&units[i - 1].text)
            .is_some_and(|_| units[i - 1].text.starts_with(|c: char| c.is_ascii_digit()));
    let next_prose = units.get(i + 1).is_some_and(|n| is_prose(&n.text));
    numbered && prev_ok && next_prose && word_count(item) <= 14 && !ends_sentence(item)
}

/// "Profile: Julian Assange", "See it now: Wyze": a one- or two-word label, a colon and a few
/// words, as news sites write their inline links. These are not section headings.
fn is_label_line(text: &str) -> bool {
    match text.split_once(": ") {
        Some((label, rest)) => word_count(label) <= 3 && word_count(rest) <= 3,
        None => false,
    }
}

/// Running prose: a sentence-length line that ends like a sentence.
fn is_prose(text: &str) -> bool {
    list_item(text).is_none()
        && (word_count(text) >= 14 || (word_count(text) >= 5 && ends_sentence(text)))
}

/// "By Jane Doe", "Jane Doe", "Jane Doe · Staff", "Updated 5 May", "Pos Player Plays % Stats":
/// the short lines that sit between a heading and its prose.
fn is_byline_or_table_head(text: &str) -> bool {
    text.starts_with("By ")
        || text.contains(['·', '|', '•', '%', '/'])
        || text.contains(|c: char| c.is_ascii_digit())
        || (looks_like_name(text) && word_count(text) <= 3)
        || (text.split_whitespace().count() >= 4
            && text
                .split_whitespace()
                .all(|w| w.len() <= 6 && !w.starts_with(char::is_lowercase)))
}

/// A person's name as written under a quote: two to four capitalised words.
fn looks_like_name(text: &str) -> bool {
    let words: Vec<&str> = text.split_whitespace().collect();
    (2..=4).contains(&words.len())
        && words
            .iter()
            .all(|w| w.chars().next().is_some_and(char::is_uppercase))
}

fn ends_with_quote(text: &str) -> bool {
    text.trim_end().ends_with(['"', '”', '’', '\''])
}

/// "[ Wired ]", "(Reuters)": a source credit in brackets closes the paragraph above it.
fn is_credit(text: &str) -> bool {
    let t = text.trim();
    (t.starts_with('[') && t.ends_with(']')) || (t.starts_with('(') && t.ends_with(')'))
}

/// "BOYS SOCCER" over mixed-case text: a line set in capitals is a heading whatever stands
/// before it, as in results pages where a short result line ends the previous section.
fn is_set_in_capitals(units: &[Unit], i: usize) -> bool {
    let text = &units[i].text;
    text.chars().filter(|c| c.is_alphabetic()).count() >= 2
        && !text.chars().any(char::is_lowercase)
        && units
            .get(i + 1)
            .is_some_and(|next| next.text.chars().any(char::is_lowercase))
}

fn is_heading(units: &[Unit], i: usize) -> bool {
    let text = &units[i].text;
    if !heading_shape(text) {
        return false;
    }
    if text.ends_with('?') && word_count(text) < 3 {
        return false;
    }
    // What stands before: the end of a paragraph, a list, or a blank line after anything but a
    // short label line ("Profile: …" followed by "Timeline of saga" is a block of links).
    if i > 0 {
        let prev = &units[i - 1].text;
        let prev_short_line = !ends_sentence(prev)
            && !is_prose(prev)
            && list_item(prev).is_none()
            && !is_credit(prev);
        // A short line standing alone between prose and this one (a caption without its full
        // stop, an ad label that cleaning drops) does not hide a heading.
        let isolated = i > 1
            && word_count(prev) <= 12
            && !is_label_line(prev)
            && (ends_sentence(&units[i - 2].text) || is_prose(&units[i - 2].text));
        let isolated = isolated && !is_byline_or_table_head(text);
        if i > 1 && prev_short_line && !is_set_in_capitals(units, i) && !isolated {
            return false;
        }
        if ends_with_quote(prev) && looks_like_name(text) {
            return false;
        }
    }
    // What follows: prose, or one short line (a byline, a link line, a table's head) and then
    // prose.
    match units.get(i + 1) {
        Some(next) if is_prose(&next.text) => true,
        // Over a byline or a table's head the heading is this line; over another heading-shaped
        // line that line is the heading and this one a caption or a kicker.
        Some(next)
            if is_label_line(&next.text)
                || (heading_shape(&next.text)
                    && word_count(&next.text) <= 8
                    && is_byline_or_table_head(&next.text)) =>
        {
            units.get(i + 2).is_some_and(|after| is_prose(&after.text))
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headings(doc: &Document) -> Vec<String> {
        doc.blocks
            .iter()
            .filter_map(|b| match b {
                Block::Heading { level, text } => Some(format!("{level}:{text}")),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn title_then_bare_line_headings() {
        let doc = parse(
            "A storm hits the coast\n\nResidents were told to leave on Monday night.\nRoads closed\nThe main road was shut by noon as the water rose.\n",
        );
        assert_eq!(
            headings(&doc),
            ["1:A storm hits the coast", "2:Roads closed"]
        );
    }

    #[test]
    fn no_headings_is_all_paragraphs() {
        let doc = parse("One sentence here. Another one.\nAnd a second paragraph that goes on.\n");
        assert!(headings(&doc).is_empty());
        assert_eq!(doc.blocks.len(), 2);
    }

    #[test]
    fn salutation_sign_off_and_list_items_stay_text() {
        let doc = parse(
            "An open letter\n\nDear Minister,\nWe write to you about the state of the river near our town.\nYours sincerely\nThe River Trust\n- First point\n- Second point\n",
        );
        assert_eq!(headings(&doc), ["1:An open letter"]);
        assert!(doc.blocks.contains(&Block::List(vec![
            "First point".into(),
            "Second point".into()
        ])));
    }

    #[test]
    fn a_heading_over_a_table_head() {
        // The heading's section opens with a table: its head line, then rows that run as long
        // as sentences.
        let doc = parse(
            "Week 11 snap counts\n\nBelow, we look at the snap counts on defense for the game.\n\nDefensive Line\n\nPos Player Plays % Stats\nDL Larry Ogunjobi 63 85% 1 tackle (1 combined). 1 sack, 1 TFL, 2 QH.\n",
        );
        assert_eq!(
            headings(&doc),
            ["1:Week 11 snap counts", "2:Defensive Line"]
        );
    }

    #[test]
    fn a_heading_after_a_source_credit() {
        let doc = parse(
            "Stadia reviews\n\nThe first reviews of the service came in on Monday morning.\n\n[ Wired ]\n\nThe Roster Of Games Is Thin\n\nThe launch titles are uninspiring, and most of them are years old.\n",
        );
        assert_eq!(
            headings(&doc),
            ["1:Stadia reviews", "2:The Roster Of Games Is Thin"]
        );
    }

    #[test]
    fn a_long_heading_in_title_case() {
        let heading = "Provided You Have A Solid Internet Connection, The Streaming Quality Seems To Be Mostly Excellent";
        let doc = parse(&format!(
            "Stadia reviews\n\nThe first reviews of the service came in on Monday morning.\n\n{heading}\n\nOn a fast line the picture held up well, with only a few drops in quality.\n\nProvided you have a solid internet connection, the streaming quality seems to be mostly excellent\n\nThat line is a sentence without its full stop, and it runs on like prose does.\n"
        ));
        assert_eq!(
            headings(&doc),
            ["1:Stadia reviews".to_string(), format!("2:{heading}")]
        );
    }

    #[test]
    fn a_line_in_capitals_after_a_short_line() {
        let doc = parse(
            "Scores from Tuesday\n\nPalm Bay d. Rockledge 70-44\nPalm Bay (1-0): Tolivert 25 points. Davis 17 points. Burgher 10 points.\nCocoa d. West Shore 61-21\n\nBOYS SOCCER\n\nViera d. Rockledge 3-1\nViera (4-0): Hupfer 1 goal. Patikas 1 goal. Nielsen 1 goal. Anasa 1 assist.\n",
        );
        assert!(
            headings(&doc).contains(&"2:BOYS SOCCER".to_string()),
            "{:?}",
            headings(&doc)
        );
        // A short line in mixed case there is still a result line, not a heading.
        assert!(
            !headings(&doc).contains(&"2:Cocoa d. West Shore 61-21".to_string()),
            "{:?}",
            headings(&doc)
        );
    }

    #[test]
    fn label_link_lines_are_not_headings() {
        let doc = parse(
            "Title here\n\nThe court heard the case on Tuesday morning in the capital.\n\nProfile: Jane Doe\nTimeline of the case\n\nThe judge said the evidence had weakened over the years.\n",
        );
        assert_eq!(headings(&doc), ["1:Title here"]);
    }

    #[test]
    fn name_under_a_quote_is_not_a_heading() {
        let doc = parse(
            "Title here\n\n\"We will rebuild the bridge before winter comes.\"\nMary Okafor\nThe council met again on Friday to approve the budget for it.\n",
        );
        assert_eq!(headings(&doc), ["1:Title here"]);
    }

    #[test]
    fn a_caption_or_an_ad_label_before_a_heading_does_not_take_its_place() {
        let doc = parse(
            "Prices fall again\n\nThe average price fell for the sixth month in a row, the group said.\n\nA house for sale in the east end of the city\n\nRental market is hot\n\nRents rose by more than ten percent in the year to September, the figures show.\n\nAdvertisement\n\nWhat buyers can do\n\nBuyers have more time to decide than they had a year ago, agents say.\n",
        );
        let heads = headings(&doc);
        assert!(
            heads.contains(&"2:Rental market is hot".to_string()),
            "{heads:?}"
        );
        assert!(
            heads.contains(&"2:What buyers can do".to_string()),
            "{heads:?}"
        );
        assert!(
            !heads.contains(&"2:A house for sale in the east end of the city".to_string()),
            "{heads:?}"
        );
    }

    #[test]
    fn a_heading_over_its_byline() {
        let doc = parse(
            "Prices fall again\n\nThe average price fell for the sixth month in a row, the group said.\n\nWhat comes next\nBy Jane Doe\nThe bank meets again in December to decide on its rate, economists said.\n",
        );
        assert!(headings(&doc).contains(&"2:What comes next".to_string()));
    }

    #[test]
    fn hard_wrapped_paragraphs_are_joined() {
        let doc = parse(
            "Notes\n\nThis paragraph was wrapped at a fixed width by\nthe mail client that sent it, so its lines run\non into each other.\n\nA second paragraph that also\nruns over two lines.\n",
        );
        assert_eq!(doc.blocks.len(), 3);
    }
}
