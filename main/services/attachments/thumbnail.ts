import { readFile } from 'node:fs/promises';
import type { AttachmentMediaType } from '../../../common/domain/dossier';

/**
 * A small JPEG of an attached image for the wizard's thumbnails, so the renderer never receives
 * a multi-megabyte scan just to draw a 200-pixel preview. PDFs get none (the UI shows an icon).
 * The canvas module is loaded on first use: if it is missing, previews are skipped, not fatal.
 */
const WIDTH = 320;

export async function makeThumbnail(path: string, mediaType: AttachmentMediaType): Promise<string | null> {
  if (mediaType === 'application/pdf') return null;
  try {
    const { createCanvas, loadImage } = await import('@napi-rs/canvas');
    const image = await loadImage(await readFile(path));
    const scale = Math.min(1, WIDTH / image.width);
    const canvas = createCanvas(Math.max(1, Math.round(image.width * scale)), Math.max(1, Math.round(image.height * scale)));
    canvas.getContext('2d').drawImage(image, 0, 0, canvas.width, canvas.height);
    const jpeg = await canvas.encode('jpeg', 70);
    return `data:image/jpeg;base64,${jpeg.toString('base64')}`;
  } catch {
    return null;
  }
}
