import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../main/log';
import { buildOutbox, type Outbox } from '../../main/services/outbox/outbox';
import { buildPrintJobRepository } from '../../main/services/printing/print-jobs';
import { buildRetention, DAY_MS, type RetentionPolicy } from '../../main/services/retention/retention';
import { openDatabase, type Db } from '../../main/store/db';
import { demoCitizens } from '../../simulator/seed/citizens';
import { testDataKeys, testEncryption } from '../support/data-key';
import { decryptDatabaseFile, decryptWalFile, documentNeedles, search, textNeedles, type Needle } from '../support/raw-bytes';
import { makeAttachments, samplePayload, tempDir } from './outbox/fixtures';

/**
 * Retention on a real encrypted database and real files, with a clock the test moves: personal
 * data goes on schedule and its bytes go with it (checked inside the encryption, page by page),
 * while what the clerk's history and the lookups need stays.
 */
const citizen = demoCitizens[0]!.profile;
const identifiers: Needle[] = [
  ...textNeedles('name', citizen.fullName),
  ...textNeedles('ID number', citizen.citizenId),
  ...textNeedles('phone', citizen.phone),
  ...textNeedles('email', citizen.email!),
  ...textNeedles('address', citizen.address!.detail),
  ...textNeedles('file name', 'Giấy tờ 1.pdf'),
  ...textNeedles('API message', 'không khớp với họ tên'),
];
const policy: RetentionPolicy = { acceptedDays: 7, unaccepted: { flagAfterDays: 14, limitDays: 60, action: 'erase' } };
const T0 = Date.parse('2027-03-01T02:00:00Z');

let tmp: ReturnType<typeof tempDir>;
let db: Db;
let outbox: Outbox;
let now = T0;
const clock = { now: () => now };
const dataDir = () => join(tmp.dir, 'data');

beforeEach(async () => {
  tmp = tempDir('kiosk-retention-');
  now = T0;
  db = openDatabase(dataDir(), { encryption: testEncryption });
  outbox = await buildOutbox({ db, dataDir: dataDir(), clock, kioskId: 'KIOSK-RET', dataKeys: testDataKeys });
});
afterEach(() => {
  db.close();
  tmp.cleanup();
});

function retention(p: RetentionPolicy = policy) {
  return buildRetention({ db, exclusively: outbox.exclusively, clock, policy: p, logger: silentLogger });
}

async function store(files = 2) {
  const attachments = makeAttachments(tmp.dir, Array.from({ length: files }, (_, i) => 3000 + i * 1000));
  const documents = attachments.map((a) => documentNeedles(a.fileName, readFileSync(a.sourcePath))).flat();
  const r = await outbox.enqueue({ kind: 'dossier', payload: samplePayload(), attachments });
  if (!r.ok) throw new Error(r.error.code);
  return { localRef: r.value.localRef, documents };
}

function accept(localRef: string, code: string) {
  outbox.makeAllDue();
  const d = outbox.claimNext()!;
  expect(d.item.localRef).toBe(localRef);
  outbox.markAccepted(d.item.id, code);
}

function printReceipt(localRef: string) {
  buildPrintJobRepository(db).create(
    {
      localRef,
      requestedBy: 'citizen',
      reprintOf: null,
      receipt: {
        provinceName: 'UBND tỉnh Đắk Lắk',
        agencyName: 'UBND phường Buôn Ma Thuột',
        dossierCode: null,
        localRef,
        procedureCode: '1.001193',
        procedureName: 'Đăng ký khai sinh',
        applicantName: citizen.fullName,
        maskedCitizenId: '********0123',
        receivedAt: new Date(now).toISOString(),
        expectedResultAt: null,
        deliveryMethod: 'at_agency',
        kioskId: 'KIOSK-RET',
        lookupUrl: 'https://dichvucong.daklak.gov.vn/tra-cuu?ma=x',
        hotline: null,
        sample: true,
      },
    },
    now,
  );
}

