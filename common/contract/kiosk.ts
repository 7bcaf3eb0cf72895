import { z } from 'zod';
import { defineMethods } from './guard';
import { SimSmsMessage } from '../provincial/schemas';

export const Empty = z.object({}).strict();

export const Locale = z.enum(['vi', 'en']);
export type Locale = z.infer<typeof Locale>;

export const KioskInfo = z.object({
  kioskId: z.string(),
  demo: z.boolean(),
  locale: Locale,
  idleTimeoutSeconds: z.number().int().positive(),
  idleWarningSeconds: z.number().int().positive(),
  keyboard: z.enum(['auto', 'always', 'never']),
  toneStyle: z.enum(['modern', 'traditional']),
  cameraDeviceLabel: z.string().optional(),
});
export type KioskInfo = z.infer<typeof KioskInfo>;

/** Why a visit ended, as the renderer saw it: "Kết thúc", its idle timeout, or the backend session gone. */
export const VisitEndReason = z.enum(['finished', 'idle', 'session_ended']);
export type VisitEndReason = z.infer<typeof VisitEndReason>;

/** The kiosk itself: what the UI needs to know at start, the end of a citizen's visit, and the demo phone. */
export const kioskContract = defineMethods({
  'kiosk.info': { guard: 'public', input: Empty, output: KioskInfo },
  /**
   * The citizen is done (or gone): main forgets the visit — citizen session, staff session,
   * staged files, codes, pending verification, the demo phone's messages — and what is in the
   * picker's folders now is never offered again. Public: anyone may wipe the kiosk.
   */
  'visit.end': { guard: 'public', input: z.object({ reason: VisitEndReason }).strict(), output: z.object({}) },
  'demo.smsInbox': { guard: 'public', input: Empty, output: z.object({ messages: z.array(SimSmsMessage) }) },
});
