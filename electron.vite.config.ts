import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import vue from '@vitejs/plugin-vue';

/**
 * One build for three targets. The main bundle has several entries: `index` is the Electron
 * shell; `web` serves the same backend to a plain Chromium (`npm run start:web`); `simulator` is
 * the provincial API simulator on its own; `bench` is `npm run bench`. All but `index` run under
 * plain Node, so nothing they import may touch `electron`.
 */
// KIOSK_OUT lets parallel checkouts/workers build side by side without overwriting each other.
const out = process.env.KIOSK_OUT ?? 'out';

export default defineConfig({
  main: {
    build: {
      outDir: `${out}/main`,
      rollupOptions: {
        input: {
          index: resolve('main/index.ts'),
          web: resolve('main/web.ts'),
          simulator: resolve('simulator/cli.ts'),
          // A receipt printer on loopback for IT and demos (docs/printing.md).
          'printer-emulator': resolve('tools/printer-emulator/cli.ts'),
          bench: resolve('bench/index.ts'),
          // IT's commands: `npm run kiosk-admin -- <command>` (main/admin/).
          admin: resolve('main/admin/cli.ts'),
          // The crash tests' kiosk backend (test/integration/outbox-crash.test.ts kills it with SIGKILL).
          'outbox-worker': resolve('test/integration/crash/worker.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      outDir: `${out}/preload`,
      rollupOptions: {
        input: { index: resolve('preload/index.ts') },
        // A sandboxed preload must be one CommonJS file (TOOLCHAIN.md).
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: 'renderer',
    plugins: [vue()],
    build: {
      outDir: `${out}/renderer`,
      // The kiosk PC parses every byte of the first screen's script before a citizen can tap.
      minify: true,
      rollupOptions: { input: { index: resolve('renderer/index.html') } },
    },
  },
});
