import { mkdirSync, writeFileSync } from 'node:fs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPinia, setActivePinia } from 'pinia';
import { createApp } from 'vue';
import type { Backend } from '../../main/backend';
import { startDemoKiosk } from './demo-kiosk';

/**
 * The renderer's Pinia stores against the real kiosk backend, without a browser: a DEMO backend in
 * this process (its own simulator on loopback, a temp data folder, a scanner folder) and
 * `window.kiosk` answering through `backend.dispatch`, which is what the Electron preload's IPC
 * reaches. `document` is the one piece of the page the stores touch (the page language).
 * Import the renderer's modules only after `startRendererBackend()`: the API client picks its
 * transport when it is loaded.
 */
export interface RendererBackend {
  backend: Backend;
  /** The scanner folder IT configured (folder id `scan`): files put here can be picked. */
  scanner: string;
  dataDir: string;
  close(): Promise<void>;
}

export async function startRendererBackend(): Promise<RendererBackend> {
  const dir = mkdtempSync(join(tmpdir(), 'kiosk-stores-'));
  const scanner = join(dir, 'scanner');
  mkdirSync(scanner);
  const configFile = join(dir, 'kiosk.config.json');
  writeFileSync(configFile, JSON.stringify({ attachments: { folders: [{ id: 'scan', label: 'Máy quét', path: scanner }] } }));
  const dataDir = join(dir, 'data');
  const backend = await startDemoKiosk({ dir, env: { KIOSK_CONFIG: configFile, KIOSK_DATA_DIR: dataDir } });
  Object.assign(globalThis, {
    window: { kiosk: { call: (method: string, input: unknown) => backend.dispatch(method, input) }, location: { hash: '' } },
    document: { documentElement: { lang: '' } },
  });
  return {
    backend,
    scanner,
    dataDir,
    async close() {
      await backend.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A fresh Pinia with the renderer's plugins, installed in an app as renderer/src/main.ts does. */
export async function freshPinia(): Promise<void> {
  const { visitResetPlugin } = await import('../../renderer/src/stores/visit-reset');
  const pinia = createPinia();
  pinia.use(visitResetPlugin);
  createApp({}).use(pinia);
  setActivePinia(pinia);
}

/** The demo citizen's SMS code, as the simulator "sent" it. */
export async function latestSms(backend: Backend, phone: string): Promise<string> {
  const url = new URL(`/__sim/sms?to=${phone}`, backend.demo!.apiBaseUrl);
  const body = (await (await fetch(url)).json()) as { messages: Array<{ text: string }> };
  const otp = /\b(\d{6})\b/.exec(body.messages[0]?.text ?? '')?.[1];
  if (!otp) throw new Error(`no OTP for ${phone} in the simulator's inbox`);
  return otp;
}
