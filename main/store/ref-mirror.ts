import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { openSync, readSync, closeSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * The local-reference counter, mirrored outside the database. A citizen leaves with a reference
 * (DL-<KIOSK>-YYMMDD-NNNN) the API may not know yet; if the database is lost or damaged and the
 * counter lived only inside it, the next dossier would get a reference another one already has.
 *
 * Before a submission commits, its number is *reserved* here (written and fdatasync'd, alongside
 * the attachment files, so it costs no extra wait); after the commit, the number is recorded as
 * *committed* in the background. So at any time: every reference ever given out is ≤ `reserved`
 * (the next is always above it), and the database holds at least `committed` — if it holds less,
 * it lost commits (a truncated WAL, a restored or deleted database): the start-up check says so.
 * A failed store leaves a reserved number unused: references may have gaps, never repeats.
 *
 * The file has two fixed 128-byte slots written alternately, each with its own checksum: a write
 * cut short by a power cut damages one slot, and the other still holds the previous value. The
 * slots are overwritten in place, so a full disk does not stop it. Copies may be kept on a
 * second disk (the configured backup folder); the highest valid value of any copy counts.
 */
export interface RefCounter {
  /** Kiosk day (YYMMDD, Vietnam time). */
  day: string;
  reserved: number;
  committed: number;
}

const SLOT = 128;

function encode(seq: number, c: RefCounter): Buffer {
  const body = JSON.stringify({ seq, day: c.day, reserved: c.reserved, committed: c.committed });
  const sum = createHash('sha256').update(body).digest('hex').slice(0, 16);
  const text = `${sum} ${body}`;
  const buf = Buffer.alloc(SLOT, 0x20);
  buf.write(text, 0, 'utf8');
  buf[SLOT - 1] = 0x0a;
  return buf;
}

function decode(slot: Buffer): { seq: number; counter: RefCounter } | null {
  const text = slot.toString('utf8').trimEnd();
  const space = text.indexOf(' ');
  if (space !== 16) return null;
  const body = text.slice(17);
  if (createHash('sha256').update(body).digest('hex').slice(0, 16) !== text.slice(0, 16)) return null;
  try {
    const v = JSON.parse(body) as { seq: unknown; day: unknown; reserved: unknown; committed: unknown };
    if (typeof v.seq !== 'number' || typeof v.day !== 'string' || typeof v.reserved !== 'number' || typeof v.committed !== 'number') return null;
    return { seq: v.seq, counter: { day: v.day, reserved: v.reserved, committed: v.committed } };
  } catch {
    return null;
  }
}

/** The newest valid slot of one copy, or null (no file, or both slots damaged). */
export function readRefCounterFile(path: string): { seq: number; counter: RefCounter } | null {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    return null;
  }
  try {
    const buf = Buffer.alloc(SLOT * 2);
    const n = readSync(fd, buf, 0, buf.length, 0);
    const slots = [decode(buf.subarray(0, Math.min(n, SLOT))), n > SLOT ? decode(buf.subarray(SLOT, n)) : null];
    return slots.reduce<{ seq: number; counter: RefCounter } | null>((best, s) => (s && (!best || s.seq > best.seq) ? s : best), null);
  } finally {
    closeSync(fd);
  }
}

/** Which of two counters is further on (a later day wins; on one day, the higher numbers). */
export function laterCounter(a: RefCounter | null, b: RefCounter | null): RefCounter | null {
  if (!a || !b) return a ?? b;
  if (a.day !== b.day) return a.day > b.day ? a : b;
  return { day: a.day, reserved: Math.max(a.reserved, b.reserved), committed: Math.max(a.committed, b.committed) };
}

export interface RefMirror {
  /** The furthest counter any copy holds, or null if none exists yet. */
  current(): RefCounter | null;
  /** Durable in the primary copy when it resolves (the other copies are best effort). */
  write(counter: RefCounter): Promise<void>;
  /** Writes without waiting (the committed number after a commit); in order with other writes. */
  writeLater(counter: RefCounter): void;
  /** Waits for background writes (close, tests). */
  flush(): Promise<void>;
  close(): Promise<void>;
}

export function openRefMirror(paths: readonly string[], opts: { onError?: (e: unknown, path: string) => void } = {}): RefMirror {
  const found = paths.map((p) => readRefCounterFile(p));
  let seq = Math.max(0, ...found.map((f) => f?.seq ?? 0));
  let latest = found.reduce<RefCounter | null>((acc, f) => laterCounter(acc, f?.counter ?? null), null);
  const handles = new Map<string, Promise<FileHandle>>();
  let chain: Promise<void> = Promise.resolve();

  const handle = (path: string) => {
    let h = handles.get(path);
    if (!h) {
      mkdirSync(dirname(path), { recursive: true });
      // 'a+' would append; 'r+' needs the file: create it empty first if it is not there.
      h = open(path, 'a').then((f) => f.close()).then(() => open(path, 'r+'));
      h.catch(() => handles.delete(path));
      handles.set(path, h);
    }
    return h;
  };

  async function writeAll(counter: RefCounter): Promise<void> {
    seq += 1;
    const buf = encode(seq, counter);
    const offset = (seq % 2) * SLOT;
    latest = laterCounter(latest, counter);
    const writes = paths.map(async (path, i) => {
      try {
        const f = await handle(path);
        await f.write(buf, 0, SLOT, offset);
        await f.datasync();
      } catch (e) {
        if (i === 0) throw e;
        opts.onError?.(e, path);
      }
    });
    await Promise.all(writes);
  }

  return {
    current: () => latest,
    write(counter) {
      const run = chain.then(() => writeAll(counter));
      chain = run.catch(() => undefined);
      return run;
    },
    writeLater(counter) {
      const run = chain.then(() => writeAll(counter));
      chain = run.catch((e: unknown) => opts.onError?.(e, paths[0]!));
    },
    flush: () => chain,
    async close() {
      await chain;
      for (const h of handles.values()) await (await h.catch(() => null))?.close().catch(() => undefined);
      handles.clear();
    },
  };
}
