import { defineConfig } from 'vitest/config';
import vue from '@vitejs/plugin-vue';

export default defineConfig({
  plugins: [vue()],
  test: {
    include: ['test/unit/**/*.test.ts', 'test/integration/**/*.test.ts'],
    environment: 'node',
    // A stuck test fails in seconds, yet a test that starts a process or two still passes on a
    // loaded 2-core CI. The longer ones (real kiosk processes, SIGKILL trials, Prometheus) set
    // their own timeout beside the test, each with a comment saying why.
    testTimeout: 20_000,
    hookTimeout: 30_000,
    pool: 'forks',
  },
});
