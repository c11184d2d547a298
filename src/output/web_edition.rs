//! The read-along web page (`--edition web`): the article's text by section with each
//! section's audio, the sentence being spoken highlighted from hark's cue times, in the
//! article's `web/` folder. Plain HTML, CSS and a small script (`read-along.js`), with the
//! times in the page itself, so it needs no server and no network: it opens from `file://`.
//!
//! Built for screen readers and keyboards: a skip link, landmarks (header, navigation, main),
//! real headings at the sections' levels, each player labelled with its section, no autoplay,
//! the highlight without motion when the reader asks for reduced motion, and keys for the next
//! and previous section, play and pause, and ten seconds back and forward.
//!
//! Written into `web.part/` as sections come (each one's MP3 in `audio/`), then renamed to
//! `web/`; a section that could not be spoken means no page.

use super::book::BookInfo;
use super::manifest::Manifest;
use super::part_folder::PartFolder;
use super::sentence_spans::{Span, Spans};
use super::sinks::{Finished, Made, Sink};
use crate::error::ExportError;
use crate::speech::SectionScript;
use crate::xml::escape;
use std::path::Path;

/// Writes `web/` in the article's folder.
pub struct WebEditionSink {
    book: BookInfo,
    sections: Vec<SectionScript>,
    /// The sections' markup so far, and the contents list.
    body: String,
    contents: Vec<(usize, String)>,
    failed: bool,
    folder: PartFolder,
}

impl WebEditionSink {
    pub fn new(dir: &Path, book: BookInfo, sections: &[SectionScript]) -> Self {
        WebEditionSink {
            book,
            sections: sections.to_vec(),
            body: String::new(),
            contents: Vec::new(),
            failed: false,
            folder: PartFolder::new(dir, "web"),
        }
    }
}

impl Sink for WebEditionSink {
    fn begin(&mut self, _rate: u32) -> Result<(), ExportError> {
        self.folder.begin(&["audio"])
    }

    fn section(&mut self, section: &Finished<'_>) -> Result<(), ExportError> {
        let Some(script) = self.sections.get(section.index).cloned() else {
            return Ok(());
        };
        if let Made::Failed { .. } = section.made {
            self.failed = true;
            return Ok(());
        }
        let times = section.cue_times_ms()?;
        let n = section.index + 1;
        let mp3 = section.mp3(
            &self.book.title,
            &self.book.language,
            &format!("web/audio/s{n:03}.mp3"),
        )?;
        self.folder.write(&format!("audio/s{n:03}.mp3"), &mp3)?;
        self.body.push_str(&section_markup(&script, n, &times));
        self.contents.push((n, script.title.clone()));
        Ok(())
    }

    fn finish(&mut self, manifest: &mut Manifest) -> Result<(), ExportError> {
        if !self.folder.started() {
            return Ok(());
        }
        if self.failed || self.contents.is_empty() {
            self.folder.discard();
            if self.failed {
                log::warn!(
                    "no read-along page: a section could not be spoken (export again to finish it)"
                );
            }
            return Ok(());
        }
        let page = page(&self.book, &self.contents, &self.body);
        self.folder.write("index.html", page.as_bytes())?;
        self.folder.write("style.css", STYLE.as_bytes())?;
        self.folder.write("read-along.js", SCRIPT.as_bytes())?;
        self.folder.place()?;
        manifest.web = Some("web/index.html".into());
        Ok(())
    }
}

/// Seconds with milliseconds, as the page's script reads them.
fn seconds(ms: u64) -> String {
    format!("{}.{:03}", ms / 1000, ms % 1000)
}

