import type { KeyObject } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { PrintedOutput } from '../../common/contract/receipts';
import type { KioskError } from '../../common/errors';
import type { SimSmsMessage } from '../../common/provincial/schemas';
import type { Result } from '../../common/result';
import type { z } from 'zod';
import type { AttachmentFolderConfig, KioskConfig } from '../config/schema';
import type { Logger } from '../log';
import type { PrinterSetup } from '../services/printing/printing-service';
import type { SigningKey } from '../services/provincial-api/types';
import { StartRefusal } from './refusal';

/**
 * What DEMO mode adds to a kiosk, as the kiosk sees it. The parts themselves (the simulator, the
 * printer emulator, the demo device, the demo phone, the sample documents) live in demo/, outside
 * main/: product code never imports them (.dependency-cruiser.cjs forbids main/ → simulator/, tools/, demo/, bench/, test/), the
 * entry points load them only when DEMO mode was asked for, and the installer does not ship them.
 */
export interface DemoParts {
  /** The API the demo talks to: its own simulator on loopback, or the one the config names. */
  apiBaseUrl: string;
  /** One line for the console: where the demo's API is. */
  describe: string;
  /** The simulator's demo device key pair: what a demo kiosk signs its requests with. */
  device: SigningKey & { publicKey: KeyObject; fingerprint: string };
  /** Receipts go to the printer emulator when the config names no printer. */
  printer: DemoPrinter | null;
  /** The SMS the simulator "sent": a person trying the demo has no phone that receives them. */
  phone: DemoPhone;
  /**
   * Sample documents for the file picker when the config names no folders, "scanned" in again
   * at the start of every visit (the picker shows only files newer than the visit).
   */
  sampleFolders: { folders: AttachmentFolderConfig[]; scanSamples: () => Promise<void> } | null;
  close(): Promise<void>;
}

export interface DemoPrinter {
  setup: PrinterSetup;
  printed(): z.infer<typeof PrintedOutput>['receipts'];
  /** The visit ended: the emulator's paper is torn off, so the next person sees none of it. */
  clear(): void;
}

export interface DemoPhone {
  inbox(): Promise<Result<{ messages: SimSmsMessage[] }, KioskError>>;
  /** The visit ended: what the sandbox holds now is never shown again. */
  forgetShown(): Promise<void>;
}

export interface DemoOptions {
  config: KioskConfig;
  /** The repo's resources/ (sample documents). */
  resourcesDir: string;
  logger: Logger;
}

export type StartDemo = (opts: DemoOptions) => Promise<DemoParts>;

/**
 * The demo's composition root, built as its own bundle (`demo.js`, electron.vite.config.ts) beside
 * the entry that loads it. A runtime import by path, so no product bundle contains the demo.
 */
export async function loadDemo(bundleDir: string): Promise<StartDemo> {
  const file = join(bundleDir, 'demo.js');
  if (!existsSync(file)) {
    throw new StartRefusal(
      'demo_unavailable',
      'DEMO mode is not part of this installation (--demo or "mode": "demo"): configure the provincial API instead, or try the demo from the source tree (npm start)',
    );
  }
  const mod = (await import(/* @vite-ignore */ pathToFileURL(file).href)) as { startDemo?: StartDemo };
  if (typeof mod.startDemo !== 'function') throw new Error(`${file} has no startDemo()`);
  return mod.startDemo;
}
