import type { Page } from '@playwright/test';

/**
 * A USB QR scanner as the kiosk hears it: a keyboard that types a whole code a few milliseconds
 * per character, then Enter. The keys go to Chromium over the DevTools protocol with the
 * scanner's own timestamps and without waiting for each answer, so the gaps the kiosk measures
 * are the scanner's — not the test runner's pace on a loaded CI machine, which made
 * `page.keyboard.type` look like a person typing.
 */
export async function scanWithUsbScanner(page: Page, payload: string, opts: { gapMs?: number; enter?: boolean } = {}): Promise<void> {
  const gap = (opts.gapMs ?? 4) / 1000;
  const cdp = await page.context().newCDPSession(page);
  try {
    let t = Date.now() / 1000;
    const sent: Array<Promise<unknown>> = [];
    const key = (type: 'keyDown' | 'keyUp', ch: string, extra: Record<string, unknown> = {}) =>
      sent.push(cdp.send('Input.dispatchKeyEvent', { type, key: ch, timestamp: t, ...extra }));
    for (const ch of payload) {
      key('keyDown', ch, { text: ch, unmodifiedText: ch });
      key('keyUp', ch);
      t += gap;
    }
    if (opts.enter ?? true) {
      key('keyDown', 'Enter', { code: 'Enter', windowsVirtualKeyCode: 13, text: '\r', unmodifiedText: '\r' });
      key('keyUp', 'Enter', { code: 'Enter', windowsVirtualKeyCode: 13 });
    }
    await Promise.all(sent);
  } finally {
    await cdp.detach();
  }
}
