// Opens hark's read-along page in headless Chromium (Debian's, through puppeteer-core) and
// prints as JSON what a reader would meet: console errors, what axe-core finds, which sentence
// is highlighted after seeking each section's audio to a sentence's start, where the N and P
// keys move the focus, and whether anything plays on its own. Saves a screenshot.
// Usage: node tests/js/web-check.js PAGE.html SCREENSHOT.png
"use strict";
const path = require("path");
const puppeteer = require("puppeteer-core");

(async () => {
  const page_path = path.resolve(process.argv[2]);
  const shot = path.resolve(process.argv[3]);
  const browser = await puppeteer.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    headless: true,
    args: ["--no-sandbox", "--allow-file-access-from-files", "--mute-audio"],
  });
  const result = { console: [], violations: [], seeks: [], keys: {}, playing: 0 };
  try {
    const page = await browser.newPage();
    page.on("console", (m) => { if (m.type() === "error") result.console.push(m.text()); });
    page.on("pageerror", (e) => result.console.push(String(e)));
    // A media element stops its own request once it has what it needs (ERR_ABORTED): not a
    // failure. Anything else that cannot be loaded is.
    page.on("requestfailed", (r) => {
      const why = r.failure() ? r.failure().errorText : "";
      if (why !== "net::ERR_ABORTED") result.console.push(`failed to load ${r.url()}: ${why}`);
    });
    await page.goto("file://" + page_path, { waitUntil: "load" });
    // Every player's metadata, so that seeking works.
    await page.evaluate(() => Promise.all(Array.from(document.querySelectorAll("audio")).map(
      (a) => a.readyState >= 1 ? null : new Promise((ok, fail) => {
        a.addEventListener("loadedmetadata", ok, { once: true });
        a.addEventListener("error", () => fail(new Error("cannot load " + a.src)), { once: true });
      }))));
    result.playing = await page.evaluate(() =>
      Array.from(document.querySelectorAll("audio")).filter((a) => !a.paused || a.autoplay).length);
    // The keys, from the page's first state: N to the next section, P back.
    await page.keyboard.press("n");
    result.keys.n = await page.evaluate(() => document.activeElement && document.activeElement.id);
    await page.keyboard.press("p");
    result.keys.p = await page.evaluate(() => document.activeElement && document.activeElement.id);
    // In each section, seek to the start of a sentence in its middle: it is the one lit.
    result.seeks = await page.evaluate(async () => {
      const out = [];
      for (const section of document.querySelectorAll("section.section")) {
        const spans = Array.from(section.querySelectorAll(".s[data-begin]"));
        if (!spans.length) continue;
        const span = spans[Math.floor(spans.length / 2)];
        const audio = section.querySelector("audio");
        const at = parseFloat(span.getAttribute("data-begin")) + 0.01;
        await new Promise((ok) => {
          audio.addEventListener("seeked", () => setTimeout(ok, 50), { once: true });
          audio.currentTime = at;
        });
        const lit = document.querySelector(".s.current");
        out.push({ expected: span.id, got: lit ? lit.id : null, lit: document.querySelectorAll(".s.current").length });
      }
      return out;
    });
    await page.screenshot({ path: shot, fullPage: true });
    await page.addScriptTag({ path: require.resolve("axe-core/axe.min.js") });
    const axe = await page.evaluate(async () => await window.axe.run(document));
    result.violations = axe.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.length }));
    result.passes = axe.passes.length;
  } finally {
    await browser.close();
  }
  process.stdout.write(JSON.stringify(result, null, 1) + "\n");
})().catch((error) => {
  process.stderr.write(`the browser check failed: ${error && error.stack ? error.stack : error}\n`);
  process.exit(1);
});
