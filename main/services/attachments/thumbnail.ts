import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { AttachmentMediaType } from '../../../common/domain/dossier';
import type { Logger } from '../../log';
import { imageSize, withinImageLimits } from './image-header';

/**
 * A small JPEG of an attached image for the wizard's thumbnails, so the renderer never receives
 * a multi-megabyte scan just to draw a 200-pixel preview. PDFs get none (the UI shows an icon).
 *
 * Decoding a citizen's file is the riskiest thing the kiosk does with it, so it never happens on
 * the main thread (a slow or hostile image would freeze every other call) and never for an image
 * whose header claims more pixels than `imageLimits` allows. Each preview runs in a worker thread
 * that is killed if it takes too long; at most one runs at a time. If the canvas module cannot be
 * loaded, previews are skipped, not fatal.
 */
const WIDTH = 320;

// Plain CommonJS evaluated in the worker: no bundler entry to keep in step, and the canvas module
// is required by the absolute path main resolved, so the worker needs no module resolution of its own.
const workerSource = `
const { parentPort, workerData } = require('node:worker_threads');
const { createCanvas, loadImage } = require(workerData.canvasModule);
(async () => {
  const image = await loadImage(Buffer.from(workerData.bytes));
  const scale = Math.min(1, workerData.width / image.width);
  const canvas = createCanvas(Math.max(1, Math.round(image.width * scale)), Math.max(1, Math.round(image.height * scale)));
  canvas.getContext('2d').drawImage(image, 0, 0, canvas.width, canvas.height);
  const jpeg = await canvas.encode('jpeg', 70);
  parentPort.postMessage({ dataUrl: 'data:image/jpeg;base64,' + jpeg.toString('base64') });
})().catch(() => parentPort.postMessage({ dataUrl: null }));
`;

function canvasModulePath(): string | null {
  try {
    return createRequire(import.meta.url).resolve('@napi-rs/canvas');
  } catch {
    return null;
  }
}

export interface Thumbnailer {
  /** `read` gives the image's bytes (a staged file is sealed: staging.read opens it). */
  make(read: () => Promise<Buffer | null>, mediaType: AttachmentMediaType): Promise<string | null>;
}

export type Decode = (bytes: Buffer) => Promise<string | null>;

export function buildThumbnailer(deps: { logger: Logger; timeoutMs?: number; decode?: (inWorker: Decode) => Decode }): Thumbnailer {
  const timeoutMs = deps.timeoutMs ?? 15_000;
  const canvasModule = canvasModulePath();
  let queue: Promise<unknown> = Promise.resolve();

  const decodeInWorker: Decode = (bytes) => {
    return new Promise((resolve) => {
      const copy = new Uint8Array(bytes).buffer;
      const worker = new Worker(workerSource, {
        eval: true,
        workerData: { canvasModule, bytes: copy, width: WIDTH },
        transferList: [copy],
        // The JS heap only: the pixel limit checked before this bounds the decoder's own memory.
        resourceLimits: { maxOldGenerationSizeMb: 64, maxYoungGenerationSizeMb: 16 },
      });
      const done = (dataUrl: string | null) => {
        clearTimeout(timer);
        void worker.terminate();
        resolve(dataUrl);
      };
      const timer = setTimeout(() => {
        deps.logger.warn('attachments.thumbnail_timeout');
        done(null);
      }, timeoutMs);
      worker.once('message', (m: { dataUrl: string | null }) => done(typeof m?.dataUrl === 'string' ? m.dataUrl : null));
      worker.once('error', () => done(null));
      worker.once('exit', () => done(null));
    });
  };
  // Tests wrap the real decoder to see whether it ran.
  const decode = deps.decode ? deps.decode(decodeInWorker) : decodeInWorker;

  return {
    async make(read, mediaType) {
      if (mediaType === 'application/pdf' || !canvasModule) return null;
      const bytes = await read().catch(() => null);
      if (!bytes) return null;
      const size = imageSize(mediaType, bytes);
      if (!size || !withinImageLimits(size)) return null;
      const run = queue.then(() => decode(bytes));
      queue = run.catch(() => undefined);
      return run;
    },
  };
}
