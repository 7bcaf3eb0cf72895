import { call } from '../api/client';

/** Connection, queue and disk as the status strip, the home screen and the clerk panel show them. */
export const outboxStatus = () => call('outbox.status', {});
