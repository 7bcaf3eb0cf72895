#!/usr/bin/env node
// The renderer's size budget for the kiosk's low-end PC, run by `npm test` after the build (so by CI's .ci/run):
// the JavaScript the kiosk must download and parse before the start screen can be touched —
// index.html's module script and everything it imports statically, followed through the chunks —
// may be at most 150 KB gzipped. Screens beyond the start screen are dynamic imports
// (renderer/src/screens/lazy.ts) and do not count. Prints every chunk's size; exits 1 over budget.
import { readdirSync, readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import { gzipSync } from 'node:zlib';

export const BUDGET_BYTES = 150 * 1000;

/** Chunks a chunk imports statically (`import … from "./x.js"`, `import "./x.js"`), not `import("./x.js")`. */
export function staticImports(code) {
  const found = new Set();
  for (const m of code.matchAll(/(?:\bfrom\s*|\bimport\s*)["']([^"']+\.js)["']/g)) found.add(m[1]);
  return [...found];
}

/** The initial chunks (paths relative to the renderer folder), from index.html through static imports. */
export function initialChunks(rendererDir) {
  const html = readFileSync(join(rendererDir, 'index.html'), 'utf8');
  const entries = [
    ...[...html.matchAll(/<script[^>]*type="module"[^>]*src="([^"]+)"/g)].map((m) => m[1]),
    ...[...html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g)].map((m) => m[1]),
  ].map((p) => posix.normalize(p.replace(/^\.?\//, '')));
  const seen = new Set();
  const visit = (rel) => {
    if (seen.has(rel)) return;
    seen.add(rel);
    const code = readFileSync(join(rendererDir, rel), 'utf8');
    for (const dep of staticImports(code)) visit(posix.normalize(posix.join(posix.dirname(rel), dep)));
  };
  entries.forEach(visit);
  return seen;
}

function main() {
  const rendererDir = join(process.env.KIOSK_OUT ?? 'out', 'renderer');
  const initial = initialChunks(rendererDir);
  const chunks = readdirSync(join(rendererDir, 'assets'))
    .filter((f) => f.endsWith('.js'))
    .map((f) => {
      const rel = `assets/${f}`;
      const bytes = readFileSync(join(rendererDir, rel));
      return { rel, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length, initial: initial.has(rel) };
    })
    .sort((a, b) => Number(b.initial) - Number(a.initial) || b.gzip - a.gzip);
  const kb = (n) => `${(n / 1000).toFixed(1)} KB`.padStart(9);
  process.stdout.write('Renderer JavaScript (minified; gzip -9):\n');
  for (const c of chunks) process.stdout.write(`  ${c.initial ? 'initial  ' : 'on demand'} ${kb(c.gzip)} gz ${kb(c.raw)} raw  ${c.rel}\n`);
  const total = chunks.filter((c) => c.initial).reduce((n, c) => n + c.gzip, 0);
  const ok = total <= BUDGET_BYTES;
  process.stdout.write(`Initial JavaScript: ${kb(total).trim()} gzipped of a ${BUDGET_BYTES / 1000} KB budget — ${ok ? 'within' : 'OVER'} budget.\n`);
  if (!ok) {
    process.stderr.write('The start screen now needs more script than the kiosk PC should parse before a first tap: load the new code on demand (renderer/src/screens/lazy.ts) or make it smaller.\n');
    process.exit(1);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) main();
