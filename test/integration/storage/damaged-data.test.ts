import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator } from '../../../simulator/server';
import { kioskDataKey, sealedFileSha256 } from '../../support/data-key';
import { adminJs, byLocalRef, requireBuilt, runToExit, simLedger, webJs, workerJs } from '../../support/kiosk-process';

/**
 * A kiosk whose database is damaged or lost, for real: the database file deleted with its
 * attachments still there, and the WAL zeroed, garbled or cut short after a real SIGKILL. Each
 * start is refused with exit 65 and a message naming the quarantine folder; nothing the kiosk
 * cannot account for is deleted; `kiosk-admin restore` puts the last backup back, and the
 * restored kiosk delivers every dossier exactly once and never gives a reference twice.
 */
const KIOSK = 'KIOSK-DMG';
let sim: RunningSimulator;
let dir: string;
let dataDir: string;
let env: NodeJS.ProcessEnv;

beforeAll(() => requireBuilt(webJs, workerJs, adminJs));
beforeEach(async () => {
  sim = await startSimulator({ port: 0 });
  dir = mkdtempSync(join(tmpdir(), 'kiosk-damage-'));
  dataDir = join(dir, 'data');
  writeFileSync(join(dir, 'kiosk.config.json'), JSON.stringify({ kioskId: KIOSK }));
  env = { KIOSK_CONFIG: join(dir, 'kiosk.config.json'), KIOSK_DATA_DIR: dataDir, KIOSK_API_BASE_URL: sim.url };
});
afterEach(async () => {
  await sim.close();
  rmSync(dir, { recursive: true, force: true });
});

const told = new Map<string, string[]>();
async function store(n: number): Promise<string[]> {
  const r = await runToExit(workerJs, ['--data', dataDir, '--api', sim.url, '--kiosk', KIOSK, '--no-sync', '--enqueue', String(n)]);
  expect(r.code, r.stderr).toBe(0);
  return remember(r.stdout);
}
function remember(stdout: string): string[] {
  const refs: string[] = [];
  for (const m of stdout.matchAll(/^RECEIVED (\S+) (\S+)$/gm)) {
    told.set(m[1]!, m[2]!.split(','));
    refs.push(m[1]!);
  }
  return refs;
}
async function drain(): Promise<void> {
  const r = await runToExit(workerJs, ['--data', dataDir, '--api', sim.url, '--kiosk', KIOSK, '--enqueue', '0']);
  expect(r.code, r.stderr).toBe(0);
  expect(r.stdout).toMatch(/DRAINED accepted=\d+ needs_attention=0/);
}
const admin = (...args: string[]) => runToExit(adminJs, args, env);
const startWeb = () => runToExit(webJs, ['--demo', '--port', '0'], env, 30_000);

/** Stores `n` dossiers and SIGKILLs the process while its database is open (the WAL holds them). */
function storeAndKill(n: number): Promise<string[]> {
  return new Promise((ok, fail) => {
    const child = spawn(process.execPath, [workerJs, '--data', dataDir, '--api', sim.url, '--kiosk', KIOSK, '--hold', '--enqueue', String(n)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('HOLDING')) child.kill('SIGKILL');
    });
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.once('exit', (_code, signal) => (signal === 'SIGKILL' ? ok(remember(out)) : fail(new Error(out))));
  });
}

const allFiles = (root: string): string[] =>
  existsSync(root) ? readdirSync(root, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? allFiles(join(root, e.name)) : [join(root, e.name)])) : [];
/** The documents (by the SHA-256 of their bytes) in the attachment files under `root`, opened with the kiosk's data key. */
async function attachmentsIn(root: string): Promise<string[]> {
  const key = kioskDataKey(dataDir);
  const shas: string[] = [];
  for (const path of allFiles(root).filter((p) => /[/\\][0-9a-f]{64}$/.test(p) || /\.pending-/.test(p))) {
    shas.push((await sealedFileSha256(path, key)) ?? `unreadable ${basename(path)}`);
  }
  return shas;
}
/** The stored file of a document. */
async function fileOf(sha256: string): Promise<string> {
  for (const path of allFiles(join(dataDir, 'attachments'))) if ((await sealedFileSha256(path, kioskDataKey(dataDir))) === sha256) return path;
  throw new Error(`no stored file holds ${sha256}`);
}

