import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import type { Page } from '@playwright/test';
import { OnScreenKeyboardPage } from './on-screen-keyboard';

/** Helpers for specs that start a kiosk on an outbox seeded beforehand (kiosk not running), and open its clerk panel. */
const root = resolve(import.meta.dirname, '../..');
const outDir = process.env.KIOSK_OUT ?? 'out';

export function freePort(): Promise<number> {
  return new Promise((ok) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => ok(port));
    });
  });
}

/** Stores dossiers through the kiosk's own outbox module (the built crash-test worker); returns their references. */
export function seedOutbox(dataDir: string, count: number, kioskId: string): Promise<string[]> {
  return new Promise((ok, fail) => {
    const child = spawn(process.execPath, [join(root, outDir, 'main/outbox-worker.js'), '--data', dataDir, '--api', 'http://127.0.0.1:9', '--kiosk', kioskId, '--enqueue', String(count), '--no-sync']);
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.once('exit', (code) => (code === 0 ? ok([...out.matchAll(/^RECEIVED (\S+)/gm)].map((m) => m[1]!)) : fail(new Error(out))));
  });
}

/**
 * The PIN as a clerk types it at the touch screen of a kiosk whose on-screen keyboard follows
 * touch (the default, `keyboard: 'auto'`): the keyboard comes up for the field, "Xong" puts it
 * away, then "Mở khóa".
 */
export async function enterPin(page: Page, pin: string): Promise<void> {
  await page.getByLabel(/Mã PIN cán bộ|Clerk PIN/).fill(pin);
  const osk = new OnScreenKeyboardPage(page);
  await osk.ready();
  await osk.done();
  await page.getByRole('button', { name: /^(Mở khóa|Unlock)$/ }).click();
}

/** "Cán bộ", then the PIN (see enterPin). */
export async function openClerk(page: Page, pin: string): Promise<void> {
  await page.getByRole('button', { name: /^(Cán bộ|Clerk)$/ }).click();
  await enterPin(page, pin);
}
