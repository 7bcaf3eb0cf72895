#!/usr/bin/env node
// `npm run bench:ui -- --repeat 3`: runs bench/ui/ui.bench.ts (Playwright) with the whole
// measurement repeated N times in one browser, and writes the pooled table (with each repeat's
// p95) to bench/RESULTS.md. `--no-write` prints the table only. Other arguments go to Playwright.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const args = process.argv.slice(2);
const env = { ...process.env };
const rest = [];
for (let i = 0; i < args.length; i++) {
  const a = args[i];
  const inline = /^--repeat=(\d+)$/.exec(a);
  if (inline) env.BENCH_UI_REPEAT = inline[1];
  else if (a === '--repeat') {
    const n = args[++i];
    if (!n || !/^\d+$/.test(n) || Number(n) < 1) {
      process.stderr.write('--repeat wants a whole number of repeats, e.g. --repeat 3\n');
      process.exit(2);
    }
    env.BENCH_UI_REPEAT = n;
  } else if (a === '--no-write') env.BENCH_UI_NO_WRITE = '1';
  else rest.push(a);
}
const cli = join(dirname(createRequire(import.meta.url).resolve('@playwright/test/package.json')), 'cli.js');
const child = spawn(process.execPath, [cli, 'test', '-c', 'bench/ui/playwright.config.ts', ...rest], { stdio: 'inherit', env });
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
