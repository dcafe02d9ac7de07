#!/usr/bin/env node
/**
 * Draws the store's product images (assets/store/images/<id>.svg) from the `art` field of each
 * product in assets/store/catalog.json: a background in the product's colour, a shape, and a glyph.
 * The images are the project's own; re-run after editing the catalog:
 *   node scripts/store-images.mjs
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const catalogFile = path.join(root, "assets/store/catalog.json");
const outDir = path.join(root, "assets/store/images");

const SIZE = 256;
const C = SIZE / 2;

function polygon(n, r, rotate = -Math.PI / 2) {
  const pts = [];
  for (let i = 0; i < n; i++) {
    const a = rotate + (i * 2 * Math.PI) / n;
    pts.push(`${(C + r * Math.cos(a)).toFixed(1)},${(C + r * Math.sin(a)).toFixed(1)}`);
  }
  return pts.join(" ");
}

function star(r1, r2) {
  const pts = [];
  for (let i = 0; i < 10; i++) {
    const r = i % 2 === 0 ? r1 : r2;
    const a = -Math.PI / 2 + (i * Math.PI) / 5;
    pts.push(`${(C + r * Math.cos(a)).toFixed(1)},${(C + r * Math.sin(a)).toFixed(1)}`);
  }
  return pts.join(" ");
}

function shape(kind, fill) {
  switch (kind) {
    case "circle": return `<circle cx="${C}" cy="${C}" r="78" fill="${fill}"/>`;
    case "square": return `<rect x="52" y="52" width="152" height="152" rx="18" fill="${fill}"/>`;
    case "diamond": return `<polygon points="${polygon(4, 92)}" fill="${fill}"/>`;
    case "triangle": return `<polygon points="${polygon(3, 96, -Math.PI / 2)}" fill="${fill}" transform="translate(0 12)"/>`;
    case "hexagon": return `<polygon points="${polygon(6, 88, 0)}" fill="${fill}"/>`;
    case "star": return `<polygon points="${star(96, 42)}" fill="${fill}"/>`;
    case "ring": return `<circle cx="${C}" cy="${C}" r="70" fill="none" stroke="${fill}" stroke-width="26"/>`;
    case "stripes":
      return [0, 1, 2, 3].map((i) => `<rect x="48" y="${56 + i * 38}" width="160" height="24" rx="6" fill="${fill}"/>`).join("");
    default: throw new Error(`unknown shape ${kind}`);
  }
}

function svg(p) {
  const { color, accent, glyph, shape: kind } = p.art;
  const label = p.name.replace(/&/g, "&amp;").replace(/</g, "&lt;");
  const text = glyph.replace(/&/g, "&amp;").replace(/</g, "&lt;");
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${SIZE}" height="${SIZE}" viewBox="0 0 ${SIZE} ${SIZE}" role="img" aria-label="${label}">
<defs><linearGradient id="bg" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="${color}"/><stop offset="1" stop-color="${accent}" stop-opacity="0.55"/></linearGradient></defs>
<rect width="${SIZE}" height="${SIZE}" fill="url(#bg)"/>
${shape(kind, accent)}
<text x="${C}" y="${C + 2}" text-anchor="middle" dominant-baseline="middle" font-family="DejaVu Sans, Verdana, sans-serif" font-weight="bold" font-size="${[...glyph].length > 1 ? 46 : 64}" fill="${color}" stroke="${accent}" stroke-width="1">${text}</text>
</svg>
`;
}

const catalog = JSON.parse(fs.readFileSync(catalogFile, "utf8"));
fs.mkdirSync(outDir, { recursive: true });
const wanted = new Set();
for (const p of catalog.products) {
  const file = path.join(outDir, `${p.id}.svg`);
  wanted.add(path.basename(file));
  fs.writeFileSync(file, svg(p));
}
for (const f of fs.readdirSync(outDir)) if (f.endsWith(".svg") && !wanted.has(f)) fs.rmSync(path.join(outDir, f));
console.log(`wrote ${wanted.size} images to ${path.relative(root, outDir)}`);
