import { copyFile, open } from 'node:fs/promises';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import Database from 'better-sqlite3-multiple-ciphers';
import { dataKeyFrom } from '../main/keys/data-key';
import { buildOutbox } from '../main/services/outbox/outbox';
import { openDatabase } from '../main/store/db';
import { attachment, makeFiles, payload, percentile } from './fixtures';
import { plainFormat } from './plain-format';


/**
 * (a) Durable enqueue of a dossier with two attachments, against the floor: the same bytes
 * written by raw SQLite (same WAL + synchronous=FULL, no encryption) and fsync'd files. Two
 * outboxes run the same code: the kiosk's (database encrypted, files sealed) and one without
 * encryption (plain database, files as they are), so the cost of encryption shows on its own.
 * Runs are interleaved so a noisy machine slows all alike, after untimed warm-up runs of each.
 */
export async function benchEnqueue(dir: string, runs: number, sizes: [number, number], warmUp = 20) {
  const total = warmUp + runs;
  const sources = [makeFiles(join(dir, 'a-src'), total, sizes[0]), makeFiles(join(dir, 'b-src'), total, sizes[1])];
  const key = dataKeyFrom(randomBytes(32));
  const dataKeys = { current: key, next: null };
  const db = openDatabase(join(dir, 'outbox'), { encryption: { key: key.bytes } });
  const outbox = await buildOutbox({ db, dataDir: join(dir, 'outbox'), clock: { now: Date.now }, kioskId: 'BENCH', dataKeys });
  const plainDb = openDatabase(join(dir, 'outbox-plain'), { encryption: 'none' });
  const plainOutbox = await buildOutbox({ db: plainDb, dataDir: join(dir, 'outbox-plain'), clock: { now: Date.now }, kioskId: 'BENCH', dataKeys, fileFormat: plainFormat });

  const raw = new Database(join(dir, 'raw.sqlite3'));
  raw.pragma('journal_mode = WAL');
  raw.pragma('synchronous = FULL');
  raw.exec('CREATE TABLE IF NOT EXISTS items (id INTEGER PRIMARY KEY, payload TEXT NOT NULL, files TEXT NOT NULL) STRICT');
  const insert = raw.prepare('INSERT INTO items (payload, files) VALUES (@payload, @files)');
  const rawDir = join(dir, 'raw-files');
  const { mkdirSync } = await import('node:fs');
  mkdirSync(rawDir, { recursive: true });
  const json = JSON.stringify(payload);

  const ours: number[] = [];
  const unencrypted: number[] = [];
  const floor: number[] = [];
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
      for (const [j, target] of targets.entries()) {
        await copyFile(files[j]!, target);
        const h = await open(target, 'r+');
        await h.sync();
        await h.close();
      }
      // New files are durable only once their directory entry is: one directory fsync per dossier.
      const d = await open(rawDir, 'r');
      await d.sync();
      await d.close();
      insert.run({ payload: json, files: JSON.stringify(targets) });
      floor.push(performance.now() - t);
    };
    // Rotate who goes first, so none always meets a cold cache or a busy disk.
    const order = [timeOurs, timePlain, timeRaw];
    for (let j = 0; j < order.length; j++) await order[(i + j) % order.length]!();
  }
  raw.close();
  db.close();
  plainDb.close();
  // The first runs meet a cold JIT and cold caches; they are not what a kiosk in service sees.
  const stats = (xs: number[]) => {
    const kept = xs.slice(warmUp).sort((a, b) => a - b);
    return { p50: percentile(kept, 50), p99: percentile(kept, 99) };
  };
  return { ours: stats(ours), unencrypted: stats(unencrypted), raw: stats(floor) };
}
