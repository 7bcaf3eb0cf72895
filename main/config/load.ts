import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { KioskConfig } from './schema';

/** A config problem IT can fix: the message names the file and the field. */
export class ConfigError extends Error {
  constructor(
    readonly file: string,
    readonly field: string,
    readonly problem: string,
  ) {
    super(`${file}: ${field}: ${problem}`);
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
  ['KIOSK_DEVICE_SECRET', (c, v) => (c.device = { ...(c.device as object | undefined), secret: v }), 'device.secret'],
  ['KIOSK_DATA_KEY_FILE', (c, v) => (c.dataKey = { ...(c.dataKey as object | undefined), file: v }), 'dataKey.file'],
  ['KIOSK_PORT', (c, v) => (c.web = { ...(c.web as object | undefined), port: numberOrRaw(v) }), 'web.port'],
];

function numberOrRaw(v: string): number | string {
  return /^\d+$/.test(v.trim()) ? Number(v) : v;
}

export function loadConfig(sources: ConfigSources): KioskConfig {
  const explicit = flag(sources.argv, '--config') ?? sources.env.KIOSK_CONFIG;
  const file = explicit ? resolve(explicit) : resolve(sources.defaultConfigDir, 'kiosk.config.json');
  const label = explicit || existsSync(file) ? file : '(no config file)';

  let raw: Record<string, unknown> = {};
  if (explicit && !existsSync(file)) throw new ConfigError(file, '(file)', 'the file does not exist');
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
  const baseDir = existsSync(file) ? dirname(file) : process.cwd();
  const dataDir = result.data.dataDir ? resolve(baseDir, result.data.dataDir) : sources.defaultDataDir;
  const dataKey = { ...result.data.dataKey, ...(result.data.dataKey.file ? { file: resolve(baseDir, result.data.dataKey.file) } : {}) };
  return { ...result.data, dataDir, dataKey, configFile: existsSync(file) ? file : null };
}
