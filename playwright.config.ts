import { defineConfig } from '@playwright/test';
import { chromiumLaunchOptions } from './test/e2e/chromium';

/**
 * End-to-end tests drive the real renderer in Debian's Chromium against the real backend
 * (`out/main/web.js`) and the real simulator, each a child process on loopback. `npm test`
 * builds first. CHROMIUM_PATH overrides the browser location.
 */
export default defineConfig({
  testDir: 'test/e2e',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: process.env.CI ? [['list']] : [['list']],
  outputDir: 'test-results/e2e',
  use: {
    viewport: { width: 1280, height: 900 },
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
    hasTouch: true,
    trace: 'retain-on-failure',
    // A step that cannot happen fails in seconds with the locator it waited for, instead of
    // hanging until the whole test's timeout (minutes on the long a11y walks).
    actionTimeout: 20_000,
    navigationTimeout: 30_000,
    launchOptions: chromiumLaunchOptions,
  },
});
