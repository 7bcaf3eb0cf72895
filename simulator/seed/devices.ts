import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';

/**
 * SAMPLE / DEMO DATA — the kiosk device the simulator knows out of the box: an Ed25519 key pair
 * whose private half is published here, so DEMO mode (and a test kiosk started with `--demo`
 * against a simulator of its own) can sign without enrolling. A production kiosk refuses to start
 * with this key (main/config/production.ts knows its fingerprint), and a real provincial API
 * never enrols it.
 */
const DEMO_PRIVATE_KEY_PEM = `-----BEGIN PRIVATE KEY-----
MC4CAQAwBQYDK2VwBCIEID2nnDCLTs9cmcJ6AvOWEU7Xz+wzvjqDWHazoihSEk94
-----END PRIVATE KEY-----
`;

export interface DemoDevice {
  id: string;
  privateKey: KeyObject;
  publicKey: KeyObject;
  /** The private key as PEM: what a key file holding it would contain. */
  privateKeyPem: string;
}

const privateKey = createPrivateKey(DEMO_PRIVATE_KEY_PEM);

export const DEMO_DEVICE: DemoDevice = {
  id: 'KIOSK-DEMO-DEVICE',
  privateKey,
  publicKey: createPublicKey(privateKey),
  privateKeyPem: DEMO_PRIVATE_KEY_PEM,
};
