import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OutboxEntry, OutboxStatus } from '../../common/contract/outbox';
import { startSimulator, type RunningSimulator } from '../../simulator/server';
import { demoCitizens } from '../../simulator/seed/citizens';
import { kioskDataKey } from '../support/data-key';
import { finishVisit, logIn, type KioskHttp } from '../support/kiosk-http';
import { requireBuilt, startKiosk, webJs, type KioskProcess } from '../support/kiosk-process';
import { staffConfig, TEST_CLERK } from '../support/staff';
import { decryptDatabaseFile, decryptWalFile, documentNeedles, filesUnder, search, textNeedles, type Needle } from '../support/raw-bytes';

/**
 * "A copy of the data folder alone reveals no name, ID number, phone, address or document
 * content." A real kiosk process (out/main/web.js) and the real simulator: one visit online, one
 * offline (the API stops after login), each with scans picked from the scanner folder and a
 * camera photo, each with a receipt print job. The raw bytes of every file under the data
 * folder — database, WAL, SHM, attachments, staging, print jobs, the lock notes, backups if any —
 * and the kiosk's log are searched for each identifier (NFC and NFD, UTF-8 and UTF-16) and for
 * runs of each document's bytes: while files are staged, with the kiosk running (WAL live), and
 * after it stopped. Then a restart with a zero-day retention: the pass at start erases, and the
 * decrypted pages hold nothing of the citizen either.
 */
const root = resolve(__dirname, '../..');
const samples = join(root, 'resources/sample-documents');
const citizen = demoCitizens[0]!.profile;
const CLERK_PIN = TEST_CLERK.pin;
const identifiers: Needle[] = [
  ...textNeedles('name', citizen.fullName),
  ...textNeedles('ID number', citizen.citizenId),
  ...textNeedles('phone', citizen.phone),
  ...textNeedles('email', citizen.email!),
  ...textNeedles('address', citizen.address!.detail),
  ...textNeedles('birth date', '12/03/1985'),
  ...textNeedles('birth date (ISO)', citizen.birthDate),
];

let dir: string;
let dataDir: string;
let scanner: string;
let sim: RunningSimulator | null = null;
let simPort = 0;
let kiosk: KioskProcess | null = null;
const documents: Needle[] = [];
const logs: string[] = [];