/** Every dossier a citizen was told about is at the API once, or its documents are still on the kiosk. */
async function expectAccountedFor(lost: string[]) {
  const refs = byLocalRef(await simLedger(sim.url));
  for (const [ref, shas] of told) {
    if (lost.includes(ref)) {
      expect(refs.get(ref), ref).toBeUndefined();
      for (const sha of shas) expect(await attachmentsIn(join(dataDir, 'quarantine')), `${ref} ${sha}`).toContain(sha);
    } else {
      expect(refs.get(ref), ref).toHaveLength(1);
      expect(refs.get(ref)![0]!.attachments.map((a) => a.sha256).sort()).toEqual([...shas].sort());
    }
  }
  for (const [ref, entries] of refs) expect(entries, ref).toHaveLength(1);
}

function refNumber(ref: string): number {
  return Number(/-(\d+)$/.exec(ref)![1]);
}

describe('a deleted database with its attachments still there', () => {
  it(
    'is refused with exit 65 (every time) naming the quarantine folder, deletes no file, and a restore delivers every dossier of the backup exactly once without reusing a reference',
    async () => {
      told.clear();
      await store(2);
      await drain();
      const queuedAtBackup = await store(2);
      const backup = await admin('backup');
      expect(backup.code, backup.stderr).toBe(0);
      await drain();
      const afterBackup = await store(2);
      const filesBefore = (await attachmentsIn(join(dataDir, 'attachments'))).sort();
      expect(filesBefore.length).toBeGreaterThanOrEqual(6);

      for (const f of ['kiosk.sqlite3', 'kiosk.sqlite3-wal', 'kiosk.sqlite3-shm']) rmSync(join(dataDir, f), { force: true });
      const refused = await startWeb();
      expect(refused.code).toBe(65);
      expect(refused.stdout).not.toContain('Kiosk ready');
      const quarantine = /is in (\S+) \(read REPORT\.txt there\)/.exec(refused.stderr)?.[1];
      expect(quarantine, refused.stderr).toBeDefined();
      expect(refused.stderr).toContain('database file (kiosk.sqlite3) is missing');
      expect(readFileSync(join(quarantine!, 'REPORT.txt'), 'utf8')).toContain('kiosk-admin restore');
      // Nothing deleted: every file is in quarantine now.
      expect((await attachmentsIn(quarantine!)).sort()).toEqual(filesBefore);
      expect(existsSync(join(dataDir, 'kiosk.sqlite3'))).toBe(false);

      const again = await startWeb();
      expect(again.code).toBe(65);
      // The tools refuse the same way.
      expect((await runToExit(workerJs, ['--data', dataDir, '--api', sim.url, '--enqueue', '0'])).code).toBe(65);

      const restored = await admin('restore');
      expect(restored.code, restored.stderr).toBe(0);
      // The two stored after the backup are named for IT; their documents stay in quarantine.
      for (const ref of afterBackup) expect(restored.stdout).toContain(ref.replace(/^DL-/, 'DL|KN-'));
      for (const ref of queuedAtBackup) expect(restored.stdout).not.toContain(ref.replace(/^DL-/, 'DL|KN-'));

      await drain();
      await expectAccountedFor(afterBackup);
      expect((await simLedger(sim.url)).replays).toBeGreaterThanOrEqual(queuedAtBackup.length);

      const [next] = await store(1);
      expect(refNumber(next!)).toBeGreaterThan(Math.max(...[...told.keys()].filter((r) => r !== next).map(refNumber)));
      const check = await admin('check');
      expect(check.code, check.stderr).toBe(0);
    },
    120_000, // Long: several kiosk and admin processes in turn.
  );
});

