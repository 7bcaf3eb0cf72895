import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Backend } from '../../main/backend';
import { startSimulator, type RunningSimulator } from '../../simulator/server';
import { makeAttachments, samplePayload, tempDir } from './outbox/fixtures';
import { deviceKeyFile, issueEnrolmentCode, revoke, startProductionKiosk } from '../support/production-kiosk';
import { eventually } from '../support/eventually';

/**
 * A production kiosk and the simulated provincial API over real HTTP, as IT meets them: the kiosk
 * starts with a key of its own and nothing sent, is enrolled with a one-time code, signs
 * everything after that, and when the province revokes it, holds its queue and says so until it
 * is enrolled again — with a new key, as the same device, so nothing it resends is taken twice.
 */
type Reply = { ok: boolean; value?: Record<string, unknown>; error?: { code: string } };

let sim: RunningSimulator;
let tmp: ReturnType<typeof tempDir>;
let backend: Backend | null = null;
const call = async (method: string, input: unknown = {}) => (await backend!.dispatch(method, input)) as Reply;

beforeAll(async () => {
  sim = await startSimulator({ port: 0 });
});
afterAll(async () => sim?.close());
beforeEach(async () => {
  tmp = tempDir('kiosk-enrol-');
  await fetch(`${sim.url}/__sim/reset`, { method: 'POST' });
});
afterEach(async () => {
  await backend?.close();
  backend = null;
  tmp.cleanup();
});

async function ledger(): Promise<Array<{ localRef: string; deviceId: string }>> {
  return ((await (await fetch(`${sim.url}/__sim/ledger`)).json()) as { dossiers: Array<{ localRef: string; deviceId: string }> })
    .dossiers;
}
async function simDevices(): Promise<Array<{ deviceId: string; status: string; publicKeyFingerprint: string }>> {
  return (
    (await (await fetch(`${sim.url}/__sim/devices`)).json()) as {
      devices: Array<{ deviceId: string; status: string; publicKeyFingerprint: string }>;
    }
  ).devices;
}
async function enqueueDossier(): Promise<string> {
  const r = await backend!.outbox.enqueue({
    kind: 'dossier',
    payload: samplePayload(),
    attachments: makeAttachments(tmp.dir, [1500]),
  });
  if (!r.ok) throw new Error(r.error.code);
  return r.value.localRef;
}
async function logIn(): Promise<Reply> {
  const started = await call('auth.startLogin', { citizenId: '066185000123', password: 'Demo@2026' });
  if (!started.ok) return started;
  const sms = (await (await fetch(`${sim.url}/__sim/sms?to=0912345678`)).json()) as { messages: Array<{ text: string }> };
  const otp = /\b(\d{6})\b/.exec(sms.messages[0]!.text)![1]!;
  return call('auth.verifyOtp', { challengeId: started.value!.challengeId, otp });
}

describe('enrolment', () => {
  it('a kiosk not enrolled yet serves no one and sends nothing; enrolled with a one-time code, it signs and sends what waited', async () => {
    backend = await startProductionKiosk({ dir: tmp.dir, apiBaseUrl: sim.url });
    expect(backend.device.status()).toMatchObject({ state: 'not_enrolled', deviceId: null, protection: 'file' });
    expect(await call('outbox.status')).toMatchObject({ ok: true, value: { device: 'not_enrolled' } });
    expect(await logIn()).toMatchObject({ ok: false, error: { code: 'kiosk_out_of_service' } });
    const waiting = await enqueueDossier();
    await eventually('the first attempt', () => (backend!.outbox.get(waiting)?.attempts ?? 0) > 0);
    expect(backend.outbox.get(waiting)).toMatchObject({ state: 'queued', lastError: { code: 'device_not_enrolled' } });
    expect(await ledger()).toEqual([]);

    const enrolled = await backend.enrol(await issueEnrolmentCode(sim.url));
    expect(enrolled).toMatchObject({ ok: true, value: { state: 'enrolled', deviceId: 'BMT-MOTCUA-01' } });
    // The API holds exactly the public key the kiosk has, and the key file says it is enrolled.
    const fingerprint = backend.device.status().fingerprint;
    expect(await simDevices()).toContainEqual({
      deviceId: 'BMT-MOTCUA-01',
      status: 'active',
      enrolledAt: expect.any(String),
      publicKeyFingerprint: fingerprint,
    });
    const keyFile = JSON.parse(readFileSync(deviceKeyFile(tmp.dir), 'utf8')) as {
      enrolment: { deviceId: string; apiBaseUrl: string };
    };
    expect(keyFile.enrolment).toMatchObject({ deviceId: 'BMT-MOTCUA-01', apiBaseUrl: sim.url });

    // What waited goes at once (not at the next 5-minute retry), and citizens are served.
    await eventually('the waiting dossier to be accepted', () => backend!.outbox.get(waiting)?.state === 'accepted');
    expect(await ledger()).toEqual([expect.objectContaining({ localRef: waiting, deviceId: 'BMT-MOTCUA-01' })]);
    expect(await logIn()).toMatchObject({ ok: true });
    expect(await call('outbox.status')).toMatchObject({ ok: true, value: { device: 'enrolled' } });
  });

  it('stays enrolled across a restart: the same key from the key folder, nothing to redo', async () => {
    backend = await startProductionKiosk({ dir: tmp.dir, apiBaseUrl: sim.url });
    await backend.enrol(await issueEnrolmentCode(sim.url));
    const fingerprint = backend.device.status().fingerprint;
    await backend.close();
    backend = await startProductionKiosk({ dir: tmp.dir, apiBaseUrl: sim.url });
    expect(backend.device.status()).toMatchObject({ state: 'enrolled', fingerprint });
    expect(await logIn()).toMatchObject({ ok: true });
  });

  it("a wrong, reused, expired or other kiosk's code is refused with enrolment_code_invalid and changes nothing", async () => {
    backend = await startProductionKiosk({ dir: tmp.dir, apiBaseUrl: sim.url });
    const before = readFileSync(deviceKeyFile(tmp.dir), 'utf8');
    expect(await backend.enrol('ABCD-EFGH-JKMN')).toEqual({ ok: false, error: { code: 'enrolment_code_invalid' } });
    expect(await backend.enrol(await issueEnrolmentCode(sim.url, 'OTHER-KIOSK-02'))).toEqual({
      ok: false,
      error: { code: 'enrolment_code_invalid' },
    });
    const expiring = await fetch(`${sim.url}/__sim/enrolment-codes`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ kioskId: 'BMT-MOTCUA-01', ttlSeconds: 60 }),
    });
    const { code: expired } = (await expiring.json()) as { code: string };
    await fetch(`${sim.url}/__sim/clock`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ advanceSeconds: 120 }),
    });
    expect(await backend.enrol(expired)).toEqual({ ok: false, error: { code: 'enrolment_code_invalid' } });
    expect(backend.device.status().state).toBe('not_enrolled');
    expect(readFileSync(deviceKeyFile(tmp.dir), 'utf8')).toBe(before);

    const code = await issueEnrolmentCode(sim.url);
    expect(await backend.enrol(code)).toMatchObject({ ok: true });
    // A code works once.
    const second = await startProductionKiosk({ dir: join(tmp.dir, 'twin'), apiBaseUrl: sim.url });
    try {
      expect(await second.enrol(code)).toEqual({ ok: false, error: { code: 'enrolment_code_invalid' } });
    } finally {
      await second.close();
    }
  });
});

