import { copyFile, open } from 'node:fs/promises';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import Database from 'better-sqlite3-multiple-ciphers';
import { buildOutbox } from '../main/services/outbox/outbox';
import { openDatabase } from '../main/store/db';
import { attachment, makeFiles, payload, percentile } from './fixtures';


/**
 * (a) Durable enqueue of a dossier with two attachments, against the floor: the same bytes
 * written by raw better-sqlite3 (same WAL + synchronous=FULL) and fsync'd files. Runs are
 * interleaved so a noisy machine slows both alike, after a few untimed warm-up runs of each.
 */
export async function benchEnqueue(dir: string, runs: number, sizes: [number, number], warmUp = 20) {
  const total = warmUp + runs;
  const sources = [makeFiles(join(dir, 'a-src'), total, sizes[0]), makeFiles(join(dir, 'b-src'), total, sizes[1])];
  const db = openDatabase(join(dir, 'outbox'), { encryption: { key: randomBytes(32) } });
  const outbox = await buildOutbox({ db, dataDir: join(dir, 'outbox'), clock: { now: Date.now }, kioskId: 'BENCH' });

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
  const floor: number[] = [];
  for (let i = 0; i < total; i++) {
    const files = [sources[0]![i]!, sources[1]![i]!];
    const timeOurs = async () => {
      const t = performance.now();
      const r = await outbox.enqueue({ kind: 'dossier', payload, attachments: files.map(attachment) });
      ours.push(performance.now() - t);
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
    // Alternate who goes first, so neither always meets a cold cache or a busy disk.
    if (i % 2 === 0) {
      await timeOurs();
      await timeRaw();
    } else {
      await timeRaw();
      await timeOurs();
    }
  }
  raw.close();
  db.close();
  // The first runs meet a cold JIT and cold caches; they are not what a kiosk in service sees.
  ours.splice(0, warmUp);
  floor.splice(0, warmUp);
  ours.sort((a, b) => a - b);
  floor.sort((a, b) => a - b);
  return {
    ours: { p50: percentile(ours, 50), p99: percentile(ours, 99) },
    raw: { p50: percentile(floor, 50), p99: percentile(floor, 99) },
  };
}
