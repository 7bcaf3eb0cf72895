import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/**
 * The product's code may not reach into the demo, the simulator, the tools, benchmarks or tests
 * (eslint.config.js): they do not ship in the installer, and the demo's wiring must stay in its
 * own composition root. Checked through ESLint itself, on the repository's own configuration.
 */
const eslint = new ESLint({ cwd: process.cwd() });
const lint = async (filePath: string, code: string) =>
  (await eslint.lintText(code, { filePath }))[0]!.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);

describe('module boundaries', () => {
  it.each([
    ["import { startSimulator } from '../simulator/server';", 'main/startup/x.ts'],
    ["import { startPrinterEmulator } from '../../tools/printer-emulator/emulator';", 'main/services/x.ts'],
    ["import { startDemo } from '../demo/start';", 'main/x.ts'],
    ["import { x } from '../bench/x';", 'main/x.ts'],
    ["import { staffConfig } from '../../test/support/staff';", 'main/admin/x.ts'],
  ])('main/ may not: %s', async (code, file) => {
    expect(await lint(file, `${code}\nvoid 0;\n`)).toEqual([expect.stringMatching(/main\/ may not import the simulator, tools, the demo/)]);
  });

  it('main/ may import its own code and common/', async () => {
    expect(await lint('main/x.ts', "import { ok } from '../common/result';\nimport { silentLogger } from './log';\nvoid ok; void silentLogger;\n")).toEqual([]);
  });

  it('the renderer may not import main/', async () => {
    expect(await lint('renderer/src/x.ts', "import { silentLogger } from '../../main/log';\nvoid silentLogger;\n")).toEqual([
      expect.stringMatching(/may not import main/),
    ]);
  });
});
