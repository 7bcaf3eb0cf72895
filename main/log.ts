/**
 * Structured JSON-lines logging. Events carry only fields a log may hold: never passwords, OTPs,
 * ID numbers, names, phones or tokens. `redact` is the second line of defence for a field that
 * slips in by mistake.
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type LogFields = Record<string, string | number | boolean | null | undefined>;

export interface Logger {
  debug(event: string, fields?: LogFields): void;
  info(event: string, fields?: LogFields): void;
  warn(event: string, fields?: LogFields): void;
  error(event: string, fields?: LogFields): void;
}

const sensitiveKey = /pass|otp|token|secret|citizen|phone|name|email|address|username|id_?number|cccd|cmnd|authorization/i;
const longDigits = /\d{6,}/g;

export function redact(fields: LogFields = {}): LogFields {
  const out: LogFields = {};
  for (const [key, value] of Object.entries(fields)) {
    if (sensitiveKey.test(key)) out[key] = '[redacted]';
    else if (typeof value === 'string') out[key] = value.replace(longDigits, '[digits]');
    else out[key] = value;
  }
  return out;
}

const order: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export function buildLogger(opts: { level?: LogLevel; write?: (line: string) => void; component?: string } = {}): Logger {
  const min = order[opts.level ?? 'info'];
  const write = opts.write ?? ((line: string) => process.stderr.write(line + '\n'));
  const emit = (level: LogLevel) => (event: string, fields?: LogFields) => {
    if (order[level] < min) return;
    write(JSON.stringify({ t: new Date().toISOString(), level, component: opts.component, event, ...redact(fields) }));
  };
  return { debug: emit('debug'), info: emit('info'), warn: emit('warn'), error: emit('error') };
}

export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };

/**
 * The last lines logged, kept in memory for IT's "export logs" (the browser shell logs to stderr
 * only, and the Electron app's file may be on a disk that refused writes). Lines are what the
 * logger let through, so they hold no personal data either.
 */
export interface LogRing {
  push(line: string): void;
  lines(): readonly string[];
}

export function buildLogRing(max = 2000): LogRing {
  const kept: string[] = [];
  return {
    push(line) {
      kept.push(line);
      if (kept.length > max) kept.splice(0, kept.length - max);
    },
    lines: () => [...kept],
  };
}
