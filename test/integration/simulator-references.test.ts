import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../main/log';
import { buildDeviceClient, type DeviceClient } from '../../main/services/provincial-api/device-client';
import { demoRequestCore } from '../../demo/demo-device';
import { sampleDossierPayload } from '../../simulator/seed/sample-dossier';
import { startSimulator, type RunningSimulator } from '../../simulator/server';
import { byLocalRef, simLedger } from '../support/kiosk-process';

/**
 * A kiosk's local reference is printed on the citizen's receipt: one reference names one dossier.
 * The simulator, like the API it stands for, refuses a second, different dossier from the same
 * device under a reference it already holds (what a kiosk that lost its database and counted
 * again would send), and answers the same dossier under a new key with the first result.
 */
let sim: RunningSimulator;
let api: DeviceClient;
beforeAll(async () => {
  sim = await startSimulator({ port: 0 });
  api = buildDeviceClient(demoRequestCore(sim.url, { timeoutMs: 5000, logger: silentLogger }));
});
afterAll(() => sim.close());

const submission = (detail: string) => ({
  ...sampleDossierPayload(),
  applicant: { ...sampleDossierPayload().applicant, address: { ...sampleDossierPayload().applicant.address, detail } },
  attachments: [],
  submittedAt: '2026-12-01T08:00:00+07:00',
});

describe('one local reference, one dossier', () => {
  it('refuses a different dossier under a reference the device already used, with 409 reference_conflict, and keeps the first', async () => {
    const localRef = 'DL-KIOSK-REF-20261201-000001';
    const first = await api.submitDossier('key-reference-first-0001', { localRef, submission: submission('12 Lê Duẩn') });
    expect(first.ok && first.value.replayed).toBe(false);

    const other = await api.submitDossier('key-reference-other-0002', { localRef, submission: submission('99 Phan Bội Châu') });
    expect(other).toMatchObject({ ok: false, error: { kind: 'api', status: 409, code: 'reference_conflict' } });

    // The same dossier under another key is the same dossier: the first answer again.
    const same = await api.submitDossier('key-reference-again-0003', { localRef, submission: submission('12 Lê Duẩn') });
    expect(same).toMatchObject({ ok: true, value: { replayed: true, dossierCode: first.ok ? first.value.dossierCode : 'x' } });

    const held = byLocalRef(await simLedger(sim.url)).get(localRef)!;
    expect(held).toHaveLength(1);
    expect(held[0]!.idempotencyKey).toBe('key-reference-first-0001');
  });
});
