import { expect, test } from '@playwright/test';
import { KioskPage } from './kiosk-page';
import { useSimulatorAndKiosk } from './processes';

/**
 * The screen tells the kiosk when a visit starts and ends (for the visit count and for updates,
 * which wait for a quiet start screen). Read back from the kiosk's /metrics, as Prometheus would.
 */
const env = useSimulatorAndKiosk({
  kiosk: { config: { keyboard: 'never', monitoring: { metrics: { host: '127.0.0.1', port: 0 }, heartbeatIntervalSeconds: 0 } } },
});

function metricsUrl(): string {
  const port = /"event":"health\.metrics_listening","port":(\d+)/.exec(env.kiosk.output())?.[1];
  if (!port) throw new Error('the kiosk did not log its metrics port');
  return `http://127.0.0.1:${port}/metrics`;
}

async function visits(): Promise<number> {
  const text = await (await fetch(metricsUrl())).text();
  return Number(/^kiosk_visits_total\{[^}]*\} (\d+)$/m.exec(text)?.[1] ?? NaN);
}

test('leaving the start screen counts one visit; finishing and starting again counts another', async ({ page }) => {
  const k = new KioskPage(page);
  await page.goto(env.kiosk.url);
  await expect(k.button(/^Đăng nhập/).first()).toBeVisible();
  expect(await visits()).toBe(0);
  // Touching the start screen (text size) is not a visit.
  await page.getByRole('button', { name: /^Cỡ chữ/ }).click();
  await k.openLoginForm();
  await expect.poll(visits).toBe(1);
  expect(await visits()).toBe(1);
  await page.getByRole('button', { name: 'Về trang đầu', exact: true }).click();
  await expect(k.button(/^Đăng nhập/).first()).toBeVisible();
  await k.openLoginForm();
  await expect.poll(visits).toBe(2);
});
