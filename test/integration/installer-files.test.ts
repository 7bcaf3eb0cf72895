import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { DEMO_DEVICE } from '../../simulator/seed/devices';

/**
 * What the installer ships, checked on the real build (`npm test` builds first): electron-builder
 * packs the files electron-builder.yml's `files` list matches, so we match them the same way and
 * follow the Electron entry's imports through the built bundles. Everything the app loads must
 * be shipped; nothing of the demo, the simulator, the tools, the benchmarks or the tests may be.
 */
const out = resolve(process.env.KIOSK_OUT ?? 'out');
const root = dirname(out);

/** electron-builder's glob subset used in our list: `**` any path, `*` within one segment. */
function globToRegExp(glob: string): RegExp {
  const escaped = glob
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*\*/g, '\u0000')
    .replace(/\*/g, '[^/]*')
    .replace(/\u0000/g, '.*');
  return new RegExp(`^${escaped}$`);
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/** The built files a module loads: static imports and literal dynamic imports of relative paths. */
function importsOf(file: string): string[] {
  const code = readFileSync(file, 'utf8');
  const specs = [...code.matchAll(/(?:from|import)\s*\(?\s*"(\.{1,2}\/[^"]+)"/g)].map((m) => m[1]!);
  return specs.map((s) => resolve(dirname(file), s));
}

function closure(entry: string): Set<string> {
  const seen = new Set<string>();
  const todo = [entry];
  while (todo.length > 0) {
    const file = todo.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    todo.push(...importsOf(file));
  }
  return seen;
}

/** The base64 body of the published demo private key (its PEM without the armour lines). */
const demoKeyBody = DEMO_DEVICE.privateKeyPem.split('\n')[1]!;

let shipped: Set<string>;
beforeAll(() => {
  if (!existsSync(join(out, 'main', 'index.js'))) throw new Error(`${out} has no build: run npm run build first`);
  const patterns = (parseYaml(readFileSync(join(root, 'electron-builder.yml'), 'utf8')) as { files: string[] }).files;
  const include = patterns.filter((p) => !p.startsWith('!')).map(globToRegExp);
  const exclude = patterns.filter((p) => p.startsWith('!')).map((p) => globToRegExp(p.slice(1)));
  shipped = new Set(
    filesUnder(out)
      .map((f) => relative(root, f).split('\\').join('/'))
      .filter((f) => include.some((r) => r.test(f)) && !exclude.some((r) => r.test(f)))
      .map((f) => resolve(root, f)),
  );
});

describe('the installer', () => {
  it('ships every file the Electron app loads: its entry, the chunks it imports, the preload and the renderer', () => {
    const loaded = closure(join(out, 'main', 'index.js'));
    expect(loaded.size).toBeGreaterThan(2);
    for (const file of loaded) expect(shipped, relative(root, file)).toContain(file);
    expect(shipped).toContain(join(out, 'preload', 'index.cjs'));
    expect(shipped).toContain(join(out, 'renderer', 'index.html'));
  });

  it('ships no demo, simulator, printer emulator, benchmark or test code', () => {
    const names = [...shipped].map((f) => relative(out, f));
    for (const entry of ['demo.js', 'web.js', 'simulator.js', 'printer-emulator.js', 'bench.js', 'outbox-worker.js']) {
      expect(names).not.toContain(`main/${entry}`);
    }
    expect(names.filter((n) => n.includes('dev-only'))).toEqual([]);
    for (const file of [...shipped].filter((f) => f.includes(`${join(out, 'main')}`))) {
      const code = readFileSync(file, 'utf8');
      // The demo device's private key, the simulator's start-up log event, the simulator and emulator themselves.
      expect(code, relative(root, file)).not.toContain(demoKeyBody);
      expect(code, relative(root, file)).not.toContain("'sim.started'");
      expect(code, relative(root, file)).not.toMatch(/startPrinterEmulator|buildSimulatorApp/);
    }
  });

  it('ships nothing the Electron app does not load: code only the demo, the tools, benchmarks or tests reach (a library such as the simulator\'s fastify) stays out', () => {
    const loaded = closure(join(out, 'main', 'index.js'));
    const unused = [...shipped].filter((f) => f.startsWith(join(out, 'main')) && !loaded.has(f)).map((f) => relative(out, f));
    expect(unused).toEqual([]);
    const names = [...shipped].map((f) => relative(out, f)).join('\n');
    expect(names).not.toMatch(/fastify/);
  });

  it('bundles no production dependency that only the simulator needs', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    expect(Object.keys(pkg.dependencies)).not.toContain('fastify');
  });
});
