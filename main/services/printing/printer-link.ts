import { connect as connectTcp, type Socket } from 'node:net';
import { statusRequest, type StatusKind } from './escpos';
import { interpretStatus, type PrinterStatus } from './printer-status';

/**
 * The wire to a receipt printer: network (raw TCP, usually port 9100), USB or serial. Receipts
 * are already ESC/POS bytes (escpos.ts, receipt-bytes.ts), so the wire only carries bytes: a
 * node:net socket for network printers, the node-escpos USB and serial adapters for the others.
 * Status is read with DLE EOT and a timeout of our own, because a printer that is off or hung
 * simply never answers.
 */
export type PrinterTarget =
  | { type: 'network'; host: string; port: number }
  | { type: 'usb'; vendorId: number; productId: number }
  | { type: 'serial'; path: string; baudRate: number };

export interface PrinterLink {
  status(timeoutMs: number): Promise<PrinterStatus>;
  send(bytes: Uint8Array): Promise<void>;
  close(): Promise<void>;
}

export type ConnectPrinter = (target: PrinterTarget, opts: { timeoutMs: number }) => Promise<PrinterLink | null>;

/** An open byte pipe to one printer; what it reads back goes to the `onData` it was opened with. */
interface Wire {
  write(bytes: Uint8Array): Promise<void>;
  /** Called before each status request: USB answers arrive through one bulk-in transfer per request. */
  expectAnswer(): void;
  close(): Promise<void>;
}

type OnData = (chunk: Uint8Array) => void;

/** Bytes the printer sent back, waited for one at a time. */
class ByteQueue {
  private bytes: number[] = [];
  private waiter: (() => void) | null = null;
  push = (chunk: Uint8Array) => {
    for (const b of chunk) this.bytes.push(b);
    this.waiter?.();
  };
  clear() {
    this.bytes = [];
  }
  async next(timeoutMs: number): Promise<number | undefined> {
    if (this.bytes.length > 0) return this.bytes.shift();
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, timeoutMs);
      this.waiter = () => {
        clearTimeout(timer);
        resolve();
      };
    });
    this.waiter = null;
    return this.bytes.shift();
  }
}

/** Opens the printer, or null when it cannot be reached (off, unplugged, wrong address). */
export const connectPrinter: ConnectPrinter = async (target, { timeoutMs }) => {
  const queue = new ByteQueue();
  const wire = await openWire(target, timeoutMs, queue.push);
  if (!wire) return null;
  return {
    async status(timeout) {
      queue.clear();
      const answer = async (n: StatusKind) => {
        wire.expectAnswer();
        await wire.write(statusRequest(n));
        return queue.next(timeout);
      };
      try {
        const printerByte = await answer(1);
        const offline = await answer(2);
        const paper = await answer(4);
        return interpretStatus({ printer: printerByte, offline, paper });
      } catch {
        return interpretStatus({});
      }
    },
    send: (bytes) => wire.write(bytes),
    close: () => wire.close(),
  };
};

function openWire(target: PrinterTarget, timeoutMs: number, onData: OnData): Promise<Wire | null> {
  switch (target.type) {
    case 'network':
      return openNetwork(target.host, target.port, timeoutMs, onData);
    case 'usb':
    case 'serial':
      return openAdapter(target, onData);
  }
}

function openNetwork(host: string, port: number, timeoutMs: number, onData: OnData): Promise<Wire | null> {
  return new Promise((resolve) => {
    const socket = connectTcp({ host, port });
    const fail = () => {
      clearTimeout(timer);
      socket.destroy();
      resolve(null);
    };
    const timer = setTimeout(fail, timeoutMs);
    socket.once('error', fail);
    socket.once('connect', () => {
      clearTimeout(timer);
      socket.off('error', fail);
      // A later socket error (printer reset, cable pulled) shows up as a failed write or a
      // status that never answers; it must not crash the kiosk as an unhandled 'error' event.
      socket.on('error', () => undefined);
      socket.on('data', onData);
      resolve(socketWire(socket));
    });
  });
}

function socketWire(socket: Socket): Wire {
  return {
    write: (bytes) =>
      new Promise((resolve, reject) => {
        socket.write(bytes, (error) => (error ? reject(error) : resolve()));
      }),
    expectAnswer: () => undefined,
    close: async () => void socket.destroy(),
  };
}

/** The part of the node-escpos USB and serial adapters we use. */
interface Adapter {
  open(callback?: (error: Error | null) => void): unknown;
  write(data: Buffer, callback?: (error: Error | null) => void): unknown;
  read(callback?: (data: Buffer) => void): unknown;
  close(callback?: (error: Error | null) => void): unknown;
}

async function openAdapter(target: Extract<PrinterTarget, { type: 'usb' | 'serial' }>, onData: OnData): Promise<Wire | null> {
  let adapter: Adapter;
  try {
    adapter = await makeAdapter(target);
  } catch {
    return null; // USB: "Can not find printer"; serial: no such port
  }
  const opened = await new Promise<boolean>((resolve) => {
    let settled = false;
    const done = (okay: boolean) => {
      if (!settled) {
        settled = true;
        resolve(okay);
      }
    };
    try {
      adapter.open((error) => done(!error));
    } catch {
      done(false);
    }
  });
  if (!opened) {
    await closeQuietly(adapter);
    return null;
  }
  // A serial port streams what the printer says; USB needs one read per expected answer.
  if (target.type === 'serial') adapter.read(onData);
  return {
    write: (bytes) =>
      new Promise((resolve, reject) => {
        adapter.write(Buffer.from(bytes), (error) => (error ? reject(error) : resolve()));
      }),
    expectAnswer: () => {
      if (target.type === 'usb') adapter.read(onData);
    },
    close: () => closeQuietly(adapter),
  };
}

async function makeAdapter(target: Extract<PrinterTarget, { type: 'usb' | 'serial' }>): Promise<Adapter> {
  // Loaded on demand: a kiosk with a network printer never loads the USB or serial native modules.
  switch (target.type) {
    case 'usb': {
      const { default: USB } = await import('@node-escpos/usb-adapter');
      return new USB(target.vendorId, target.productId) as unknown as Adapter;
    }
    case 'serial': {
      const { default: Serial } = await import('@node-escpos/serialport-adapter');
      return new Serial(target.path, { baudRate: target.baudRate }) as unknown as Adapter;
    }
  }
}

async function closeQuietly(adapter: Adapter): Promise<void> {
  await new Promise<void>((resolve) => {
    try {
      adapter.close(() => resolve());
    } catch {
      resolve();
    }
  });
}