/// A section: its heading (at its level, under the page's `h1`), its player, and its
/// paragraphs with a span per sentence carrying its clip.
fn section_markup(script: &SectionScript, n: usize, times: &[(u64, u64)]) -> String {
    // The title section's heading is the page's h1; the others sit below it.
    let level = script.level.clamp(1, 6);
    let spans = Spans::of(script, n, times);
    let span = |s: &Span| match s.clip {
        Some((start, end)) => format!(
            "<span class=\"s\" id=\"{}\" data-begin=\"{}\" data-end=\"{}\">{}</span>",
            s.id,
            seconds(start),
            seconds(end),
            escape(&s.text)
        ),
        None => format!(
            "<span class=\"s\" id=\"{}\">{}</span>",
            s.id,
            escape(&s.text)
        ),
    };
    let heading = spans
        .heading
        .as_ref()
        .map_or_else(|| escape(&script.title), span);
    let mut out = format!(
        "<section class=\"section\" id=\"section-{n}\" aria-labelledby=\"h-{n}\">\n<h{level} id=\"h-{n}\" tabindex=\"-1\">{heading}</h{level}>\n<audio controls preload=\"metadata\" src=\"audio/s{n:03}.mp3\" aria-label=\"Audio: {label}\"></audio>\n",
        label = escape(&script.title),
    );
    for paragraph in &spans.paragraphs {
        let sentences: Vec<String> = paragraph.iter().map(span).collect();
        out.push_str(&format!("<p>{}</p>\n", sentences.join(" ")));
    }
    out.push_str("</section>\n");
    out
}

/// The whole page.
fn page(book: &BookInfo, contents: &[(usize, String)], body: &str) -> String {
    let list: String = contents
        .iter()
        .map(|(n, title)| format!("<li><a href=\"#h-{n}\">{}</a></li>\n", escape(title)))
        .collect();
    // An article without a title section (its first heading is below level 1) still has one.
    let h1 = if body.contains("<h1 ") {
        String::new()
    } else {
        format!("<h1>{}</h1>\n", escape(&book.title))
    };
    let byline = if book.authors.is_empty() {
        String::new()
    } else {
        format!("<p>By {}</p>\n", escape(&book.authors.join(", ")))
    };
    format!(
        r##"<!DOCTYPE html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="hark {version}">
<title>{title}</title>
<link rel="stylesheet" href="style.css">
</head>
<body>
<a class="skip" href="#main">Skip to the text</a>
<header>
<p class="edition">Read-along edition, read by {narrator}</p>
{byline}<section aria-labelledby="keys-title" class="keys">
<h2 id="keys-title">Keys</h2>
<ul>
<li><kbd>N</kbd> next section, <kbd>P</kbd> previous section</li>
<li><kbd>K</kbd> play or pause</li>
<li><kbd>J</kbd> back 10 seconds, <kbd>L</kbd> forward 10 seconds</li>
</ul>
</section>
</header>
<nav aria-label="Sections">
<h2>Sections</h2>
<ol>
{list}</ol>
</nav>
<main id="main" tabindex="-1">
{h1}{body}</main>
<p class="status" role="status" aria-live="polite" id="status"></p>
<script src="read-along.js"></script>
</body>
</html>
"##,
        lang = escape(&book.language),
        version = env!("CARGO_PKG_VERSION"),
        title = escape(&book.title),
        narrator = escape(&book.narrator),
    )
}

