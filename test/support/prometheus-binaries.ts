import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

/**
 * Debian's Prometheus tools (`apt-get install prometheus prometheus-pushgateway`; .ci/run installs
 * them). A developer machine without them skips the tests that need them, with a message saying
 * how to get them; in CI (CI=true) a missing binary fails instead, so the tests cannot silently
 * stop running there.
 */
export type PrometheusBinary = 'promtool' | 'prometheus' | 'prometheus-pushgateway';

export function findBinary(name: PrometheusBinary): string | null {
  for (const dir of (process.env.PATH ?? '').split(delimiter).concat(['/usr/bin', '/usr/local/bin'])) {
    const path = join(dir, name);
    try {
      accessSync(path, constants.X_OK);
      return path;
    } catch {
      // not here
    }
  }
  return null;
}

export function requireBinaries(...names: PrometheusBinary[]): { found: Record<PrometheusBinary, string>; skip: string | null } {
  const found = {} as Record<PrometheusBinary, string>;
  const missing: string[] = [];
  for (const n of names) {
    const path = findBinary(n);
    if (path) found[n] = path;
    else missing.push(n);
  }
  if (missing.length === 0) return { found, skip: null };
  const message = `${missing.join(', ')} not installed: apt-get install -y prometheus prometheus-pushgateway`;
  if (process.env.CI) throw new Error(`CI must run the Prometheus tests, but ${message}`);
  return { found, skip: message };
}
