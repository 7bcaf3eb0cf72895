import { ok } from '../../common/result';
import type { presenceContract } from '../../common/contract/presence';
import type { Presence } from '../services/health/presence';
import type { HandlersOf } from './dispatch';

export function buildPresenceApi(deps: { presence: Presence }): HandlersOf<typeof presenceContract> {
  return {
    'kiosk.presence': async ({ state }) => {
      deps.presence.report(state);
      return ok({});
    },
  };
}
