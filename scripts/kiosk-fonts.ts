import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import subsetFont from 'subset-font';
import type { Plugin } from 'vite';

/**
 * The kiosk's one typeface, Be Vietnam Pro (drawn for Vietnamese stacked diacritics), cut at build
 * time to the glyphs the kiosk shows, from the @fontsource files already installed:
 *
 * - a "latin" face: Basic Latin, the letters of Latin-1 (à, é, ô … and a foreign name's ü) with
 *   the few signs the screens use, and the dashes, quotes and ellipsis of the texts;
 * - a "vietnamese" face: ă â đ ê ô ơ ư's extra letters, every toned letter (U+1EA0–1EF9), the
 *   combining tone marks (text typed in NFD) and ₫.
 *
 * Two weights (400 and 600), so four woff2 files, each with its exact unicode-range: any
 * Vietnamese text needs both faces of a weight, and nothing else is fetched (fontsource's faces
 * overlap, so Vietnamese text also fetched its latin-ext files, and they each came with a woff
 * twin the kiosk's Chromium never reads). No symbol the screens use (← ✓ ★ ⌫) is in the font at
 * all: those come from the system's fonts, as before. The start screen's four files are preloaded
 * from index.html, so its first paint has its font.
 */
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => String.fromCodePoint(from + i)).join('');

export const faces = {
  latin: {
    text: `${range(0x20, 0x7e)}\u00a0\u00b0\u00b7\u00d7${range(0xc0, 0xff)}\u2013\u2014\u2018\u2019\u201c\u201d\u2026`,
    unicodeRange: 'U+0020-007E, U+00A0, U+00B0, U+00B7, U+00C0-00FF, U+2013-2014, U+2018-2019, U+201C-201D, U+2026',
  },
  vietnamese: {
    text: `${range(0x102, 0x103)}${range(0x110, 0x111)}${range(0x128, 0x129)}${range(0x168, 0x169)}${range(0x1a0, 0x1a1)}${range(0x1af, 0x1b0)}\u0300\u0301\u0303\u0309\u0323${range(0x1ea0, 0x1ef9)}\u20ab`,
    unicodeRange: 'U+0102-0103, U+0110-0111, U+0128-0129, U+0168-0169, U+01A0-01A1, U+01AF-01B0, U+0300-0301, U+0303, U+0309, U+0323, U+1EA0-1EF9, U+20AB',
  },
} as const;
export const weights = [400, 600] as const;

const FAMILY = 'Be Vietnam Pro';

export function kioskFonts(opts: { cacheDir?: string } = {}): Plugin {
  const require = createRequire(import.meta.url);
  const sourceDir = join(dirname(require.resolve('@fontsource/be-vietnam-pro/package.json')), 'files');
  const outDir = resolve(opts.cacheDir ?? 'node_modules/.cache/kiosk-fonts');
  const file = (subset: keyof typeof faces, weight: number) => `be-vietnam-pro-${subset}-${weight}.woff2`;
  let written: Promise<void> | null = null;

  async function writeSubsets(): Promise<void> {
    mkdirSync(outDir, { recursive: true });
    const rules: string[] = [];
    for (const weight of weights)
      for (const subset of Object.keys(faces) as Array<keyof typeof faces>) {
        const source = readFileSync(join(sourceDir, `be-vietnam-pro-${subset}-${weight}-normal.woff2`));
        writeFileSync(join(outDir, file(subset, weight)), await subsetFont(source, faces[subset].text, { targetFormat: 'woff2' }));
        rules.push(
          `@font-face { font-family: '${FAMILY}'; font-style: normal; font-weight: ${weight}; font-display: swap; src: url('./${file(subset, weight)}') format('woff2'); unicode-range: ${faces[subset].unicodeRange}; }`,
        );
      }
    writeFileSync(join(outDir, 'fonts.css'), `${rules.join('\n')}\n`);
  }

  return {
    name: 'kiosk-fonts',
    enforce: 'pre',
    // `import 'kiosk-fonts/fonts.css'` (renderer/src/main.ts) is the generated stylesheet.
    config: () => ({ resolve: { alias: [{ find: /^kiosk-fonts\//, replacement: `${outDir}/` }] } }),
    buildStart() {
      written ??= writeSubsets();
      return written;
    },
    transformIndexHtml: {
      order: 'post',
      handler(_html, ctx) {
        if (!ctx.bundle) return;
        const fonts = Object.values(ctx.bundle).filter((a) => a.type === 'asset' && /\/be-vietnam-pro-(latin|vietnamese)-(400|600)-[^/]*\.woff2$/.test(`/${a.fileName}`));
        return fonts.map((a) => ({
          tag: 'link',
          attrs: { rel: 'preload', as: 'font', type: 'font/woff2', crossorigin: '', href: `./${a.fileName}` },
          injectTo: 'head' as const,
        }));
      },
    },
  };
}
