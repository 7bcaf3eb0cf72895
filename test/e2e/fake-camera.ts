import { writeFileSync } from 'node:fs';
import QRCode from 'qrcode';
import { withChromiumFlags } from './chromium';

/**
 * A camera for Chromium's fake capture device: a Y4M file (4:2:0, 640×480) whose frames show a
 * QR code of `text` on white, as a card held up to the kiosk camera would. The QR is built
 * with the same byte-mode UTF-8 encoding the CCCD's chip-era cards use.
 */
export function writeQrY4m(path: string, text: string, frames = 3): void {
  const width = 640;
  const height = 480;
  const qr = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const size = qr.modules.size;
  const quiet = 4;
  const scale = Math.floor((height * 0.9) / (size + 2 * quiet));
  const left = Math.floor((width - size * scale) / 2);
  const top = Math.floor((height - size * scale) / 2);

  const y = Buffer.alloc(width * height, 235);
  for (let row = 0; row < size; row++) {
    for (let col = 0; col < size; col++) {
      if (!qr.modules.get(row, col)) continue;
      for (let dy = 0; dy < scale; dy++) {
        const start = (top + row * scale + dy) * width + left + col * scale;
        y.fill(16, start, start + scale);
      }
    }
  }
  const chroma = Buffer.alloc((width / 2) * (height / 2), 128);
  const frame = Buffer.concat([Buffer.from('FRAME\n'), y, chroma, chroma]);
  const header = Buffer.from(`YUV4MPEG2 W${width} H${height} F10:1 Ip A1:1 C420jpeg\n`);
  writeFileSync(path, Buffer.concat([header, ...Array.from({ length: frames }, () => frame)]));
}

/** Launch options for a browser whose camera shows `y4m`, with the project's usual flags. */
export function fakeCameraLaunchOptions(y4m: string) {
  return withChromiumFlags('--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', `--use-file-for-fake-video-capture=${y4m}`);
}
