//! XML for SSML and the editions: a reader (text → a tree of [`Element`]s, for SSML that we or
//! others wrote) and [`escape`] for what we write.
//!
//! A small, strict XML parser: elements, attributes, text, comments, CDATA, processing
//! instructions, and XML's five predefined entities plus character references. A DOCTYPE is
//! skipped and never resolved, so external entities and "billion laughs" expansions cannot
//! happen; a reference to any other entity is an error. Nesting is handled with an explicit
//! stack, bounded by [`MAX_DEPTH`].

use crate::error::MarkupError;

/// The deepest nesting the reader accepts.
pub const MAX_DEPTH: usize = 256;

/// A node of the tree.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Node {
    /// An element.
    Element(Element),
    /// Character data, entities decoded.
    Text(String),
}

/// An element with its attributes (in document order) and children.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Element {
    /// The qualified name as written (`speak`, `xml:lang` stays in attributes).
    pub name: String,
    /// Attributes as (name, decoded value).
    pub attrs: Vec<(String, String)>,
    /// Child nodes in order.
    pub children: Vec<Node>,
}

impl Element {
    /// The value of an attribute.
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// The name without its prefix (`dc:title` → `title`): documents that mix namespaces
    /// (PLS, EPUB packages) name the same element with and without one.
    pub fn local_name(&self) -> &str {
        self.name.rsplit(':').next().unwrap_or(&self.name)
    }

    /// The child elements, in order.
    pub fn child_elements(&self) -> impl Iterator<Item = &Element> {
        self.children.iter().filter_map(|n| match n {
            Node::Element(e) => Some(e),
            Node::Text(_) => None,
        })
    }

    /// The child elements whose local name is `name`, in order.
    pub fn children_named<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Element> {
        self.child_elements()
            .filter(move |e| e.local_name() == name)
    }

    /// All text inside, in order, without markup.
    pub fn text(&self) -> String {
        let mut out = String::new();
        let mut stack: Vec<std::slice::Iter<Node>> = vec![self.children.iter()];
        while let Some(top) = stack.last_mut() {
            match top.next() {
                Some(Node::Text(t)) => out.push_str(t),
                Some(Node::Element(e)) => stack.push(e.children.iter()),
                None => {
                    stack.pop();
                }
            }
        }
        out
    }
}

/// Parses a document; its root element is returned.
pub fn parse(input: &str) -> Result<Element, MarkupError> {
    let mut p = Parser { s: input, pos: 0 };
    let mut stack: Vec<Element> = Vec::new();
    let mut root: Option<Element> = None;
    while p.pos < p.s.len() {
        let rest = p.rest();
        if rest.starts_with("<!--") {
            p.skip_past("-->", "comment")?;
        } else if rest.starts_with("<?") {
            p.skip_past("?>", "processing instruction")?;
        } else if rest.starts_with("<![CDATA[") {
            let start = p.pos + 9;
            p.skip_past("]]>", "CDATA section")?;
            let text = &p.s[start..p.pos - 3];
            match stack.last_mut() {
                Some(e) => e.children.push(Node::Text(text.to_string())),
                None => return Err(p.error("text outside the root element")),
            }
        } else if rest.starts_with("<!DOCTYPE") || rest.starts_with("<!doctype") {
            if root.is_some() || !stack.is_empty() {
                return Err(p.error("DOCTYPE inside the document"));
            }
            p.skip_doctype()?;
        } else if rest.starts_with("</") {
            p.pos += 2;
            let name = p.name()?;
            p.skip_ws();
            p.expect('>')?;
            let element = stack
                .pop()
                .ok_or_else(|| p.error(&format!("closing tag </{name}> without an opening tag")))?;
            if element.name != name {
                return Err(p.error(&format!("</{name}> closes <{}>", element.name)));
            }
            match stack.last_mut() {
                Some(parent) => parent.children.push(Node::Element(element)),
                None => root = Some(element),
            }
        } else if rest.starts_with('<') {
            if root.is_some() {
                return Err(p.error("a second root element"));
            }
            p.pos += 1;
            let (element, empty) = p.start_tag()?;
            if empty {
                match stack.last_mut() {
                    Some(parent) => parent.children.push(Node::Element(element)),
                    None => root = Some(element),
                }
            } else {
                if stack.len() >= MAX_DEPTH {
                    return Err(p.error("elements nested too deeply"));
                }
                stack.push(element);
            }
        } else {
            let end = rest.find('<').map_or(p.s.len(), |i| p.pos + i);
            let raw = &p.s[p.pos..end];
            let text = decode(raw).map_err(|m| p.error(&m))?;
            p.pos = end;
            match stack.last_mut() {
                Some(e) => e.children.push(Node::Text(text)),
                None if raw.trim().is_empty() => {}
                None => return Err(p.error("text outside the root element")),
            }
        }
    }
    if let Some(open) = stack.last() {
        return Err(MarkupError::Malformed {
            offset: p.pos,
            message: format!("<{}> is never closed", open.name),
        });
    }
    root.ok_or(MarkupError::Malformed {
        offset: 0,
        message: "no root element".into(),
    })
}

