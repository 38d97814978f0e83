#!/usr/bin/env node
// Prints the gzip size of the JavaScript that dist/index.html loads at first (its module entry scripts
// and modulepreloads, plus what those import statically) and fails over the budget.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const BUDGET_KB = Number(process.env.BUNDLE_BUDGET_KB ?? 300);
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dist = resolve(root, process.argv[2] ?? 'dist');
const htmlPath = join(dist, 'index.html');
if (!existsSync(htmlPath)) {
  console.error(`bundle-budget: ${htmlPath} not found (run vite build first)`);
  process.exit(1);
}
const html = readFileSync(htmlPath, 'utf8');

const entries = new Set();
for (const m of html.matchAll(/<script\b[^>]*\btype=["']module["'][^>]*\bsrc=["']([^"']+)["']/g)) entries.add(m[1]);
for (const m of html.matchAll(/<link\b[^>]*\brel=["']modulepreload["'][^>]*\bhref=["']([^"']+)["']/g)) entries.add(m[1]);
for (const m of html.matchAll(/<link\b[^>]*\bhref=["']([^"']+)["'][^>]*\brel=["']modulepreload["']/g)) entries.add(m[1]);

// Follow static imports (`import ... from "./x.js"`, `import "./x.js"`); dynamic import() is not first-load.
const seen = new Set();
const queue = [...entries].map((src) => join(dist, src.replace(/^\//, '')));
while (queue.length) {
  const file = queue.shift();
  if (seen.has(file) || !existsSync(file)) continue;
  seen.add(file);
  const code = readFileSync(file, 'utf8');
  for (const m of code.matchAll(/(?:^|[;\s}])import\s*(?:[\w*{}\s,$]+from\s*)?["']([^"']+\.js)["']/g)) {
    queue.push(resolve(dirname(file), m[1]));
  }
}

let raw = 0;
let gz = 0;
const rows = [];
for (const file of seen) {
  const data = readFileSync(file);
  const g = gzipSync(data, { level: 9 }).length;
  raw += data.length;
  gz += g;
  rows.push([file.slice(dist.length + 1), data.length, g]);
}
const kb = (n) => (n / 1024).toFixed(1);
for (const [name, r, g] of rows.sort((a, b) => b[2] - a[2])) console.log(`  ${name}  ${kb(r)} KB raw, ${kb(g)} KB gzip`);
for (const m of html.matchAll(/<link\b[^>]*\brel=["']stylesheet["'][^>]*\bhref=["']([^"']+)["']/g)) {
  const css = join(dist, m[1].replace(/^\//, ''));
  if (existsSync(css)) console.log(`  (css) ${m[1].replace(/^\//, '')}  ${kb(gzipSync(readFileSync(css), { level: 9 }).length)} KB gzip`);
}
const verdict = gz / 1024 <= BUDGET_KB ? 'OK' : 'OVER BUDGET';
console.log(`first-load JS: ${kb(gz)} KB gzip (${kb(raw)} KB raw) in ${seen.size} file(s); budget ${BUDGET_KB} KB: ${verdict}`);
if (seen.size === 0) {
  console.error('bundle-budget: no module script found in index.html');
  process.exit(1);
}
process.exit(gz / 1024 <= BUDGET_KB ? 0 : 1);
