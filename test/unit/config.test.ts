import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../main/config/load';

function dirWith(config?: unknown): string {
  const dir = mkdtempSync(join(tmpdir(), 'kiosk-config-'));
  if (config !== undefined) writeFileSync(join(dir, 'kiosk.config.json'), typeof config === 'string' ? config : JSON.stringify(config));
  return dir;
}

/** Parsing is the same in both modes; DEMO mode (`--demo`) asks nothing more of the file. */
function load(dir: string, env: NodeJS.ProcessEnv = {}, argv: string[] = ['--demo']) {
  return loadConfig({ argv, env, defaultDataDir: join(dir, 'data'), defaultConfigDir: dir });
}

function configError(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (e) {
    if (e instanceof ConfigError) return e;
    throw e;
  }
  throw new Error('expected a ConfigError');
}

describe('kiosk configuration', () => {
  it('with --demo and no file at all, runs in DEMO mode on defaults', () => {
    const dir = dirWith();
    const c = load(dir);
    expect(c.api).toBeUndefined();
    expect(c).toMatchObject({ mode: 'demo', kioskId: 'KIOSK-DEMO-01', locale: 'vi', idleTimeoutSeconds: 120, keyboard: 'auto', printer: { type: 'none' } });
    expect(c.dataDir).toBe(join(dir, 'data'));
    expect(c.configFile).toBeNull();
  });

  it('reads the file, resolves a relative dataDir against it, fills printer defaults', () => {
    const dir = dirWith({
      api: { baseUrl: 'https://api.dichvucong.example.vn' },
      kioskId: 'BMT-01',
      dataDir: 'store',
      printer: { type: 'network', host: '192.0.2.10' },
    });
    const c = load(dir, {}, []);
    expect(c.mode).toBe('production');
    expect(c.api).toEqual({ baseUrl: 'https://api.dichvucong.example.vn', timeoutMs: 15000 });
    expect(c.dataDir).toBe(join(dir, 'store'));
    expect(c.printer).toEqual({ type: 'network', host: '192.0.2.10', port: 9100, paperWidthMm: 80, encoding: 'wpc1258', codePage: 52 });
  });

  it('environment overrides win over the file, and --port over KIOSK_PORT', () => {
    const dir = dirWith({ kioskId: 'FILE-01', locale: 'vi' });
    const c = load(dir, { KIOSK_ID: 'ENV-01', KIOSK_LOCALE: 'en', KIOSK_IDLE_TIMEOUT_SECONDS: '300', KIOSK_PORT: '9000' }, ['--demo', '--port', '9001']);
    expect(c).toMatchObject({ kioskId: 'ENV-01', locale: 'en', idleTimeoutSeconds: 300, web: { port: 9001 } });
  });

  it('a bad value is named by its field, not a crash', () => {
    expect(configError(() => load(dirWith({ idleTimeoutSeconds: 5 }))).field).toBe('idleTimeoutSeconds');
    expect(configError(() => load(dirWith({ api: { baseUrl: 'ftp://x' } }))).field).toBe('api.baseUrl');
    expect(configError(() => load(dirWith({ printer: { type: 'network' } }))).field).toBe('printer.host');
    expect(configError(() => load(dirWith({ locale: 'fr' }))).message).toMatch(/kiosk\.config\.json: locale: /);
  });

  it('reads the work calendar, and names a day that does not exist', () => {
    const c = load(dirWith({ workCalendar: { daysOff: ['2026-02-16', '2026-04-27'], extraWorkingDays: ['2026-01-10'] } }));
    expect(c.workCalendar).toEqual({ daysOff: ['2026-02-16', '2026-04-27'], extraWorkingDays: ['2026-01-10'] });
    expect(load(dirWith()).workCalendar).toEqual({ daysOff: [], extraWorkingDays: [] });
    const e = configError(() => load(dirWith({ workCalendar: { daysOff: ['2026-02-30'] } })));
    expect(e.field).toBe('workCalendar.daysOff.0');
    expect(e.message).toMatch(/not a real date/);
    expect(configError(() => load(dirWith({ workCalendar: { daysOff: ['16/02/2026'] } }))).message).toMatch(/yyyy-mm-dd/);
  });

  it('an unknown field is refused so a typo does not silently fall back to a default', () => {
    const e = configError(() => load(dirWith({ idleTimeoutSecond: 60 })));
    expect(e.message).toMatch(/idleTimeoutSecond/);
  });

  it('a file that is not JSON, or a --config that does not exist, gets a clear error', () => {
    expect(configError(() => load(dirWith('{ "kioskId": '))).field).toBe('(file)');
    expect(configError(() => load(dirWith(), {}, ['--demo', '--config', '/nonexistent/kiosk.json'])).problem).toMatch(/does not exist/);
  });

  it('a bad environment override names the variable', () => {
    const e = configError(() => load(dirWith(), { KIOSK_IDLE_TIMEOUT_SECONDS: 'soon' }));
    expect(e.field).toBe('idleTimeoutSeconds');
    expect(e.message).toMatch(/KIOSK_IDLE_TIMEOUT_SECONDS/);
  });

  it('deletes a picked file from its folder unless IT says move (with a place) or keep', () => {
    const folder = { id: 'scan', label: 'Máy quét', path: '/srv/scans' };
    expect(load(dirWith({ attachments: { folders: [folder] } })).attachments.afterPick).toBe('delete');
    const c = load(dirWith({ attachments: { afterPick: 'move', moveTo: '/srv/picked', folders: [folder, { id: 'usb', label: 'USB', path: '/media/usb', afterPick: 'keep' }] } }));
    expect(c.attachments).toMatchObject({ afterPick: 'move', moveTo: '/srv/picked', folders: [folder, { afterPick: 'keep' }] });
    const noPlace = configError(() => load(dirWith({ attachments: { folders: [{ ...folder, afterPick: 'move' }] } })));
    expect(noPlace.field).toBe('attachments.folders.0.moveTo');
    expect(noPlace.message).toMatch(/needs moveTo/);
    expect(configError(() => load(dirWith({ attachments: { afterPick: 'move', moveTo: '/srv/scans/', folders: [folder] } }))).message).toMatch(/not be the folder itself/);
    expect(configError(() => load(dirWith({ attachments: { afterPick: 'shred' } }))).field).toBe('attachments.afterPick');
  });

  it('reads where the data key is kept (relative to the file, or KIOSK_DATA_KEY_FILE) and how a new one is sealed', () => {
    const dir = dirWith({ dataKey: { file: 'keys/data.key', protection: 'file' } });
    expect(load(dir).dataKey).toEqual({ file: join(dir, 'keys/data.key'), protection: 'file' });
    expect(load(dir, { KIOSK_DATA_KEY_FILE: '/etc/kiosk-dvc/data.key' }).dataKey.file).toBe('/etc/kiosk-dvc/data.key');
    expect(load(dirWith()).dataKey).toEqual({});
    expect(configError(() => load(dirWith({ dataKey: { protection: 'tpm' } }))).field).toBe('dataKey.protection');
  });

  it('retention: a short default for accepted dossiers, a longer limit for unaccepted ones, as IT sets', () => {
    expect(load(dirWith()).retention).toEqual({ acceptedDays: 7, unaccepted: { flagAfterDays: 14, limitDays: 60, action: 'erase' } });
    const c = load(dirWith({ retention: { acceptedDays: 3, unaccepted: { flagAfterDays: 5, limitDays: 30, action: 'keep' } } }));
    expect(c.retention).toEqual({ acceptedDays: 3, unaccepted: { flagAfterDays: 5, limitDays: 30, action: 'keep' } });
    expect(configError(() => load(dirWith({ retention: { unaccepted: { flagAfterDays: 60, limitDays: 30 } } }))).field).toBe('retention.unaccepted.flagAfterDays');
  });

  it('an older config’s sync.attachmentRetentionDays keeps working (as retention.acceptedDays); both at once is refused', () => {
    expect(load(dirWith({ sync: { attachmentRetentionDays: 30 } })).retention.acceptedDays).toBe(30);
    const both = configError(() => load(dirWith({ sync: { attachmentRetentionDays: 30 }, retention: { acceptedDays: 7 } })));
    expect(both.field).toBe('sync.attachmentRetentionDays');
    expect(both.problem).toContain('retention.acceptedDays');
  });

  it('reads one account per staff member, and refuses the old shared clerk PIN saying what to write instead', () => {
    const pinHash = 'scrypt$16384$8$1$c2FsdHNhbHRzYWx0c2FsdA==$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g=';
    const c = load(dirWith({ staff: [{ id: 'lan', name: 'Nguyễn Thị Lan', role: 'clerk', pinHash }, { id: 'quan', name: 'Trần Minh Quân', role: 'it', pinHash }] }));
    expect(c.staff?.map((a) => [a.id, a.role])).toEqual([['lan', 'clerk'], ['quan', 'it']]);
    for (const old of [{ clerkPin: '2468' }, { clerkPinHash: pinHash }]) {
      const e = configError(() => load(dirWith(old)));
      expect(e.field).toBe(Object.keys(old)[0]);
      expect(e.problem).toMatch(/no longer supported.*"staff".*kiosk-admin hash-pin/);
    }
    expect(configError(() => load(dirWith({ staff: [{ id: 'lan', name: 'Lan', role: 'clerk', pinHash: '246810' }] }))).message).toMatch(/kiosk-admin hash-pin/);
    expect(configError(() => load(dirWith({ staff: [{ id: 'lan', name: 'Lan', role: 'boss', pinHash }] }))).field).toBe('staff.0.role');
    expect(configError(() => load(dirWith({ staff: [{ id: 'lan', name: 'A', role: 'clerk', pinHash }, { id: 'lan', name: 'B', role: 'it', pinHash }] }))).message).toMatch(/unique/);
  });

  it('the warning must be shorter than the idle timeout', () => {
    expect(configError(() => load(dirWith({ idleTimeoutSeconds: 60, idleWarningSeconds: 60 }))).field).toBe('idleWarningSeconds');
    expect(configError(() => load(dirWith(), { KIOSK_IDLE_TIMEOUT_SECONDS: '60', KIOSK_IDLE_WARNING_SECONDS: '90' })).message).toMatch(/KIOSK_IDLE_WARNING_SECONDS/);
  });

  it('the shortest timeout alone starts the kiosk: the warning is derived from it when not set', () => {
    expect(load(dirWith(), { KIOSK_IDLE_TIMEOUT_SECONDS: '30' })).toMatchObject({ idleTimeoutSeconds: 30, idleWarningSeconds: 10 });
    expect(load(dirWith({ idleTimeoutSeconds: 45 }))).toMatchObject({ idleTimeoutSeconds: 45, idleWarningSeconds: 15 });
    expect(load(dirWith())).toMatchObject({ idleTimeoutSeconds: 120, idleWarningSeconds: 30 });
    expect(load(dirWith({ idleTimeoutSeconds: 600 }))).toMatchObject({ idleWarningSeconds: 30 });
    // Set explicitly, by the file or the environment, it is what IT set.
    expect(load(dirWith({ idleTimeoutSeconds: 30, idleWarningSeconds: 20 }))).toMatchObject({ idleWarningSeconds: 20 });
    expect(load(dirWith(), { KIOSK_IDLE_TIMEOUT_SECONDS: '40', KIOSK_IDLE_WARNING_SECONDS: '25' })).toMatchObject({ idleWarningSeconds: 25 });
    for (let timeout = 30; timeout <= 3600; timeout += 7) {
      const c = load(dirWith({ idleTimeoutSeconds: timeout }));
      expect(c.idleWarningSeconds).toBeLessThan(c.idleTimeoutSeconds);
      expect(c.idleWarningSeconds).toBeGreaterThanOrEqual(10);
    }
  });
});

