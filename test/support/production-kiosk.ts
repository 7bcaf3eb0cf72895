import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Backend } from '../../main/backend';
import { silentLogger, type Logger } from '../../main/log';
import { fileOnlySealers } from '../../main/keys/sealer';
import { StartRefusal } from '../../main/startup/refusal';
import { startKiosk } from '../../main/startup/start-kiosk';
import { staffConfig, TEST_CLERK, TEST_IT } from './staff';

/** The data key IT would give a production browser-shell kiosk (README, "Data key"). */
export const TEST_DATA_KEY_HEX = createHash('sha256').update('kiosk-dvc production test data key').digest('hex');

/** Where a production kiosk started by `startProductionKiosk` keeps its device key. */
export const deviceKeyFile = (dir: string) => join(dir, 'data-keys', 'device-key.json');

/**
 * A production kiosk backend in this process, through the shells' start path: its own config
 * file, data folder and device key folder under `dir`, the key in an owner-only file (as the
 * browser shell keeps it), no DEMO parts. Started again on the same `dir`, it is the same kiosk.
 */
export function startProductionKiosk(opts: {
  dir: string;
  apiBaseUrl: string;
  kioskId?: string;
  config?: Record<string, unknown>;
  logger?: Logger;
}): Promise<Backend> {
  mkdirSync(opts.dir, { recursive: true });
  const configFile = join(opts.dir, 'kiosk.config.json');
  writeFileSync(
    configFile,
    JSON.stringify({
      api: { baseUrl: opts.apiBaseUrl, timeoutMs: 3000 },
      kioskId: opts.kioskId ?? 'BMT-MOTCUA-01',
      staff: staffConfig([TEST_CLERK, TEST_IT]),
      sync: { healthIntervalSeconds: 1 },
      monitoring: { heartbeatIntervalSeconds: 0 },
      ...opts.config,
    }),
  );
  return startKiosk({
    argv: ['--config', configFile],
    // A production browser-shell kiosk does not make its own data key: IT gives it one.
    env: { KIOSK_DATA_KEY: TEST_DATA_KEY_HEX },
    defaultDataDir: join(opts.dir, 'data'),
    defaultConfigDir: opts.dir,
    loadDemo: async () => {
      throw new StartRefusal('demo_unavailable', 'not in this test');
    },
    keys: { sealerFor: fileOnlySealers, defaultProtection: 'file' },
    shell: 'test',
    resourcesDir: resolve('resources'),
    logger: opts.logger ?? silentLogger,
  });
}

/** IT's side of enrolment, through the simulator's controls: a one-time code for a kiosk name. */
export async function issueEnrolmentCode(simUrl: string, kioskId = 'BMT-MOTCUA-01'): Promise<string> {
  const res = await fetch(`${simUrl}/__sim/enrolment-codes`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ kioskId }),
  });
  if (res.status !== 201) throw new Error(`enrolment code: ${res.status}`);
  return ((await res.json()) as { code: string }).code;
}

export async function revoke(simUrl: string, deviceId = 'BMT-MOTCUA-01'): Promise<void> {
  const res = await fetch(`${simUrl}/__sim/devices/${deviceId}/revoke`, { method: 'POST' });
  if (res.status !== 204) throw new Error(`revoke: ${res.status}`);
}
