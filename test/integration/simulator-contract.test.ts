import { readFile } from 'node:fs/promises';
import fc from 'fast-check';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { CitizenProfile } from '../../common/domain/auth';
import {
  ApiErrorBody,
  ApiErrorCode,
  ChallengeResponse,
  HealthResponse,
  LoginRequest,
  ResendOtpRequest,
  SessionResponse,
  SimSmsInbox,
  SimSmsMessage,
  VerifyOtpRequest,
} from '../../common/provincial/schemas';
import { HeartbeatRequest, HeartbeatResponse, KioskHealth } from '../../common/provincial/heartbeat-schemas';
import { WorkCalendarDataset } from '../../common/domain/working-days';
import { DeviceSelf, EnrolmentRequest, EnrolmentResponse, SimDevice, SimEnrolmentCode, SimEnrolmentCodeRequest } from '../../common/provincial/device-schemas';
import { AdminUnitsCatalog } from '../../common/domain/admin-units';
import {
  Address,
  Applicant,
  AttachmentRef,
  DeliveryAddress,
  DeliveryMethod,
  DossierSubmission,
} from '../../common/domain/dossier';
import {
  Agency,
  AgenciesCatalog,
  Procedure,
  ProcedureLevel,
  ProceduresCatalog,
  RequiredDocument,
} from '../../common/domain/procedures';
import { DossierIntakeRequest, DossierIntakeResponse, SimLedger, UploadReceipt } from '../../common/provincial/dossier-schemas';
import { DossierStatus, DossierStatusResponse } from '../../common/provincial/dossier-status';
import { CaptchaResponse, CaptchaVerifyRequest, CaptchaVerifyResponse } from '../../common/provincial/procedure-schemas';
import {
  ComplaintReceipt,
  ComplaintRequest,
  PasswordResetRequest,
  RegistrationCompleted,
  RegistrationRequest,
  SetPasswordRequest,
  SimComplaintLedger,
  VerificationResponse,
} from '../../common/provincial/registration-schemas';
import { FaultConfig } from '../../simulator/faults';
import { SimCatalogState, SimClock, SimHeartbeats, SimProcedureCatalogState } from '../../simulator/control-schemas';
import { openApiShape, zodShape, type JsonSchema } from '../support/wire-shape';
import { DEMO_PASSWORD } from '../../simulator/seed/citizens';
import { buildSimulatorApp, startSimulator, type RunningSimulator } from '../../simulator/server';
import { parse as parseYaml } from 'yaml';
import { signedHeaders } from '../support/signed-requests';
import { PUBLIC_ROUTES } from '../../simulator/device-auth';

let sim: RunningSimulator;

beforeAll(async () => {
  sim = await startSimulator({ port: 0 });
});
afterAll(async () => {
  await sim.close();
});
beforeEach(async () => {
  await fetch(`${sim.url}/__sim/reset`, { method: 'POST' });
});