/** The database as someone holding the key would see it: every page and WAL frame, decrypted. */
function decryptedStore(): Array<{ file: string; bytes: Buffer }> {
  const f = join(dataDir(), 'kiosk.sqlite3');
  return [
    { file: f, bytes: decryptDatabaseFile(readFileSync(f), testEncryption.key) },
    ...(existsSync(`${f}-wal`) ? [{ file: `${f}-wal`, bytes: decryptWalFile(readFileSync(`${f}-wal`), testEncryption.key) }] : []),
  ];
}
const attachmentFiles = () => readdirSync(join(dataDir(), 'attachments')).filter((n) => !n.startsWith('.'));

describe('retention of personal data', () => {
  it('erases an accepted dossier’s personal data, files and receipt text after acceptedDays, keeping the clerk’s history', async () => {
    const { localRef, documents } = await store();
    printReceipt(localRef);
    now += 3600_000;
    accept(localRef, 'H66-270301-000001');
    const acceptedAt = now;
    expect(attachmentFiles()).toHaveLength(2);
    // The search works: before erasure, the key shows every identifier in the pages.
    expect(search(tmp.dir, identifiers.filter((n) => n.label.startsWith('name (NFC, utf8)')), decryptedStore())).not.toEqual([]);

    now = acceptedAt + 7 * DAY_MS - 60_000;
    expect(await retention().runOnce()).toMatchObject({ erasedAccepted: 0, filesRemoved: 0 });
    expect(outbox.storedSubmission(localRef)).not.toBeNull();

    now = acceptedAt + 7 * DAY_MS + 60_000;
    expect(await retention().runOnce()).toMatchObject({ erasedAccepted: 1, filesRemoved: 2 });

    // What stays: reference, the API's code, procedure, dates, a masked ID, the count of files, the history.
    const item = outbox.get(localRef)!;
    expect(item).toMatchObject({ state: 'accepted', remoteCode: 'H66-270301-000001', acceptedAt, personalErasedAt: now });
    expect(outbox.summary(localRef)).toEqual({ procedureCode: '1.001193', attachments: 2, maskedCitizenId: '********0123' });
    expect(outbox.history(localRef)!.map((e) => e.event)).toEqual(['stored', 'sending', 'accepted', 'personal_data_erased']);
    // What goes: the payload (a receipt can no longer be made), the files, the print job's text.
    expect(outbox.storedSubmission(localRef)).toBeNull();
    expect(attachmentFiles()).toEqual([]);
    expect(buildPrintJobRepository(db).recent(10)).toEqual([]);
    // And the bytes: not in the decrypted pages or WAL frames, not in any file.
    expect(search(tmp.dir, [...identifiers, ...documents], decryptedStore())).toEqual([]);
    expect(search(dataDir(), [...identifiers, ...documents])).toEqual([]);
    // A second pass finds nothing more to do.
    expect(await retention().runOnce()).toMatchObject({ erasedAccepted: 0, filesRemoved: 0 });
  });

  it('flags a dossier the API never accepted, then erases it at the limit and never sends it', async () => {
    const { localRef } = await store(1);
    const r = retention();
    const info = () => r.info({ ...outbox.get(localRef)!, erasedAt: outbox.get(localRef)!.personalErasedAt });

    now = T0 + 13 * DAY_MS;
    expect(await r.runOnce()).toMatchObject({ flagged: 0, erasedUnaccepted: 0 });
    expect(info()).toEqual({ erasedAt: null, erasesAt: T0 + 60 * DAY_MS, flagged: false });

    now = T0 + 15 * DAY_MS;
    expect(await r.runOnce()).toMatchObject({ flagged: 1, erasedUnaccepted: 0 });
    expect(info().flagged).toBe(true);

    now = T0 + 60 * DAY_MS + 1;
    expect(await r.runOnce()).toMatchObject({ erasedUnaccepted: 1, filesRemoved: 1 });
    const item = outbox.get(localRef)!;
    expect(item.state).toBe('needs_attention');
    expect(item.lastError).toEqual({ code: 'erased_unaccepted' });
    expect(info()).toMatchObject({ erasedAt: now, flagged: false });
    // Never sent again: not claimable, not retryable, not counted as waiting for anyone.
    outbox.makeAllDue();
    expect(outbox.claimNext()).toBeNull();
    expect(outbox.retry(localRef)).toBe(false);
    expect(outbox.activeCounts()).toEqual({ queued: 0, sending: 0, needs_attention: 0 });
    expect(search(tmp.dir, identifiers, decryptedStore())).toEqual([]);
  });

  it('a refusal’s API message, which may quote the citizen, is erased with the rest', async () => {
    const { localRef } = await store(1);
    outbox.makeAllDue();
    const d = outbox.claimNext()!;
    outbox.markRejected(d.item.id, { code: 'refused', status: 422, apiCode: 'MISMATCH', message: `CCCD ${citizen.citizenId} không khớp với họ tên ${citizen.fullName}` });
    expect(search(tmp.dir, textNeedles('API message', 'không khớp với họ tên'), decryptedStore())).not.toEqual([]);
    now = T0 + 61 * DAY_MS;
    await retention().runOnce();
    expect(outbox.get(localRef)!.lastError).toEqual({ code: 'erased_unaccepted' });
    expect(outbox.history(localRef)!.find((e) => e.event === 'rejected')!.problem).toEqual({ code: 'refused', status: 422, apiCode: 'MISMATCH' });
    expect(search(tmp.dir, identifiers, decryptedStore())).toEqual([]);
  });

  it('"keep" leaves an unaccepted dossier (flagged) until IT acts, and says so', async () => {
    const { localRef } = await store(1);
    now = T0 + 90 * DAY_MS;
    const report = await retention({ ...policy, unaccepted: { ...policy.unaccepted, action: 'keep' } }).runOnce();
    expect(report).toMatchObject({ erasedUnaccepted: 0, keptOverdue: 1, flagged: 1 });
    expect(outbox.storedSubmission(localRef)).not.toBeNull();
    expect(attachmentFiles()).toHaveLength(1);
  });

  it('a file shared with a dossier still kept stays until that one goes too', async () => {
    const [shared] = makeAttachments(tmp.dir, [5000]);
    const first = await outbox.enqueue({ kind: 'dossier', payload: samplePayload(), attachments: [shared!] });
    now += DAY_MS;
    const second = await outbox.enqueue({ kind: 'dossier', payload: samplePayload(), attachments: [shared!] });
    if (!first.ok || !second.ok) throw new Error('enqueue');
    accept(first.value.localRef, 'H66-1');
    now += DAY_MS;
    accept(second.value.localRef, 'H66-2');
    now = T0 + DAY_MS + 8 * DAY_MS;
    expect(await retention().runOnce()).toMatchObject({ erasedAccepted: 1, filesRemoved: 0 });
    expect(attachmentFiles()).toHaveLength(1);
    now += DAY_MS;
    expect(await retention().runOnce()).toMatchObject({ erasedAccepted: 1, filesRemoved: 1 });
    expect(attachmentFiles()).toHaveLength(0);
  });

  it('runs at start and then once a day', async () => {
    const { localRef } = await store(1);
    accept(localRef, 'H66-9');
    let scheduled: { run: () => void; inMs: number } | null = null;
    const r = buildRetention({
      db,
      exclusively: outbox.exclusively,
      clock,
      policy,
      logger: silentLogger,
      schedule: (run, inMs) => {
        scheduled = { run, inMs };
        return () => (scheduled = null);
      },
    });
    r.start();
    await expect.poll(() => scheduled?.inMs).toBe(DAY_MS);
    expect(outbox.get(localRef)!.personalErasedAt).toBeNull();
    now += 8 * DAY_MS;
    const pending = scheduled!;
    scheduled = null;
    pending.run();
    await expect.poll(() => outbox.get(localRef)!.personalErasedAt).toBe(now);
    await expect.poll(() => scheduled?.inMs).toBe(DAY_MS);
    await r.stop();
    expect(scheduled).toBeNull();
  });
});
