import { expect, test, type CDPSession, type Locator } from '@playwright/test';
import { KioskPage } from './kiosk-page';
import { startKiosk, type Running } from './processes';

/**
 * The kiosk's typeface is cut to its glyphs at build time (scripts/kiosk-fonts.ts). What must
 * hold: every Vietnamese letter, in both weights, is drawn with Be Vietnam Pro itself, not a
 * system fallback; and the start screen fetches only the faces it preloads.
 */
let kiosk: Running;
test.beforeAll(async () => {
  kiosk = await startKiosk();
});
test.afterAll(async () => kiosk?.stop());

const vowels = 'aăâeêioôơuưy';
const tones = ['\u0300', '\u0301', '\u0309', '\u0303', '\u0323'];
const everyLetter = [...vowels, ...[...vowels].flatMap((v) => tones.map((t) => `${v}${t}`.normalize('NFC'))), 'đ', 'bcdghklmnpqrstvx'].join(' ');
const sample = `${everyLetter} ${everyLetter.toLocaleUpperCase('vi')} 0123456789 “H'Hen Niê” – Đắk Lắk…`;

/** The fonts Chromium actually drew an element's text with (CDP): "Be Vietnam Pro", "Be Vietnam Pro SemiBold", or a fallback's name. */
async function fontsUsed(cdp: CDPSession, target: Locator): Promise<string[]> {
  await target.evaluate((el) => el.setAttribute('data-font-probe', ''));
  const { root } = await cdp.send('DOM.getDocument', { depth: 0 });
  const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector: '[data-font-probe]' });
  const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
  await target.evaluate((el) => el.removeAttribute('data-font-probe'));
  return fonts.filter((f) => f.glyphCount > 0).map((f) => f.familyName);
}

test('every Vietnamese letter is drawn in Be Vietnam Pro at both weights, and the start screen fetches only its four preloaded faces', async ({ page }) => {
  const fonts: string[] = [];
  page.on('request', (r) => {
    if (r.resourceType() === 'font') fonts.push(new URL(r.url()).pathname.split('/').pop()!);
  });
  const k = new KioskPage(page);
  await page.goto(kiosk.url);
  await expect(page.getByRole('button', { name: /^Đăng nhập/ })).toBeVisible();
  await page.evaluate(() => document.fonts.ready);
  expect(fonts.map((f) => f.replace(/-[\w-]{8}\.woff2$/, '')).sort()).toEqual([
    'be-vietnam-pro-latin-400',
    'be-vietnam-pro-latin-600',
    'be-vietnam-pro-vietnamese-400',
    'be-vietnam-pro-vietnamese-600',
  ]);
  const preloaded = await page.locator('link[rel="preload"][as="font"]').evaluateAll((links) => links.map((l) => (l as HTMLLinkElement).href.split('/').pop()));
  expect(preloaded.sort()).toEqual([...fonts].sort());

  const cdp = await page.context().newCDPSession(page);
  await cdp.send('DOM.enable');
  await cdp.send('CSS.enable');
  for (const weight of [400, 600]) {
    const probe = await page.evaluateHandle(
      ([text, w]) => {
        const p = document.createElement('p');
        p.textContent = text;
        p.style.fontWeight = String(w);
        document.querySelector('#app')!.append(p);
        return p;
      },
      [sample, weight] as const,
    );
    await page.evaluate(() => document.fonts.ready);
    expect(await fontsUsed(cdp, page.locator('#app > p').last())).toEqual([weight === 400 ? 'Be Vietnam Pro' : 'Be Vietnam Pro SemiBold']);
    await probe.evaluate((p) => (p as HTMLElement).remove());
  }
  // And the screen's own text, in both languages.
  for (const lang of ['vi', 'en'] as const) {
    if (lang === 'en') await k.switchToEnglish();
    for (const part of ['.topbar__title', '.topbar__province']) {
      const used = await fontsUsed(cdp, page.locator(part));
      expect(used.length, part).toBeGreaterThan(0);
      for (const font of used) expect(font, part).toMatch(/^Be Vietnam Pro( SemiBold)?$/);
    }
    await k.shot(`fonts-start-${lang}`);
  }
});
