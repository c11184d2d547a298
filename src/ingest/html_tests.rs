//! Tests of [`super`]: pages and book chapters through the HTML reader.
use super::*;

/// In a book, a figure is read by its caption, or where it has none, by its images' alt
/// text (a picture book's pages).
#[test]
fn a_figure_without_a_caption_is_read_by_its_alt_text() {
    let page = parse_page(
        r#"<html><body><figure><img src="a.png" alt="A boy eats the pie."/></figure>
<figure><img src="b.png" alt="Not this."/><figcaption>The caption.</figcaption></figure>
<figure><img src="c.png" alt=""/></figure></body></html>"#,
    );
    let doc = content_of(&page);
    let figures: Vec<&Block> = doc
        .blocks
        .iter()
        .filter(|b| matches!(b, Block::Figure(_)))
        .collect();
    assert_eq!(
        figures,
        [
            &Block::Figure("A boy eats the pie.".into()),
            &Block::Figure("The caption.".into())
        ]
    );
}

#[test]
fn page_break_labels_are_not_read() {
    let doc = parse(
        r#"<html><body><p>The river <span epub:type="pagebreak" title="171">171</span>ran
north.</p><p>Then <span role="doc-pagebreak" aria-label="xii">xii</span>south.</p>
<p>Open <span epub:type="pagebreak" id="p9"/>the door.</p></body></html>"#,
    );
    let text: Vec<String> = doc
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Paragraph(t) => Some(t.clone()),
            _ => None,
        })
        .collect();
    assert_eq!(
        text,
        ["The river ran north.", "Then south.", "Open the door."]
    );
}

fn blocks_of(body: &str) -> Vec<Block> {
    let mut doc = Document::default();
    walk(
        &Html::parse_document(&format!("<html><body>{body}</body></html>")),
        &mut doc,
        false,
    );
    doc.blocks
}

#[test]
fn line_breaks_note_marks_code_bold_heads_and_labels() {
    assert_eq!(
        blocks_of("<p>First line<br>Second line</p>"),
        [
            Block::Paragraph("First line".into()),
            Block::Paragraph("Second line".into())
        ]
    );
    assert_eq!(
        blocks_of(
            r##"<p>Mice grew.<sup><a href="#fn1">[1]</a></sup> Rats did too<a href="#r2">2</a>.</p>"##
        ),
        [Block::Paragraph("Mice grew. Rats did too.".into())]
    );
    assert!(matches!(
        blocks_of("<div><code>cargo build</code><br><code>cargo test</code></div>")[..],
        [Block::Code(_)]
    ));
    assert_eq!(
        blocks_of("<p><strong>What happens next</strong></p><p>The council meets.</p>")[0],
        Block::Heading {
            level: 3,
            text: "What happens next".into()
        }
    );
    assert_eq!(
        blocks_of("<p><b>Summary</b> The study found that most people slept well.</p>"),
        [
            Block::Paragraph("Summary".into()),
            Block::Paragraph("The study found that most people slept well.".into())
        ]
    );
    // Emphasis inside a sentence is not a label, and a bold sentence is not a heading.
    assert_eq!(
        blocks_of("<p><b>Never</b> leave it open.</p><p><b>This is a warning.</b></p>").len(),
        2
    );
    // An address set in bold is no heading.
    assert_eq!(
        blocks_of("<p><b>jo@example.org</b></p>"),
        [Block::Paragraph("jo@example.org".into())]
    );
}

#[test]
fn maps_elements_to_blocks_and_decodes_entities() {
    let mut doc = Document::default();
    let html = Html::parse_document(
        "<html><body><nav>Home | About</nav><h2>Fish &amp; chips</h2><p>A <b>short</b> paragraph.</p>\
         <ul><li>one</li><li>two</li></ul><blockquote>Quoted.</blockquote><script>var x;</script>\
         <figure><img src=x><figcaption>A caption</figcaption></figure><footer>© Site</footer></body></html>",
    );
    walk(&html, &mut doc, false);
    assert_eq!(
        doc.blocks,
        [
            Block::Heading {
                level: 2,
                text: "Fish & chips".into()
            },
            Block::Paragraph("A short paragraph.".into()),
            Block::List(vec!["one".into(), "two".into()]),
            Block::Quote("Quoted.".into()),
            Block::Figure("A caption".into()),
        ]
    );
}

#[test]
fn extracts_the_article_from_a_page() {
    let para =
        "The river rose through the night and the town woke to water in its streets. ".repeat(6);
    let page = format!(
        "<html><head><title>Flood - Daily</title></head><body><nav><a href=/>Home</a></nav>\
         <article><h1>Flood</h1><p>{para}</p><h2>What next</h2><p>{para}</p></article>\
         <footer>Copyright 2024 Daily</footer></body></html>"
    );
    let doc = parse(&page);
    assert!(doc.blocks.contains(&Block::Heading {
        level: 2,
        text: "What next".into()
    }));
    assert!(
        !doc.blocks
            .iter()
            .any(|b| matches!(b, Block::Paragraph(t) if t.contains("Copyright")))
    );
}

#[test]
fn the_declared_publication_date_is_kept() {
    let para =
        "The river rose through the night and the town woke to water in its streets. ".repeat(6);
    let page = |head: &str| {
        format!(
            "<html><head><title>Flood</title>{head}</head><body>\
             <article><h1>Flood</h1><p>{para}</p></article></body></html>"
        )
    };
    let meta = r#"<meta property="article:published_time" content="2024-06-25T21:28:31.000Z">"#;
    assert_eq!(parse(&page(meta)).date.as_deref(), Some("2024-06-25"));
    let json_ld = r#"<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","datePublished":"2019-02-21T08:00:08Z"}</script>"#;
    assert_eq!(parse(&page(json_ld)).date.as_deref(), Some("2019-02-21"));
    assert_eq!(parse(&page("")).date, None);
}

#[test]
fn deep_nesting_is_walked_without_recursion() {
    let page = format!(
        "<html><body>{}deep text{}</body></html>",
        "<div>".repeat(3000),
        "</div>".repeat(3000)
    );
    let doc = parse(&page);
    assert!(
        doc.blocks
            .iter()
            .any(|b| matches!(b, Block::Paragraph(t) if t == "deep text"))
    );
}
