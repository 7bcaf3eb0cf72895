import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { RegistrationForm } from '../../common/domain/registration';
import { SimComplaintLedger } from '../../common/provincial/registration-schemas';
import { SimSmsInbox } from '../../common/provincial/schemas';
import { silentLogger } from '../../main/log';
import { buildProvincialClient, type ProvincialClient } from '../../main/services/provincial-api/client';
import { submitComplaint } from '../../main/services/registration/complaints';
import { buildVerificationFlow } from '../../main/services/registration/verification-flow';
import { DEMO_PASSWORD } from '../../simulator/seed/citizens';
import { otherPersonsPhone, unregisteredCitizens } from '../../simulator/seed/subscribers';
import { startSimulator, type RunningSimulator } from '../../simulator/server';
import { demoRequestCore } from '../../demo/demo-device';
import { signedHeaders } from '../support/signed-requests';

let sim: RunningSimulator;
let client: ProvincialClient;
const hung = unregisteredCitizens[0];
const NEW_PASSWORD = 'Hung@Kiosk2026';

async function simControl(path: string, body?: unknown): Promise<unknown> {
  const r = await fetch(`${sim.url}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  expect(r.status).toBeLessThan(300);
  return r.status === 204 ? undefined : r.json();
}
async function latestOtp(phone: string) {
  const inbox = SimSmsInbox.parse(await simControl(`/__sim/sms?to=${phone}`));
  return /\b(\d{6})\b/.exec(inbox.messages[0]!.text)![1]!;
}
const other = (otp: string) => String((Number(otp) + 1) % 1_000_000).padStart(6, '0');

const hungForm = (over: Record<string, unknown> = {}) =>
  RegistrationForm.parse({
    fullName: hung.fullName,
    citizenId: hung.citizenId,
    birthDate: '14/05/1990',
    gender: hung.gender,
    phone: hung.phone,
    email: '',
    provinceCode: '66',
    communeCode: '24133',
    addressDetail: '5 Nguyễn Tất Thành',
    ...over,
  });

beforeAll(async () => {
  sim = await startSimulator({ port: 0 });
  client = buildProvincialClient(demoRequestCore(sim.url, { timeoutMs: 3000, logger: silentLogger }));
});
afterAll(async () => {
  await sim.close();
});
beforeEach(async () => {
  await simControl('/__sim/reset', {});
});

describe('registration against the simulator', () => {
  it('a citizen with their own SIM registers, verifies the OTP, sets a password and can then log in', async () => {
    const start = await client.startRegistration(hungForm());
    if (!start.ok) throw new Error(JSON.stringify(start.error));
    expect(start.value.maskedPhone).toBe('096••••567');
    const verified = await client.verifyVerificationOtp({ challengeId: start.value.challengeId, otp: await latestOtp(hung.phone) });
    if (!verified.ok) throw new Error(JSON.stringify(verified.error));
    const weak = await client.completeRegistration({ verificationToken: verified.value.verificationToken, password: 'password' });
    expect(weak.ok ? null : weak.error).toMatchObject({ kind: 'api', status: 400, code: 'weak_password' });
    // A weak password does not use up the token.
    const done = await client.completeRegistration({ verificationToken: verified.value.verificationToken, password: NEW_PASSWORD });
    expect(done).toEqual({ ok: true, value: { citizenId: hung.citizenId } });
    const again = await client.completeRegistration({ verificationToken: verified.value.verificationToken, password: NEW_PASSWORD });
    expect(again.ok ? null : again.error).toMatchObject({ code: 'challenge_not_found' });
    expect((await client.login({ username: hung.citizenId, password: NEW_PASSWORD })).ok).toBe(true);
  });

  it('an ID that already has an account is refused with account_exists, before any SMS', async () => {
    const r = await client.startRegistration(hungForm({ citizenId: '066185000123', birthDate: '12/03/1985', gender: 'female', phone: '0912345678' }));
    expect(r.ok ? null : r.error).toMatchObject({ status: 409, code: 'account_exists' });
    expect(SimSmsInbox.parse(await simControl('/__sim/sms')).messages).toHaveLength(0);
  });

  it('a phone registered to someone else, or to nobody, is phone_not_owned', async () => {
    for (const phone of [otherPersonsPhone.phone, '0977000111']) {
      const r = await client.startRegistration(hungForm({ phone }));
      expect(r.ok ? null : r.error).toMatchObject({ status: 422, code: 'phone_not_owned' });
    }
  });

  it('the simulator enforces the rules itself: a CCCD that disagrees with the birth year, an unknown commune, a future birth date', async () => {
    const raw = { ...hungForm() };
    for (const bad of [{ birthDate: '1991-05-14' }, { communeCode: '99999' }, { birthDate: '2999-01-01' }, { fullName: 'H3ng' }]) {
      const body = JSON.stringify({ ...raw, ...bad });
      const r = await fetch(`${sim.url}/v1/registrations`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...signedHeaders({ method: 'POST', target: '/v1/registrations', body }) },
        body,
      });
      expect(r.status).toBe(400);
      expect(((await r.json()) as { error: { code: string } }).error.code).toBe('invalid_request');
    }
  });

  it('wrong codes count down and then lock; a resend waits for the cooldown; an expired code is refused', async () => {
    const start = await client.startRegistration(hungForm());
    if (!start.ok) throw new Error('start failed');
    const { challengeId } = start.value;
    const early = await client.resendVerificationOtp({ challengeId });
    expect(early.ok ? null : early.error).toMatchObject({ code: 'resend_cooldown' });
    await simControl('/__sim/clock', { advanceSeconds: 301 });
    const expired = await client.verifyVerificationOtp({ challengeId, otp: await latestOtp(hung.phone) });
    expect(expired.ok ? null : expired.error).toMatchObject({ status: 410, code: 'otp_expired' });
    expect((await client.resendVerificationOtp({ challengeId })).ok).toBe(true);
    const wrong = other(await latestOtp(hung.phone));
    for (const left of [4, 3, 2, 1]) {
      const r = await client.verifyVerificationOtp({ challengeId, otp: wrong });
      expect(r.ok ? null : r.error).toMatchObject({ code: 'otp_invalid', attemptsLeft: left });
    }
    const locked = await client.verifyVerificationOtp({ challengeId, otp: wrong });
    expect(locked.ok ? null : locked.error).toMatchObject({ code: 'otp_locked' });
  });
});

describe('password reset against the simulator', () => {
  it('ID + the account’s phone → OTP → new password; the old one stops working', async () => {
    const mismatch = await client.startPasswordReset({ citizenId: '066185000123', phone: hung.phone });
    expect(mismatch.ok ? null : mismatch.error).toMatchObject({ code: 'phone_mismatch' });
    const unknown = await client.startPasswordReset({ citizenId: hung.citizenId, phone: hung.phone });
    expect(unknown.ok ? null : unknown.error).toMatchObject({ code: 'account_not_found' });

    const start = await client.startPasswordReset({ citizenId: '066185000123', phone: '0912345678' });
    if (!start.ok) throw new Error('reset failed');
    const v = await client.verifyVerificationOtp({ challengeId: start.value.challengeId, otp: await latestOtp('0912345678') });
    if (!v.ok) throw new Error('verify failed');
    // A registration token cannot finish a reset, nor the other way round.
    const crossed = await client.completeRegistration({ verificationToken: v.value.verificationToken, password: 'Nhung@Moi2026' });
    expect(crossed.ok).toBe(false);
    expect(await client.completePasswordReset({ verificationToken: v.value.verificationToken, password: 'Nhung@Moi2026' })).toEqual({ ok: true, value: undefined });
    expect((await client.login({ username: '066185000123', password: DEMO_PASSWORD })).ok).toBe(false);
    expect((await client.login({ username: '066185000123', password: 'Nhung@Moi2026' })).ok).toBe(true);
  });
});

describe('the kiosk’s verification flow service', () => {
  it('refuses a password that contains the citizen’s phone before asking the API, and forgets everything on cancel', async () => {
    const flow = buildVerificationFlow({ client, adminUnits: () => undefined, now: Date.now, logger: silentLogger });
    const start = await flow.startRegistration(hungForm());
    if (!start.ok) throw new Error('start failed');
    expect((await flow.verifyOtp(start.value.challengeId, await latestOtp(hung.phone))).ok).toBe(true);
    expect(await flow.setPassword(`Aa@${hung.phone}`)).toEqual({ ok: false, error: { code: 'weak_password' } });
    flow.cancel();
    expect(await flow.setPassword(NEW_PASSWORD)).toEqual({ ok: false, error: { code: 'challenge_not_found' } });
  });
});

describe('complaints', () => {
  it('are recorded once per idempotency key, and the ledger shows them', async () => {
    const complaint = {
      idempotencyKey: 'c0ffee00-1111-4222-8333-444455556666',
      citizenId: '066185000123',
      fullName: 'Nguyễn Thị Hồng Nhung',
      phone: '0912345678',
      description: 'Tôi chưa từng đăng ký tài khoản này.',
    };
    const first = await submitComplaint(client, complaint);
    const replay = await submitComplaint(client, complaint);
    expect(first.ok && replay.ok && replay.value).toEqual(first.ok && first.value);
    const ledger = SimComplaintLedger.parse(await simControl('/__sim/complaints'));
    expect(ledger.complaints).toHaveLength(1);
    expect(ledger.complaints[0]).toMatchObject({ fullName: 'Nguyễn Thị Hồng Nhung', description: complaint.description });
  });

  it('say network_unavailable when the API cannot be reached', async () => {
    await simControl('/__sim/faults', { mode: 'drop' });
    const r = await submitComplaint(client, { idempotencyKey: 'abcdefabcdefabcdef', citizenId: '241234567', fullName: 'Trần Văn Bình', phone: '0905111222', description: 'Không phải tài khoản của tôi.' });
    expect(r).toEqual({ ok: false, error: { code: 'network_unavailable' } });
  });
});
