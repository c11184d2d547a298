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

/// An audio length as h:mm:ss ("0:06:30", "3:44:43"), rounded to the second.
pub fn length(ms: u64) -> String {
    let s = (ms + 500) / 1000;
    format!("{}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60)
}

/// On Ctrl-C during an export or a podcast run: say how to go on, and exit 130 as shells
/// expect. Finished sections and episodes are whole files (written under `.part` names and
/// renamed), so a rerun of the same command takes up where this one stopped.
pub fn stop_on_ctrl_c() {
    let _ = ctrlc::set_handler(|| {
        eprintln!("\nhark: stopped; finished sections are kept: rerun the same command to resume");
        std::process::exit(130);
    });
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
}
