import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { columnsOf } from '../../common/receipt/wrap';
import { loadConfig } from '../../main/config/load';
import { safeUrl, summariseConfig } from '../../main/services/diagnostics/config-summary';
import { scrubLines } from '../../main/services/diagnostics/export-logs';
import { judgeApi, judgeClock, judgeDisk, judgeEnrolment, judgePrinter } from '../../main/services/diagnostics/judge';
import { ALL_VIETNAMESE_LETTERS, testPageLayout } from '../../main/services/diagnostics/test-page';
import { zip } from '../../main/services/diagnostics/zip';
import { staffConfig, TEST_CLERK, TEST_IT } from '../support/staff';
import { readZip } from '../support/zip';

describe("IT's checks, judged", () => {
  it('the clock fails beyond a minute either way, and is unknown until the API answered', () => {
    expect(judgeClock(null)).toEqual({ status: 'unknown', offsetSeconds: null, limitSeconds: 60 });
    expect(judgeClock(59_900).status).toBe('ok');
    expect(judgeClock(-59_900).status).toBe('ok');
    expect(judgeClock(60_100)).toMatchObject({ status: 'fail', offsetSeconds: 60.1 });
    expect(judgeClock(-600_000)).toMatchObject({ status: 'fail', offsetSeconds: -600 });
  });

  it('the disk fails at or below its floor, and when it cannot be read', () => {
    expect(judgeDisk(301 * 2 ** 20, 300 * 2 ** 20).status).toBe('ok');
    expect(judgeDisk(300 * 2 ** 20, 300 * 2 ** 20).status).toBe('fail');
    expect(judgeDisk(null, 300 * 2 ** 20).status).toBe('fail');
  });

  it('a configured printer fails when it cannot print, warns with paper low; none configured is only a warning', () => {
    const net = { type: 'network' as const, target: '10.0.0.5:9100' };
    expect(judgePrinter(net, { ready: true, problems: [], paperLow: false }).status).toBe('ok');
    expect(judgePrinter(net, { ready: true, problems: [], paperLow: true })).toMatchObject({ status: 'warn', paperLow: true });
    expect(judgePrinter(net, { ready: false, problems: ['cover_open'], paperLow: false })).toMatchObject({ status: 'fail', problems: ['cover_open'] });
    expect(judgePrinter(net, { ready: false, problems: [], paperLow: false })).toMatchObject({ status: 'fail', problems: ['error'] });
    expect(judgePrinter({ type: 'none', target: null }, null).status).toBe('warn');
  });

  it('the API fails on every way it can fail, with what happened', () => {
    expect(judgeApi({ ok: true })).toEqual({ status: 'ok', problem: null, httpStatus: null });
    expect(judgeApi({ ok: false, error: { kind: 'network' } })).toMatchObject({ status: 'fail', problem: 'unreachable' });
    expect(judgeApi({ ok: false, error: { kind: 'timeout' } })).toMatchObject({ status: 'fail', problem: 'timeout' });
    expect(judgeApi({ ok: false, error: { kind: 'api', status: 503, code: 'internal' } })).toMatchObject({ status: 'fail', problem: 'error_status', httpStatus: 503 });
    expect(judgeApi({ ok: false, error: { kind: 'bad_response', status: 200 } })).toMatchObject({ status: 'fail', problem: 'bad_answer', httpStatus: 200 });
  });

  it('only an enrolled (or DEMO) kiosk passes its enrolment check', () => {
    expect(judgeEnrolment('enrolled')).toBe('ok');
    expect(judgeEnrolment('demo')).toBe('ok');
    for (const s of ['not_enrolled', 'revoked', 'refused'] as const) expect(judgeEnrolment(s)).toBe('fail');
  });
});

