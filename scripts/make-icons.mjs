// Every icon of the installers from one source image, resources/icon.svg:
//   <out>/icons/<n>x<n>.png   the Linux set (electron-builder's linux.icon is this folder)
//   <out>/icon.png            1024 px, for electron-builder's defaults and the window icon
//   <out>/icon.ico            Windows: 16, 24, 32, 48, 64, 128 and 256 px in one file
// Each size is drawn from the vector source (not scaled down from a bitmap), so small sizes stay
// sharp. `npm run icons` (part of `npm run dist`); `node scripts/make-icons.mjs <out>` elsewhere.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createCanvas, loadImage } from '@napi-rs/canvas';
import pngToIco from 'png-to-ico';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const LINUX_SIZES = [16, 24, 32, 48, 64, 128, 256, 512];
export const ICO_SIZES = [16, 24, 32, 48, 64, 128, 256];

export async function makeIcons(out = join(root, 'build')) {
  const svg = readFileSync(join(root, 'resources', 'icon.svg'));
  const image = await loadImage(svg);
  const draw = async (size) => {
    const canvas = createCanvas(size, size);
    const ctx = canvas.getContext('2d');
    ctx.imageSmoothingQuality = 'high';
    ctx.drawImage(image, 0, 0, size, size);
    return canvas.encode('png');
  };
  mkdirSync(join(out, 'icons'), { recursive: true });
  const written = {};
  for (const size of [...new Set([...LINUX_SIZES, ...ICO_SIZES])]) {
    const file = join(out, 'icons', `${size}x${size}.png`);
    writeFileSync(file, await draw(size));
    written[size] = file;
  }
  writeFileSync(join(out, 'icon.png'), await draw(1024));
  writeFileSync(join(out, 'icon.ico'), await pngToIco(ICO_SIZES.map((s) => written[s])));
  return { dir: out, ico: join(out, 'icon.ico'), png: join(out, 'icon.png'), linux: join(out, 'icons') };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const made = await makeIcons(process.argv[2] ? resolve(process.argv[2]) : undefined);
  process.stdout.write(`icons written to ${made.dir}\n`);
}
