import type { CallResult, KioskBridge, Method, MethodInput } from '../../../common/contract';

/**
 * The renderer's only door to the kiosk, opened by the action modules in ../actions alone (lint
 * refuses an import of this file anywhere else). In Electron the preload provides `window.kiosk`
 * (IPC); in a plain Chromium kiosk window the same calls go to the loopback host with the
 * per-launch secret that arrived in the URL fragment. Either way main validates everything again.
 */
declare global {
  interface Window {
    kiosk?: KioskBridge;
  }
}

const secretKey = 'kiosk.secret';

function takeSecretFromUrl(): string | null {
  const match = /(?:^#|&)k=([A-Za-z0-9_-]+)/.exec(window.location.hash);
  if (match?.[1]) {
    sessionStorage.setItem(secretKey, match[1]);
    // Out of the address bar, so it is not shown, bookmarked or copied by accident.
    history.replaceState(null, '', window.location.pathname);
    return match[1];
  }
  return sessionStorage.getItem(secretKey);
}

function httpBridge(): KioskBridge {
  const secret = takeSecretFromUrl();
  return {
    async call(method, input) {
      const res = await fetch(`/api/${encodeURIComponent(method)}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${secret ?? ''}` },
        body: JSON.stringify(input ?? {}),
      });
      return res.json();
    },
  };
}

const bridge: KioskBridge = window.kiosk ?? httpBridge();

export async function call<M extends Method>(method: M, input: MethodInput<M>): Promise<CallResult<M>> {
  try {
    return (await bridge.call(method, input)) as CallResult<M>;
  } catch {
    // The kiosk's own backend did not answer (the web host stopped, IPC failed, no JSON came
    // back). That is the kiosk's fault, not the provincial network's: `internal` ("Kiosk gặp
    // lỗi…", tell the staff), never `network_unavailable`.
    return { ok: false, error: { code: 'internal' } };
  }
}
