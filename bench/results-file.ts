import { existsSync, readFileSync, writeFileSync } from 'node:fs';

/**
 * bench/RESULTS.md holds one generated section per benchmark (`npm run bench`: outbox,
 * `npm run bench:ui`: ui) between markers, and the hand-written method and history below them.
 * A run replaces its own section and leaves everything else as it was.
 */
export function writeSection(file: string, name: string, content: string): void {
  const begin = `<!-- ${name}:begin -->`;
  const end = `<!-- ${name}:end -->`;
  const block = `${begin}\n${content.trim()}\n${end}`;
  const text = existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmark results\n';
  const at = text.indexOf(begin);
  const until = text.indexOf(end);
  let next: string;
  if (at >= 0 && until > at) next = text.slice(0, at) + block + text.slice(until + end.length);
  else {
    // A new section goes above the hand-written part (the first "## " heading that is not generated).
    const hand = text.search(/\n## (Method|History)/);
    next = hand >= 0 ? `${text.slice(0, hand)}\n${block}\n${text.slice(hand)}` : `${text.trimEnd()}\n\n${block}\n`;
  }
  writeFileSync(file, next);
}