describe('revocation', () => {
  it('a revoked kiosk holds its queue and says so (status strip, clerk), then sends it once enrolled again — with a new key, exactly once', async () => {
    backend = await startProductionKiosk({ dir: tmp.dir, apiBaseUrl: sim.url });
    await backend.enrol(await issueEnrolmentCode(sim.url));
    const oldKey = backend.device.status().fingerprint;
    await revoke(sim.url);

    const held = await enqueueDossier();
    await eventually('the revoked answer', () => backend!.outbox.get(held)?.lastError?.code === 'device_revoked');
    expect(backend.outbox.get(held)).toMatchObject({
      state: 'queued',
      lastError: { code: 'device_revoked', status: 403, apiCode: 'device_revoked' },
    });
    // Held, not given up: the next try is minutes away, and nothing reached the API.
    expect(backend.outbox.get(held)!.nextAttemptAt).toBeGreaterThan(Date.now() + 60_000);
    expect(await ledger()).toEqual([]);
    expect(backend.device.status().state).toBe('revoked');
    expect(await call('outbox.status')).toMatchObject({ ok: true, value: { device: 'revoked' } });
    expect(await logIn()).toMatchObject({ ok: false, error: { code: 'kiosk_out_of_service' } });
    // The clerk sees why, worded as "call IT".
    expect(await call('clerk.unlock', { pin: '135790' })).toMatchObject({ ok: true });
    const listed = await call('clerk.outbox.list', { state: null, limit: 10, beforeId: null });
    expect(listed).toMatchObject({
      ok: true,
      value: {
        entries: [expect.objectContaining({ localRef: held, lastError: expect.objectContaining({ code: 'device_revoked' }) })],
      },
    });

    expect(await backend.enrol(await issueEnrolmentCode(sim.url))).toMatchObject({ ok: true, value: { state: 'enrolled' } });
    expect(backend.device.status().fingerprint).not.toBe(oldKey);
    await eventually('the held dossier to be accepted', () => backend!.outbox.get(held)?.state === 'accepted');
    expect((await ledger()).filter((d) => d.localRef === held)).toHaveLength(1);
    expect(await simDevices()).toContainEqual(
      expect.objectContaining({
        deviceId: 'BMT-MOTCUA-01',
        status: 'active',
        publicKeyFingerprint: backend.device.status().fingerprint,
      }),
    );
  });
});

describe('clock', () => {
  it("a kiosk whose clock is 10 minutes off the API's still delivers (it signs with the API's time) and knows the offset", async () => {
    backend = await startProductionKiosk({ dir: tmp.dir, apiBaseUrl: sim.url });
    await backend.enrol(await issueEnrolmentCode(sim.url));
    await fetch(`${sim.url}/__sim/clock`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ advanceSeconds: 600 }),
    });
    const ref = await enqueueDossier();
    await eventually('the dossier to be accepted', () => backend!.outbox.get(ref)?.state === 'accepted');
    expect(Math.abs(backend.apiClock.offsetMs()! - 600_000)).toBeLessThan(3000);
    const health = await backend.health.reporter.snapshot();
    expect(Math.abs(health.api.clockOffsetSeconds! - 600)).toBeLessThan(3);
  });
});
