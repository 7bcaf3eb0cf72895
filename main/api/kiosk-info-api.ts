import { kioskError } from '../../common/errors';
import { err, ok } from '../../common/result';
import type { kioskContract } from '../../common/contract/kiosk';
import type { KioskConfig } from '../config/schema';
import type { Visit } from '../services/visit/visit';
import type { DemoPhone } from '../startup/demo-parts';
import type { HandlersOf } from './dispatch';

export function buildKioskInfoApi(deps: { config: KioskConfig; demoPhone: DemoPhone | null; visit: Visit }): HandlersOf<typeof kioskContract> {
  const { config, demoPhone } = deps;
  return {
    'kiosk.info': async () =>
      ok({
        kioskId: config.kioskId,
        demo: demoPhone !== null,
        locale: config.locale,
        idleTimeoutSeconds: config.idleTimeoutSeconds,
        idleWarningSeconds: config.idleWarningSeconds,
        keyboard: config.keyboard,
        toneStyle: config.toneStyle,
        cameraDeviceLabel: config.cameraDeviceLabel,
      }),
    'visit.end': async ({ reason }) => {
      await deps.visit.end(reason);
      return ok({});
    },
    'demo.smsInbox': async () => (demoPhone ? demoPhone.inbox() : err(kioskError('not_in_demo_mode'))),
  };
}