beforeAll(() => requireBuilt(webJs));
afterAll(async () => {
  await kiosk?.kill('SIGKILL');
  await sim?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function http(k: KioskProcess): KioskHttp {
  return {
    async call<T>(method: string, input: unknown): Promise<T> {
      const r = await k.call<T>(method, input);
      if (!r.ok) throw new Error(`${method}: ${r.error?.code}`);
      return r.value as T;
    },
  };
}

/** A document as the scanner writes it: a real sample, made unique so its bytes can be searched for. */
function scan(sample: string, label: string): string {
  const base = readFileSync(join(samples, sample));
  const own = Buffer.concat([Buffer.from(`\n% ${label} `), randomBytes(8192)]);
  if (!documents.some((d) => d.label.startsWith(sample))) documents.push(...documentNeedles(sample, base));
  documents.push(...documentNeedles(label, own));
  return Buffer.concat([base, own]).toString('base64');
}

async function stageFromScanner(k: KioskHttp, documentId: string, sample: string, label: string) {
  const fileName = `${label}${sample.slice(sample.lastIndexOf('.'))}`;
  writeFileSync(join(scanner, fileName), Buffer.from(scan(sample, label), 'base64'));
  const { jobId } = await k.call<{ jobId: string }>('attachments.stageFromFolder', { documentId, folderId: 'scanner', fileName });
  for (let i = 0; ; i++) {
    const job = await k.call<{ state: string; file?: { stagedId: string } }>('attachments.job', { jobId });
    if (job.state === 'done') return job.file!.stagedId;
    if (job.state === 'failed' || i > 400) throw new Error(`staging ${fileName}: ${job.state}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** A photo from the kiosk camera, sent in chunks as the renderer does. */
async function stagePhoto(k: KioskHttp, documentId: string, label: string) {
  const bytes = Buffer.from(scan('giay-chung-sinh-mau.jpg', label), 'base64');
  const { uploadId } = await k.call<{ uploadId: string }>('attachments.beginUpload', { documentId, fileName: `${label}.jpg`, size: bytes.length });
  for (let at = 0; at < bytes.length; at += 48 * 1024) {
    await k.call('attachments.uploadChunk', { uploadId, offset: at, data: bytes.subarray(at, at + 48 * 1024).toString('base64') });
  }
  return (await k.call<{ stagedId: string }>('attachments.finishUpload', { uploadId })).stagedId;
}

async function submit(k: KioskHttp, attachments: Array<{ documentId: string; stagedId: string }>) {
  const captcha = await k.call<{ captchaId: string; text: string }>('captcha.new', { asText: true });
  return k.call<{ localRef: string; status: string }>('dossier.submit', {
    procedureCode: '1.001193',
    agencyId: 'UBND-24133',
    contact: { phone: citizen.phone, email: citizen.email ?? '', address: citizen.address },
    deliveryMethod: 'at_agency',
    attachments,
    captcha: { captchaId: captcha.captchaId, answer: captcha.text },
    declarationAccepted: true,
  });
}

/** What someone with a copy of the data folder (and the kiosk's log) would find. */
function findings(): ReturnType<typeof search> {
  const contents = [...filesUnder(dataDir).map((f) => ({ file: f, bytes: readFileSync(f) })), { file: join(dataDir, '(kiosk log)'), bytes: Buffer.from(logs.join('') + (kiosk?.output() ?? '')) }];
  return search(dataDir, [...identifiers, ...documents], contents);
}

/** The database as someone holding the key would see it: every page and WAL frame, decrypted. */
function decrypted(): Array<{ file: string; bytes: Buffer }> {
  const key = kioskDataKey(dataDir);
  const db = join(dataDir, 'kiosk.sqlite3');
  return [
    { file: db, bytes: decryptDatabaseFile(readFileSync(db), key) },
    ...(existsSync(`${db}-wal`) ? [{ file: `${db}-wal`, bytes: decryptWalFile(readFileSync(`${db}-wal`), key) }] : []),
  ];
}

async function allSent(k: KioskProcess): Promise<boolean> {
  const s = (await k.call<OutboxStatus>('outbox.status')).value;
  return s !== undefined && s.waiting === 0 && s.sending === 0 && s.needsAttention === 0;
}

async function start(config: Record<string, unknown> = {}) {
  kiosk = await startKiosk({
    dataDir,
    configDir: dir,
    apiBaseUrl: `http://127.0.0.1:${simPort}`,
    config: {
      kioskId: 'KIOSK-SEALED-01',
      staff: staffConfig([TEST_CLERK]),
      attachments: { folders: [{ id: 'scanner', label: 'Máy quét', path: scanner }] },
      sync: { healthIntervalSeconds: 1 },
      monitoring: { heartbeatIntervalSeconds: 0 },
      ...config,
    },
  });
  return kiosk;
}
async function stop() {
  logs.push(kiosk!.output());
  await kiosk!.kill('SIGTERM');
  kiosk = null;
}

describe('a copy of the data folder', () => {
  it('holds none of the citizen’s identifiers or documents after an online and an offline visit, staged, running or stopped; retention then erases them from the decrypted pages too', async () => {
    dir = mkdtempSync(join(tmpdir(), 'kiosk-sealed-'));
    dataDir = join(dir, 'data');
    scanner = join(dir, 'scanner');
    mkdirSync(scanner);
    sim = await startSimulator({ port: 0 });
    simPort = sim.port;
    const k = await start();
    const api = http(k);

    // Visit 1, online.
    await logIn(api, sim.url);
    const online = [
      { documentId: 'd1', stagedId: await stageFromScanner(api, 'd1', 'to-khai-mau.pdf', 'to-khai-truc-tuyen') },
      { documentId: 'd2', stagedId: await stageFromScanner(api, 'd2', 'giay-chung-sinh-mau.jpg', 'giay-chung-sinh-truc-tuyen') },
      { documentId: 'd6', stagedId: await stagePhoto(api, 'd6', 'cccd-anh-chup-truc-tuyen') },
    ];
    // Staged, not yet submitted: the staging folder holds the three files, sealed.
    expect(readdirSync(join(dataDir, 'staging'))).toHaveLength(3);
    expect(findings()).toEqual([]);
    const first = await submit(api, online);
    // Sent at once, or (on a slow machine) moments later: the API has it before the office goes offline.
    await k.until('the first dossier to be sent', () => allSent(k));
    await api.call('receipts.print', { localRef: first.localRef });
    await finishVisit(api);

    // Visit 2: logged in while the API answers, then the office goes offline.
    await logIn(api, sim.url);
    const offline = [
      { documentId: 'd1', stagedId: await stageFromScanner(api, 'd1', 'to-khai-mau.pdf', 'to-khai-ngoai-tuyen') },
      { documentId: 'd2', stagedId: await stageFromScanner(api, 'd2', 'giay-chung-sinh-mau.jpg', 'giay-chung-sinh-ngoai-tuyen') },
      { documentId: 'd6', stagedId: await stagePhoto(api, 'd6', 'cccd-anh-chup-ngoai-tuyen') },
    ];
    await sim.close();
    sim = null;
    const second = await submit(api, offline);
    expect(second.status).toBe('queued');
    await api.call('receipts.print', { localRef: second.localRef });
    await finishVisit(api);

    // Running, with a live WAL holding the latest pages.
    expect(existsSync(join(dataDir, 'kiosk.sqlite3-wal'))).toBe(true);
    expect(findings()).toEqual([]);

    // The API returns; the queued dossier goes.
    sim = await startSimulator({ port: simPort });
    await k.until('the queued dossier to be sent', () => allSent(k));
    await stop();
    expect(findings()).toEqual([]);
    // The key is not in the data folder; it is beside it.
    expect(readdirSync(dataDir).some((f) => f.includes('key'))).toBe(false);
    expect(existsSync(join(dirname(dataDir), 'data-keys', 'data-key.json'))).toBe(true);
    // And the search would have found them: with the key, the pages do hold the citizen's data.
    expect(search(dataDir, identifiers.filter((n) => n.label === 'name (NFC, utf8)'), decrypted())).not.toEqual([]);

    // Retention at start: with a zero-day setting both accepted dossiers are erased by the first pass.
    const again = await start({ retention: { acceptedDays: 0 } });
    await again.call('clerk.unlock', { pin: CLERK_PIN });
    await again.until('retention to erase both dossiers', async () => {
      const list = await again.call<{ entries: OutboxEntry[] }>('clerk.outbox.list', {});
      return list.value?.entries.length === 2 && list.value.entries.every((e) => e.retention.erasedAt !== null);
    });
    await stop();
    expect(readdirSync(join(dataDir, 'attachments'))).toEqual([]);
    expect(search(dataDir, identifiers, decrypted())).toEqual([]);
    expect(findings()).toEqual([]);
  }, 120_000); // Long: two full visits through a real kiosk process, a stop, a retention pass, then a search of every page.
});
