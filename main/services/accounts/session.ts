import type { CitizenProfile } from '../../../common/domain/auth';
import type { IdentityProvider, VerifiedCitizen } from './identity-provider';

/**
 * The one citizen session this kiosk holds, in memory only (never in SQLite: the next citizen at
 * the counter must not inherit it, and a stolen disk must not carry it). It ends on "Kết thúc",
 * on idle, or when the API's token expires — whichever comes first.
 */
export interface CitizenSessions {
  begin(provider: IdentityProvider, verified: VerifiedCitizen): void;
  current(): CitizenProfile | null;
  touch(): void;
  end(): Promise<void>;
}

export function buildCitizenSessions(opts: {
  now: () => number;
  idleTimeoutSeconds: number;
  /** The backend noticed an expired session itself (not "Kết thúc"): the visit ends with it. */
  onExpired?: () => void;
}): CitizenSessions {
  let session:
    | { provider: IdentityProvider; citizen: CitizenProfile; accessToken: string; expiresAt: number; lastActivity: number }
    | null = null;

  // The renderer wipes the screen at the idle timeout; the backend gives it a little grace and
  // then forgets the citizen itself, so a frozen or closed window cannot leave a session behind.
  const idleLimitMs = (opts.idleTimeoutSeconds + 15) * 1000;

  function expired(): boolean {
    if (!session) return false;
    const t = opts.now();
    return t >= session.expiresAt || t - session.lastActivity >= idleLimitMs;
  }

  async function end(): Promise<void> {
    const s = session;
    session = null;
    if (s) await s.provider.endSession(s.accessToken).catch(() => undefined);
  }

  return {
    begin(provider, verified) {
      const t = opts.now();
      session = {
        provider,
        citizen: verified.citizen,
        accessToken: verified.accessToken,
        expiresAt: t + verified.expiresInSeconds * 1000,
        lastActivity: t,
      };
    },
    current() {
      if (expired()) {
        void end();
        opts.onExpired?.();
        return null;
      }
      return session?.citizen ?? null;
    },
    touch() {
      if (session && !expired()) session.lastActivity = opts.now();
    },
    end,
  };
}
