import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SimSmsInbox } from '../../common/provincial/schemas';
import { buildLogger, silentLogger, type Logger } from '../../main/log';
import { buildProvincialClient, type ProvincialClient } from '../../main/services/provincial-api/client';
import { demoCitizens, DEMO_PASSWORD } from '../../simulator/seed/citizens';
import { startSimulator, type RunningSimulator } from '../../simulator/server';
import { demoRequestCore } from '../../demo/demo-device';

function demoCitizen(citizenId: string) {
  const found = demoCitizens.find((c) => c.profile.citizenId === citizenId);
  if (!found) throw new Error(`no demo citizen ${citizenId}`);
  return found.profile;
}
const nhung = demoCitizen('066185000123');
const ybhim = demoCitizen('066079001234');
const hhen = demoCitizen('066192004567');
const binh = demoCitizen('241234567');

let sim: RunningSimulator;
let simLog: string[];
let client: ProvincialClient;

const collectingLogger = (lines: string[]): Logger => buildLogger({ level: 'debug', write: (line) => lines.push(line) });

/** The /__sim controls are reached with plain fetch: the kiosk's client must not know them. */
async function simControl(path: string, body?: unknown): Promise<unknown> {
  const response = await fetch(`${sim.url}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  expect(response.status).toBeLessThan(300);
  return response.status === 204 ? undefined : response.json();
}

async function inbox(phone: string) {
  return SimSmsInbox.parse(await simControl(`/__sim/sms?to=${phone}`)).messages;
}

async function latestOtp(phone: string): Promise<string> {
  const [newest] = await inbox(phone);
  const code = newest && /\b(\d{6})\b/.exec(newest.text)?.[1];
  if (!code) throw new Error('no OTP in the SMS inbox');
  return code;
}

const advanceClock = (seconds: number) => simControl('/__sim/clock', { advanceSeconds: seconds });
const otherCode = (otp: string) => String((Number(otp) + 1) % 1_000_000).padStart(6, '0');

async function loginOk(citizenId: string) {
  const result = await client.login({ username: citizenId, password: DEMO_PASSWORD });
  if (!result.ok) throw new Error(`login failed: ${JSON.stringify(result.error)}`);
  return result.value;
}

beforeAll(async () => {
  simLog = [];
  sim = await startSimulator({ port: 0, logger: collectingLogger(simLog) });
  client = buildProvincialClient(demoRequestCore(sim.url, { timeoutMs: 3000, logger: silentLogger }));
});

afterAll(async () => {
  await sim.close();
});

beforeEach(async () => {
  await simControl('/__sim/reset', {});
});

describe('login by CMND/CCCD, password and SMS OTP', () => {
  it('a citizen with the right password gets an OTP by SMS and, with it, a session and their profile', async () => {
    expect((await client.health()).ok).toBe(true);
    const challenge = await loginOk(nhung.citizenId);
    expect(challenge).toMatchObject({ maskedPhone: '091••••678', expiresInSeconds: 300, resendInSeconds: 60, attemptsLeft: 5 });

    const [sms] = await inbox(nhung.phone);
    expect(sms?.text).toMatch(/^Ma OTP dang nhap Cong DVC tinh Dak Lak cua ban la \d{6}\. Ma co hieu luc trong 5 phut\./);

    const session = await client.verifyOtp({ challengeId: challenge.challengeId, otp: await latestOtp(nhung.phone) });
    expect(session.ok && session.value.citizen).toEqual(nhung);
    if (!session.ok) return;
    expect(session.value.citizen.fullName).toBe('Nguyễn Thị Hồng Nhung'.normalize('NFC'));

    const me = await client.me(session.value.accessToken);
    expect(me).toEqual({ ok: true, value: nhung });
  });

  it('a 9-digit CMND logs in the same way', async () => {
    const challenge = await loginOk(binh.citizenId);
    const session = await client.verifyOtp({ challengeId: challenge.challengeId, otp: await latestOtp(binh.phone) });
    expect(session.ok && session.value.citizen.citizenId).toBe('241234567');
  });

  it('an OTP works once: the challenge is consumed by a successful verify', async () => {
    const challenge = await loginOk(hhen.citizenId);
    const otp = await latestOtp(hhen.phone);
    expect((await client.verifyOtp({ challengeId: challenge.challengeId, otp })).ok).toBe(true);
    const again = await client.verifyOtp({ challengeId: challenge.challengeId, otp });
    expect(again).toMatchObject({ ok: false, error: { kind: 'api', status: 404, code: 'challenge_not_found' } });
  });

  it('an ID number without an account is account_not_found, and no SMS is sent', async () => {
    const result = await client.login({ username: '066199999999', password: DEMO_PASSWORD });
    expect(result).toMatchObject({ ok: false, error: { kind: 'api', status: 404, code: 'account_not_found' } });
    expect(SimSmsInbox.parse(await simControl('/__sim/sms')).messages).toEqual([]);
  });

  it('wrong passwords count down, the 5th locks the account for 15 minutes, and the lock lifts', async () => {
    const wrong = { username: ybhim.citizenId, password: 'sai-mat-khau' };
    for (const attemptsLeft of [4, 3, 2, 1]) {
      expect(await client.login(wrong)).toMatchObject({ ok: false, error: { kind: 'api', status: 401, code: 'wrong_password', attemptsLeft } });
    }
    expect(await client.login(wrong)).toMatchObject({
      ok: false,
      error: { kind: 'api', status: 423, code: 'account_locked', retryAfterSeconds: 900 },
    });
    const whileLocked = await client.login({ username: ybhim.citizenId, password: DEMO_PASSWORD });
    expect(whileLocked).toMatchObject({ ok: false, error: { status: 423, code: 'account_locked' } });
    if (!whileLocked.ok && whileLocked.error.kind === 'api') expect(whileLocked.error.retryAfterSeconds).toBeGreaterThan(890);

    await advanceClock(900);
    expect((await client.login({ username: ybhim.citizenId, password: DEMO_PASSWORD })).ok).toBe(true);
  });

  it('a right password resets the wrong-password count', async () => {
    const wrong = { username: ybhim.citizenId, password: 'sai' };
    await client.login(wrong);
    await client.login(wrong);
    await loginOk(ybhim.citizenId);
    expect(await client.login(wrong)).toMatchObject({ ok: false, error: { code: 'wrong_password', attemptsLeft: 4 } });
  });

  it('wrong OTPs count down attemptsLeft, then the challenge is locked even for the right code', async () => {
    const challenge = await loginOk(nhung.citizenId);
    const otp = await latestOtp(nhung.phone);
    const wrong = { challengeId: challenge.challengeId, otp: otherCode(otp) };
    for (const attemptsLeft of [4, 3, 2, 1]) {
      expect(await client.verifyOtp(wrong)).toMatchObject({ ok: false, error: { kind: 'api', status: 400, code: 'otp_invalid', attemptsLeft } });
    }
    const locked = { ok: false, error: { kind: 'api', status: 423, code: 'otp_locked' } };
    expect(await client.verifyOtp(wrong)).toMatchObject(locked);
    expect(await client.verifyOtp({ challengeId: challenge.challengeId, otp })).toMatchObject(locked);
    expect(await client.resendOtp({ challengeId: challenge.challengeId })).toMatchObject(locked);
  });

  it('an OTP expires after 300 seconds', async () => {
    const challenge = await loginOk(nhung.citizenId);
    const otp = await latestOtp(nhung.phone);
    await advanceClock(301);
    expect(await client.verifyOtp({ challengeId: challenge.challengeId, otp })).toMatchObject({
      ok: false,
      error: { kind: 'api', status: 410, code: 'otp_expired' },
    });
  });

  it('a resend within 60 s is refused with the wait; after it, a new code works and the old one does not', async () => {
    const challenge = await loginOk(nhung.citizenId);
    const oldOtp = await latestOtp(nhung.phone);

    const early = await client.resendOtp({ challengeId: challenge.challengeId });
    expect(early).toMatchObject({ ok: false, error: { kind: 'api', status: 429, code: 'resend_cooldown' } });
    if (!early.ok && early.error.kind === 'api') {
      expect(early.error.retryAfterSeconds).toBeGreaterThan(55);
      expect(early.error.retryAfterSeconds).toBeLessThanOrEqual(60);
    }

    await advanceClock(60);
    const resent = await client.resendOtp({ challengeId: challenge.challengeId });
    expect(resent).toMatchObject({ ok: true, value: { challengeId: challenge.challengeId, expiresInSeconds: 300, resendInSeconds: 60 } });
    const messages = await inbox(nhung.phone);
    expect(messages).toHaveLength(2);
    const newOtp = await latestOtp(nhung.phone);

    if (newOtp !== oldOtp) {
      expect(await client.verifyOtp({ challengeId: challenge.challengeId, otp: oldOtp })).toMatchObject({
        ok: false,
        error: { code: 'otp_invalid', attemptsLeft: 4 },
      });
    }
    expect((await client.verifyOtp({ challengeId: challenge.challengeId, otp: newOtp })).ok).toBe(true);
  });

  it('a resend after the code expired sends a fresh code valid for another 300 s', async () => {
    const challenge = await loginOk(hhen.citizenId);
    await advanceClock(400);
    const resent = await client.resendOtp({ challengeId: challenge.challengeId });
    expect(resent).toMatchObject({ ok: true, value: { expiresInSeconds: 300 } });
    expect((await client.verifyOtp({ challengeId: challenge.challengeId, otp: await latestOtp(hhen.phone) })).ok).toBe(true);
  });

  it('a new login makes the code of an earlier login useless', async () => {
    const first = await loginOk(nhung.citizenId);
    const firstOtp = await latestOtp(nhung.phone);
    await loginOk(nhung.citizenId);
    expect(await client.verifyOtp({ challengeId: first.challengeId, otp: firstOtp })).toMatchObject({
      ok: false,
      error: { status: 404, code: 'challenge_not_found' },
    });
  });

  it('a phone gets at most 5 SMS an hour; the 6th is rate_limited until the oldest leaves the hour', async () => {
    const challenge = await loginOk(binh.citizenId);
    for (let i = 0; i < 4; i += 1) {
      await advanceClock(60);
      expect((await client.resendOtp({ challengeId: challenge.challengeId })).ok).toBe(true);
    }
    expect(await inbox(binh.phone)).toHaveLength(5);
    await advanceClock(60);

    const capped = await client.resendOtp({ challengeId: challenge.challengeId });
    expect(capped).toMatchObject({ ok: false, error: { kind: 'api', status: 429, code: 'rate_limited' } });
    if (!capped.ok && capped.error.kind === 'api') expect(capped.error.retryAfterSeconds).toBeCloseTo(3600 - 300, -1);
    const loginCapped = await client.login({ username: binh.citizenId, password: DEMO_PASSWORD });
    expect(loginCapped).toMatchObject({ ok: false, error: { status: 429, code: 'rate_limited' } });
    expect(await inbox(binh.phone)).toHaveLength(5);

    await advanceClock(3300);
    expect((await client.login({ username: binh.citizenId, password: DEMO_PASSWORD })).ok).toBe(true);
  });

  it('an access token stops working after logout and after 30 minutes', async () => {
    const challenge = await loginOk(nhung.citizenId);
    const first = await client.verifyOtp({ challengeId: challenge.challengeId, otp: await latestOtp(nhung.phone) });
    if (!first.ok) throw new Error('verify failed');
    expect(await client.logout(first.value.accessToken)).toEqual({ ok: true, value: undefined });
    expect(await client.me(first.value.accessToken)).toMatchObject({ ok: false, error: { kind: 'api', status: 401, code: 'unauthorized' } });
    expect((await client.logout(first.value.accessToken)).ok).toBe(true);

    await advanceClock(60);
    const again = await loginOk(nhung.citizenId);
    const second = await client.verifyOtp({ challengeId: again.challengeId, otp: await latestOtp(nhung.phone) });
    if (!second.ok) throw new Error('verify failed');
    await advanceClock(1800);
    expect(await client.me(second.value.accessToken)).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
  });
});

describe('when the provincial API misbehaves', () => {
  it("an API that is 'down' is an api error with status 503", async () => {
    await simControl('/__sim/faults', { mode: 'down' });
    expect(await client.health()).toMatchObject({ ok: false, error: { kind: 'api', status: 503, code: 'internal', retryAfterSeconds: 30 } });
    expect(await client.login({ username: nhung.citizenId, password: DEMO_PASSWORD })).toMatchObject({ ok: false, error: { status: 503 } });
  });

  it("injected server errors are api errors with status 500", async () => {
    await simControl('/__sim/faults', { mode: 'error', errorRate: 1 });
    expect(await client.health()).toMatchObject({ ok: false, error: { kind: 'api', status: 500, code: 'internal' } });
  });

  it('a connection dropped without an answer is a network error', async () => {
    await simControl('/__sim/faults', { mode: 'drop' });
    expect(await client.health()).toEqual({ ok: false, error: { kind: 'network' } });
  });

  it('an answer slower than timeoutMs is a timeout', async () => {
    await simControl('/__sim/faults', { mode: 'latency', latencyMs: 2000 });
    const impatient = buildProvincialClient(demoRequestCore(sim.url, { timeoutMs: 300, logger: silentLogger }));
    const started = Date.now();
    expect(await impatient.health()).toEqual({ ok: false, error: { kind: 'timeout' } });
    expect(Date.now() - started).toBeLessThan(1500);
    await simControl('/__sim/faults', { mode: 'none' });
    expect((await impatient.health()).ok).toBe(true);
  });

  it('a stopped API is a network error', async () => {
    const gone = await startSimulator({ port: 0 });
    await gone.close();
    const orphan = buildProvincialClient(demoRequestCore(gone.url, { timeoutMs: 2000, logger: silentLogger }));
    expect(await orphan.health()).toEqual({ ok: false, error: { kind: 'network' } });
  });

  describe('a server that answers outside the contract', () => {
    let rogue: Server;
    let rogueClient: ProvincialClient;
    beforeAll(async () => {
      rogue = createServer((req, res) => {
        const send = (status: number, body: string, headers: Record<string, string> = {}) => {
          res.writeHead(status, { 'content-type': 'application/json', ...headers });
          res.end(body);
        };
        if (req.url === '/v1/health') return send(200, '<html>Captive portal</html>');
        if (req.url === '/v1/auth/login') return send(200, JSON.stringify({ challengeId: 5, maskedPhone: null }));
        if (req.url === '/v1/auth/otp/verify') return send(302, '', { location: 'http://portal.example/login' });
        if (req.url === '/v1/citizens/me') return send(500, 'Internal Server Error');
        if (req.url === '/v1/auth/otp/resend') return send(502, '<html>Bad gateway</html>', { 'retry-after': '12' });
        return send(418, JSON.stringify({ error: { code: 'teapot', message: 'x' } }));
      });
      await new Promise<void>((resolve) => rogue.listen(0, '127.0.0.1', resolve));
      const { port } = rogue.address() as AddressInfo;
      rogueClient = buildProvincialClient(demoRequestCore(`http://127.0.0.1:${port}`, { timeoutMs: 2000, logger: silentLogger }));
    });
    afterAll(async () => {
      rogue.closeAllConnections();
      await new Promise((resolve) => rogue.close(resolve));
    });

    it('a non-JSON 200 is bad_response', async () => {
      expect(await rogueClient.health()).toEqual({ ok: false, error: { kind: 'bad_response', status: 200 } });
    });
    it('a JSON 200 of the wrong shape is bad_response', async () => {
      expect(await rogueClient.login({ username: nhung.citizenId, password: 'x' })).toEqual({
        ok: false,
        error: { kind: 'bad_response', status: 200 },
      });
    });
    it('a redirect is bad_response, not followed', async () => {
      expect(await rogueClient.verifyOtp({ challengeId: 'abcdefgh', otp: '123456' })).toEqual({
        ok: false,
        error: { kind: 'bad_response', status: 302 },
      });
    });
    it('a 500 without an error body is bad_response', async () => {
      expect(await rogueClient.me('a'.repeat(32))).toEqual({ ok: false, error: { kind: 'bad_response', status: 500 } });
    });
    it('a bare gateway error counts as the API being unavailable, with its Retry-After', async () => {
      expect(await rogueClient.resendOtp({ challengeId: 'abcdefgh' })).toMatchObject({
        ok: false,
        error: { kind: 'api', status: 502, code: 'internal', retryAfterSeconds: 12 },
      });
    });
    it('an error body with an unknown code is bad_response', async () => {
      expect(await rogueClient.logout('a'.repeat(32))).toEqual({ ok: false, error: { kind: 'bad_response', status: 418 } });
    });
  });
});

