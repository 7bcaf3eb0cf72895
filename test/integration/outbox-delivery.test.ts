import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SimLedger } from '../../common/provincial/dossier-schemas';
import { silentLogger } from '../../main/log';
import { buildOutbox, type Outbox } from '../../main/services/outbox/outbox';
import { buildDeviceClient } from '../../main/services/provincial-api/device-client';
import { buildSyncEngine } from '../../main/services/sync/engine';
import { openDatabase, type Db } from '../../main/store/db';
import { testDataKeys, testEncryption } from '../support/data-key';
import { DEMO_DEVICE } from '../../simulator/seed/devices';
import { startSimulator, type RunningSimulator } from '../../simulator/server';
import { makeAttachments, samplePayload, tempDir } from './outbox/fixtures';
import { demoRequestCore } from '../../demo/demo-device';
import { signedHeaders, strangerKey } from '../support/signed-requests';

let sim: RunningSimulator;
let tmp: ReturnType<typeof tempDir>;
let db: Db;
let outbox: Outbox;
const clock = { now: Date.now };

beforeEach(async () => {
  sim = await startSimulator({ port: 0 });
  tmp = tempDir();
  db = openDatabase(join(tmp.dir, 'data'), { encryption: testEncryption });
  outbox = await buildOutbox({ db, dataDir: join(tmp.dir, 'data'), clock, kioskId: 'KIOSK-T1', dataKeys: testDataKeys });
});
afterEach(async () => {
  db.close();
  await sim.close();
  tmp.cleanup();
});

const client = () => buildDeviceClient(demoRequestCore(sim.url, { timeoutMs: 5000, logger: silentLogger }));
const ledger = async () => SimLedger.parse(await (await fetch(`${sim.url}/__sim/ledger`)).json());
const rowCount = () => (db.prepare('SELECT COUNT(*) AS n FROM outbox').get() as { n: number }).n;
const storedFiles = () => readdirSync(join(tmp.dir, 'data', 'attachments'));

async function drain(): Promise<void> {
  const engine = buildSyncEngine({ outbox, api: client(), clock, logger: silentLogger, healthIntervalMs: 200 });
  engine.start();
  await expect
    .poll(() => outbox.counts().queued + outbox.counts().sending, { timeout: 15_000, interval: 20, message: 'the outbox drains' })
    .toBe(0);
  await engine.stop();
}