describe('a WAL damaged after a real SIGKILL', () => {
  it.each([
    ['zeroed', /write-ahead log .* is damaged \(its header is zeroed or garbled\)/, (wal: string) => writeFileSync(wal, Buffer.alloc(statSync(wal).size))],
    [
      'garbled in the middle',
      /write-ahead log .* is damaged \(frames in the middle are garbled\)/,
      (wal: string) => {
        const bytes = readFileSync(wal);
        // Inside the first frame's page: its checksum fails, the frames after it are intact.
        for (let i = 32 + 24 + 100; i < 32 + 24 + 140; i++) bytes[i] = bytes[i]! ^ 0xa5;
        writeFileSync(wal, bytes);
      },
    ],
    // Cut across committed frames: SQLite would open it without a word; the lost commits show as
    // references already given above the database's counter, and files no row refers to.
    ['cut short', /references up to \d+ were already given to citizens[\s\S]*belong to no dossier/, (wal: string) => truncateSync(wal, Math.floor(statSync(wal).size * 0.3))],
  ] as const)(
    'a %s WAL is refused with exit 65, its copy and the dossiers\' files kept; restore re-sends the backup\'s dossiers exactly once and gives no reference twice',
    async (_how, finding, damage) => {
      told.clear();
      await store(2);
      await drain();
      const backup = await admin('backup');
      expect(backup.code, backup.stderr).toBe(0);
      const inWal = await storeAndKill(3);
      const wal = join(dataDir, 'kiosk.sqlite3-wal');
      expect(statSync(wal).size).toBeGreaterThan(0);
      const filesBefore = (await attachmentsIn(join(dataDir, 'attachments'))).sort();
      damage(wal);

      const refused = await startWeb();
      expect(refused.code, refused.stderr + refused.stdout).toBe(65);
      const quarantine = /is in (\S+) \(read REPORT\.txt there\)/.exec(refused.stderr)?.[1];
      expect(quarantine, refused.stderr).toBeDefined();
      expect(refused.stderr).toMatch(finding);
      // The WAL as found is kept as evidence, and no attachment file is gone.
      expect(existsSync(join(quarantine!, 'database', 'kiosk.sqlite3-wal')) || existsSync(join(quarantine!, 'database', 'kiosk.sqlite3'))).toBe(true);
      expect([...(await attachmentsIn(join(dataDir, 'attachments'))), ...(await attachmentsIn(quarantine!))].sort()).toEqual(filesBefore);

      const restored = await admin('restore');
      expect(restored.code, restored.stderr).toBe(0);
      for (const ref of inWal) expect(restored.stdout).toContain(ref.replace(/^DL-/, 'DL|KN-'));
      await drain();
      await expectAccountedFor(inWal);
      const [next] = await store(1);
      expect(refNumber(next!)).toBeGreaterThan(Math.max(...inWal.map(refNumber)));
    },
    120_000, // Long: several kiosk and admin processes in turn, one SIGKILLed.
  );
});

describe('going on without a backup', () => {
  it('acknowledge-damage after a lost database: the kiosk starts again, the documents stay in quarantine, references continue after every one given', async () => {
    told.clear();
    const before = await store(3);
    for (const f of ['kiosk.sqlite3', 'kiosk.sqlite3-wal', 'kiosk.sqlite3-shm']) rmSync(join(dataDir, f), { force: true });
    expect((await startWeb()).code).toBe(65);
    // No backup was ever taken: restore says so and changes nothing.
    const restore = await admin('restore');
    expect(restore.code).toBe(66);
    expect((await startWeb()).code).toBe(65);

    const ack = await admin('acknowledge-damage');
    expect(ack.code, ack.stderr).toBe(0);
    for (const ref of before) expect(ack.stdout).toContain(ref.replace(/^DL-/, 'DL|KN-'));
    const [next] = await store(1);
    expect(refNumber(next!)).toBeGreaterThan(Math.max(...before.map(refNumber)));
    for (const ref of before) for (const sha of told.get(ref)!) expect(await attachmentsIn(join(dataDir, 'quarantine'))).toContain(sha);
    expect((await admin('check')).code).toBe(0);
  }, 90_000); // Long: several kiosk and admin processes in turn.

  it('a queued dossier whose file was deleted by hand: refused at start, then after acknowledge-damage it waits for a clerk instead of blocking the kiosk', async () => {
    told.clear();
    const [first, second] = await store(2);
    rmSync(await fileOf(told.get(first!)![0]!));
    const refused = await startWeb();
    expect(refused.code).toBe(65);
    expect(refused.stderr).toContain(`missing: ${first}`);
    expect((await admin('acknowledge-damage')).code).toBe(0);
    const drained = await runToExit(workerJs, ['--data', dataDir, '--api', sim.url, '--kiosk', KIOSK, '--enqueue', '0']);
    expect(drained.stdout).toMatch(/DRAINED accepted=1 needs_attention=1/);
    const refs = byLocalRef(await simLedger(sim.url));
    expect(refs.get(second!)).toHaveLength(1);
    expect(refs.get(first!)).toBeUndefined();
  }, 90_000); // Long: several kiosk and admin processes in turn.
});
