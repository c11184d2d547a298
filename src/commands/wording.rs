//! How hark words its counts and lengths, the same in every subcommand: "1 section", "3
//! sections" (never "section(s)"), audio lengths as h:mm:ss, and the line Ctrl-C leaves.

/// "1 section", "3 sections": `noun` with an `s` unless there is one.
pub fn count(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

/// An audio length as h:mm:ss, as the library words it in its own messages.
pub use hark::audio::length;

/// On Ctrl-C during an export or a podcast run: say how to go on, and exit 130 as shells
/// expect. Finished sections and episodes are whole files (written under `.part` names and
/// renamed), so a rerun of the same command takes up where this one stopped.
pub fn stop_on_ctrl_c() {
    let _ = ctrlc::set_handler(|| {
        eprintln!("\nhark: stopped; finished sections are kept: rerun the same command to resume");
        std::process::exit(130);
    });
}

/// Columns padded to their widest cell (in characters), two spaces apart; the last column is
/// not padded, so that no line ends in spaces.
pub fn table(header: &[&str], rows: &[Vec<String>]) -> String {
    let mut widths: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
    for row in rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let mut out = String::new();
    let header: Vec<String> = header.iter().map(|h| h.to_string()).collect();
    for row in std::iter::once(&header).chain(rows) {
        let mut line = String::new();
        for (i, (cell, width)) in row.iter().zip(&widths).enumerate() {
            if i + 1 == row.len() {
                line.push_str(cell);
            } else {
                line.push_str(&format!("{cell:<width$}  "));
            }
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_and_lengths() {
        assert_eq!(count(1, "section"), "1 section");
        assert_eq!(count(0, "episode"), "0 episodes");
        assert_eq!(count(12, "article"), "12 articles");
        assert_eq!(length(0), "0:00:00");
        assert_eq!(length(390_400), "0:06:30");
        assert_eq!(length(13_483_900), "3:44:44");
    }

    #[test]
    fn tables_line_up_on_the_widest_cell() {
        let rows = vec![
            vec![
                "espeak:chr-US-Qaaa-x-west".to_string(),
                "chr".to_string(),
                "Cherokee".to_string(),
            ],
            vec![
                "espeak:fr".to_string(),
                "fr".to_string(),
                "Français".to_string(),
            ],
        ];
        let text = table(&["VOICE", "LANGUAGE", "NAME"], &rows);
        let lines: Vec<&str> = text.lines().collect();
        let column = |line: &str, word: &str| line[..line.rfind(word).unwrap()].chars().count();
        assert_eq!(column(lines[0], "LANGUAGE"), column(lines[1], "chr"));
        assert_eq!(column(lines[0], "LANGUAGE"), column(lines[2], "fr"));
        assert_eq!(column(lines[1], "Cherokee"), column(lines[2], "Français"));
        assert!(lines.iter().all(|l| !l.ends_with(' ')), "{text}");
    }
}
