import { resolve } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/**
 * Lint rules of eslint.config.js, each tried on a probe file: end-to-end tests wait on asserted
 * state (each guess the rule exists to refuse is refused in test/e2e, and the assertions that
 * replace them pass), and the renderer reaches the backend only through its action modules.
 */
const root = resolve(import.meta.dirname, '../..');
const eslint = new ESLint({ cwd: root });

async function restricted(code: string, file = 'test/e2e/probe.spec.ts'): Promise<number[]> {
  const [result] = await eslint.lintText(code, { filePath: resolve(root, file) });
  return result!.messages.filter((m) => m.ruleId === 'no-restricted-syntax').map((m) => m.line);
}

const header = `import { expect, type Page } from '@playwright/test';\nexport async function probe(page: Page) {\n  const done = page.getByRole('button');\n`;

describe('eslint: e2e tests wait on state, not on a guess', () => {
  it('refuses isVisible()-then-act, waitForTimeout, a fixed sleep and branching on count()', async () => {
    const code = `${header}  if (await done.isVisible()) await done.click();
  await page.waitForTimeout(500);
  await new Promise((r) => setTimeout(r, 500));
  if ((await done.count()) > 0) await done.click();
  const n = (await done.count()) > 0 ? 1 : 0;
  return n;
}
`;
    expect(await restricted(code)).toEqual([4, 5, 6, 7, 8]);
  }, 60_000);

  it('lets assertions, expect.poll and a timer that is not a sleep through', async () => {
    const code = `${header}  await expect(done).toBeVisible();
  await expect.poll(() => done.count()).toBe(1);
  expect(await done.count()).toBe(1);
  setTimeout(() => undefined, 5000).unref();
}
`;
    expect(await restricted(code)).toEqual([]);
  }, 60_000);

  it('applies to test/e2e only', async () => {
    expect(await restricted(`${header}  await page.waitForTimeout(500);\n}\n`, 'test/integration/probe.test.ts')).toEqual([]);
  }, 60_000);
});

const importsClient = (path: string) => `import { call } from '${path}';\nexport const f = () => call('kiosk.info', {});\n`;

async function restrictedImports(code: string, file: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: resolve(root, file) });
  return result!.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('eslint: screens, components and stores call actions, never the API client', () => {
  it('refuses the API client in a screen, a component or a store', async () => {
    for (const [file, path] of [
      ['renderer/src/screens/login/NewScreen.ts', '../../api/client'],
      ['renderer/src/components/NewPanel.ts', '../api/client'],
      ['renderer/src/stores/new-store.ts', '../api/client.ts'],
    ] as const) {
      expect(await restrictedImports(importsClient(path), file), file).toEqual([expect.stringContaining('renderer/src/actions/')]);
    }
  }, 60_000);

  // Main and Electron stay out of the renderer by dependency-cruiser's fence, which also sees
  // dynamic imports (.dependency-cruiser.cjs; test/unit/module-boundaries.test.ts).
  it('lets the action modules use it', async () => {
    expect(await restrictedImports(importsClient('../api/client'), 'renderer/src/actions/new-feature.ts')).toEqual([]);
  }, 60_000);
});
