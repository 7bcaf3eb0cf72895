import { z } from 'zod';
import { CitizenProfile, LoginForm as LoginFormSchema, OtpChallenge, OtpCode } from './domain/auth';
import { KioskError } from './errors';
import { SimSmsMessage } from './provincial/schemas';

/**
 * The kiosk's one API: every call the UI makes, with the schema of what goes in and what comes
 * out. Both transports (Electron IPC and the loopback HTTP host) validate against this object and
 * nothing else, so a method is declared once here and implemented once in main/api.
 */
const Empty = z.object({}).strict();

export const Locale = z.enum(['vi', 'en']);
export type Locale = z.infer<typeof Locale>;

export const KioskInfo = z.object({
  kioskId: z.string(),
  demo: z.boolean(),
  locale: Locale,
  idleTimeoutSeconds: z.number().int().positive(),
  idleWarningSeconds: z.number().int().positive(),
  keyboard: z.enum(['auto', 'always', 'never']),
});
export type KioskInfo = z.infer<typeof KioskInfo>;

const ChallengeRef = z.object({ challengeId: z.string().min(8).max(128) }).strict();

export const contract = {
  'kiosk.info': { input: Empty, output: KioskInfo },
  'auth.startLogin': { input: LoginFormSchema.strict(), output: OtpChallenge },
  'auth.resendOtp': { input: ChallengeRef, output: OtpChallenge },
  'auth.verifyOtp': {
    input: ChallengeRef.extend({ otp: OtpCode }).strict(),
    output: z.object({ citizen: CitizenProfile }),
  },
  'auth.session': { input: Empty, output: z.object({ citizen: CitizenProfile.nullable() }) },
  'auth.logout': { input: Empty, output: z.object({}) },
  'demo.smsInbox': { input: Empty, output: z.object({ messages: z.array(SimSmsMessage) }) },
} as const;

export type Contract = typeof contract;
export type Method = keyof Contract;
export const methods = Object.keys(contract) as Method[];

export type MethodInput<M extends Method> = z.input<Contract[M]['input']>;
export type MethodParsedInput<M extends Method> = z.output<Contract[M]['input']>;
export type MethodOutput<M extends Method> = z.output<Contract[M]['output']>;

export const CallResult = <T extends z.ZodTypeAny>(value: T) =>
  z.discriminatedUnion('ok', [z.object({ ok: z.literal(true), value }), z.object({ ok: z.literal(false), error: KioskError })]);

export type CallResult<M extends Method> = { ok: true; value: MethodOutput<M> } | { ok: false; error: KioskError };

/** The shape every transport exposes to the renderer (`window.kiosk` in Electron). */
export interface KioskBridge {
  call(method: string, input: unknown): Promise<unknown>;
}

export function isMethod(name: unknown): name is Method {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(contract, name);
}