struct Parser<'a> {
    s: &'a str,
    pos: usize,
}

impl<'a> Parser<'a> {
    fn rest(&self) -> &'a str {
        &self.s[self.pos..]
    }

    fn error(&self, message: &str) -> MarkupError {
        MarkupError::Malformed {
            offset: self.pos,
            message: message.to_string(),
        }
    }

    fn skip_past(&mut self, end: &str, what: &str) -> Result<(), MarkupError> {
        match self.rest().find(end) {
            Some(i) => {
                self.pos += i + end.len();
                Ok(())
            }
            None => Err(self.error(&format!("unterminated {what}"))),
        }
    }

    /// Skips `<!DOCTYPE …>` including an internal subset in brackets; nothing in it is used.
    fn skip_doctype(&mut self) -> Result<(), MarkupError> {
        let mut depth = 0usize;
        let mut quote: Option<char> = None;
        for (i, c) in self.rest().char_indices() {
            match (quote, c) {
                (Some(q), c) if c == q => quote = None,
                (Some(_), _) => {}
                (None, '"' | '\'') => quote = Some(c),
                (None, '[') => depth += 1,
                (None, ']') => depth = depth.saturating_sub(1),
                (None, '>') if depth == 0 => {
                    self.pos += i + 1;
                    return Ok(());
                }
                _ => {}
            }
        }
        Err(self.error("unterminated DOCTYPE"))
    }

    fn skip_ws(&mut self) {
        let rest = self.rest();
        self.pos += rest.len() - rest.trim_start().len();
    }

    fn expect(&mut self, c: char) -> Result<(), MarkupError> {
        if self.rest().starts_with(c) {
            self.pos += c.len_utf8();
            Ok(())
        } else {
            Err(self.error(&format!("expected '{c}'")))
        }
    }

    fn name(&mut self) -> Result<String, MarkupError> {
        let rest = self.rest();
        let len = rest
            .char_indices()
            .find(|&(i, c)| {
                !(c.is_alphanumeric() || c == '_' || c == ':' || (i > 0 && (c == '-' || c == '.')))
            })
            .map_or(rest.len(), |(i, _)| i);
        if len == 0 {
            return Err(self.error("expected a name"));
        }
        self.pos += len;
        Ok(rest[..len].to_string())
    }

    /// Reads a start tag after its `<`; returns the element and whether it was empty (`/>`).
    fn start_tag(&mut self) -> Result<(Element, bool), MarkupError> {
        let mut element = Element {
            name: self.name()?,
            ..Default::default()
        };
        loop {
            self.skip_ws();
            let rest = self.rest();
            if rest.starts_with("/>") {
                self.pos += 2;
                return Ok((element, true));
            }
            if rest.starts_with('>') {
                self.pos += 1;
                return Ok((element, false));
            }
            let name = self.name()?;
            self.skip_ws();
            self.expect('=')?;
            self.skip_ws();
            let quote = self
                .rest()
                .chars()
                .next()
                .filter(|c| *c == '"' || *c == '\'')
                .ok_or_else(|| self.error("expected a quoted attribute value"))?;
            self.pos += 1;
            let end = self
                .rest()
                .find(quote)
                .ok_or_else(|| self.error("unterminated attribute value"))?;
            let raw = &self.s[self.pos..self.pos + end];
            if raw.contains('<') {
                return Err(self.error("'<' in an attribute value"));
            }
            let value = decode(raw).map_err(|m| self.error(&m))?;
            self.pos += end + 1;
            if element.attrs.iter().any(|(k, _)| *k == name) {
                return Err(self.error(&format!("attribute {name} given twice")));
            }
            element.attrs.push((name, value));
        }
    }
}

