import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../main/log';
import { resolveRendererFile } from '../../main/renderer-files';
import { APP_URL, appScheme, registerAppProtocol, resolveAppRequest } from '../../main/shell/app-protocol';
import { rendererCsp } from '../../main/shell/csp';

const renderer = '/opt/kiosk/resources/app.asar/out/renderer';

describe('app:// requests (the Electron app\'s renderer origin)', () => {
  it('is a standard, secure scheme that does not bypass the CSP', () => {
    expect(appScheme).toMatchObject({ scheme: 'app', privileges: { standard: true, secure: true, bypassCSP: false } });
    expect(APP_URL).toBe('app://kiosk/index.html');
  });

  it('names files of the built renderer, with their content type', () => {
    expect(resolveAppRequest('app://kiosk/index.html', renderer)).toEqual({ ok: true, file: `${renderer}/index.html`, contentType: 'text/html; charset=utf-8', isIndex: true });
    expect(resolveAppRequest('app://kiosk/', renderer)).toMatchObject({ ok: true, file: `${renderer}/index.html` });
    expect(resolveAppRequest('app://kiosk/assets/index-abc.js#x', renderer)).toMatchObject({ ok: true, file: `${renderer}/assets/index-abc.js`, contentType: 'text/javascript; charset=utf-8', isIndex: false });
    expect(resolveAppRequest('app://kiosk/assets/be-vietnam-pro-vietnamese-400.woff2', renderer)).toMatchObject({ contentType: 'font/woff2' });
  });

  it.each([
    ['an encoded slash walking up', 'app://kiosk/assets%2f..%2f..%2fpackage.json'],
    ['a backslash', 'app://kiosk/assets/..%5c..%5cpackage.json'],
    ['a NUL byte', 'app://kiosk/index.html%00.png'],
    ['a Windows drive', 'app://kiosk/C:/Windows/win.ini'],
    ['bad percent-encoding', 'app://kiosk/%E0%A4%A'],
    ['another host', 'app://evil/index.html'],
    ['credentials', 'app://me:pw@kiosk/index.html'],
    ['another scheme', 'file:///etc/passwd'],
    ['not a URL', 'app//kiosk'],
  ])('refuses %s', (_name, url) => {
    const r = resolveAppRequest(url, renderer);
    expect(r.ok).toBe(false);
    if (r.ok) throw new Error(`${url} resolved to ${r.file}`);
  });

  it('never resolves outside the renderer folder, whatever the path (the shared resolver, also used by the loopback host)', () => {
    for (const path of ['/../x', '/a/../../x', '/%2e%2e/x', '/%2e%2e/%2e%2e/main/index.js', '/assets/%252e%252e/secret', '/assets/../../../etc/passwd', '//etc/passwd', '/./../x']) {
      const r = resolveRendererFile(renderer, path);
      if (r.ok) expect(r.file.startsWith(`${renderer}/`), path).toBe(true);
    }
    // The URL parser already folds dot segments of a standard scheme: what is left stays inside.
    for (const url of ['app://kiosk/%2e%2e/%2e%2e/main/index.js', 'app://kiosk/assets/%252e%252e/secret', 'app://kiosk/a/../../../../etc/passwd']) {
      const r = resolveAppRequest(url, renderer);
      if (r.ok) expect(r.file.startsWith(`${renderer}/`), url).toBe(true);
    }
  });

  it('the handler serves the file with the CSP and nosniff, refuses other methods and missing files', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kiosk-app-'));
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>kiosk</title>');
    writeFileSync(join(dir, 'assets', 'app.js'), 'console.log(1)');
    writeFileSync(join(dir, '..', 'secret.txt'), 'outside');
    let handler: ((request: Request) => Promise<Response>) | undefined;
    registerAppProtocol({ protocol: { handle: (_s: string, h: typeof handler) => (handler = h) } as never, rendererDir: dir, readFile: (p) => readFile(p), logger: silentLogger });
    const page = await handler!(new Request('app://kiosk/index.html'));
    expect(page.status).toBe(200);
    expect(await page.text()).toBe(readFileSync(join(dir, 'index.html'), 'utf8'));
    expect(page.headers.get('content-security-policy')).toBe(rendererCsp);
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(page.headers.get('cache-control')).toBe('no-store');
    expect((await handler!(new Request('app://kiosk/assets/app.js'))).headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect((await handler!(new Request('app://kiosk/%2e%2e/secret.txt'))).status).toBe(404);
    expect((await handler!(new Request('app://kiosk/missing.js'))).status).toBe(404);
    expect((await handler!(new Request('app://kiosk/index.html', { method: 'POST', body: 'x' }))).status).toBe(405);
  });
});
