//! An EPUB's package document (the OPF), found through `META-INF/container.xml`: the book's
//! metadata, its manifest (every file, with its type and properties), the spine (the reading
//! order) and, in EPUB 2, the guide (which file is the cover, the title page, the index).

use crate::xml::Element;

/// What the package document says.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Package {
    /// The OPF's path inside the archive; hrefs in it are relative to it.
    pub path: String,
    /// The OPF's `version` ("3.0", "2.0").
    pub version: String,
    pub title: Option<String>,
    pub authors: Vec<String>,
    pub language: Option<String>,
    pub date: Option<String>,
    /// Manifest items by id.
    pub items: Vec<Item>,
    /// The spine: manifest ids in reading order, and whether each is in the main reading
    /// order (`linear="no"` items, such as pop-up notes, are not).
    pub spine: Vec<(String, bool)>,
    /// The NCX's manifest id (`<spine toc>`), EPUB 2's table of contents.
    pub ncx: Option<String>,
    /// EPUB 2 guide references: (type, path inside the archive).
    pub guide: Vec<(String, String)>,
    /// EPUB 2's cover: the manifest id `<meta name="cover" content>` names.
    pub cover_id: Option<String>,
}

/// One manifest item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    pub id: String,
    /// Its path inside the archive.
    pub path: String,
    pub media_type: String,
    /// EPUB 3 properties: `nav`, `cover-image`, …
    pub properties: Vec<String>,
}

impl Package {
    /// The manifest item with `id`.
    pub fn item(&self, id: &str) -> Option<&Item> {
        self.items.iter().find(|i| i.id == id)
    }

    /// The EPUB 3 navigation document's path, if the manifest marks one.
    pub fn nav(&self) -> Option<&str> {
        self.items
            .iter()
            .find(|i| i.properties.iter().any(|p| p == "nav"))
            .map(|i| i.path.as_str())
    }

    /// The cover picture: the item EPUB 3 marks `cover-image`, else the one EPUB 2's
    /// `<meta name="cover">` names, when it is an image.
    pub fn cover(&self) -> Option<&Item> {
        self.items
            .iter()
            .find(|i| i.properties.iter().any(|p| p == "cover-image"))
            .or_else(|| self.cover_id.as_deref().and_then(|id| self.item(id)))
            .filter(|i| i.media_type.starts_with("image/"))
    }

    /// The NCX's path: the spine's `toc`, else any item of the NCX type.
    pub fn ncx_path(&self) -> Option<&str> {
        self.ncx
            .as_deref()
            .and_then(|id| self.item(id))
            .or_else(|| {
                self.items
                    .iter()
                    .find(|i| i.media_type == "application/x-dtbncx+xml")
            })
            .map(|i| i.path.as_str())
    }
}

/// The OPF's path from `container.xml`'s first `rootfile`.
pub fn rootfile(container: &str) -> Result<String, String> {
    let root = crate::xml::parse(container)
        .map_err(|e| format!("its META-INF/container.xml is not well-formed XML ({e})"))?;
    descendants(&root)
        .find(|e| e.local_name() == "rootfile")
        .and_then(|e| e.attr("full-path"))
        .map(str::to_string)
        .filter(|p| !p.is_empty())
        .ok_or_else(|| "its META-INF/container.xml names no package document (rootfile)".into())
}

