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

/** The kiosk itself: what the UI needs to know at start, and the demo phone. */
export const kioskContract = defineMethods({
  'kiosk.info': { guard: 'public', input: Empty, output: KioskInfo },
  'demo.smsInbox': { guard: 'public', input: Empty, output: z.object({ messages: z.array(SimSmsMessage) }) },
});
