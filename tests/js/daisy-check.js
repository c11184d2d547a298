// Opens a DAISY 2.02 book (a folder with ncc.html) with Readium's parser, r2-shared-js, the
// code Thorium Reader opens DAISY books with, and prints what a reader gets from it as JSON:
// the title, the table of contents' titles, and each spine item's media overlay clips.
// Usage: node tests/js/daisy-check.js BOOK_FOLDER
"use strict";
const path = require("path");
const { DaisyParsePromise } = require("r2-shared-js/dist/es8-es2017/src/parser/daisy");

function clips(node, out) {
  if (!node) return out;
  if (node.Text || node.Audio) {
    out.push({ text: node.Text || null, audio: node.Audio || null });
  }
  for (const child of node.Children || []) clips(child, out);
  return out;
}

function titles(links, out, depth) {
  for (const link of links || []) {
    out.push({ title: link.Title, href: link.Href, depth });
    titles(link.Children, out, depth + 1);
  }
  return out;
}

(async () => {
  const book = path.resolve(process.argv[2]);
  const publication = await DaisyParsePromise(book);
  const spine = (publication.Spine || []).map((link) => {
    const overlay = link.MediaOverlays;
    return {
      href: link.Href,
      duration: link.Duration,
      clips: overlay ? clips(overlay, []) : [],
    };
  });
  const title = publication.Metadata && publication.Metadata.Title;
  process.stdout.write(
    JSON.stringify({ title, toc: titles(publication.TOC, [], 0), spine }, null, 1) + "\n",
  );
})().catch((error) => {
  process.stderr.write(`r2-shared-js could not open the book: ${error && error.stack ? error.stack : error}\n`);
  process.exit(1);
});
