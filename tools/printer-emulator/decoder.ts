import { decodeCp1258 } from '../../main/services/printing/cp1258';

/**
 * Reads an ESC/POS byte stream the way a receipt printer would, and says what it would have put
 * on paper: text lines (decoded from the selected code page back to NFC Unicode), code-page
 * switches, QR payloads, raster images and cuts. It understands the commands our kiosk sends and
 * the common ones around them; anything else is recorded as unknown so a test notices.
 */
export interface RasterImage {
  width: number;
  height: number;
  rows: Uint8Array;
}

export type PrinterEvent =
  | { kind: 'init' }
  | { kind: 'codePage'; n: number }
  | { kind: 'line'; text: string; bold: boolean; codePage: number }
  | { kind: 'qr'; payload: string }
  | { kind: 'raster'; image: RasterImage }
  | { kind: 'cut' }
  | { kind: 'status'; n: number }
  | { kind: 'unknown'; bytes: number[] };

const ESC = 0x1b;
const GS = 0x1d;
const DLE = 0x10;

/** Code pages the decoder can read back: the WPC1258 slot (configurable, as on a real printer) and PC437's ASCII half. */
export interface DecoderOptions {
  wpc1258Slot: number;
}

export class EscPosDecoder {
  private pending: number[] = [];
  private text: number[] = [];
  private codePage = 0;
  private bold = false;
  private qrData = '';

  constructor(private readonly opts: DecoderOptions) {}

  /** Feeds bytes as they arrive; returns the events they complete. Split commands wait for the rest. */
  feed(chunk: Uint8Array): PrinterEvent[] {
    for (const b of chunk) this.pending.push(b);
    const events: PrinterEvent[] = [];
    let at = 0;
    for (;;) {
      const step = this.step(this.pending, at, events);
      if (step === null) break;
      at = step;
    }
    this.pending = this.pending.slice(at);
    return events;
  }

  /** Text received without a final line feed (printed when the job ends). */
  flush(): PrinterEvent[] {
    return this.text.length > 0 ? [this.endLine()] : [];
  }

  private endLine(): PrinterEvent {
    const bytes = Uint8Array.from(this.text);
    this.text = [];
    const text =
      this.codePage === this.opts.wpc1258Slot
        ? decodeCp1258(bytes)
        : Array.from(bytes, (b) => (b < 0x80 ? String.fromCharCode(b) : '\ufffd')).join('');
    return { kind: 'line', text, bold: this.bold, codePage: this.codePage };
  }

  /** Parses one command or byte at `at`; null when the buffer ends inside a command. */
  private step(buf: number[], at: number, out: PrinterEvent[]): number | null {
    if (at >= buf.length) return null;
    const b = buf[at]!;
    const need = (n: number) => at + n <= buf.length;
    if (b === 0x0a) {
      out.push(this.endLine());
      return at + 1;
    }
    if (b === 0x0d) return at + 1;
    if (b === ESC) {
      if (!need(2)) return null;
      const c = buf[at + 1]!;
      if (c === 0x40) {
        this.text = [];
        this.codePage = 0;
        this.bold = false;
        out.push({ kind: 'init' });
        return at + 2;
      }
      if (!need(3)) return null;
      const n = buf[at + 2]!;
      switch (c) {
        case 0x74:
          this.codePage = n;
          out.push({ kind: 'codePage', n });
          return at + 3;
        case 0x45:
          this.bold = (n & 1) === 1;
          return at + 3;
        case 0x61: // align: no effect on the decoded text
        case 0x21: // print mode
        case 0x2d: // underline
        case 0x4d: // font
        case 0x33: // line spacing
          return at + 3;
        case 0x64:
          if (this.text.length > 0) out.push(this.endLine());
          for (let i = 1; i < n; i++) out.push({ kind: 'line', text: '', bold: this.bold, codePage: this.codePage });
          return at + 3;
        default:
          out.push({ kind: 'unknown', bytes: [b, c] });
          return at + 2;
      }
    }
    if (b === GS) return this.stepGs(buf, at, out);
    if (b === DLE) {
      if (!need(3)) return null;
      if (buf[at + 1] === 0x04) {
        out.push({ kind: 'status', n: buf[at + 2]! });
        return at + 3;
      }
      out.push({ kind: 'unknown', bytes: [b, buf[at + 1]!] });
      return at + 2;
    }
    if (b >= 0x20) {
      this.text.push(b);
      return at + 1;
    }
    out.push({ kind: 'unknown', bytes: [b] });
    return at + 1;
  }

  private stepGs(buf: number[], at: number, out: PrinterEvent[]): number | null {
    const need = (n: number) => at + n <= buf.length;
    if (!need(2)) return null;
    const c = buf[at + 1]!;
    if (c === 0x56) {
      // GS V m, or GS V m n for m = 65/66.
      if (!need(3)) return null;
      const m = buf[at + 2]!;
      const len = m === 65 || m === 66 ? 4 : 3;
      if (!need(len)) return null;
      if (this.text.length > 0) out.push(this.endLine());
      out.push({ kind: 'cut' });
      return at + len;
    }
    if (c === 0x28 && need(3) && buf[at + 2] === 0x6b) {
      if (!need(5)) return null;
      const len = buf[at + 3]! | (buf[at + 4]! << 8);
      if (!need(5 + len)) return null;
      const body = buf.slice(at + 5, at + 5 + len);
      const fn = body[1];
      if (body[0] === 0x31 && fn === 0x50) this.qrData = new TextDecoder().decode(Uint8Array.from(body.slice(3)));
      if (body[0] === 0x31 && fn === 0x51) out.push({ kind: 'qr', payload: this.qrData });
      return at + 5 + len;
    }
    if (c === 0x76 && need(3) && buf[at + 2] === 0x30) {
      if (!need(8)) return null;
      const bytesPerRow = buf[at + 4]! | (buf[at + 5]! << 8);
      const height = buf[at + 6]! | (buf[at + 7]! << 8);
      const size = bytesPerRow * height;
      if (!need(8 + size)) return null;
      const rows = Uint8Array.from(buf.slice(at + 8, at + 8 + size));
      out.push({ kind: 'raster', image: { width: bytesPerRow * 8, height, rows } });
      return at + 8 + size;
    }
    if (!need(3)) return null;
    out.push({ kind: 'unknown', bytes: [GS, c] });
    return at + 2;
  }
}

/** Joins consecutive raster bands (printers take tall images in slices) into one image. */
export function joinRasterBands(bands: readonly RasterImage[]): RasterImage | null {
  if (bands.length === 0) return null;
  const width = bands[0]!.width;
  if (bands.some((b) => b.width !== width)) throw new Error('raster bands of different widths');
  const height = bands.reduce((h, b) => h + b.height, 0);
  const rows = new Uint8Array((width / 8) * height);
  let at = 0;
  for (const b of bands) {
    rows.set(b.rows, at);
    at += b.rows.length;
  }
  return { width, height, rows };
}
