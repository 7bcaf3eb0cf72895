import { resolve } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/**
 * The lint rule that keeps end-to-end tests waiting on asserted state (eslint.config.js): each
 * guess it exists to refuse is refused in test/e2e, and the assertions that replace them pass.
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
