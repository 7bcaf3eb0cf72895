import { EnrolmentCode } from '../../common/provincial/device-schemas';
import { silentLogger } from '../log';
import { buildDeviceIdentity } from '../services/device/device-identity';
import { buildApiClock } from '../services/provincial-api/api-clock';
import { buildDeviceClient } from '../services/provincial-api/device-client';
import { buildRequestCore } from '../services/provincial-api/request-core';
import { openDeviceKey } from '../startup/device-key';
import { refusalText, StartRefusal } from '../startup/refusal';
import { exit, type AdminCommand } from './io';
import { kioskConfig, positional, shellKeys } from './kiosk-config';

/**
 * `kiosk-admin enrol CODE`: enrols this kiosk with the provincial API using the one-time code IT
 * got for it. The private key stays in the kiosk's key folder (made now if the kiosk never
 * started); a kiosk already enrolled gets a new key. A running kiosk takes it up by itself.
 */
export const enrolCommand: AdminCommand = {
  name: 'enrol',
  usage: 'enrol CODE',
  summary: 'Enrol this kiosk with the provincial API using a one-time code (e.g. ABCD-EFGH-JKMN).',
  async run(io) {
    const say = (line: string) => io.stdout.write(`${line}\n`);
    const complain = (line: string) => io.stderr.write(`${line}\n`);
    const code = EnrolmentCode.safeParse(positional(io.args)[0] ?? '');
    if (!code.success) {
      complain('Usage: kiosk-admin enrol CODE — the one-time code from the province, like ABCD-EFGH-JKMN.');
      return exit.usage;
    }
    const loaded = kioskConfig(io);
    if (!loaded.ok) return loaded.code;
    const { config } = loaded;
    if (config.mode === 'demo') {
      complain("This is a DEMO kiosk: it signs as the simulator's demo device and is never enrolled.");
      return exit.usage;
    }
    let opened;
    try {
      opened = openDeviceKey(config, shellKeys(io));
    } catch (e) {
      if (!(e instanceof StartRefusal)) throw e;
      complain(refusalText(e));
      return exit.config;
    }
    const api = config.api!;
    const identity = buildDeviceIdentity({ ...opened, kioskId: config.kioskId, apiBaseUrl: api.baseUrl, logger: silentLogger });
    const core = buildRequestCore({
      baseUrl: api.baseUrl,
      timeoutMs: api.timeoutMs,
      logger: silentLogger,
      signer: identity,
      clock: buildApiClock(),
      userAgent: `kiosk-dvc-admin/${config.kioskId}`,
    });
    const result = await identity.enrol(code.data, buildDeviceClient(core));
    if (result.ok) {
      const sealed = result.value.protection === 'os' ? 'sealed by the operating system' : 'owner-only file';
      say(`Enrolled ${config.kioskId} with ${api.baseUrl}.`);
      say(`Device key: ${opened.store.file} (${sealed}), fingerprint ${result.value.fingerprint}.`);
      say('A running kiosk takes this up within seconds; nothing to restart.');
      return exit.ok;
    }
    switch (result.error.code) {
      case 'enrolment_code_invalid':
        complain(
          `The API refused the code: it is wrong, already used, expired, or was issued for another kiosk than ${config.kioskId}. Ask for a new code for ${config.kioskId}.`,
        );
        return exit.dataErr;
      case 'storage_unavailable':
        complain(`Enrolled, but the key could not be saved in ${opened.store.dir}: check the folder, then enrol again with a new code.`);
        return exit.ioError;
      default:
        complain(
          `The provincial API at ${api.baseUrl} could not be reached or answered wrongly (${result.error.code}): check the network and api.baseUrl, then try again — the code is still good.`,
        );
        return exit.unavailable;
    }
  },
};