/** Requests to /v1 are signed as the demo device, as the kiosk signs them; /__sim controls are not. */
async function post(path: string, body: string | undefined, contentType: string | null = 'application/json') {
  const response = await fetch(`${sim.url}${path}`, {
    method: 'POST',
    headers: {
      ...(contentType && { 'content-type': contentType }),
      ...(path.startsWith('/v1/') && signedHeaders({ method: 'POST', target: path, body: body ?? '' })),
    },
    body,
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, json: text === '' ? undefined : (JSON.parse(text) as unknown) };
}

const postJson = (path: string, value: unknown) => post(path, JSON.stringify(value));

async function smsCount(): Promise<number> {
  const inbox = SimSmsInbox.parse(await (await fetch(`${sim.url}/__sim/sms`)).json());
  return inbox.messages.length;
}

const nhung = '066185000123';

const malformed: Array<[string, string, string | undefined, string | null]> = [
  ['login: not JSON', '/v1/auth/login', '{"username": ', 'application/json'],
  ['login: empty body', '/v1/auth/login', '', 'application/json'],
  ['login: no body at all', '/v1/auth/login', undefined, null],
  ['login: text/plain', '/v1/auth/login', `username=${nhung}`, 'text/plain'],
  ['login: form encoded', '/v1/auth/login', `username=${nhung}&password=x`, 'application/x-www-form-urlencoded'],
  ['login: an array', '/v1/auth/login', JSON.stringify([nhung, DEMO_PASSWORD]), 'application/json'],
  ['login: null', '/v1/auth/login', 'null', 'application/json'],
  ['login: a number', '/v1/auth/login', '42', 'application/json'],
  ['login: fields missing', '/v1/auth/login', '{}', 'application/json'],
  ['login: 10-digit username', '/v1/auth/login', JSON.stringify({ username: '0661850001', password: DEMO_PASSWORD }), 'application/json'],
  ['login: username with spaces', '/v1/auth/login', JSON.stringify({ username: '066 185 000 123', password: DEMO_PASSWORD }), 'application/json'],
  ['login: username as number', '/v1/auth/login', JSON.stringify({ username: 66185000123, password: DEMO_PASSWORD }), 'application/json'],
  ['login: empty password', '/v1/auth/login', JSON.stringify({ username: nhung, password: '' }), 'application/json'],
  ['login: 129-char password', '/v1/auth/login', JSON.stringify({ username: nhung, password: 'x'.repeat(129) }), 'application/json'],
  ['login: body over 16 KiB', '/v1/auth/login', JSON.stringify({ username: nhung, password: DEMO_PASSWORD, pad: 'x'.repeat(20_000) }), 'application/json'],
  ['login: __proto__ key', '/v1/auth/login', `{"username":"${nhung}","password":"x","__proto__":{"polluted":true}}`, 'application/json'],
  ['verify: 5-digit otp', '/v1/auth/otp/verify', JSON.stringify({ challengeId: 'abcdefghij', otp: '12345' }), 'application/json'],
  ['verify: letters in otp', '/v1/auth/otp/verify', JSON.stringify({ challengeId: 'abcdefghij', otp: '12a456' }), 'application/json'],
  ['verify: short challengeId', '/v1/auth/otp/verify', JSON.stringify({ challengeId: 'abc', otp: '123456' }), 'application/json'],
  ['resend: missing challengeId', '/v1/auth/otp/resend', '{}', 'application/json'],
  ['sim clock: advance by a string', '/__sim/clock', JSON.stringify({ advanceSeconds: 'soon' }), 'application/json'],
  ['sim clock: not a date', '/__sim/clock', JSON.stringify({ set: 'tomorrow' }), 'application/json'],
  ['sim faults: error without a rate', '/__sim/faults', JSON.stringify({ mode: 'error' }), 'application/json'],
  ['sim faults: rate above 1', '/__sim/faults', JSON.stringify({ mode: 'error', errorRate: 2 }), 'application/json'],
  ['sim faults: unknown mode', '/__sim/faults', JSON.stringify({ mode: 'explode' }), 'application/json'],
];

describe('malformed requests', () => {
  it.each(malformed)('%s → 400 invalid_request with a message', async (_name, path, body, contentType) => {
    const response = await post(path, body, contentType);
    expect(response.status).toBe(400);
    const parsed = ApiErrorBody.parse(response.json);
    expect(parsed.error.code).toBe('invalid_request');
    expect(parsed.error.message.length).toBeGreaterThan(10);
  });

  it('say which field is wrong and what it must be', async () => {
    const response = await postJson('/v1/auth/login', { username: '12345', password: DEMO_PASSWORD });
    expect(ApiErrorBody.parse(response.json).error.message).toMatch(/username.*9.*12/);
  });

  it('change nothing: no SMS, no wrong-password count, no clock or fault change', async () => {
    const clockBefore = Date.parse(((await (await fetch(`${sim.url}/__sim/clock`)).json()) as { now: string }).now);
    for (const [, path, body, contentType] of malformed) await post(path, body, contentType);
    expect(await smsCount()).toBe(0);
    expect(await (await fetch(`${sim.url}/__sim/faults`)).json()).toEqual({ mode: 'none' });
    const clockAfter = Date.parse(((await (await fetch(`${sim.url}/__sim/clock`)).json()) as { now: string }).now);
    expect(clockAfter - clockBefore).toBeLessThan(5000);
    const wrong = await postJson('/v1/auth/login', { username: nhung, password: 'sai' });
    expect(wrong.json).toMatchObject({ error: { code: 'wrong_password', attemptsLeft: 4 } });
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('a malformed OTP does not use up one of the challenge’s tries', async () => {
    const login = ChallengeResponse.parse((await postJson('/v1/auth/login', { username: nhung, password: DEMO_PASSWORD })).json);
    for (const otp of ['12345', 'abcdef', '1234567', 123456]) {
      expect((await postJson('/v1/auth/otp/verify', { challengeId: login.challengeId, otp })).status).toBe(400);
    }
    const inbox = SimSmsInbox.parse(await (await fetch(`${sim.url}/__sim/sms`)).json());
    const otp = /\b(\d{6})\b/.exec(inbox.messages[0]!.text)![1]!;
    const wrongOtp = String((Number(otp) + 1) % 1_000_000).padStart(6, '0');
    const wrong = await postJson('/v1/auth/otp/verify', { challengeId: login.challengeId, otp: wrongOtp });
    expect(wrong.json).toEqual({ error: { code: 'otp_invalid', message: expect.any(String), attemptsLeft: 4 } });
  });

  it('no JSON value posted to a /v1 endpoint makes the simulator fail (never a 5xx, always an ApiErrorBody)', async () => {
    const endpoints = ['/v1/auth/login', '/v1/auth/otp/verify', '/v1/auth/otp/resend'];
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...endpoints), fc.jsonValue(), async (path, value) => {
        const response = await postJson(path, value);
        expect(response.status).toBeLessThan(500);
        if (response.status >= 400) ApiErrorBody.parse(response.json);
      }),
      { numRuns: 150 },
    );
    expect(await smsCount()).toBe(0);
  });
});

