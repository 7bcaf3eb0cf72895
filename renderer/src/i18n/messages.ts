import enApp from './en/app';
import enInput from './en/input';
import enLogin from './en/login';
import enRegistration from './en/registration';
import viApp from './vi/app';
import viInput from './vi/input';
import viLogin from './vi/login';
import viRegistration from './vi/registration';
import viWizard from './vi/wizard';
import enWizard from './en/wizard';
import viReceipts from './vi/receipts';
import enReceipts from './en/receipts';
import viOutbox from './vi/outbox';
import enOutbox from './en/outbox';
import viIt from './vi/it';
import enIt from './en/it';

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
  vi: merge(viApp, viInput, viLogin, viRegistration, viWizard, viReceipts, viOutbox, viIt),
  en: merge(enApp, enInput, enLogin, enRegistration, enWizard, enReceipts, enOutbox, enIt),
};
