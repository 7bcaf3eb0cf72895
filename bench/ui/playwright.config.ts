import { defineConfig } from '@playwright/test';
import { chromiumLaunchOptions } from '../../test/e2e/chromium';

/**
 * `npm run bench:ui`: the renderer's speed in Debian's Chromium against the real kiosk process
 * and simulator (bench/ui/ui.bench.ts). A benchmark, not a test: it reports, it asserts no time.
 */
export default defineConfig({
  testDir: '.',
  testMatch: '*.bench.ts',
  timeout: 15 * 60_000 * Math.max(1, Number(process.env.BENCH_UI_REPEAT ?? 1) || 1),
  workers: 1,
  retries: 0,
  reporter: [['list']],
  outputDir: '../../test-results/bench-ui',
  use: {
    viewport: { width: 1920, height: 1080 },
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
    hasTouch: true,
    actionTimeout: 30_000,
    navigationTimeout: 60_000,
    launchOptions: chromiumLaunchOptions,
  },
});
