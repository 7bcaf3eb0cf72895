#!/usr/bin/env node
// The README's screenshots, copied from what the e2e tests took: the layout spec on each kiosk
// panel (test-results/screenshots/layout/kiosk-<panel>/) and a few states only the flow specs
// reach (offline, the clerk's outbox; test-results/screenshots/, desktop project). Run after them:
//   npm run test:e2e && npm run gallery
// Fails, naming them, when pictures are missing: the gallery is never half old, half new.
import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const from = join(root, 'test-results/screenshots/layout');
const to = join(root, 'docs/screenshots');

/** panel → the screens the README shows from it. */
export const gallery = {
  '1920x1080': [
    '01-start-vi',
    '01-start-en',
    '04-register-form-filled-keyboard-vi',
    '05-commune-picker-keyboard-vi',
    '09-login-form-password-keyboard-vi',
    '10-login-otp-vi',
    '11-home-vi',
    '12-wizard-2-procedure-search-keyboard-vi',
    '12-wizard-2-procedure-chosen-vi',
    '12-wizard-2-procedure-en',
    '15-wizard-5-attachments-done-vi',
    '16-file-picker-vi',
    '17-wizard-6-delivery-vi',
    '18-wizard-7-review-vi',
    '19-wizard-result-vi',
    '20-receipt-vi',
    '22-lookup-result-vi',
    '24-clerk-receipts-vi',
    '25-clerk-outbox-vi',
    '27-account-exists-vi',
  ],
  '1080x1920': [
    '01-start-vi',
    '04-register-form-text-keyboard-vi',
    '04-register-form-en',
    '12-wizard-2-procedure-chosen-vi',
    '18-wizard-7-review-vi',
    '20-receipt-vi',
  ],
  '1366x768': [
    '04-register-form-numeric-keyboard-vi',
    '04-register-form-vi-xlarge',
    '07-register-password-keyboard-vi',
    '12-wizard-2-procedure-search-keyboard-vi',
    '18-wizard-7-review-vi-xlarge',
  ],
};

/** From the flow specs (desktop project, 1280×900): states the demo walk cannot reach. */
export const flowShots = ['4x-wizard-8-result-offline-vi', 'outbox-02-clerk-waiting-vi', 'outbox-07-clerk-refused-vi'];
const flowFrom = join(root, 'test-results/screenshots');

const missing = [
  ...Object.entries(gallery).flatMap(([panel, names]) =>
    names.filter((n) => !existsSync(join(from, `kiosk-${panel}`, `${n}.png`))).map((n) => `layout/kiosk-${panel}/${n}.png`),
  ),
  ...flowShots.filter((n) => !existsSync(join(flowFrom, `${n}.png`))),
];
if (missing.length > 0) {
  console.error(`gallery: run the kiosk projects first; missing:\n  ${missing.join('\n  ')}`);
  process.exit(1);
}
for (const entry of existsSync(to) ? readdirSync(to) : []) rmSync(join(to, entry), { recursive: true, force: true });
for (const [panel, names] of Object.entries(gallery)) {
  mkdirSync(join(to, panel), { recursive: true });
  for (const n of names) copyFileSync(join(from, `kiosk-${panel}`, `${n}.png`), join(to, panel, `${n}.png`));
}
mkdirSync(join(to, 'flows'), { recursive: true });
for (const n of flowShots) copyFileSync(join(flowFrom, `${n}.png`), join(to, 'flows', `${n}.png`));
console.log(`gallery: ${Object.values(gallery).flat().length + flowShots.length} screenshots in docs/screenshots/`);
