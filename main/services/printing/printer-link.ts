import { Printer } from '@node-escpos/core';
import { statusRequest, type StatusKind } from './escpos';
import { interpretStatus, type PrinterStatus } from './printer-status';

/**
 * The wire to a receipt printer: network (raw TCP, usually port 9100), USB or serial, through
 * the node-escpos adapters, with @node-escpos/core's Printer carrying the bytes. Status is read
 * with DLE EOT and a timeout of our own, because a printer that is off or hung simply never
 * answers.
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

/** The part of node-escpos's Adapter we use (its own type lives in a package we do not depend on directly). */
interface Adapter<_CloseArgs extends unknown[] = []> {
  open(callback?: (error: Error | null) => void): unknown;
  write(data: Buffer, callback?: (error: Error | null) => void): unknown;
  read(callback?: (data: Buffer) => void): unknown;
  close(callback?: (error: Error | null) => void): unknown;
}

export type ConnectPrinter = (target: PrinterTarget, opts: { timeoutMs: number }) => Promise<PrinterLink | null>;

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

async function makeAdapter(target: PrinterTarget, timeoutMs: number): Promise<Adapter<[]>> {
  // Loaded on demand: a kiosk with a network printer never loads the USB or serial native modules.
  switch (target.type) {
    case 'network': {
      const { default: Network } = await import('@node-escpos/network-adapter');
      return new Network(target.host, target.port, timeoutMs) as unknown as Adapter<[]>;
    }
    case 'usb': {
      const { default: USB } = await import('@node-escpos/usb-adapter');
      return new USB(target.vendorId, target.productId) as unknown as Adapter<[]>;
    }
    case 'serial': {
      const { default: Serial } = await import('@node-escpos/serialport-adapter');
      return new Serial(target.path, { baudRate: target.baudRate }) as unknown as Adapter<[]>;
    }
  }
}

/** Opens the printer, or null when it cannot be reached (off, unplugged, wrong address). */
export const connectPrinter: ConnectPrinter = async (target, { timeoutMs }) => {
  let adapter: Adapter<[]>;
  try {
    adapter = await makeAdapter(target, timeoutMs);
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

  const queue = new ByteQueue();
  const socket = (adapter as unknown as { device?: unknown }).device;
  if (target.type === 'network' && isEmitter(socket)) {
    // The network adapter logs every byte the printer sends to the console; we read them instead.
    socket.removeAllListeners('data');
    socket.on('data', queue.push);
    socket.on('error', () => undefined);
  } else if (target.type === 'serial') {
    adapter.read(queue.push);
  }
  const printer = new Printer(adapter as unknown as ConstructorParameters<typeof Printer>[0], {});

  return {
    async status(timeout) {
      queue.clear();
      const answer = async (n: StatusKind) => {
        // USB answers arrive through one bulk-in transfer per request.
        if (target.type === 'usb') adapter.read(queue.push);
        await writeRaw(adapter, statusRequest(n));
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
    async send(bytes) {
      printer.raw(Buffer.from(bytes));
      await printer.flush();
    },
    close: () => closeQuietly(adapter),
  };
};

function isEmitter(x: unknown): x is NodeJS.EventEmitter {
  return typeof x === 'object' && x !== null && typeof (x as NodeJS.EventEmitter).on === 'function';
}

function writeRaw(adapter: Adapter<[]>, bytes: Uint8Array): Promise<void> {
  return new Promise((resolve, reject) => {
    adapter.write(Buffer.from(bytes), (error) => (error ? reject(error) : resolve()));
  });
}

async function closeQuietly(adapter: Adapter<[]>): Promise<void> {
  await new Promise<void>((resolve) => {
    try {
      adapter.close(() => resolve());
    } catch {
      resolve();
    }
  });
}