/// Reads the package document at `path` (inside the archive) from its text.
pub fn parse(path: &str, text: &str) -> Result<Package, String> {
    let root = crate::xml::parse(text)
        .map_err(|e| format!("its package document {path} is not well-formed XML ({e})"))?;
    if root.local_name() != "package" {
        return Err(format!(
            "{path} is not an EPUB package document (no <package>)"
        ));
    }
    let mut package = Package {
        path: path.to_string(),
        version: root.attr("version").unwrap_or_default().to_string(),
        ..Default::default()
    };
    for section in root.child_elements() {
        match section.local_name() {
            "metadata" => read_metadata(section, &mut package),
            "manifest" => {
                for item in section.children_named("item") {
                    let (Some(id), Some(href)) = (item.attr("id"), item.attr("href")) else {
                        continue;
                    };
                    let Some(resolved) = super::archive::resolve(path, href) else {
                        continue;
                    };
                    package.items.push(Item {
                        id: id.to_string(),
                        path: resolved,
                        media_type: item.attr("media-type").unwrap_or_default().to_string(),
                        properties: item
                            .attr("properties")
                            .unwrap_or_default()
                            .split_whitespace()
                            .map(str::to_string)
                            .collect(),
                    });
                }
            }
            "spine" => {
                package.ncx = section.attr("toc").map(str::to_string);
                for itemref in section.children_named("itemref") {
                    if let Some(id) = itemref.attr("idref") {
                        package
                            .spine
                            .push((id.to_string(), itemref.attr("linear") != Some("no")));
                    }
                }
            }
            "guide" => {
                for reference in section.children_named("reference") {
                    if let (Some(kind), Some(href)) =
                        (reference.attr("type"), reference.attr("href"))
                        && let Some(resolved) = super::archive::resolve(path, href)
                    {
                        package.guide.push((kind.to_ascii_lowercase(), resolved));
                    }
                }
            }
            _ => {}
        }
    }
    if package.spine.is_empty() {
        return Err(format!(
            "its package document {path} has an empty spine: no chapters to read"
        ));
    }
    Ok(package)
}

/// Dublin Core title, creators, language and date.
fn read_metadata(metadata: &Element, package: &mut Package) {
    for e in descendants(metadata) {
        if e.local_name() == "meta" && e.attr("name") == Some("cover") {
            package.cover_id = e.attr("content").map(str::to_string);
        }
        let text = crate::document::collapse_whitespace(&e.text());
        if text.is_empty() {
            continue;
        }
        match e.local_name() {
            "title" if package.title.is_none() => package.title = Some(text),
            "creator" => package.authors.push(text),
            "language" if package.language.is_none() => package.language = Some(text),
            "date" if package.date.is_none() => package.date = Some(text),
            _ => {}
        }
    }
}

/// Every element under `root`, in document order, `root` first (an explicit stack: no
/// recursion).
pub fn descendants(root: &Element) -> impl Iterator<Item = &Element> {
    let mut stack = vec![root];
    std::iter::from_fn(move || {
        let next = stack.pop()?;
        stack.extend(next.child_elements().collect::<Vec<_>>().into_iter().rev());
        Some(next)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn metadata_manifest_spine_and_guide() {
        let opf = r#"<?xml version="1.0"?>
<package xmlns="http://www.idpf.org/2007/opf" version="2.0">
  <metadata xmlns:dc="http://purl.org/dc/elements/1.1/">
    <dc:title>The Long Road</dc:title><dc:creator>A. Writer</dc:creator>
    <dc:language>en-GB</dc:language><dc:date>1901-05-02</dc:date>
  </metadata>
  <manifest>
    <item id="ncx" href="toc.ncx" media-type="application/x-dtbncx+xml"/>
    <item id="c1" href="text/ch%201.xhtml" media-type="application/xhtml+xml"/>
    <item id="n" href="notes.xhtml" media-type="application/xhtml+xml"/>
  </manifest>
  <spine toc="ncx"><itemref idref="c1"/><itemref idref="n" linear="no"/></spine>
  <guide><reference type="Cover" href="text/ch%201.xhtml"/></guide>
</package>"#;
        let p = parse("OEBPS/content.opf", opf).unwrap();
        assert_eq!(p.title.as_deref(), Some("The Long Road"));
        assert_eq!(p.authors, ["A. Writer"]);
        assert_eq!(p.language.as_deref(), Some("en-GB"));
        assert_eq!(p.item("c1").unwrap().path, "OEBPS/text/ch 1.xhtml");
        assert_eq!(
            p.spine,
            [("c1".to_string(), true), ("n".to_string(), false)]
        );
        assert_eq!(p.ncx_path(), Some("OEBPS/toc.ncx"));
        assert_eq!(
            p.guide,
            [("cover".to_string(), "OEBPS/text/ch 1.xhtml".to_string())]
        );
    }

    #[test]
    fn the_container_names_the_package() {
        let container = r#"<container xmlns="urn:oasis:names:tc:opendocument:xmlns:container" version="1.0"><rootfiles><rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/></rootfiles></container>"#;
        assert_eq!(rootfile(container).unwrap(), "OEBPS/content.opf");
        assert!(rootfile("<container/>").unwrap_err().contains("rootfile"));
    }
}
