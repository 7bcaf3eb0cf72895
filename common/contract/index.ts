import { z } from 'zod';
import { KioskError } from '../errors';
import { authContract } from './auth';
import { kioskContract } from './kiosk';
import { presenceContract } from './presence';
import { dossierWizardContract } from './dossier-wizard';
import { outboxContract } from './outbox';
import { receiptsContract } from './receipts';
import { staffContract } from './staff';
import { itContract } from './diagnostics';
import { catalogContract, registrationContract } from './registration';

export { KioskInfo, Locale } from './kiosk';
export { guards, guardAllows, type Guard, type StaffRole } from './guard';

/**
 * The kiosk's one API: every call the UI makes, with the schema of what goes in and what comes
 * out, one file per capability. Both transports (Electron IPC and the loopback HTTP host)
 * validate against this object and nothing else, so a method is declared once here and
 * implemented once in main/api. Each method also says who may call it (`guard`, see guard.ts),
 * and the dispatcher enforces that before anything else.
 */
export const contract = {
  ...kioskContract,
  ...presenceContract,
  ...dossierWizardContract,
  ...authContract,
  ...outboxContract,
  ...registrationContract,
  ...catalogContract,
  ...receiptsContract,
  ...staffContract,
  ...itContract,
} as const;

export type Contract = typeof contract;
export type Method = keyof Contract;
export const methods = Object.keys(contract) as Method[];

export type MethodInput<M extends Method> = z.input<Contract[M]['input']>;
export type MethodParsedInput<M extends Method> = z.output<Contract[M]['input']>;
export type MethodOutput<M extends Method> = z.output<Contract[M]['output']>;

export type CallResult<M extends Method> = { ok: true; value: MethodOutput<M> } | { ok: false; error: KioskError };

/** The shape every transport exposes to the renderer (`window.kiosk` in Electron). */
export interface KioskBridge {
  call(method: string, input: unknown): Promise<unknown>;
  /** Electron only: print the page (the on-screen receipt) silently on the system printer. */
  printReceipt?(): Promise<boolean>;
}

export function isMethod(name: unknown): name is Method {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(contract, name);
}
