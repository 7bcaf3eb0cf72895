import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';

/**
 * Accessibility checks shared by every flow's tests. `checkScreen` runs axe-core on the page as
 * it is now, in both languages and in the normal and high-contrast themes (switched with the top
 * bar's own buttons, as a citizen would), and fails on any serious or critical violation. A new
 * screen is covered by navigating to it and calling `checkScreen(page, 'its-name')`.
 */
export type Look = { readonly lang: 'vi' | 'en'; readonly contrast: boolean };

export const allLooks: readonly Look[] = [
  { lang: 'vi', contrast: false },
  { lang: 'vi', contrast: true },
  { lang: 'en', contrast: false },
  { lang: 'en', contrast: true },
];

const shotsDir = resolve(import.meta.dirname, '../../test-results/screenshots/a11y');
mkdirSync(shotsDir, { recursive: true });

export async function setLook(page: Page, look: Look): Promise<void> {
  const html = page.locator('html');
  if ((await html.getAttribute('lang')) !== look.lang) {
    await page.getByRole('button', { name: /^(Chuyển sang tiếng Anh|Switch to Vietnamese)$/ }).click();
    await expect(html).toHaveAttribute('lang', look.lang);
  }
  const contrast = page.getByRole('button', { name: /^(Tương phản cao|High contrast)$/ });
  if ((await contrast.getAttribute('aria-pressed')) !== String(look.contrast)) {
    await contrast.click();
    await expect(contrast).toHaveAttribute('aria-pressed', String(look.contrast));
  }
}

/** The serious and critical violations axe finds on the page as it stands, one line each. */
export async function seriousViolations(page: Page): Promise<string[]> {
  await page.evaluate(() => document.fonts.ready);
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/**
 * Checks the current screen in every look. `prepare` runs after each switch, for state that the
 * switch itself takes away (a tap on the top bar closes the on-screen keyboard) or that would
 * hide the top bar (a dialog): open it in `prepare`, close it in `cleanup`.
 */
export async function checkScreen(
  page: Page,
  name: string,
  steps: { prepare?: () => Promise<void>; cleanup?: () => Promise<void> } = {},
  looks: readonly Look[] = allLooks,
): Promise<void> {
  for (const look of looks) {
    await setLook(page, look);
    await steps.prepare?.();
    const label = `${name}-${look.lang}${look.contrast ? '-contrast' : ''}`;
    await page.screenshot({ path: `${shotsDir}/${label}.png` });
    expect(await seriousViolations(page), `axe: ${label}`).toEqual([]);
    await steps.cleanup?.();
  }
  await setLook(page, { lang: 'vi', contrast: false });
}
