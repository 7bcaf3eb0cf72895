import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Backend } from '../../../main/backend';
import { silentLogger } from '../../../main/log';
import { openKioskDb } from '../../support/data-key';
import { demoCitizen } from '../../support/kiosk-http';
import { startDemoKiosk } from '../../support/demo-kiosk';
import { tempDir } from '../outbox/fixtures';

/**
 * "Nộp hồ sơ" refused by the kiosk itself (main/services/dossiers/submit.ts), through the real
 * backend's dispatcher as the renderer reaches it: a dossier the catalog does not allow — an
 * agency that does not handle the procedure, a way of receiving the result the procedure does not
 * offer, a required document left out — gets its error code, is not stored or sent, and leaves
 * the citizen's staged files and verification code usable for the corrected dossier.
 *
 * Sample procedures (simulator/seed/procedures.sample.json): 2.000815 is commune-level, result at
 * the agency only, one required document (d1); 2.000884 needs d1 and d2; 3.000333 is province-level.
 */
let tmp: ReturnType<typeof tempDir>;
let backend: Backend;
let scanner: string;
const pdf = readFileSync(new URL('../../../resources/sample-documents/to-khai-mau.pdf', import.meta.url));

type Reply<T = Record<string, unknown>> = {
  ok: boolean;
  value?: T;
  error?: { code: string; issues?: Array<{ path: unknown[]; message: string }> };
};
const call = async <T = Record<string, unknown>>(method: string, input: unknown = {}) =>
  (await backend.dispatch(method, input)) as Reply<T>;

beforeAll(async () => {
  tmp = tempDir('kiosk-submit-');
  scanner = join(tmp.dir, 'scanner');
  mkdirSync(scanner);
  const configFile = join(tmp.dir, 'kiosk.config.json');
  writeFileSync(configFile, JSON.stringify({ attachments: { folders: [{ id: 'scan', label: 'Máy quét', path: scanner }] } }));
  backend = await startDemoKiosk({ dir: tmp.dir, config: configFile, logger: silentLogger });
});
afterAll(async () => {
  await backend?.close();
  tmp.cleanup();
});

async function logIn(): Promise<void> {
  const started = await call<{ challengeId: string }>('auth.startLogin', {
    citizenId: demoCitizen.citizenId,
    password: 'Demo@2026',
  });
  const sms = (await (await fetch(new URL(`/__sim/sms?to=${demoCitizen.phone}`, backend.demo!.apiBaseUrl))).json()) as {
    messages: Array<{ text: string }>;
  };
  const otp = /\b(\d{6})\b/.exec(sms.messages[0]!.text)![1]!;
  expect(await call('auth.verifyOtp', { challengeId: started.value!.challengeId, otp })).toMatchObject({ ok: true });
}

/** A scan arrives in the counter's folder and the citizen picks it for `documentId`. */
async function stage(documentId: string): Promise<{ documentId: string; stagedId: string }> {
  const fileName = `${documentId}-${Date.now()}.pdf`;
  writeFileSync(join(scanner, fileName), pdf);
  const started = await call<{ jobId: string }>('attachments.stageFromFolder', { documentId, folderId: 'scan', fileName });
  const jobId = started.value!.jobId;
  // vi.waitFor, not expect.poll: this also runs in beforeAll, outside a test.
  const file = await vi.waitFor(
    async () => {
      const job = await call<{ state: string; file?: { stagedId: string } }>('attachments.job', { jobId });
      if (job.value?.state !== 'done') throw new Error(`staging ${fileName}: ${job.value?.state ?? job.error?.code}`);
      return job.value.file!;
    },
    { timeout: 10_000, interval: 50 },
  );
  return { documentId, stagedId: file.stagedId };
}

async function agencyFor(procedureCode: string): Promise<string> {
  const r = await call<{ agencies: Array<{ id: string }> }>('catalog.agencies', { procedureCode });
  return r.value!.agencies[0]!.id;
}

function dossier(over: {
  procedureCode: string;
  agencyId: string;
  deliveryMethod?: string;
  attachments: unknown[];
  captcha: unknown;
}) {
  return {
    contact: { phone: demoCitizen.phone, email: demoCitizen.email ?? '', address: demoCitizen.address },
    deliveryMethod: 'at_agency',
    declarationAccepted: true,
    ...over,
  };
}

const storedDossiers = () => {
  const db = openKioskDb(join(tmp.dir, 'data'));
  try {
    return (db.prepare('SELECT count(*) AS n FROM outbox').get() as { n: number }).n;
  } finally {
    db.close();
  }
};

describe('dossier.submit refuses what the catalog does not allow, and the citizen can correct it', () => {
  // One visit for the whole file, in order: the refusals must leave its files and code usable.
  let d1: { documentId: string; stagedId: string };
  let code: { captchaId: string; answer: string };
  beforeAll(async () => {
    await logIn();
    expect(await call('catalog.procedures')).toMatchObject({ ok: true });
    d1 = await stage('d1');
    const captcha = (await call<{ captchaId: string; text: string }>('captcha.new', { asText: true })).value!;
    code = { captchaId: captcha.captchaId, answer: captcha.text };
  });

  it('an agency that does not handle the procedure: agency_not_allowed', async () => {
    const provinceAgency = await agencyFor('3.000333');
    const refused = await call(
      'dossier.submit',
      dossier({ procedureCode: '2.000815', agencyId: provinceAgency, attachments: [d1], captcha: code }),
    );
    expect(refused).toEqual({ ok: false, error: { code: 'agency_not_allowed' } });
  });

  it('a way of receiving the result that the procedure does not offer: delivery_not_allowed', async () => {
    const agencyId = await agencyFor('2.000815');
    for (const deliveryMethod of ['online', 'postal']) {
      const refused = await call(
        'dossier.submit',
        dossier({
          procedureCode: '2.000815',
          agencyId,
          deliveryMethod,
          ...(deliveryMethod === 'postal' && { deliveryAddress: { ...demoCitizen.address, phone: demoCitizen.phone } }),
          attachments: [d1],
          captcha: code,
        }),
      );
      expect(refused).toEqual({ ok: false, error: { code: 'delivery_not_allowed' } });
    }
  });

  it('a required document left out: document_missing, naming the document', async () => {
    const refused = await call(
      'dossier.submit',
      dossier({ procedureCode: '2.000884', agencyId: await agencyFor('2.000884'), attachments: [d1], captcha: code }),
    );
    expect(refused).toEqual({
      ok: false,
      error: { code: 'document_missing', issues: [{ path: ['attachments', 'd2'], message: 'attachment.required' }] },
    });
  });

  it('a refused dossier is neither stored nor sent, and its staged files and verification code still submit the corrected one', async () => {
    const ledger = async () =>
      ((await (await fetch(new URL('/__sim/ledger', backend.demo!.apiBaseUrl))).json()) as { dossiers: unknown[] }).dossiers;
    expect(storedDossiers()).toBe(0);
    expect(await ledger()).toEqual([]);

    const d2 = await stage('d2');
    const corrected = await call<{ status: string }>(
      'dossier.submit',
      dossier({ procedureCode: '2.000884', agencyId: await agencyFor('2.000884'), attachments: [d1, d2], captcha: code }),
    );
    expect(corrected).toMatchObject({ ok: true });
    expect(['accepted', 'queued']).toContain(corrected.value!.status);
    expect(storedDossiers()).toBe(1);
  });
});
