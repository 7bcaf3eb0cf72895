import enApp from './en/app';
import enLogin from './en/login';
import viApp from './vi/app';
import viLogin from './vi/login';

/**
 * One locale file per area of the kiosk (app-wide, login, …), merged here. Each English file is
 * typed by its Vietnamese twin, so a key missing in English is a compile error.
 */
type Tree = { [key: string]: string | Tree };

function merge(...parts: Tree[]): Tree {
  const out: Tree = {};
  for (const part of parts) {
    for (const [k, v] of Object.entries(part)) {
      const prev = out[k];
      out[k] = typeof v === 'object' && typeof prev === 'object' ? merge(prev, v) : v;
    }
  }
  return out;
}

export const messages = {
  vi: merge(viApp, viLogin),
  en: merge(enApp, enLogin),
};
