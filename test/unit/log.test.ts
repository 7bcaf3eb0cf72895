import { describe, expect, it } from 'vitest';
import { buildLogger, redact } from '../../main/log';

describe('logs carry no personal data', () => {
  it('redacts sensitive keys and long digit runs wherever they appear', () => {
    expect(redact({ password: 'x', otp: '123456', citizenId: '066185000123', method: 'auth.startLogin', note: 'id 066185000123' })).toEqual({
      password: '[redacted]',
      otp: '[redacted]',
      citizenId: '[redacted]',
      method: 'auth.startLogin',
      note: 'id [digits]',
    });
  });

  it('writes one JSON line per event', () => {
    const lines: string[] = [];
    buildLogger({ write: (l) => lines.push(l) }).info('x', { phone: '0912345678', status: 200 });
    expect(JSON.parse(lines[0]!)).toMatchObject({ level: 'info', event: 'x', phone: '[redacted]', status: 200 });
  });
});