describe('protocol details', () => {
  it('every 429 carries a Retry-After header equal to retryAfterSeconds', async () => {
    const login = ChallengeResponse.parse((await postJson('/v1/auth/login', { username: nhung, password: DEMO_PASSWORD })).json);
    const early = await postJson('/v1/auth/otp/resend', { challengeId: login.challengeId });
    expect(early.status).toBe(429);
    expect(Number(early.headers.get('retry-after'))).toBe(ApiErrorBody.parse(early.json).error.retryAfterSeconds);
  });

  it('an unknown route is a 404 with an ApiErrorBody, not an HTML page', async () => {
    const response = await fetch(`${sim.url}/v1/nothing-here`);
    expect(response.status).toBe(404);
    ApiErrorBody.parse(await response.json());
  });

  it('health answers with the simulator clock', async () => {
    await fetch(`${sim.url}/__sim/clock`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ set: '2030-01-02T03:04:05.000Z' }),
    });
    const health = HealthResponse.parse(await (await fetch(`${sim.url}/v1/health`)).json());
    expect(Date.parse(health.time) - Date.parse('2030-01-02T03:04:05.000Z')).toBeLessThan(5000);
  });
});

describe('kiosk signatures', () => {
  it('every /v1 route but the health check and enrolment refuses an unsigned request with device_unauthorized, before doing anything', async () => {
    const built = buildSimulatorApp();
    await built.app.ready();
    const routes = [...built.routes].filter((r) => r.url.startsWith('/v1/') && !PUBLIC_ROUTES.has(`${r.method} ${r.url}`));
    await built.app.close();
    expect(routes.length).toBeGreaterThan(15);
    for (const route of routes) {
      const url = route.url.replace(':sha256', 'a'.repeat(64)).replace(/:(\w+)/g, 'X1');
      const response = await fetch(`${sim.url}${url}`, {
        method: route.method,
        headers: route.method === 'GET' ? {} : { 'content-type': route.url.startsWith('/v1/uploads') ? 'application/octet-stream' : 'application/json' },
        body: route.method === 'GET' ? undefined : route.url.startsWith('/v1/uploads') ? 'bytes' : '{}',
      });
      expect(response.status, `${route.method} ${route.url}`).toBe(401);
      expect(ApiErrorBody.parse(await response.json()).error.code, `${route.method} ${route.url}`).toBe('device_unauthorized');
    }
    expect(SimSmsInbox.parse(await (await fetch(`${sim.url}/__sim/sms`)).json()).messages).toEqual([]);
  });

  it('every answer carries the API clock in its Date header, moved with the simulator clock', async () => {
    await fetch(`${sim.url}/__sim/clock`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ advanceSeconds: 3600 }) });
    const response = await fetch(`${sim.url}/v1/health`);
    expect(Math.abs(Date.parse(response.headers.get('date')!) - (Date.now() + 3600_000))).toBeLessThan(3000);
  });
});

