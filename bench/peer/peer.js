// PptxGenJS peer for bench/run.py: writes DECKS decks of SLIDES slides, each a title and five
// bullets of the same text as bench/floor.py, in one Node process.
//   node peer.js --decks 6 --slides 17 --out /tmp/peer
"use strict";
const t0 = process.hrtime.bigint();
const path = require("path");
const fs = require("fs");
const PptxGenJS = require("pptxgenjs");

const TITLE = (n) => `Slide ${n}: an introduction to International Standards`;
const BULLETS = (n) => [
  `A global network of national standards bodies with one member per country – ${n} member countries`,
  `ISO develops International Standards – more than ${n},000 so far`,
  `More than ${n} technical committees and subcommittees revising standards every month`,
  `Coordinated by a Central Secretariat in Geneva, office ${n}`,
  `Conformity assessment ${n}: testing, inspection, certification, accreditation`,
];

function option(name, fallback) {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? process.argv[at + 1] : fallback;
}

async function buildDeck(slides, file) {
  const pptx = new PptxGenJS();
  pptx.layout = "LAYOUT_WIDE";
  for (let n = 1; n <= slides; n++) {
    const slide = pptx.addSlide();
    slide.addText(TITLE(n), { x: 0.6, y: 0.4, w: 12.1, h: 1.0, fontFace: "Arial", fontSize: 30, bold: true, color: "1F3A5F" });
    slide.addText(BULLETS(n).map((text) => ({ text, options: { bullet: true, breakLine: true } })),
      { x: 0.6, y: 1.6, w: 12.1, h: 5.0, fontFace: "Arial", fontSize: 20, color: "333D47", valign: "top" });
  }
  await pptx.writeFile({ fileName: file });
}

(async () => {
  const decks = parseInt(option("decks", "1"), 10);
  const slides = parseInt(option("slides", "17"), 10);
  const out = option("out", ".");
  fs.mkdirSync(out, { recursive: true });
  for (let i = 1; i <= decks; i++) {
    await buildDeck(slides, path.join(out, `peer-${i}.pptx`));
  }
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  process.stderr.write(`${seconds.toFixed(3)}\n`);
})().catch((error) => { console.error(error); process.exit(1); });
