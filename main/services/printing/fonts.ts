import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { GlobalFonts } from '@napi-rs/canvas';

/** The family the raster receipt is drawn in; the kiosk ships it, the host's fonts are not trusted. */
export const RECEIPT_FONT = 'Be Vietnam Pro Receipt';

let registered = false;

/**
 * Registers Be Vietnam Pro (regular and bold) from @fontsource's files. Fontsource splits the
 * font by script: the Vietnamese letters (ấ, ự, …) are in the "vietnamese" subset and the plain
 * Latin ones in "latin", so both files go under one family name or half the letters fall back to
 * whatever the host has. In a packaged app the files are unpacked beside the asar, because the
 * native canvas cannot read inside it.
 */
export function registerReceiptFonts(fontDir: string = defaultFontDir()): void {
  if (registered) return;
  for (const subset of ['latin', 'latin-ext', 'vietnamese']) {
    for (const weight of [400, 700]) {
      const file = join(fontDir, `be-vietnam-pro-${subset}-${weight}-normal.woff2`);
      if (!existsSync(file)) throw new Error(`receipt font missing: ${file}`);
      GlobalFonts.registerFromPath(file, RECEIPT_FONT);
    }
  }
  registered = true;
}

function defaultFontDir(): string {
  const require = createRequire(import.meta.url);
  const dir = join(dirname(require.resolve('@fontsource/be-vietnam-pro/package.json')), 'files');
  return dir.replace(`app.asar${'/'}`, `app.asar.unpacked/`).replace('app.asar\\', 'app.asar.unpacked\\');
}
