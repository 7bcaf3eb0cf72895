import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Backend } from '../../main/backend';
import { silentLogger } from '../../main/log';
import { startWebHost, type WebHost } from '../../main/web-host/server';
import { startDemoKiosk } from '../support/demo-kiosk';

/**
 * The loopback host is the kiosk's door for a Chromium window: it must refuse anyone without the
 * per-launch secret or from another origin, and a malformed call must change nothing.
 */
let dir: string;
let backend: Backend;
let host: WebHost;
let secret: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kiosk-webhost-'));
  backend = await startDemoKiosk({ dir });
  const rendererDir = join(dir, 'renderer');
  const { mkdirSync, writeFileSync } = await import('node:fs');
  mkdirSync(rendererDir);
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>kiosk</title>');
  writeFileSync(join(dir, 'secret.txt'), 'outside the renderer folder');
  host = await startWebHost({ dispatch: backend.dispatch, rendererDir, port: 0, logger: silentLogger });
  secret = /#k=(.+)$/.exec(host.url)![1]!;
});

afterAll(async () => {
  await host.close();
  await backend.close();
  rmSync(dir, { recursive: true, force: true });
});

function post(method: string, body: unknown, headers: Record<string, string> = {}) {
  return fetch(`${host.origin}/api/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: host.origin, authorization: `Bearer ${secret}`, ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

async function smsCount(): Promise<number> {
  const r = await fetch(new URL('/__sim/sms', backend.demo!.apiBaseUrl));
  return ((await r.json()) as { messages: unknown[] }).messages.length;
}

describe('loopback web host', () => {
  it('listens on 127.0.0.1 only and prints a URL that carries the secret in the fragment', () => {
    expect(host.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(host.url.startsWith(`${host.origin}/#k=`)).toBe(true);
    expect(secret.length).toBeGreaterThanOrEqual(40);
  });

  it('serves the renderer with a strict CSP, and nothing outside its folder', async () => {
    const page = await fetch(`${host.origin}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(page.headers.get('x-frame-options')).toBe('DENY');
    for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/..%2fsecret.txt']) {
      const r = await fetch(`${host.origin}${path}`);
      expect(r.status, path).toBe(404);
    }
  });

  it('answers a valid call with the secret from its own origin', async () => {
    const r = await post('kiosk.info', {});
    expect(r.status).toBe(200);
    expect(await r.json()).toMatchObject({ ok: true, value: { demo: true, locale: 'vi' } });
  });

  it('refuses a call without the secret, or with a wrong one', async () => {
    expect((await post('kiosk.info', {}, { authorization: '' })).status).toBe(401);
    expect((await post('kiosk.info', {}, { authorization: `Bearer ${secret.slice(0, -1)}x` })).status).toBe(401);
  });

  it('refuses a call from another origin, or with no origin, even with the secret', async () => {
    expect((await post('kiosk.info', {}, { origin: 'http://evil.example' })).status).toBe(403);
    expect((await post('kiosk.info', {}, { origin: 'http://localhost:1' })).status).toBe(403);
    const noOrigin = await fetch(`${host.origin}/api/kiosk.info`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${secret}` },
      body: '{}',
    });
    expect(noOrigin.status).toBe(403);
  });

  it('refuses a request whose Host is not this loopback address (DNS rebinding)', async () => {
    const { request } = await import('node:http');
    const status = await new Promise<number>((ok, fail) => {
      const req = request(`${host.origin}/`, { headers: { host: 'evil.example' } }, (res) => ok(res.statusCode ?? 0));
      req.on('error', fail);
      req.end();
    });
    expect(status).toBe(421);
  });

  it('a malformed call gets a schema error naming the field and changes nothing', async () => {
    const before = await smsCount();
    const r = await post('auth.startLogin', { citizenId: '12', password: 'x' });
    expect(r.status).toBe(400);
    expect(await r.json()).toEqual({
      ok: false,
      error: { code: 'invalid_input', issues: [{ path: ['citizenId'], message: 'citizenId.length' }] },
    });
    const extra = await post('auth.startLogin', { citizenId: '066185000123', password: 'Demo@2026', admin: true });
    expect(extra.status).toBe(400);
    expect((await post('no.suchMethod', {})).status).toBe(400);
    // Broken percent-encoding in the method's path: a 400 with the usual error, not a bare 500.
    for (const broken of ['%E0%A4%A', '%', 'auth.%ZZsession', '%C0%AF']) {
      const r = await post(broken, {});
      expect(r.status, broken).toBe(400);
      expect(await r.json()).toEqual({ ok: false, error: { code: 'invalid_input' } });
    }
    expect((await fetch(`${host.origin}/%E0%A4%A`)).status).toBe(400);
    expect((await post('auth.startLogin', '{not json')).status).toBe(400);
    expect((await post('auth.startLogin', 'x'.repeat(2_000_000))).status).toBe(413);
    expect(await smsCount()).toBe(before);
    const session = await (await post('auth.session', {})).json();
    expect(session).toEqual({ ok: true, value: { citizen: null } });
  });

  it('refuses a call that is not JSON or not a POST', async () => {
    expect((await post('kiosk.info', '{}', { 'content-type': 'text/plain' })).status).toBe(415);
    const get = await fetch(`${host.origin}/api/kiosk.info`, { headers: { authorization: `Bearer ${secret}`, origin: host.origin } });
    expect(get.status).toBe(405);
  });
});