/// Decodes the predefined entities and character references; any other entity is refused.
fn decode(raw: &str) -> Result<String, String> {
    if !raw.contains('&') {
        return Ok(raw.to_string());
    }
    let mut out = String::with_capacity(raw.len());
    let mut rest = raw;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        let after = &rest[i + 1..];
        let end = after
            .find(';')
            .filter(|&e| e <= 12)
            .ok_or("'&' that starts no entity (write &amp;)")?;
        let entity = &after[..end];
        let c = match entity {
            "lt" => '<',
            "gt" => '>',
            "amp" => '&',
            "quot" => '"',
            "apos" => '\'',
            e if e.starts_with("#x") || e.starts_with("#X") => {
                char_ref(u32::from_str_radix(&e[2..], 16).ok())?
            }
            e if e.starts_with('#') => char_ref(e[1..].parse().ok())?,
            e => {
                return Err(format!(
                    "entity &{e}; is not supported (only XML's predefined entities are; DTDs are never read)"
                ));
            }
        };
        out.push(c);
        rest = &after[end + 1..];
    }
    out.push_str(rest);
    Ok(out)
}

fn char_ref(code: Option<u32>) -> Result<char, String> {
    code.and_then(char::from_u32)
        .filter(|&c| c == '\t' || c == '\n' || c == '\r' || c >= ' ')
        .ok_or_else(|| "invalid character reference".to_string())
}

/// Escapes text for XML content and attribute values, dropping characters XML 1.0 forbids.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{fffe}' || c == '\u{ffff}' => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_ssml_with_entities_comments_and_cdata() {
        let doc = parse(
            "<?xml version=\"1.0\"?><!-- c --><speak xml:lang='en'>Fish &amp; chips <break time=\"1s\"/><![CDATA[<x>]]>&#x41;</speak>",
        )
        .unwrap();
        assert_eq!(doc.attr("xml:lang"), Some("en"));
        assert_eq!(doc.text(), "Fish & chips <x>A");
    }

    #[test]
    fn doctype_entities_are_never_expanded() {
        let err =
            parse("<!DOCTYPE x [<!ENTITY a \"aaaa\"><!ENTITY b \"&a;&a;\">]><speak>&b;</speak>")
                .unwrap_err();
        assert!(err.to_string().contains("not supported"));
    }

    #[test]
    fn malformed_documents_are_errors() {
        for bad in [
            "<speak>",
            "<a></b>",
            "<a>x</a><b/>",
            "text",
            "<a x=1/>",
            "<a>&</a>",
            "",
        ] {
            assert!(parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn deep_nesting_is_bounded_not_a_crash() {
        let deep = "<a>".repeat(MAX_DEPTH + 5) + &"</a>".repeat(MAX_DEPTH + 5);
        assert!(parse(&deep).is_err());
        let ok = "<a>".repeat(200) + &"</a>".repeat(200);
        assert!(parse(&ok).is_ok());
    }
}