const STYLE: &str = r#"body { font: 1.125rem/1.6 system-ui, sans-serif; max-width: 42rem; margin: 0 auto; padding: 1rem; color: #1a1a1a; background: #fff; }
.skip { position: absolute; left: -999rem; }
.skip:focus { position: static; display: inline-block; padding: .5rem; background: #1a1a1a; color: #fff; }
audio { display: block; width: 100%; margin: .5rem 0 1rem; }
.s.current { background: #ffe14d; color: #000; border-radius: .2rem; box-shadow: 0 0 0 .15rem #ffe14d; transition: background-color .2s; }
.keys, .edition { font-size: .95rem; }
kbd { border: 1px solid #767676; border-radius: .2rem; padding: 0 .3rem; }
a { color: #0b57d0; }
:focus-visible { outline: .2rem solid #0b57d0; outline-offset: .15rem; }
@media (prefers-reduced-motion: reduce) { .s.current { transition: none; } html { scroll-behavior: auto; } }
@media (prefers-color-scheme: dark) { body { background: #121212; color: #eee; } a { color: #8ab4f8; } .s.current { background: #ffe14d; color: #000; } }
"#;

/// The page's script: the highlight follows each player's time; keys move between sections,
/// play, pause and skip. Nothing starts playing unless the reader asks.
const SCRIPT: &str = r#""use strict";
(function () {
  var sections = Array.prototype.slice.call(document.querySelectorAll("section.section"));
  var status = document.getElementById("status");
  var reduced = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;
  var current = null;
  function spansOf(section) {
    return Array.prototype.slice.call(section.querySelectorAll(".s[data-begin]"));
  }
  function highlight(span) {
    if (span === current) return;
    if (current) current.classList.remove("current");
    current = span;
    if (span) {
      span.classList.add("current");
      var box = span.getBoundingClientRect();
      if (box.top < 0 || box.bottom > window.innerHeight) {
        span.scrollIntoView({ block: "center", behavior: reduced ? "auto" : "smooth" });
      }
    }
  }
  sections.forEach(function (section) {
    var audio = section.querySelector("audio");
    var spans = spansOf(section);
    function follow() {
      var t = audio.currentTime;
      var found = null;
      for (var i = 0; i < spans.length; i++) {
        var b = parseFloat(spans[i].getAttribute("data-begin"));
        var e = parseFloat(spans[i].getAttribute("data-end"));
        if (t >= b && t < e) { found = spans[i]; break; }
      }
      if (found || !audio.paused) highlight(found);
    }
    audio.addEventListener("timeupdate", follow);
    audio.addEventListener("seeked", follow);
    audio.addEventListener("play", function () {
      sections.forEach(function (other) {
        var a = other.querySelector("audio");
        if (a !== audio && !a.paused) a.pause();
      });
    });
  });
  // The section the reader is in: the one playing, else the one holding the focus, else the
  // one whose sentence was last lit, else the first.
  function active() {
    for (var i = 0; i < sections.length; i++) {
      var a = sections[i].querySelector("audio");
      if (!a.paused) return i;
    }
    var focused = document.activeElement ? document.activeElement.closest("section.section") : null;
    var lit = current ? current.closest("section.section") : null;
    var at = sections.indexOf(focused);
    if (at < 0) at = sections.indexOf(lit);
    return at >= 0 ? at : 0;
  }
  function go(index) {
    if (index < 0 || index >= sections.length) return;
    var from = sections[active()].querySelector("audio");
    var playing = !from.paused;
    from.pause();
    var section = sections[index];
    var heading = section.querySelector("h1, h2, h3, h4, h5, h6");
    heading.focus();
    var audio = section.querySelector("audio");
    audio.currentTime = 0;
    if (playing) audio.play();
    status.textContent = "Section " + (index + 1) + " of " + sections.length;
  }
  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    var target = event.target;
    if (target && (target.tagName === "INPUT" || target.tagName === "TEXTAREA")) return;
    var key = event.key.toLowerCase();
    var audio = sections.length ? sections[active()].querySelector("audio") : null;
    if (!audio) return;
    if (key === "n") go(active() + 1);
    else if (key === "p") go(active() - 1);
    else if (key === "k") { if (audio.paused) audio.play(); else audio.pause(); }
    else if (key === "j") audio.currentTime = Math.max(0, audio.currentTime - 10);
    else if (key === "l") audio.currentTime = Math.min(audio.duration || Infinity, audio.currentTime + 10);
    else return;
    event.preventDefault();
  });
})();
"#;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::speech::Sentence;

    #[test]
    fn sentences_carry_their_clips_and_headings_sit_under_the_title() {
        let script = SectionScript {
            level: 3,
            title: "Storm & sea".into(),
            heading: Some(Sentence::new("Storm & sea")),
            paragraphs: vec![vec![Sentence::new("One."), Sentence::new("Two.")]],
            language: "en".into(),
            ..Default::default()
        };
        let html = section_markup(&script, 3, &[(0, 900), (1500, 2250), (2500, 4001)]);
        assert!(html.contains("<h3 id=\"h-3\" tabindex=\"-1\"><span class=\"s\" id=\"s3-0\" data-begin=\"0.000\" data-end=\"0.900\">Storm &amp; sea</span></h3>"), "{html}");
        assert!(html.contains("id=\"s3-2\" data-begin=\"2.500\" data-end=\"4.001\">Two.</span>"));
        assert!(html.contains("aria-label=\"Audio: Storm &amp; sea\""));
        assert!(!html.contains("autoplay"));
    }
}