describe('openapi.yaml', () => {
  type Operation = { tags?: string[] };
  type OpenApiDoc = {
    openapi: string;
    tags: Array<{ name: string; description?: string }>;
    paths: Record<string, Record<string, Operation>>;
    components: { schemas: Record<string, JsonSchema & { enum?: string[] }> };
  };
  let doc: OpenApiDoc;
  let registered: Array<{ method: string; url: string }>;

  beforeAll(async () => {
    doc = parseYaml(await readFile(new URL('../../simulator/openapi.yaml', import.meta.url), 'utf8')) as OpenApiDoc;
    const built = buildSimulatorApp();
    await built.app.ready();
    registered = [...built.routes];
    await built.app.close();
  });

  const documented = () =>
    Object.entries(doc.paths).flatMap(([url, ops]) => Object.keys(ops).map((method) => `${method.toUpperCase()} ${url}`));

  it('is OpenAPI 3.1', () => {
    expect(doc.openapi).toMatch(/^3\.1\.\d+$/);
  });

  it('documents exactly the routes the simulator registers', () => {
    // fastify writes path parameters as :name, OpenAPI as {name}.
    const served = registered.map((r) => `${r.method} ${r.url.replace(/:(\w+)/g, '{$1}')}`);
    expect(served.filter((r) => r.includes(' /v1/')).length).toBeGreaterThanOrEqual(6);
    expect(new Set(documented())).toEqual(new Set(served));
  });

  it('tags every /__sim/ operation, and only those, as simulator only', () => {
    const simTag = doc.tags.find((t) => t.name === 'simulator');
    expect(simTag?.description).toMatch(/simulator only, not part of the provincial API/i);
    for (const [url, ops] of Object.entries(doc.paths)) {
      for (const op of Object.values(ops)) expect(op.tags?.includes('simulator') ?? false).toBe(url.startsWith('/__sim/'));
    }
  });

  it('lists the same error codes as the wire schema', () => {
    expect(doc.components.schemas['ApiErrorCode']?.enum).toEqual(ApiErrorCode.options);
  });

  /**
   * Every schema the document names, beside the zod schema the kiosk and the simulator validate
   * that message with. A schema added to openapi.yaml without its zod counterpart fails here, and
   * so does any difference in shape (test/support/wire-shape.ts says what is compared).
   */
  const wire: Record<string, z.ZodTypeAny> = {
    ApiErrorCode,
    ApiErrorBody,
    HealthResponse,
    LoginRequest,
    ChallengeResponse,
    VerifyOtpRequest,
    ResendOtpRequest,
    SessionResponse,
    CitizenProfile,
    SimSmsMessage,
    SimSmsInbox,
    DossierStatus,
    DossierStatusResponse,
    SimFault: FaultConfig,
    DossierIntakeRequest,
    DossierSubmission,
    Applicant,
    Address,
    DeliveryAddress,
    AttachmentRef,
    DossierIntakeResponse,
    UploadReceipt,
    SimLedger,
    WorkCalendarDataset,
    EnrolmentRequest,
    EnrolmentResponse,
    DeviceSelf,
    SimEnrolmentCodeRequest,
    SimEnrolmentCode,
    SimDevice,
    HeartbeatRequest,
    KioskHealth,
    HeartbeatResponse,
    ProcedureLevel,
    DeliveryMethod,
    RequiredDocument,
    Procedure,
    ProceduresCatalog,
    Agency,
    AgenciesCatalog,
    CaptchaResponse,
    CaptchaVerifyRequest,
    CaptchaVerifyResponse,
    AdminUnitsCatalog,
    RegistrationRequest,
    PasswordResetRequest,
    VerificationResponse,
    SetPasswordRequest,
    RegistrationCompleted,
    ComplaintRequest,
    ComplaintReceipt,
    SimComplaintLedger,
    SimClock,
    SimHeartbeats,
    SimCatalogState,
    SimProcedureCatalogState,
  };
  it('names a zod wire schema for every schema it documents', () => {
    expect(Object.keys(doc.components.schemas).filter((name) => !(name in wire))).toEqual([]);
  });
  it.each(Object.keys(wire))('%s has the shape of its zod schema, all the way down', (name) => {
    const documented = doc.components.schemas[name];
    expect(documented, `${name} is not in openapi.yaml`).toBeDefined();
    expect(openApiShape(documented!, doc.components.schemas)).toEqual(zodShape(wire[name]!));
  });
});
