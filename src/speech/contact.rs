//! Contact details as they are read aloud: telephone numbers, IP addresses, e-mail addresses
//! and web addresses.
//!
//! Read as numbers, "(555) 555-1234" would come out as "five hundred fifty-five to twelve
//! thirty-four", and an engine left with "tips@example.com" or "bbc.co.uk/news" says each in
//! its own way. A listener wants what a person reading them out would say: telephone numbers
//! digit by digit in their groups ("five five five, five five five, one two three four"), and
//! addresses part by part with their symbols named ("tips at example dot com").
//!
//! [`super::normalize`] holds the patterns in its rule list; the functions here say what a
//! match sounds like, or `None` when it is not one after all.

use super::numbers::digits;
use super::piece::spell;

/// International numbers: a `+`, the country code, then groups ("+44 20 7946 0958",
/// "+1 (123)-123-5678"). Checked for length by [`telephone`].
pub const INTERNATIONAL: &str = r"\+\d{1,3}(?:[ .-]?\(?\d{1,5}\)?){2,5}\b";

/// North American numbers: area code in brackets or not, an optional leading 1 and extension
/// ("(555) 555-1234", "1-800-273-8255", "555.555.5555", "123-123-5678-1111").
pub const NORTH_AMERICAN: &str =
    r"(?:\b1[ .-])?(?:\(\d{3}\)[ .-]?|\b\d{3}[ .-])\d{3}[.-]\d{4}\b(?:-\d{1,4}\b)?";

/// A toll-free number with letters in it: "1-800-GO-U-HAUL".
pub const VANITY: &str = r"\b1-8\d\d-[A-Z0-9]+(?:-[A-Z0-9]+)*\b";

/// National numbers written with a leading zero and spaces ("020 7946 0958", "0800 123 4567").
pub const NATIONAL: &str = r"\b0\d{2,4}[ -]\d{3,6}(?:[ -]\d{3,4})?\b";

/// Three-two-four digits: a social security number ("111-11-1111").
pub const SOCIAL_SECURITY: &str = r"\b\d{3}-\d{2}-\d{4}\b";

/// Seven digits ("555-1234"): a telephone number only when the words before say so
/// ([`is_local_number`]); otherwise it is a range.
pub const LOCAL: &str = r"\b\d{3}-\d{4}\b";

/// Four numbers with dots: an IP address ("123.123.0.40").
pub const IP_ADDRESS: &str = r"\b\d{1,3}(?:\.\d{1,3}){3}\b";

/// Characters an address can end with: not the sentence's closing punctuation.
const ADDRESS_END: &str = r#"[^\s<>"'.,;:!?)\]]"#;

/// An e-mail address.
pub const EMAIL: &str = r"\b[A-Za-z0-9][A-Za-z0-9._%+&-]*@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+";

/// A web address with its scheme, or starting "www.".
pub fn web_address() -> String {
    format!(r#"(?i:\b(?:https?|ftp|file)://|\bwww\.)(?:[^\s<>"]*{ADDRESS_END})?"#)
}

/// A bare domain with a well-known top-level domain, and its path: "bbc.co.uk/news",
/// "Amazon.com". Two-letter domains that are also words ("in", "it", "me", "us") are left
/// out: "ended.It" is a missing space, not an address.
pub fn bare_domain() -> String {
    format!(
        r#"\b[A-Za-z0-9][A-Za-z0-9-]*(?:\.[A-Za-z0-9-]+)*\.(?:com|org|net|edu|gov|mil|int|info|biz|io|ai|dev|app|tv|fm|ly|uk|ca|au|nz|ie|de|fr|es|nl|eu|ch|se|dk|ke|ng|za|gh|jp|cn|ru|br|mx|sm)\b(?:/(?:[^\s<>"]*{ADDRESS_END})?)?"#
    )
}

/// An IP address, digit by digit with its dots: "one two three dot one two three dot zero dot
/// four zero".
pub fn ip_address(written: &str) -> String {
    written
        .split('.')
        .map(digits)
        .collect::<Vec<_>>()
        .join(" dot ")
}

/// A telephone or social security number, group by group; `None` when it is too short or too
/// long to be a telephone number.
pub fn telephone(written: &str) -> Option<String> {
    // Digits, and the letters of a vanity number, make its length.
    let length = written.chars().filter(char::is_ascii_alphanumeric).count();
    if !(7..=15).contains(&length) {
        return None;
    }
    let plus = if written.starts_with('+') {
        "plus "
    } else {
        ""
    };
    let mut groups = Vec::new();
    let mut previous = "";
    for part in written
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|p| !p.is_empty())
    {
        groups.push(if part == "800" && previous == "1" {
            // Toll-free numbers are said "one, eight hundred".
            "eight hundred".to_string()
        } else {
            // Digits by name; the letters of a vanity number ("GO-U-HAUL") as written.
            tokens(part)
                .into_iter()
                .map(|(_, run)| read_run(run))
                .collect::<Vec<_>>()
                .join(" ")
        });
        previous = part;
    }
    Some(format!("{plus}{}", groups.join(", ")))
}

