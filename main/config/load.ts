import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { StartRefusal } from '../startup/refusal';
import { productionProblem } from './production';
import { DEMO_KIOSK_ID, KioskConfig, type KioskMode } from './schema';

/** A config problem IT can fix: the message names the file and the field. */
export class ConfigError extends StartRefusal {
  constructor(
    readonly file: string,
    readonly field: string,
    readonly problem: string,
    code = 'config_invalid',
  ) {
    super(code, `${file}: ${field}: ${problem}`);
    this.name = 'ConfigError';
  }
}

export interface ConfigSources {
  argv: readonly string[];
  env: NodeJS.ProcessEnv;
  /** Where data lives when neither the file nor the environment says. */
  defaultDataDir: string;
  /** Where to look for kiosk.config.json when no --config / KIOSK_CONFIG is given. */
  defaultConfigDir: string;
  /** The device key's folder when the config does not say; default: `<dataDir>-keys`, beside the data key. */
  defaultKeyDir?: string;
}

function flag(argv: readonly string[], name: string): string | undefined {
  const i = argv.indexOf(name);
  if (i >= 0) return argv[i + 1];
  const prefix = `${name}=`;
  return argv.find((a) => a.startsWith(prefix))?.slice(prefix.length);
}

/** Environment overrides, applied over the file. Each maps to one config field. */
const envFields: ReadonlyArray<[string, (raw: Record<string, unknown>, v: string) => void, string]> = [
  ['KIOSK_API_BASE_URL', (c, v) => (c.api = { ...(c.api as object | undefined), baseUrl: v }), 'api.baseUrl'],
  ['KIOSK_ID', (c, v) => (c.kioskId = v), 'kioskId'],
  ['KIOSK_DATA_DIR', (c, v) => (c.dataDir = v), 'dataDir'],
  ['KIOSK_LOCALE', (c, v) => (c.locale = v), 'locale'],
  ['KIOSK_IDLE_TIMEOUT_SECONDS', (c, v) => (c.idleTimeoutSeconds = numberOrRaw(v)), 'idleTimeoutSeconds'],
  ['KIOSK_IDLE_WARNING_SECONDS', (c, v) => (c.idleWarningSeconds = numberOrRaw(v)), 'idleWarningSeconds'],
  ['KIOSK_KEYBOARD', (c, v) => (c.keyboard = v), 'keyboard'],
  ['KIOSK_DEVICE_KEY_DIR', (c, v) => (c.device = { ...(c.device as object | undefined), keyDir: v }), 'device.keyDir'],
  ['KIOSK_DATA_KEY_FILE', (c, v) => (c.dataKey = { ...(c.dataKey as object | undefined), file: v }), 'dataKey.file'],
  ['KIOSK_PORT', (c, v) => (c.web = { ...(c.web as object | undefined), port: numberOrRaw(v) }), 'web.port'],
];

function numberOrRaw(v: string): number | string {
  return /^\d+$/.test(v.trim()) ? Number(v) : v;
}

/** `--demo` on the command line: the README's `npm start` and `npm run start:web` pass it. */
export const demoRequested = (argv: readonly string[]): boolean => argv.includes('--demo');

/**
 * Reads kiosk.config.json, the environment and the command line into the configuration the
 * kiosk runs with, and decides its mode. DEMO mode only when asked (`--demo` or `"mode": "demo"`);
 * otherwise the kiosk is in production and refuses to start (ConfigError, exit 78) without what
 * production needs (./production.ts).
 */
export function loadConfig(sources: ConfigSources): KioskConfig {
  const explicit = flag(sources.argv, '--config') ?? sources.env.KIOSK_CONFIG;
  const file = explicit ? resolve(explicit) : resolve(sources.defaultConfigDir, 'kiosk.config.json');
  const label = explicit || existsSync(file) ? file : '(no config file)';
  const demoFlag = demoRequested(sources.argv);

  let raw: Record<string, unknown> = {};
  if (explicit && !existsSync(file)) throw new ConfigError(file, '(file)', 'the file does not exist');
  if (!existsSync(file) && !demoFlag) {
    throw new ConfigError(
      file,
      '(file)',
      'no configuration file: a production kiosk needs one (README, "Production configuration"); to try the kiosk without one, start it with --demo',
      'config_missing',
    );
  }
  if (existsSync(file)) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(readFileSync(file, 'utf8'));
    } catch (e) {
      throw new ConfigError(file, '(file)', `not valid JSON (${(e as Error).message})`);
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      throw new ConfigError(file, '(file)', 'must be a JSON object');
    }
    raw = { ...(parsed as Record<string, unknown>) };
    delete raw.$schema;
    delete raw.$comment;
  }
  const legacyDevice = raw.device as { id?: unknown; secret?: unknown } | undefined;
  if (legacyDevice?.secret !== undefined || legacyDevice?.id !== undefined || sources.env.KIOSK_DEVICE_SECRET) {
    throw new ConfigError(
      sources.env.KIOSK_DEVICE_SECRET ? `${label} (or KIOSK_DEVICE_SECRET)` : label,
      legacyDevice?.secret !== undefined || sources.env.KIOSK_DEVICE_SECRET ? 'device.secret' : 'device.id',
      'shared device secrets are no longer used: remove device.id and device.secret (and KIOSK_DEVICE_SECRET), then enrol this kiosk with a one-time code (README, "Enrolment")',
      'legacy_device_secret',
    );
  }

  for (const [name, apply] of envFields) {
    const v = sources.env[name];
    if (v !== undefined && v !== '') apply(raw, v);
  }
  const portFlag = flag(sources.argv, '--port');
  if (portFlag !== undefined) raw.web = { ...(raw.web as object | undefined), port: numberOrRaw(portFlag) };

  const result = KioskConfig.safeParse(raw);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const field = issue.path.join('.') || '(root)';
    const envName = envFields.find(([, , f]) => f === field)?.[0];
    const where = envName && sources.env[envName] !== undefined ? `${label} (or ${envName})` : label;
    throw new ConfigError(where, field, issue.message);
  }
  const parsed = result.data;
  if (demoFlag && parsed.mode === 'production') {
    throw new ConfigError(label, 'mode', 'says "production" but the kiosk was started with --demo: remove one of them');
  }
  const mode: KioskMode = demoFlag || parsed.mode === 'demo' ? 'demo' : 'production';
  if (mode === 'production') {
    const problem = productionProblem(parsed);
    if (problem) throw new ConfigError(label, problem.field, problem.problem, problem.code);
  }
  const baseDir = existsSync(file) ? dirname(file) : process.cwd();
  const dataDir = parsed.dataDir ? resolve(baseDir, parsed.dataDir) : sources.defaultDataDir;
  const keyDir = parsed.device.keyDir ? resolve(baseDir, parsed.device.keyDir) : (sources.defaultKeyDir ?? `${dataDir}-keys`);
  const dataKey = { ...parsed.dataKey, ...(parsed.dataKey.file ? { file: resolve(baseDir, parsed.dataKey.file) } : {}) };
  return {
    ...parsed,
    mode,
    kioskId: parsed.kioskId ?? DEMO_KIOSK_ID,
    dataDir,
    dataKey,
    device: { ...parsed.device, keyDir },
    configFile: existsSync(file) ? file : null,
  };
}
