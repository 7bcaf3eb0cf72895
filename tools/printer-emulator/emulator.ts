import { createServer, type Server, type Socket } from 'node:net';
import { statusBytes } from '../../main/services/printing/printer-status';
import { EscPosDecoder, joinRasterBands, type PrinterEvent, type RasterImage } from './decoder';

/**
 * A receipt printer on loopback: a real TCP server on the ESC/POS raw port protocol (what a
 * network printer speaks on 9100). Tests print to it and read back what came out; demo mode
 * prints to it when no printer is configured. It answers DLE EOT status queries, can be told the
 * paper ran out, the cover is open or the power is off, and keeps what it printed.
 */
export interface PrintedReceipt {
  lines: string[];
  boldLines: string[];
  codePages: number[];
  qrPayloads: string[];
  image: RasterImage | null;
  cut: boolean;
  unknown: number[][];
  printedAt: string;
}

export interface PrinterCondition {
  paperOut: boolean;
  coverOpen: boolean;
  paperLow: boolean;
}

export interface PrinterEmulator {
  port: number;
  host: string;
  printed(): PrintedReceipt[];
  clear(): void;
  setCondition(c: Partial<PrinterCondition>): void;
  /** Powered off: connections are refused until `goOnline`. */
  goOffline(): Promise<void>;
  goOnline(): Promise<void>;
  /** Stops answering status queries (a printer that hangs), while still accepting connections. */
  setSilent(silent: boolean): void;
  close(): Promise<void>;
}

class Job {
  lines: string[] = [];
  boldLines: string[] = [];
  codePages: number[] = [];
  qrPayloads: string[] = [];
  bands: RasterImage[] = [];
  unknown: number[][] = [];
  get empty(): boolean {
    return this.lines.length + this.qrPayloads.length + this.bands.length === 0;
  }
  finish(cut: boolean): PrintedReceipt {
    return {
      lines: this.lines,
      boldLines: this.boldLines,
      codePages: this.codePages,
      qrPayloads: this.qrPayloads,
      image: joinRasterBands(this.bands),
      cut,
      unknown: this.unknown,
      printedAt: new Date().toISOString(),
    };
  }
}

export async function startPrinterEmulator(
  opts: { port?: number; host?: string; wpc1258Slot?: number; onPrinted?: (r: PrintedReceipt) => void } = {},
): Promise<PrinterEmulator> {
  const host = opts.host ?? '127.0.0.1';
  const wpc1258Slot = opts.wpc1258Slot ?? 52;
  const condition: PrinterCondition = { paperOut: false, coverOpen: false, paperLow: false };
  const receipts: PrintedReceipt[] = [];
  const sockets = new Set<Socket>();
  let silent = false;
  let port = opts.port ?? 0;
  let server: Server | null = null;

  const canPrint = () => !condition.paperOut && !condition.coverOpen;

  function handle(socket: Socket): void {
    sockets.add(socket);
    const decoder = new EscPosDecoder({ wpc1258Slot });
    let job = new Job();
    const finishJob = (cut: boolean) => {
      if (job.empty) return;
      // A printer with no paper or an open cover prints nothing of what it was sent.
      if (canPrint()) {
        const r = job.finish(cut);
        receipts.push(r);
        opts.onPrinted?.(r);
      }
      job = new Job();
    };
    const apply = (e: PrinterEvent) => {
      switch (e.kind) {
        case 'status': {
          if (silent) return;
          const s = statusBytes(condition);
          const byte = e.n === 1 ? s.printer : e.n === 2 ? s.offline : e.n === 4 ? s.paper : 0x12;
          socket.write(Uint8Array.of(byte));
          return;
        }
        case 'line':
          job.lines.push(e.text);
          if (e.bold) job.boldLines.push(e.text);
          return;
        case 'codePage':
          job.codePages.push(e.n);
          return;
        case 'qr':
          job.qrPayloads.push(e.payload);
          return;
        case 'raster':
          job.bands.push(e.image);
          return;
        case 'cut':
          finishJob(true);
          return;
        case 'unknown':
          job.unknown.push(e.bytes);
          return;
        case 'init':
          return;
      }
    };
    socket.on('data', (chunk: Buffer) => decoder.feed(chunk).forEach(apply));
    socket.on('error', () => socket.destroy());
    socket.on('close', () => {
      decoder.flush().forEach(apply);
      finishJob(false);
      sockets.delete(socket);
    });
  }

  async function listen(): Promise<void> {
    const s = createServer(handle);
    await new Promise<void>((resolve, reject) => {
      s.once('error', reject);
      s.listen(port, host, () => resolve());
    });
    const address = s.address();
    if (address === null || typeof address === 'string') throw new Error('emulator is not listening on TCP');
    port = address.port;
    server = s;
  }

  async function stop(): Promise<void> {
    const s = server;
    server = null;
    for (const socket of sockets) socket.destroy();
    if (s) await new Promise<void>((resolve) => s.close(() => resolve()));
  }

  await listen();
  return {
    get port() {
      return port;
    },
    host,
    printed: () => [...receipts],
    clear: () => void receipts.splice(0),
    setCondition(c) {
      Object.assign(condition, c);
    },
    goOffline: stop,
    async goOnline() {
      if (!server) await listen();
    },
    setSilent(s) {
      silent = s;
    },
    close: stop,
  };
}