describe('enqueue', () => {
  it('stores a dossier with its attachments content-addressed and gives a local reference and a UUIDv7 key', async () => {
    const attachments = makeAttachments(tmp.dir, [1000, 250_000]);
    const r = await outbox.enqueue({ kind: 'dossier', payload: samplePayload(), attachments });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.localRef).toMatch(/^DL-KIOSK-T1-\d{6}-0001$/);
    expect(r.value.idempotencyKey).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(outbox.get(r.value.localRef)).toMatchObject({ state: 'queued', attempts: 0, remoteCode: null });
    expect(storedFiles()).toHaveLength(2);
    expect(outbox.history(r.value.localRef)!.map((e) => e.event)).toEqual(['stored']);
    const second = await outbox.enqueue({ kind: 'dossier', payload: samplePayload(), attachments: makeAttachments(tmp.dir, [10]) });
    expect(second.ok && second.value.localRef).toMatch(/-0002$/);
  });

  it('refuses an invalid dossier with schema errors and stores nothing', async () => {
    const bad = { ...samplePayload(), deliveryMethod: 'postal' };
    const r = await outbox.enqueue({ kind: 'dossier', payload: bad, attachments: makeAttachments(tmp.dir, [100]) });
    expect(r).toMatchObject({ ok: false, error: { code: 'invalid_input', issues: [{ path: ['deliveryAddress'], message: 'deliveryAddress.required' }] } });
    expect(rowCount()).toBe(0);
    expect(storedFiles()).toHaveLength(0);
  });

  it('refuses a file whose hash is not the one the wizard measured, leaving no file behind', async () => {
    const [a] = makeAttachments(tmp.dir, [500]);
    const r = await outbox.enqueue({ kind: 'dossier', payload: samplePayload(), attachments: [{ ...a!, sha256: '0'.repeat(64) }] });
    expect(r).toMatchObject({ ok: false, error: { code: 'attachment_mismatch' } });
    expect(rowCount()).toBe(0);
    expect(storedFiles()).toHaveLength(0);
  });

  it('refuses a missing source file', async () => {
    const r = await outbox.enqueue({
      kind: 'dossier',
      payload: samplePayload(),
      attachments: [{ sourcePath: join(tmp.dir, 'nope.pdf'), mediaType: 'application/pdf', fileName: 'x.pdf', documentId: 'D1' }],
    });
    expect(r).toMatchObject({ ok: false, error: { code: 'attachment_unreadable' } });
    expect(rowCount()).toBe(0);
  });

  it('tidies what a crash left when the outbox opens: copies of stores that never committed go, a committed row gets its file, a file nobody accounts for stays', async () => {
    const r = await outbox.enqueue({ kind: 'dossier', payload: samplePayload(), attachments: makeAttachments(tmp.dir, [100]) });
    if (!r.ok) throw new Error(r.error.code);
    const dir = join(tmp.dir, 'data', 'attachments');
    const [kept] = storedFiles();
    const { renameSync, writeFileSync } = await import('node:fs');
    // Killed between the commit and the rename: the row is there, its file still has its pending name.
    renameSync(join(dir, kept!), join(dir, `.pending-${r.value.idempotencyKey}-${kept}`));
    writeFileSync(join(dir, '.tmp-deadbeef'), 'half');
    writeFileSync(join(dir, `.pending-0190aaaa-bbbb-7ccc-8ddd-eeeeeeeeeeee-${'c'.repeat(64)}`), 'never committed');
    // In plain text under a SHA-256, as an earlier build kept files: sealed under its keyed name,
    // and kept (evidence for the start-up check), though no row refers to it.
    writeFileSync(join(dir, 'a'.repeat(64)), 'no row refers to me');
    const reopened = await buildOutbox({ db, dataDir: join(tmp.dir, 'data'), clock, kioskId: 'KIOSK-T1', dataKeys: testDataKeys });
    expect(storedFiles().sort()).toEqual([reopened.files.nameOf('a'.repeat(64)), kept!].sort());
    expect(await reopened.files.measure('a'.repeat(64))).toMatchObject({ size: 'no row refers to me'.length });
  });

  it('a store that fails half-way removes the files it had already added, in the same failure path', async () => {
    const [first, second] = makeAttachments(tmp.dir, [5000, 6000]);
    const r = await outbox.enqueue({ kind: 'dossier', payload: samplePayload(), attachments: [first!, { ...second!, sha256: '0'.repeat(64) }] });
    expect(r).toMatchObject({ ok: false, error: { code: 'attachment_mismatch' } });
    expect(storedFiles()).toEqual([]);
    expect(rowCount()).toBe(0);
  });
});

