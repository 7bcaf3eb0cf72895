import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveDataKey } from '../../main/keys/data-key';
import { fileOnlySealers } from '../../main/keys/sealer';
import { silentLogger } from '../../main/log';
import { buildOutbox } from '../../main/services/outbox/outbox';
import { openDataFolder } from '../../main/store/data-folder';
import { databaseState } from '../../main/store/encrypted-database';
import { adminJs, requireBuilt } from '../support/kiosk-process';
import { makeAttachments, samplePayload, tempDir } from './outbox/fixtures';

/**
 * `kiosk-admin rotate-key` killed with SIGKILL at random moments (right after each step it prints,
 * and at random times): after every kill the kiosk's folder opens — with the old key, the new one,
 * or both recorded — every dossier is there and every file reads back as the document on record;
 * the next run carries on, and the last one finishes.
 */
let tmp: ReturnType<typeof tempDir>;
const dataDir = () => join(tmp.dir, 'data');
const configFile = () => join(tmp.dir, 'kiosk.config.json');
const source = { settings: { file: null, protection: null }, env: {}, keys: { sealerFor: fileOnlySealers, defaultProtection: 'file' as const } };
const hashes: string[] = [];

beforeAll(async () => {
  requireBuilt(adminJs);
  tmp = tempDir('kiosk-rotate-kill-');
  writeFileSync(configFile(), JSON.stringify({ kioskId: 'KIOSK-ROTATE-01', api: { baseUrl: 'https://api.dichvucong.example.vn' } }));
  const folder = await openDataFolder({ dataDir: dataDir(), shell: 'test', logger: silentLogger, dataKey: { ...source, demo: true } });
  const outbox = await buildOutbox({ db: folder.db, dataDir: dataDir(), clock: { now: Date.now }, kioskId: 'KIOSK-ROTATE-01', dataKeys: folder.keyring });
  // Enough bytes that a rotation takes a while: the kills land inside its steps, not only between.
  for (let i = 0; i < 6; i++) {
    const attachments = makeAttachments(tmp.dir, [2_000_000, 1_500_000, 300_000]);
    hashes.push(...attachments.map((a) => createHash('sha256').update(readFileSync(a.sourcePath)).digest('hex')));
    const r = await outbox.enqueue({ kind: 'dossier', payload: samplePayload(), attachments });
    if (!r.ok) throw new Error(r.error.code);
  }
  await folder.close();
}, 60_000); // Long: writes ~23 MB of attachments through the real outbox.
afterAll(() => tmp?.cleanup());

const keyring = () => {
  const r = resolveDataKey({ ...source, dataDir: dataDir(), database: databaseState(dataDir()), demo: false });
  if (!r.ok) throw r.error;
  return r.value;
};

/** The kiosk opens the folder: every row there, every file the document on record, the database whole. */
async function opensWhole(): Promise<void> {
  const folder = await openDataFolder({ dataDir: dataDir(), shell: 'test', logger: silentLogger, dataKey: { ...source, demo: false } });
  try {
    const outbox = await buildOutbox({ db: folder.db, dataDir: dataDir(), clock: { now: Date.now }, kioskId: 'KIOSK-ROTATE-01', dataKeys: folder.keyring });
    expect(outbox.counts().queued).toBe(6);
    for (const sha of hashes) expect((await outbox.files.measure(sha))?.sha256, sha).toBe(sha);
    expect(folder.db.pragma('integrity_check', { simple: true })).toBe('ok');
  } finally {
    await folder.close();
  }
}

const fileKeyIds = () =>
  readdirSync(join(dataDir(), 'attachments')).map((n) => readFileSync(join(dataDir(), 'attachments', n)).subarray(8, 16).toString('hex'));

/** Runs the command; kills it once `killWhen` says so (after a step line, or after some time). */
function rotate(killWhen: { afterStep: string } | { afterMs: number } | null): Promise<{ code: number | null; signal: NodeJS.Signals | null; out: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [adminJs, 'rotate-key', '--config', configFile(), '--data-dir', dataDir()], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const kill = () => child.kill('SIGKILL');
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (killWhen && 'afterStep' in killWhen && out.includes(`step: ${killWhen.afterStep}\n`)) kill();
    });
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    const timer = killWhen && 'afterMs' in killWhen ? setTimeout(kill, killWhen.afterMs) : null;
    child.once('exit', (code, signal) => {
      if (timer) clearTimeout(timer);
      done({ code, signal, out });
    });
  });
}

describe('rotate-key under SIGKILL', () => {
  it('leaves a kiosk that opens with either key after a kill at any moment, and finishes when run again', async () => {
    const original = keyring().current.id;
    // How long a whole rotation takes here, to aim random kills inside one.
    const t0 = Date.now();
    const whole = await rotate(null);
    expect(whole.code, whole.out).toBe(0);
    const duration = Date.now() - t0;
    await opensWhole();
    expect(keyring().current.id).not.toBe(original);

    const seen = { bothKeysRecorded: 0, killed: 0 };
    const plan: Array<{ afterStep: string } | { afterMs: number }> = [
      ...['keys-recorded', 'files-resealed', 'database-copied', 'database-rekeyed', 'database-replaced'].map((afterStep) => ({ afterStep })),
      ...Array.from({ length: 8 }, () => ({ afterMs: Math.floor(Math.random() * duration) })),
    ];
    for (const when of plan) {
      const r = await rotate(when);
      if (r.signal === 'SIGKILL') seen.killed += 1;
      else expect(r.code, r.out).toBe(0);
      if (keyring().next) seen.bothKeysRecorded += 1;
      await opensWhole();
      // Every file is under a key the kiosk has on record (the current one, or the next during a rotation).
      const ring = keyring();
      const onRecord = new Set([ring.current.id, ring.next?.id]);
      for (const id of fileKeyIds()) expect(onRecord.has(id), id).toBe(true);
    }
    const last = await rotate(null);
    expect(last.code, last.out).toBe(0);
    expect(keyring().next).toBeNull();
    await opensWhole();
    expect(seen.killed).toBeGreaterThan(3);
    // The kills really landed mid-rotation (both keys on record when the kiosk next opened).
    expect(seen.bothKeysRecorded).toBeGreaterThan(0);
  }, 240_000); // Long: a rotation of ~23 MB of attachments killed at many moments, each a new admin process.
});
