import { KioskHealth } from '../../../common/provincial/heartbeat-schemas';

/**
 * Where each number of the kiosk's health comes from. Each source is a small function the wiring
 * passes in (backend.ts), so a new one (the storage floor, the staff audit summary) plugs in
 * without this module knowing the service behind it, and a test passes plain values.
 */
export interface HealthSources {
  kioskId: string;
  build: KioskHealth['build'];
  startedAt: number;
  now: () => number;
  outbox: () => {
    waiting: number;
    sending: number;
    needsAttention: number;
    /** created_at of the oldest submission still waiting or sending (Unix ms). */
    oldestWaitingSince: number | null;
    lastDeliveryAt: number | null;
  };
  api: () => KioskHealth['api'];
  disk: () => Promise<KioskHealth['disk']>;
  printer: () => KioskHealth['printer'];
  counts: () => KioskHealth['counts'];
  update: () => KioskHealth['update'];
  /** What staff did in the last 24 h, in counts (services/staff/activity.ts). */
  staff: (now: number) => KioskHealth['staff'];
}

export interface HealthReporter {
  /** The kiosk's health now, checked against the heartbeat schema (a bad value is a bug here). */
  snapshot(): Promise<KioskHealth>;
}

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

export function buildHealthReporter(sources: HealthSources): HealthReporter {
  return {
    async snapshot() {
      const now = sources.now();
      const outbox = sources.outbox();
      const health: KioskHealth = {
        kioskId: sources.kioskId,
        build: sources.build,
        startedAt: new Date(sources.startedAt).toISOString(),
        outbox: {
          waiting: outbox.waiting,
          sending: outbox.sending,
          needsAttention: outbox.needsAttention,
          oldestWaitingAgeSeconds:
            outbox.oldestWaitingSince === null ? null : Math.max(0, (now - outbox.oldestWaitingSince) / 1000),
          lastDeliveryAt: iso(outbox.lastDeliveryAt),
        },
        api: sources.api(),
        disk: await sources.disk(),
        printer: sources.printer(),
        counts: sources.counts(),
        update: sources.update(),
        staff: sources.staff(now),
      };
      return KioskHealth.parse(health);
    },
  };
}