/// A run of digits by name ("123" → "one two three"); any other run as written.
fn read_run(run: String) -> String {
    if run.starts_with(|c: char| c.is_ascii_digit()) {
        digits(&run)
    } else {
        run
    }
}

/// Whether the words before a seven-digit number say it is a telephone number ("call
/// 555-1234", "Tel: 555-1234").
pub fn is_local_number(before: &str) -> bool {
    let word = before
        .trim_end_matches(|c: char| c.is_whitespace() || matches!(c, ':' | '.' | '('))
        .rsplit(char::is_whitespace)
        .next()
        .unwrap_or("")
        .to_lowercase();
    matches!(
        word.as_str(),
        "call" | "phone" | "telephone" | "tel" | "dial" | "fax" | "text" | "hotline" | "number"
    )
}

/// An e-mail or web address, part by part: "tips at example dot com", "HTTPS colon slash slash
/// W W W dot example dot org slash news". A query or fragment ("?utm_source=…", "#top") is
/// not read: it says nothing to a listener.
pub fn net_address(written: &str) -> String {
    let is_email = written.contains('@') && !written.contains("://");
    let body = if is_email {
        written
    } else {
        written.split(['?', '#']).next().unwrap_or(written)
    };
    if !is_email && !written.to_ascii_lowercase().starts_with("file:") && is_long_link(written) {
        // A long address is a link, not something to copy down: its site is what it says.
        let host = body.split_once("://").map_or(body, |(_, rest)| rest);
        let host = host.split('/').next().unwrap_or(host);
        let host = host.strip_prefix("www.").unwrap_or(host);
        return format!("a link to {}", net_address(host));
    }
    // Nobody reads out "H T T P S colon slash slash": the scheme of a web link goes unsaid.
    let lower = body.to_ascii_lowercase();
    if !is_email && (lower.starts_with("http://") || lower.starts_with("https://")) {
        let rest = &body[body.find("://").map_or(0, |i| i + 3)..];
        if !rest.is_empty() {
            return net_address(rest);
        }
    }
    // The top-level domain ends the host: after "://" or "@", up to the path.
    let host_start = body
        .find("://")
        .map(|i| i + 3)
        .or_else(|| body.find('@').map(|i| i + 1))
        .unwrap_or(0);
    let host_end = body[host_start..]
        .find('/')
        .map_or(body.len(), |i| host_start + i);
    let top_level = &body[host_start..host_end];
    let top_level = top_level.rsplit('.').next().unwrap_or(top_level);
    let top_level_at = host_end - top_level.len();
    let mut words = Vec::new();
    for (at, token) in tokens(body) {
        let lower = token.to_lowercase();
        let spoken = match token.as_str() {
            "." => "dot".to_string(),
            "/" => "slash".to_string(),
            "-" => "dash".to_string(),
            "_" => "underscore".to_string(),
            "@" => "at".to_string(),
            ":" => "colon".to_string(),
            "&" => "ampersand".to_string(),
            "+" => "plus".to_string(),
            "~" => "tilde".to_string(),
            "=" => "equals".to_string(),
            "%" => "percent".to_string(),
            t if t.starts_with(|c: char| c.is_ascii_digit()) => digits(t),
            _ if matches!(
                lower.as_str(),
                "www" | "http" | "https" | "ftp" | "html" | "htm" | "pdf" | "php" | "edu"
            ) =>
            {
                spell(&token.to_uppercase())
            }
            _ if matches!(lower.as_str(), "jpg" | "jpeg") => "jay peg".to_string(),
            // A country's domain is said letter by letter: "dot U K".
            _ if at == top_level_at && token.len() == 2 && at > host_start => {
                spell(&token.to_uppercase())
            }
            _ if token.chars().all(char::is_alphanumeric) => token.clone(),
            _ => continue,
        };
        words.push(spoken);
    }
    words.join(" ")
}

