import { copyFile, mkdir, open } from 'node:fs/promises';
import { openSync, readSync, closeSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import Database from 'better-sqlite3-multiple-ciphers';
import { dataKeyFrom } from '../main/keys/data-key';
import { buildSealer } from '../main/keys/file-cipher';
import { buildOutbox } from '../main/services/outbox/outbox';
import { openDatabase } from '../main/store/db';
import { refMirrorPaths } from '../main/store/data-folder';
import { openRefMirror } from '../main/store/ref-mirror';
import { attachment, makeFiles, payload, percentile } from './fixtures';
import { plainFormat } from './plain-format';

/** An unkeyed database of the cipher build is a plain SQLite file: checked, so the floor never pays for encryption. */
function assertPlainSqlite(file: string): void {
  const fd = openSync(file, 'r');
  const head = Buffer.alloc(16);
  readSync(fd, head, 0, 16, 0);
  closeSync(fd);
  if (head.toString('latin1') !== 'SQLite format 3\0') throw new Error(`${file} is not a plain SQLite file`);
}

/**
 * (a) Durable enqueue of a dossier with two attachments, against its physical limit: the same
 * disk work done by plain code — both files copied and fsync'd (in parallel, as the outbox does),
 * one fsync of their directory (without which a new name is not durable), and one row with the
 * same JSON committed by SQLite with the same WAL + synchronous=FULL settings: the same four
 * fsyncs and about the same bytes. The floor uses the same SQLite build the kiosk runs
 * (better-sqlite3-multiple-ciphers) with no key — a plain SQLite file, checked — so the ratio
 * is our code and our encryption, not a different SQLite. Encryption is measured on its own: a
 * second outbox runs the same code on a plain database with its files kept as they are, and
 * node:crypto seals the same bytes with AES-256-GCM alone (the cipher's own floor). All four
 * are interleaved, rotating who goes first, after untimed warm-up runs of each.
 */
export async function benchEnqueue(dir: string, runs: number, sizes: [number, number], warmUp = 20) {
  const total = warmUp + runs;
  const sources = [makeFiles(join(dir, 'a-src'), total, sizes[0]), makeFiles(join(dir, 'b-src'), total, sizes[1])];
  const key = dataKeyFrom(randomBytes(32));
  const dataKeys = { current: key, next: null };
  const db = openDatabase(join(dir, 'outbox'), { encryption: { key: key.bytes } });
  // The reference counter mirrored outside the database, as the kiosk keeps it (store/ref-mirror.ts):
  // its reservation is written and fdatasync'd beside the files, before the commit.
  const refs = openRefMirror(refMirrorPaths(join(dir, 'outbox'), undefined));
  const outbox = await buildOutbox({ db, dataDir: join(dir, 'outbox'), clock: { now: Date.now }, kioskId: 'BENCH', dataKeys, refs });
  const plainDb = openDatabase(join(dir, 'outbox-plain'), { encryption: 'none' });
  const plainRefs = openRefMirror(refMirrorPaths(join(dir, 'outbox-plain'), undefined));
  const plainOutbox = await buildOutbox({ db: plainDb, dataDir: join(dir, 'outbox-plain'), clock: { now: Date.now }, kioskId: 'BENCH', dataKeys, fileFormat: plainFormat, refs: plainRefs });

  const rawFile = join(dir, 'raw.sqlite3');
  const raw = new Database(rawFile);
  raw.pragma('journal_mode = WAL');
  raw.pragma('synchronous = FULL');
  raw.exec('CREATE TABLE IF NOT EXISTS items (id INTEGER PRIMARY KEY, payload TEXT NOT NULL, files TEXT NOT NULL) STRICT');
  assertPlainSqlite(rawFile);
  const insert = raw.prepare('INSERT INTO items (payload, files) VALUES (@payload, @files)');
  const rawDir = join(dir, 'raw-files');
  await mkdir(rawDir, { recursive: true });
  // The row the outbox stores: the payload with its attachment references.
  const json = JSON.stringify({ ...payload, attachments: sizes.map((size, i) => ({ documentId: `DOC-${i + 1}`, fileName: `scan-${i}.pdf`, mediaType: 'application/pdf', size, sha256: '0'.repeat(64) })), submittedAt: new Date().toISOString() });

  const ours: number[] = [];
  const unencrypted: number[] = [];
  const floor: number[] = [];
  const aes: number[] = [];
  for (let i = 0; i < total; i++) {
    const files = [sources[0]![i]!, sources[1]![i]!];
    const timeOurs = async () => {
      const t = performance.now();
      const r = await outbox.enqueue({ kind: 'dossier', payload, attachments: files.map(attachment) });
      ours.push(performance.now() - t);
      if (!r.ok) throw new Error(`enqueue failed: ${r.error.code}`);
    };
    const timePlain = async () => {
      const t = performance.now();
      const r = await plainOutbox.enqueue({ kind: 'dossier', payload, attachments: files.map(attachment) });
      unencrypted.push(performance.now() - t);
      if (!r.ok) throw new Error(`enqueue failed: ${r.error.code}`);
    };
    const timeRaw = async () => {
      const t = performance.now();
      const targets = files.map((_, j) => join(rawDir, `${i}-${j}`));
      await Promise.all(
        targets.map(async (target, j) => {
          await copyFile(files[j]!, target);
          const h = await open(target, 'r+');
          await h.sync();
          await h.close();
        }),
      );
      const d = await open(rawDir, 'r');
      await d.sync();
      await d.close();
      insert.run({ payload: json, files: JSON.stringify(targets) });
      floor.push(performance.now() - t);
    };
    const timeAes = async () => {
      // The bytes are read outside the clock: this is the cipher's own cost, no disk.
      const plain = files.map((f) => readFileSync(f));
      const t = performance.now();
      for (const p of plain) {
        const s = buildSealer(key);
        s.update(p);
        s.finish();
      }
      aes.push(performance.now() - t);
    };
    // Rotate who goes first, so none always meets a cold cache or a busy disk.
    const order = [timeOurs, timePlain, timeRaw, timeAes];
    for (let j = 0; j < order.length; j++) await order[(i + j) % order.length]!();
  }
  raw.close();
  await refs.close();
  await plainRefs.close();
  db.close();
  plainDb.close();
  // The first runs meet a cold JIT and cold caches; they are not what a kiosk in service sees.
  const stats = (xs: number[]) => {
    const kept = xs.slice(warmUp).sort((a, b) => a - b);
    return { p50: percentile(kept, 50), p99: percentile(kept, 99) };
  };
  return { ours: stats(ours), unencrypted: stats(unencrypted), raw: stats(floor), aes: stats(aes) };
}