describe('logs', () => {
  it('neither the client nor the simulator logs passwords, OTPs, ID numbers, phones, names or tokens', async () => {
    const clientLog: string[] = [];
    const logged = buildProvincialClient(demoRequestCore(sim.url, { timeoutMs: 3000, logger: collectingLogger(clientLog) }));
    simLog.length = 0;
    const secrets: string[] = [DEMO_PASSWORD, nhung.citizenId, nhung.phone, nhung.fullName, 'Nhung', 'wrong-pass-XYZ'];

    await logged.login({ username: nhung.citizenId, password: 'wrong-pass-XYZ' });
    const challenge = await logged.login({ username: nhung.citizenId, password: DEMO_PASSWORD });
    if (!challenge.ok) throw new Error('login failed');
    const otp = await latestOtp(nhung.phone);
    secrets.push(otp, challenge.value.challengeId);
    await logged.verifyOtp({ challengeId: challenge.value.challengeId, otp: otherCode(otp) });
    const session = await logged.verifyOtp({ challengeId: challenge.value.challengeId, otp });
    if (!session.ok) throw new Error('verify failed');
    secrets.push(session.value.accessToken);
    await logged.me(session.value.accessToken);
    await logged.logout(session.value.accessToken);
    await simControl(`/__sim/sms?to=${nhung.phone}`);

    expect(clientLog.length).toBeGreaterThanOrEqual(6);
    expect(clientLog.some((line) => line.includes('"path":"/v1/auth/otp/verify"') && line.includes('"status":400'))).toBe(true);
    expect(simLog.length).toBeGreaterThan(0);
    const everything = [...clientLog, ...simLog].join('\n');
    for (const secret of secrets) expect(everything).not.toContain(secret);
  });
});
