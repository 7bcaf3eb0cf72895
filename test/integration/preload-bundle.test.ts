import { beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { kioskCallChannel } from '../../main/ipc';
import { rendererCsp } from '../../main/shell/csp';

/**
 * A sandboxed window silently ignores a preload it cannot load (an ES module, or one that
 * requires our own files), and Electron cannot start here to show it. So read what
 * electron-vite actually emitted and check it is what the sandbox can run.
 */
const outDir = process.env.KIOSK_OUT ?? 'out';
const preloadDir = `${outDir}/preload`;
const preloadFile = `${preloadDir}/index.cjs`;
const rendererIndex = `${outDir}/renderer/index.html`;

beforeAll(() => {
  if (existsSync(preloadFile)) return;
  // Normally `npm test` builds first; build here when the test is run on its own.
  const build = spawnSync(process.execPath, ['node_modules/electron-vite/bin/electron-vite.js', 'build'], {
    encoding: 'utf8',
    timeout: 120_000,
  });
  if (build.status !== 0) throw new Error(`electron-vite build failed:\n${build.stdout}\n${build.stderr}`);
}, 130_000);

describe('built preload (out/preload)', () => {
  const code = () => readFileSync(preloadFile, 'utf8');

  it('is a single index.cjs, with no ES-module variant beside it', () => {
    expect(existsSync(preloadFile)).toBe(true);
    const files = readdirSync(preloadDir).filter((f) => !f.endsWith('.map'));
    expect(files).toEqual(['index.cjs']);
  });

  it('is CommonJS: no import or export statements, no dynamic import', () => {
    expect(code()).not.toMatch(/^\s*(import|export)\s/m);
    expect(code()).not.toMatch(/\bimport\s*\(/);
    expect(code()).toMatch(/\brequire\(/);
  });

  it('requires nothing but electron (the sandbox can load nothing else)', () => {
    const calls = [...code().matchAll(/\brequire\s*\(([^)]*)\)/g)].map((m) => m[1]!.trim());
    expect(calls.length).toBeGreaterThan(0);
    for (const arg of calls) expect(arg).toMatch(/^(['"`])electron\1$/);
  });

  it('exposes only window.kiosk, calling the channel main/ipc.ts handles', () => {
    const exposures = [...code().matchAll(/exposeInMainWorld\(\s*(['"`])([^'"`]+)\1/g)].map((m) => m[2]);
    expect(exposures).toEqual(['kiosk']);
    expect(code()).toContain(`"${kioskCallChannel}"`);
    // The page must never get ipcRenderer itself or its events.
    expect(code()).not.toMatch(/ipcRenderer\.(on|once|send|sendSync|postMessage)\(/);
  });
});

describe('built renderer page', () => {
  // frame-ancestors is ignored in a meta tag (browsers warn); it only works as a header.
  const headerOnly = new Set(['frame-ancestors']);
  const directives = (policy: string) =>
    policy
      .split(';')
      .map((d) => d.trim().replace(/\s+/g, ' '))
      .filter((d) => d && !headerOnly.has(d.split(' ')[0]!))
      .sort();

  it('carries the same Content-Security-Policy as the shells send as a header', () => {
    expect(existsSync(rendererIndex), `${rendererIndex} was not built`).toBe(true);
    const html = readFileSync(rendererIndex, 'utf8');
    const tag = (html.match(/<meta\b[^>]*>/gi) ?? []).find((t) => /http-equiv=["']Content-Security-Policy["']/i.test(t));
    expect(tag, 'no CSP meta tag in renderer/index.html').toBeDefined();
    const content = /\bcontent=(["'])(.*?)\1/i.exec(tag!)?.[2] ?? '';
    expect(directives(content)).toEqual(directives(rendererCsp));
  });

  it('has no inline script the policy would block', () => {
    const html = readFileSync(rendererIndex, 'utf8');
    for (const tag of html.match(/<script\b[^>]*>/gi) ?? []) expect(tag).toMatch(/\bsrc=/);
  });
});