describe('the configuration summary', () => {
  const secretish = fc.stringMatching(/^[A-Za-z0-9]{16,40}$/);
  it('never carries a PIN hash, a bearer token, or credentials and queries in URLs (property)', () => {
    fc.assert(
      fc.property(secretish, secretish, secretish, (token, user, query) => {
        const dir = mkdtempSync(join(tmpdir(), 'kiosk-summary-'));
        writeFileSync(
          join(dir, 'kiosk.config.json'),
          JSON.stringify({
            api: { baseUrl: `https://${user}:${token}@api.example.vn/v?k=${query}` },
            kioskId: 'BMT-MOTCUA-01',
            staff: staffConfig([TEST_CLERK, TEST_IT]),
            monitoring: { metrics: { bearerToken: token }, pushgateway: { url: `https://${user}:${token}@push.example.vn/?t=${query}` } },
            update: { url: `https://updates.example.vn/?token=${token}` },
          }),
        );
        const config = loadConfig({ argv: [], env: {}, defaultDataDir: join(dir, 'data'), defaultConfigDir: dir });
        rmSync(dir, { recursive: true, force: true });
        const text = JSON.stringify(summariseConfig(config));
        expect(text).not.toContain(token);
        expect(text).not.toContain(user);
        expect(text).not.toContain(query);
        expect(text).not.toMatch(/scrypt\$/);
        expect(text).toContain('https://api.example.vn/v');
      }),
      { numRuns: 15 },
    );
  });

  it('a URL that is not one shows as such', () => {
    expect(safeUrl('not a url')).toBe('(invalid URL)');
  });
});

describe('the log export', () => {
  it('keeps log lines, redacts a field that slipped past the logger, drops anything that is not a log line', () => {
    const out = scrubLines([
      JSON.stringify({ t: '2026-12-01T03:00:00.000Z', level: 'info', event: 'a', count: 3 }),
      JSON.stringify({ t: '2026-12-01T03:00:01.000Z', level: 'warn', event: 'b', phone: '0912345678', note: 'CCCD 066190000123' }),
      'TypeError: x is undefined at 066190000123',
      '{"broken": ',
      '[1,2,3]',
    ]).trim().split('\n');
    expect(out).toHaveLength(2);
    expect(JSON.parse(out[0]!)).toEqual({ t: '2026-12-01T03:00:00.000Z', level: 'info', event: 'a', count: 3 });
    expect(JSON.parse(out[1]!)).toEqual({ t: '2026-12-01T03:00:01.000Z', level: 'warn', event: 'b', phone: '[redacted]', note: 'CCCD [digits]' });
  });

  it('writes a zip whose entries read back byte for byte, names in UTF-8 (property)', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.record({ name: fc.stringMatching(/^[a-zđăâêôơư0-9_]{1,12}\.(log|json)$/), data: fc.string({ maxLength: 3000 }) }), { selector: (e) => e.name, maxLength: 6 }),
        (entries) => {
          const bytes = zip(entries.map((e) => ({ name: e.name, data: Buffer.from(e.data) })), new Date('2026-12-01T03:04:05Z'));
          const back = readZip(bytes);
          expect([...back.entries()]).toEqual(entries.map((e) => [e.name, e.data]));
        },
      ),
      { numRuns: 50 },
    );
  });
});

describe("IT's test page", () => {
  it('carries every Vietnamese vowel with every tone, a QR code and the kiosk, within the paper width', () => {
    for (const paper of [58, 80] as const) {
      const page = testPageLayout({ kioskId: 'BMT-MOTCUA-01', paperWidthMm: paper, at: new Date('2026-12-01T03:00:00Z') });
      const text = page.lines.flatMap((l) => (l.kind === 'text' ? [l.text] : []));
      for (const line of text) expect(columnsOf(line)).toBeLessThanOrEqual(page.columns);
      const joined = text.join(' ').replace(/\s+/g, ' ');
      for (const letter of ALL_VIETNAMESE_LETTERS.split(' ').join('')) expect(joined).toContain(letter);
      expect(joined).toContain('BMT-MOTCUA-01');
      expect(page.lines).toContainEqual({ kind: 'qr', payload: 'KIOSK-TEST:BMT-MOTCUA-01' });
    }
    expect(new Set([...ALL_VIETNAMESE_LETTERS.replace(/ /g, '')]).size).toBe(72);
  });
});