describe('delivery', () => {
  it('delivers a queued dossier once, recording the device and the citizen, with matching attachment hashes', async () => {
    const attachments = makeAttachments(tmp.dir, [2000, 70_000]);
    const hashes = attachments.map((a) => createHash('sha256').update(readFileSync(a.sourcePath)).digest('hex'));
    const r = await outbox.enqueue({ kind: 'dossier', payload: samplePayload(), attachments });
    if (!r.ok) throw new Error('enqueue failed');
    await drain();
    const item = outbox.get(r.value.localRef)!;
    expect(item.state).toBe('accepted');
    expect(item.remoteCode).toMatch(/^H66-\d{6}-\d{6}$/);
    const l = await ledger();
    expect(l.dossiers).toHaveLength(1);
    expect(l.dossiers[0]).toMatchObject({ localRef: r.value.localRef, deviceId: DEMO_DEVICE.id, onBehalfOf: '066185000123', dossierCode: item.remoteCode });
    expect(l.dossiers[0]!.attachments.map((a) => a.sha256).sort()).toEqual(hashes.sort());
    // Stored under keyed names: a document's SHA-256 is not its file's name on the kiosk.
    expect(storedFiles().sort()).toEqual(hashes.map((h) => outbox.files.nameOf(h)).sort());
  });

  it('a row left in "sending" by a crash is re-sent with the same key and the API keeps one dossier', async () => {
    const r = await outbox.enqueue({ kind: 'dossier', payload: samplePayload(), attachments: makeAttachments(tmp.dir, [300]) });
    if (!r.ok) throw new Error('enqueue failed');
    // The first process got as far as the API committing, then died before recording it.
    const first = outbox.claimNext()!;
    const api = client();
    await api.upload(first.attachments[0]!);
    const committed = await api.submitDossier(first.item.idempotencyKey, { localRef: first.item.localRef, submission: first.submission as never });
    expect(committed.ok).toBe(true);
    expect(outbox.get(r.value.localRef)!.state).toBe('sending');
    await drain();
    const item = outbox.get(r.value.localRef)!;
    expect(item.state).toBe('accepted');
    expect(committed.ok && item.remoteCode).toBe(committed.ok && committed.value.dossierCode);
    const l = await ledger();
    expect(l.dossiers).toHaveLength(1);
    expect(l.replays).toBe(1);
    expect(outbox.history(r.value.localRef)!.map((e) => e.event)).toEqual(['stored', 'sending', 'recovered_after_restart', 'sending', 'accepted']);
  });
  it('a dossier whose stored attachment has vanished waits for a clerk instead of retrying, and nothing reaches the API', async () => {
    const r = await outbox.enqueue({ kind: 'dossier', payload: samplePayload(), attachments: makeAttachments(tmp.dir, [400, 500]) });
    if (!r.ok) throw new Error('enqueue failed');
    const { rmSync } = await import('node:fs');
    rmSync(join(tmp.dir, 'data', 'attachments', storedFiles()[0]!));
    await drain();
    const item = outbox.get(r.value.localRef)!;
    expect(item.state).toBe('needs_attention');
    expect(item.attempts).toBe(1);
    expect(item.lastError).toEqual({ code: 'attachment_file_missing' });
    // The status strip's counts skip accepted rows but agree with the full count.
    expect(outbox.activeCounts()).toEqual({ queued: 0, sending: 0, needs_attention: 1 });
    expect(outbox.counts()).toEqual({ queued: 0, sending: 0, needs_attention: 1, accepted: 0 });
    expect(outbox.history(r.value.localRef)!.at(-1)).toMatchObject({ event: 'rejected', problem: { code: 'attachment_file_missing' } });
    const l = await ledger();
    expect(l.dossiers).toHaveLength(0);
    expect(l.uploads).toBe(0);
  });
});

describe('damaged stored copies', () => {
  it.each([
    ['truncated', (path: string, size: number) => truncateSync(path, size - 5000)],
    ['garbled (same size)', (path: string) => {
      const bytes = readFileSync(path);
      bytes[bytes.length - 10] = bytes[bytes.length - 10]! ^ 0x55;
      writeFileSync(path, bytes);
    }],
  ] as const)('a %s attachment is never uploaded: the dossier waits for a clerk with "damaged copy", not for endless retries', async (_how, damage) => {
    const r = await outbox.enqueue({ kind: 'dossier', payload: samplePayload(), attachments: makeAttachments(tmp.dir, [200_000]) });
    if (!r.ok) throw new Error('enqueue failed');
    const [file] = storedFiles();
    damage(join(tmp.dir, 'data', 'attachments', file!), 200_000);
    await drain();
    const item = outbox.get(r.value.localRef)!;
    expect(item.state).toBe('needs_attention');
    expect(item.attempts).toBe(1);
    expect(item.lastError).toEqual({ code: 'attachment_damaged' });
    const l = await ledger();
    expect(l.dossiers).toHaveLength(0);
    expect(l.uploads).toBe(0);
  });
});

