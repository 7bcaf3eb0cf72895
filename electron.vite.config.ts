import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import vue from '@vitejs/plugin-vue';
import VueI18nPlugin from '@intlify/unplugin-vue-i18n/vite';
import { kioskFonts } from './scripts/kiosk-fonts';

/**
 * One build for three targets. The main bundle has several entries: `index` is the Electron
 * shell; `web` serves the same backend to a plain Chromium (`npm run start:web`); `demo` is the
 * demo's composition root, which both load at run time only in DEMO mode; `simulator` is the
 * provincial API simulator on its own; `bench` is `npm run bench`. All but `index` run under
 * plain Node, so nothing they import may touch `electron`.
 *
 * Code that only the demo, tools, benchmarks and tests use goes to chunks named `dev-only-*`:
 * product entries never import them (.dependency-cruiser.cjs keeps main/ away from those folders), and the
 * installer leaves them out (electron-builder.yml `files`; test/integration/installer-files.test.ts).
 */
// KIOSK_OUT lets parallel checkouts/workers build side by side without overwriting each other.
const out = process.env.KIOSK_OUT ?? 'out';

const mainEntries: Record<string, string> = {
  index: resolve('main/index.ts'),
  web: resolve('main/web.ts'),
  // IT's command-line tools (npm run kiosk-admin); the installed app runs them with --admin.
  admin: resolve('main/admin/cli.ts'),
  demo: resolve('demo/start.ts'),
  simulator: resolve('simulator/cli.ts'),
  // A receipt printer on loopback for IT and demos (docs/printing.md).
  'printer-emulator': resolve('tools/printer-emulator/cli.ts'),
  bench: resolve('bench/index.ts'),
  // The crash tests' kiosk backend (test/integration/outbox-crash.test.ts kills it with SIGKILL).
  'outbox-worker': resolve('test/integration/crash/worker.ts'),
};
const entries = new Set(Object.values(mainEntries));
/** What ships or runs in production: the Electron shell, the browser shell, IT's commands. */
const productEntries = [mainEntries.index!, mainEntries.web!, mainEntries.admin!];

/** Rolldown's chunking context, as much of it as is read here. */
interface ChunkingContext {
  getModuleInfo(id: string): { id: string; importedIds: readonly string[]; dynamicallyImportedIds: readonly string[] } | null;
}

/** Every module a product entry imports, directly or not, statically or dynamically (once per chunking pass). */
const reached = new WeakMap<ChunkingContext, Set<string>>();
function productModules(ctx: ChunkingContext): Set<string> {
  let seen = reached.get(ctx);
  if (seen) return seen;
  seen = new Set<string>();
  const todo = productEntries.map((e) => ctx.getModuleInfo(e)?.id ?? e);
  while (todo.length > 0) {
    const id = todo.pop()!;
    if (seen.has(id)) continue;
    seen.add(id);
    const info = ctx.getModuleInfo(id);
    if (info) todo.push(...info.importedIds, ...info.dynamicallyImportedIds);
  }
  reached.set(ctx, seen);
  return seen;
}

export default defineConfig({
  main: {
    build: {
      outDir: `${out}/main`,
      rollupOptions: {
        input: mainEntries,
        output: {
          codeSplitting: {
            includeDependenciesRecursively: false,
            groups: [
              // What only the demo, tools, benchmarks and tests use: their own modules (main/ code
              // they import stays in product chunks; never an entry, whose top-level code runs
              // when it is imported), and every module — a library such as the simulator's
              // fastify included — that no product entry reaches, statically or dynamically.
              {
                name: (id: string, ctx: ChunkingContext): string | null => {
                  // Rolldown's own helpers (its runtime) belong to whoever needs them, product first.
                  if (id.startsWith('\0') || id.startsWith('rolldown:') || entries.has(resolve(id))) return null;
                  return /[\\/](simulator|tools|demo|bench|test)[\\/]/.test(id) || !productModules(ctx).has(id) ? 'dev-only' : null;
                },
              },
            ],
          },
        },
      },
    },
  },
  preload: {
    build: {
      outDir: `${out}/preload`,
      rollupOptions: {
        input: { index: resolve('preload/index.ts') },
        // A sandboxed preload can be neither an ES module nor require() our other files (Electron's
        // ESM and sandbox docs): one CommonJS file, .cjs since package.json says "type": "module".
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: 'renderer',
    plugins: [
      vue(),
      kioskFonts(),
      // The locale files are compiled to message ASTs at build time and vue-i18n is aliased to its
      // runtime-only build: the message compiler (a parser the kiosk would load and run for every
      // message on first use) stays out of the renderer. A message that does not parse fails the
      // build instead of a screen.
      VueI18nPlugin({
        include: [resolve('renderer/src/i18n/vi/*.ts'), resolve('renderer/src/i18n/en/*.ts')],
        runtimeOnly: true,
        compositionOnly: true,
        fullInstall: true,
        strictMessage: true,
      }),
    ],
    build: {
      outDir: `${out}/renderer`,
      // The kiosk PC parses every byte of the first screen's script before a citizen can tap.
      // KIOSK_NO_MINIFY=1 keeps function names readable in CPU profiles (bench:ui with BENCH_UI_PROF).
      minify: !process.env.KIOSK_NO_MINIFY,
      rollupOptions: { input: { index: resolve('renderer/index.html') } },
    },
  },
});