describe('production mode fails closed', () => {
  const production = {
    api: { baseUrl: 'https://api.dichvucong.example.vn' },
    kioskId: 'BMT-MOTCUA-01',
  };
  const refusal = (config: unknown, env: NodeJS.ProcessEnv = {}, argv: string[] = []) => configError(() => load(dirWith(config), env, argv));

  it('without --demo or "mode": "demo", no configuration file is a refusal that says how to get one or the demo', () => {
    const e = configError(() => load(dirWith(), {}, []));
    expect(e).toMatchObject({ code: 'config_missing', exitCode: 78, field: '(file)' });
    expect(e.message).toMatch(/kiosk\.config\.json: \(file\): no configuration file: .*--demo/);
  });

  it('"mode": "demo" in the file selects DEMO mode as --demo does; "production" with --demo is a contradiction', () => {
    expect(load(dirWith({ mode: 'demo' }), {}, []).mode).toBe('demo');
    expect(refusal({ ...production, mode: 'production' }, {}, ['--demo']).field).toBe('mode');
  });

  it('a complete production configuration starts in production mode', () => {
    expect(load(dirWith(production), {}, [])).toMatchObject({ mode: 'production', kioskId: 'BMT-MOTCUA-01' });
  });

  it('no API, or an API over plain http:// other than loopback, is a refusal naming api.baseUrl', () => {
    const { api: _, ...noApi } = production;
    expect(refusal(noApi)).toMatchObject({ code: 'api_missing', field: 'api.baseUrl', exitCode: 78 });
    const insecure = refusal({ ...production, api: { baseUrl: 'http://api.dichvucong.example.vn' } });
    expect(insecure).toMatchObject({ code: 'api_insecure', field: 'api.baseUrl' });
    expect(insecure.message).toMatch(/https:\/\//);
    expect(load(dirWith({ ...production, api: { baseUrl: 'http://127.0.0.1:8787' } }), {}, []).mode).toBe('production');
    expect(refusal({ ...production, api: { baseUrl: 'http://127.0.0.1.example.vn' } }).code).toBe('api_insecure');
  });

  it('a kiosk without its own name, or with the demo\'s, is refused', () => {
    const { kioskId: _, ...noName } = production;
    expect(refusal(noName)).toMatchObject({ code: 'kiosk_id_missing', field: 'kioskId' });
    expect(refusal({ ...production, kioskId: 'KIOSK-DEMO-01' })).toMatchObject({ code: 'demo_credential', field: 'kioskId' });
  });

  it('a shared device secret (the old scheme) is refused with what to do instead, from the file or the environment', () => {
    const fromFile = refusal({ ...production, device: { id: 'BMT-MOTCUA-01', secret: 's'.repeat(40) } });
    expect(fromFile).toMatchObject({ code: 'legacy_device_secret', field: 'device.secret', exitCode: 78 });
    expect(fromFile.message).toMatch(/enrol this kiosk with a one-time code/);
    expect(refusal(production, { KIOSK_DEVICE_SECRET: 's'.repeat(40) }).message).toMatch(/KIOSK_DEVICE_SECRET/);
  });

  it('the device key folder defaults to <dataDir>-keys (beside the data key, outside the data folder), and a relative keyDir is resolved against the config file', () => {
    const dir = dirWith(production);
    expect(load(dir, {}, []).device.keyDir).toBe(`${join(dir, 'data')}-keys`);
    expect(load(dirWith({ ...production, device: { keyDir: 'keys', keyProtection: 'file' } }), {}, []).device).toMatchObject({ keyProtection: 'file' });
    const other = dirWith({ ...production, device: { keyDir: 'keys' } });
    expect(load(other, {}, []).device.keyDir).toBe(join(other, 'keys'));
  });
});