describe('reasons for the clerk', () => {
  it('keeps why a delivery failed as a reason code with the delay, and reads a plain-text reason from an earlier build as "other"', async () => {
    const r = await outbox.enqueue({ kind: 'dossier', payload: samplePayload(), attachments: makeAttachments(tmp.dir, [300]) });
    if (!r.ok) throw new Error('enqueue failed');
    const claimed = outbox.claimNext()!;
    outbox.scheduleRetry(claimed.item.id, Date.now() + 30_000, { code: 'api_unavailable', status: 503, apiCode: 'internal' });
    expect(outbox.get(r.value.localRef)!.lastError).toEqual({ code: 'api_unavailable', status: 503, apiCode: 'internal' });
    expect(outbox.history(r.value.localRef)!.at(-1)).toMatchObject({
      event: 'retry_scheduled',
      detail: null,
      problem: { code: 'api_unavailable', status: 503 },
      inSeconds: 30,
    });

    db.prepare("UPDATE outbox SET last_error = 'HTTP 503 internal' WHERE local_ref = @ref").run({ ref: r.value.localRef });
    db.prepare("UPDATE outbox_events SET detail = 'HTTP 503 internal; in 4 s' WHERE event = 'retry_scheduled'").run();
    expect(outbox.get(r.value.localRef)!.lastError).toEqual({ code: 'other', message: 'HTTP 503 internal' });
    expect(outbox.history(r.value.localRef)!.at(-1)).toMatchObject({ problem: { code: 'other', message: 'HTTP 503 internal; in 4 s' }, inSeconds: null });
  });
});

