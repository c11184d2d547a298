//! A section's sentences as the synchronized editions (EPUB 3 with Media Overlays, DAISY
//! 2.02, the read-along page) mark them up: each sentence an element with an id
//! (`s<section>-0` for the heading, `s<section>-<k>` for the k-th body sentence), carrying its
//! clip, the sentence's cue in ms. The editions differ in how they write the clips (SMIL 3.0,
//! SMIL 1.0, data attributes), not in which sentence has which.

use crate::speech::SectionScript;
use crate::xml::escape;

/// One sentence: its id, its text as written, and its clip when it was spoken.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span {
    pub id: String,
    pub text: String,
    pub clip: Option<(u64, u64)>,
}

/// A section's sentences: its heading (none when hark made its title up, which is not
/// spoken) and its paragraphs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Spans {
    pub heading: Option<Span>,
    pub paragraphs: Vec<Vec<Span>>,
}

impl Spans {
    /// Section `n`'s sentences with `times`, the cues in speaking order (heading first).
    pub fn of(script: &SectionScript, n: usize, times: &[(u64, u64)]) -> Spans {
        let mut clips = times.iter().copied();
        let heading = script.heading.as_ref().map(|h| Span {
            id: format!("s{n}-0"),
            text: h.written(),
            clip: clips.next(),
        });
        let mut k = 0;
        let paragraphs = script
            .paragraphs
            .iter()
            .map(|paragraph| {
                paragraph
                    .iter()
                    .map(|sentence| {
                        k += 1;
                        Span {
                            id: format!("s{n}-{k}"),
                            text: sentence.written(),
                            clip: clips.next(),
                        }
                    })
                    .collect()
            })
            .collect();
        Spans {
            heading,
            paragraphs,
        }
    }

    /// Every sentence that has a clip, in speaking order: (id, start, end).
    pub fn clips(&self) -> impl Iterator<Item = (&str, u64, u64)> {
        self.heading
            .iter()
            .chain(self.paragraphs.iter().flatten())
            .filter_map(|s| s.clip.map(|(a, b)| (s.id.as_str(), a, b)))
    }

    /// The section as XHTML: the heading at `level` (a made-up `title` too, without an id:
    /// it is not spoken), then a `<p>` per paragraph with a `<span>` per sentence.
    pub fn xhtml(&self, title: &str, level: u8) -> String {
        let mut body = match &self.heading {
            Some(h) => format!("<h{level} id=\"{}\">{}</h{level}>\n", h.id, escape(&h.text)),
            None => format!("<h{level}>{}</h{level}>\n", escape(title)),
        };
        for paragraph in &self.paragraphs {
            let spans: Vec<String> = paragraph
                .iter()
                .map(|s| format!("<span id=\"{}\">{}</span>", s.id, escape(&s.text)))
                .collect();
            body.push_str(&format!("<p>{}</p>\n", spans.join(" ")));
        }
        body
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::speech::Sentence;

    #[test]
    fn sentences_get_ids_and_clips_in_speaking_order() {
        let script = SectionScript {
            heading: Some(Sentence::new("Storm & sea")),
            paragraphs: vec![
                vec![Sentence::new("One."), Sentence::new("Two.")],
                vec![Sentence::new("Three.")],
            ],
            ..Default::default()
        };
        let spans = Spans::of(&script, 2, &[(0, 5), (9, 12), (14, 20)]);
        let clips: Vec<(&str, u64, u64)> = spans.clips().collect();
        assert_eq!(clips, [("s2-0", 0, 5), ("s2-1", 9, 12), ("s2-2", 14, 20)]);
        assert_eq!(spans.paragraphs[1][0].clip, None);
        assert_eq!(
            spans.xhtml("T", 3),
            "<h3 id=\"s2-0\">Storm &amp; sea</h3>\n<p><span id=\"s2-1\">One.</span> <span id=\"s2-2\">Two.</span></p>\n<p><span id=\"s2-3\">Three.</span></p>\n"
        );
        let untitled = SectionScript {
            title: "Made up".into(),
            paragraphs: vec![vec![Sentence::new("One.")]],
            ..Default::default()
        };
        assert!(
            Spans::of(&untitled, 1, &[(0, 4)])
                .xhtml("Made up", 1)
                .starts_with("<h1>Made up</h1>\n<p><span id=\"s1-1\">")
        );
    }
}