/// An address whose path or query is more than a short word ("bbc.co.uk/news" is read out,
/// "https://example.com/2024/05/a-long-story?utm=x" is not): past that, a listener wants the
/// site, not every slash.
fn is_long_link(written: &str) -> bool {
    let rest = written.split_once("://").map_or(written, |(_, rest)| rest);
    let Some((_, path)) = rest.split_once('/') else {
        return rest.contains('?');
    };
    let path = path.trim_end_matches('/');
    path.contains(['?', '/', '=', '&'])
        || path.chars().count() > 16
        || path.contains(char::is_numeric)
}

/// Runs of letters, runs of digits, and single symbols, each with its byte offset.
fn tokens(address: &str) -> Vec<(usize, String)> {
    let kind = |c: char| {
        if c.is_alphabetic() {
            1
        } else if c.is_ascii_digit() {
            2
        } else {
            0
        }
    };
    let mut tokens: Vec<(usize, String)> = Vec::new();
    for (at, c) in address.char_indices() {
        match tokens.last_mut() {
            Some((_, last)) if kind(c) != 0 && last.chars().next().map(kind) == Some(kind(c)) => {
                last.push(c)
            }
            _ => tokens.push((at, c.to_string())),
        }
    }
    tokens
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn telephone_numbers_group_by_group() {
        assert_eq!(
            telephone("(555) 555-1234").unwrap(),
            "five five five, five five five, one two three four"
        );
        assert_eq!(
            telephone("+44 20 7946 0958").unwrap(),
            "plus four four, two zero, seven nine four six, zero nine five eight"
        );
        assert_eq!(
            telephone("1-800-273-8255").unwrap(),
            "one, eight hundred, two seven three, eight two five five"
        );
        assert_eq!(
            telephone("1-800-GO-2-HAUL").unwrap(),
            "one, eight hundred, GO, two, HAUL"
        );
        assert_eq!(
            ip_address("123.123.0.40"),
            "one two three dot one two three dot zero dot four zero"
        );
        assert_eq!(
            telephone("+1.555.555.5555").unwrap(),
            "plus one, five five five, five five five, five five five five"
        );
        assert_eq!(
            telephone("1.555.555.5555").unwrap(),
            "one, five five five, five five five, five five five five"
        );
        assert_eq!(telephone("+1 2"), None, "too short for a number");
    }

    #[test]
    fn local_numbers_need_a_word_that_says_so() {
        assert!(is_local_number("Call "));
        assert!(is_local_number("Tel: "));
        assert!(is_local_number("phone ("));
        assert!(!is_local_number("between "));
    }

    #[test]
    fn addresses_part_by_part() {
        assert_eq!(net_address("tips@example.com"), "tips at example dot com");
        assert_eq!(
            net_address("a-1.b3_c&-d@gma4i-l.com"),
            "a dash one dot b three underscore c ampersand dash d at gma four i dash l dot com"
        );
        assert_eq!(
            net_address("https://www.example.org/news/tips?utm_source=x#top"),
            "a link to example dot org"
        );
        assert_eq!(
            net_address("https://nuclear.duke-energy.com/2024/05/14/a-long-story"),
            "a link to nuclear dot duke dash energy dot com"
        );
        assert_eq!(
            net_address("https://www.example.org/news"),
            "W W W dot example dot org slash news"
        );
        assert_eq!(
            net_address("bbc.co.uk/news"),
            "bbc dot co dot U K slash news"
        );
        assert_eq!(net_address("a@hotmail.de"), "a at hotmail dot D E");
        assert_eq!(
            net_address("id.me"),
            "id dot M E",
            "the host's own name is a word"
        );
        assert_eq!(
            net_address("file:///photos/image.jpg"),
            "file colon slash slash slash photos slash image dot jay peg"
        );
    }
}