describe('simulator intake', () => {

  async function prepared() {
    const r = await outbox.enqueue({ kind: 'dossier', payload: samplePayload(), attachments: makeAttachments(tmp.dir, [64]) });
    if (!r.ok) throw new Error('enqueue failed');
    return outbox.claimNext()!;
  }

  it('answers the same key with the same dossier code, and a different body with the same key with 409', async () => {
    const d = await prepared();
    const api = client();
    await api.upload(d.attachments[0]!);
    const body = { localRef: d.item.localRef, submission: d.submission as never };
    const a = await api.submitDossier(d.item.idempotencyKey, body);
    const b = await api.submitDossier(d.item.idempotencyKey, body);
    expect(a.ok && b.ok).toBe(true);
    expect(a.ok && b.ok && [a.value.replayed, b.value.replayed, a.value.dossierCode === b.value.dossierCode]).toEqual([false, true, true]);
    const c = await api.submitDossier(d.item.idempotencyKey, { ...body, localRef: 'DL-OTHER-000000-0001' });
    expect(c).toMatchObject({ ok: false, error: { kind: 'api', status: 409, code: 'idempotency_conflict' } });
    expect((await ledger()).dossiers).toHaveLength(1);
  });

  it('refuses a dossier whose attachments were not uploaded', async () => {
    const d = await prepared();
    const r = await client().submitDossier(d.item.idempotencyKey, { localRef: d.item.localRef, submission: d.submission as never });
    expect(r).toMatchObject({ ok: false, error: { status: 422, code: 'attachment_missing' } });
    expect((await ledger()).dossiers).toHaveLength(0);
  });

  it('verifies uploads against the hash in the path, and a repeated upload is harmless', async () => {
    const d = await prepared();
    const api = client();
    expect((await api.upload(d.attachments[0]!)).ok).toBe(true);
    expect((await api.upload(d.attachments[0]!)).ok).toBe(true);
    expect(await api.hasUpload(d.attachments[0]!.sha256)).toEqual({ ok: true, value: true });
    const wrong = Buffer.from('not the file');
    const path = `/v1/uploads/${'b'.repeat(64)}`;
    const res = await fetch(`${sim.url}${path}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/octet-stream', ...signedHeaders({ method: 'PUT', target: path, bodySha256: 'b'.repeat(64) }) },
      body: wrong,
    });
    expect(res.status).toBe(422);
    expect(await api.hasUpload('b'.repeat(64))).toEqual({ ok: true, value: false });
  });

  it('refuses unsigned requests and requests signed by a key the API never enrolled: a copied database alone cannot submit', async () => {
    const d = await prepared();
    const body = JSON.stringify({ localRef: d.item.localRef, submission: d.submission });
    const key = d.item.idempotencyKey;
    const post = (headers: Record<string, string>) =>
      fetch(`${sim.url}/v1/dossiers`, { method: 'POST', headers: { 'content-type': 'application/json', 'idempotency-key': key, ...headers }, body });
    expect((await post({})).status).toBe(401);
    const thief = await post(signedHeaders({ method: 'POST', target: '/v1/dossiers', body, idempotencyKey: key, as: strangerKey() }));
    expect(thief.status).toBe(401);
    expect(await thief.json()).toMatchObject({ error: { code: 'device_unauthorized', message: expect.stringMatching(/bad signature/) } });
    expect(existsSync(join(tmp.dir, 'data', 'kiosk.sqlite3'))).toBe(true);
    expect((await ledger()).dossiers).toHaveLength(0);
  });

  it('refuses a request whose body, path, method or Idempotency-Key differs from what was signed', async () => {
    const d = await prepared();
    await client().upload(d.attachments[0]!);
    const body = JSON.stringify({ localRef: d.item.localRef, submission: d.submission });
    const key = d.item.idempotencyKey;
    const post = (headers: Record<string, string>, opts: { idempotencyKey?: string; body?: string; path?: string } = {}) =>
      fetch(`${sim.url}${opts.path ?? '/v1/dossiers'}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': opts.idempotencyKey ?? key, ...headers },
        body: opts.body ?? body,
      });
    const sign = () => signedHeaders({ method: 'POST', target: '/v1/dossiers', body, idempotencyKey: key });
    // The same signed request with another Idempotency-Key would make a second dossier: refused.
    const rekeyed = await post(sign(), { idempotencyKey: `${key.slice(0, -4)}ZZZZ` });
    expect(rekeyed.status).toBe(401);
    expect(await rekeyed.json()).toMatchObject({ error: { code: 'device_unauthorized', message: expect.stringMatching(/bad signature/) } });
    expect((await post(sign(), { body: `${body} ` })).status).toBe(401);
    expect((await post(sign(), { path: '/v1/complaints' })).status).toBe(401);
    expect((await ledger()).dossiers).toHaveLength(0);
    // Signed as sent, it is taken.
    expect((await post(sign())).status).toBe(200);
    expect((await ledger()).dossiers).toHaveLength(1);
  });

  it('refuses a replayed request (the same nonce), even signed correctly, and a stale one with clock_skew', async () => {
    const d = await prepared();
    await client().upload(d.attachments[0]!);
    const body = JSON.stringify({ localRef: d.item.localRef, submission: d.submission });
    const key = d.item.idempotencyKey;
    const headers = signedHeaders({ method: 'POST', target: '/v1/dossiers', body, idempotencyKey: key });
    const send = (h: Record<string, string>) =>
      fetch(`${sim.url}/v1/dossiers`, { method: 'POST', headers: { 'content-type': 'application/json', 'idempotency-key': key, ...h }, body });
    expect((await send(headers)).status).toBe(200);
    const replayed = await send(headers);
    expect(replayed.status).toBe(401);
    expect(await replayed.json()).toMatchObject({ error: { code: 'device_unauthorized', message: expect.stringMatching(/replayed/) } });
    const stale = await send(signedHeaders({ method: 'POST', target: '/v1/dossiers', body, idempotencyKey: key, nowMs: Date.now() - 3600_000 }));
    expect(stale.status).toBe(401);
    expect(await stale.json()).toMatchObject({ error: { code: 'clock_skew' } });
    // The answer carries the API's time, so a kiosk can tell how far off it is.
    expect(Math.abs(Date.parse(stale.headers.get('date')!) - Date.now())).toBeLessThan(5000);
    expect((await ledger()).dossiers).toHaveLength(1);
  });
});

describe('complaints', () => {
  it('a stored complaint is delivered through the outbox to POST /v1/complaints exactly once', async () => {
    const r = await outbox.enqueue({
      kind: 'complaint',
      payload: { fullName: 'Y Bhim Niê', phone: '0987654321', citizenId: '066079001234', description: 'Tài khoản này không phải của tôi.' },
    });
    if (!r.ok) throw new Error(r.error.code);
    expect(r.value.localRef).toMatch(/^KN-KIOSK-T1-/);
    await drain();
    const item = outbox.get(r.value.localRef)!;
    expect(item.state).toBe('accepted');
    const complaints = (await (await fetch(`${sim.url}/__sim/complaints`)).json()) as { complaints: Array<{ idempotencyKey: string; complaintId: string }> };
    expect(complaints.complaints.filter((c) => c.idempotencyKey === r.value.idempotencyKey)).toEqual([
      expect.objectContaining({ complaintId: item.remoteCode }),
    ]);
  });
});
