import { defineConfig } from '@playwright/test';
import { chromiumLaunchOptions } from './test/e2e/chromium';

/**
 * End-to-end tests drive the real renderer in Debian's Chromium against the real backend
 * (`out/main/web.js`) and the real simulator, each a child process on loopback. `npm test`
 * builds first. CHROMIUM_PATH overrides the browser location.
 *
 * Projects: `desktop` runs every flow spec once (a 1280×900 window with touch); the three
 * `kiosk-*` projects are the kiosk panels the province buys — landscape 1920×1080, portrait
 * 1080×1920 and the cheapest 1366×768 — and run what depends on the panel: the layout spec,
 * which walks every screen by touch alone in each, and the no-lost-tap spec. The other flows
 * run once, so CI's time is not tripled.
 */
const kioskPanels = [
  { name: 'kiosk-1920x1080', viewport: { width: 1920, height: 1080 } },
  { name: 'kiosk-1080x1920', viewport: { width: 1080, height: 1920 } },
  { name: 'kiosk-1366x768', viewport: { width: 1366, height: 768 } },
];
const layoutSpecs = /(kiosk-layout|touch-taps)\.spec\.ts/;

export default defineConfig({
  testDir: 'test/e2e',
  // A stuck test fails in seconds, not minutes: an assertion gives up after 15 s, an action
  // after 20 s, a test after 60 s (flows measure 3–25 s on a 2-core machine at load 18). The
  // long walks — axe on every screen in four looks, touch-only flows on each kiosk panel — set
  // their own timeout beside the test, about 2.5× what they took at that load, saying why.
  timeout: 60_000,
  expect: { timeout: 15_000 },
  // The whole run (25–35 min at load 18, far less on CI's own 2 cores) cannot eat CI's 90 minutes.
  globalTimeout: 50 * 60_000,
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  outputDir: 'test-results/e2e',
  use: {
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
    hasTouch: true,
    trace: 'retain-on-failure',
    // A step that cannot happen fails in seconds with the locator it waited for, instead of
    // hanging until the whole test's timeout.
    actionTimeout: 20_000,
    navigationTimeout: 30_000,
    screenshot: 'only-on-failure',
    launchOptions: chromiumLaunchOptions,
  },
  projects: [
    { name: 'desktop', testIgnore: layoutSpecs, use: { viewport: { width: 1280, height: 900 } } },
    ...kioskPanels.map((p) => ({ name: p.name, testMatch: layoutSpecs, use: { viewport: p.viewport } })),
  ],
});
