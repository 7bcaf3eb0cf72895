import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { cruise, type IConfiguration, type ICruiseResult } from 'dependency-cruiser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * The boundaries `npm run lint` checks with dependency-cruiser (.dependency-cruiser.cjs), run with
 * the repository's own rules over a small tree of files that break them, so the fence is shown to
 * catch what it is there for: main/ reaching the simulator, the tools, the demo, the benchmarks or
 * the tests (none of which ships), by a static, a type-only or a dynamic import; the renderer or
 * common/ reaching main/ or Electron. And the rules carry no list of tolerated violations.
 */
const config = createRequire(import.meta.url)('../../.dependency-cruiser.cjs') as IConfiguration;

const files: Record<string, string> = {
  'main/static-simulator.ts': "import { x } from '../simulator/server';\nexport const a = x;\n",
  'main/services/static-tools.ts': "import { x } from '../../tools/printer-emulator/emulator';\nexport const a = x;\n",
  'main/type-only-test.ts': "import type { X } from '../test/support/staff';\nexport type A = X;\n",
  'main/dynamic-bench.ts': "export const load = () => import('../bench/drain');\n",
  'main/dynamic-demo.ts': "export const load = async () => (await import('../demo/start')).x;\n",
  'main/own-code.ts': "import { x } from './log';\nimport { y } from '../common/result';\nexport const a = [x, y];\n",
  'main/log.ts': 'export const x = 1;\n',
  'main/electron-shell.ts': "import { app } from 'electron';\nexport const a = app;\n",
  'renderer/src/reaches-main.ts': "export const load = () => import('../../main/log');\n",
  'renderer/src/reaches-electron.ts': "import { ipcRenderer } from 'electron';\nexport const a = ipcRenderer;\n",
  'renderer/src/through-contract.ts': "import { y } from '../../common/result';\nexport const a = y;\n",
  'common/result.ts': 'export const y = 2;\n',
  'simulator/server.ts': "import { x } from '../main/log';\nexport const y = x;\n",
  'tools/printer-emulator/emulator.ts': 'export const x = 1;\n',
  'demo/start.ts': 'export const x = 1;\n',
  'bench/drain.ts': 'export const x = 1;\n',
  'test/support/staff.ts': 'export type X = number;\n',
  // The resolver needs a package to find; Electron itself is not needed to say where it is.
  'node_modules/electron/package.json': '{ "name": "electron", "main": "index.js" }\n',
  'node_modules/electron/index.js': 'module.exports = {};\n',
};

let root: string;
let result: ICruiseResult;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'kiosk-boundaries-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  // The repository's options, less its tsconfig (whose paths are the repository's, not this tree's).
  const { tsConfig: _tsConfig, ...options } = config.options ?? {};
  const out = await cruise(['main', 'renderer', 'common', 'simulator', 'tools', 'demo', 'bench', 'test'], {
    ...options,
    baseDir: root,
    validate: true,
    ruleSet: { forbidden: config.forbidden },
    outputType: 'json',
  });
  result = (typeof out.output === 'string' ? JSON.parse(out.output) : out.output) as ICruiseResult;
}, 60_000);

afterAll(() => rmSync(root, { recursive: true, force: true }));

const violations = () => result.summary.violations.map((v) => `${v.rule.name}: ${v.from} → ${v.to}`).sort();

describe('module boundaries (.dependency-cruiser.cjs)', () => {
  it('main/ may not import the simulator, the tools, the demo, benchmarks or tests — statically, type-only or dynamically', () => {
    expect(violations().filter((v) => v.startsWith('main-not-demo-or-dev-code'))).toEqual([
      'main-not-demo-or-dev-code: main/dynamic-bench.ts → bench/drain.ts',
      'main-not-demo-or-dev-code: main/dynamic-demo.ts → demo/start.ts',
      'main-not-demo-or-dev-code: main/services/static-tools.ts → tools/printer-emulator/emulator.ts',
      'main-not-demo-or-dev-code: main/static-simulator.ts → simulator/server.ts',
      'main-not-demo-or-dev-code: main/type-only-test.ts → test/support/staff.ts',
    ]);
  });

  it('the renderer may not import main/ or Electron, even dynamically', () => {
    expect(violations().filter((v) => v.startsWith('renderer-through-the-contract'))).toEqual([
      'renderer-through-the-contract: renderer/src/reaches-electron.ts → node_modules/electron/index.js',
      'renderer-through-the-contract: renderer/src/reaches-main.ts → main/log.ts',
    ]);
  });

  it('nothing else is a violation: main/ importing itself, common/ and Electron, the renderer common/, the simulator main/', () => {
    expect(violations().every((v) => v.startsWith('main-not-demo-or-dev-code') || v.startsWith('renderer-through-the-contract'))).toBe(true);
  });

  it('tolerates no known violations: the repository itself must be clean', () => {
    expect(config.options?.knownViolations ?? []).toEqual([]);
  });
});
