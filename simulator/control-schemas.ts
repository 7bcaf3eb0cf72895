import { z } from 'zod';
import { HeartbeatRequest } from '../common/provincial/heartbeat-schemas';
import { ProcedureCatalogModes } from './procedure-catalog';

/**
 * Simulator only, not part of the provincial API: what the /__sim/ controls answer, as
 * openapi.yaml documents them (the contract test compares the two). The controls' request bodies
 * are validated in their routes.
 */
export const SimClock = z.object({ now: z.string().datetime() });
export type SimClockState = z.infer<typeof SimClock>;

export const SimCatalogState = z.object({ mode: z.enum(['seed', 'updated', 'invalid']), etag: z.string() });
export type SimCatalogState = z.infer<typeof SimCatalogState>;

export const SimProcedureCatalogState = z.object({
  mode: z.enum(ProcedureCatalogModes),
  proceduresEtag: z.string(),
  agenciesEtag: z.string(),
});
export type SimProcedureCatalogState = z.infer<typeof SimProcedureCatalogState>;

/** A heartbeat as the province's system keeps it: which device sent it, when it arrived, what it carried. */
export const SimHeartbeat = z.object({ deviceId: z.string(), receivedAt: z.string().datetime(), heartbeat: HeartbeatRequest });
export type SimHeartbeat = z.infer<typeof SimHeartbeat>;

export const SimHeartbeats = z.object({ heartbeats: z.array(SimHeartbeat) });
export type SimHeartbeats = z.infer<typeof SimHeartbeats>;
