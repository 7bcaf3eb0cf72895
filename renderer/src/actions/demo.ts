import { call } from '../api/client';

/** DEMO mode only: what the simulator "sent" by SMS and what the printer emulator received. */

export const smsInbox = () => call('demo.smsInbox', {});

export const printerOutput = () => call('demo.printerOutput', {});
