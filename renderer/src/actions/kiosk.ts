import type { VisitEndReason } from '../../../common/contract/kiosk';
import { call } from '../api/client';

/** The kiosk itself: its settings, and the start and end of each visit (nothing about who). */

export const kioskInfo = () => call('kiosk.info', {});

/** The start screen is shown ('start') or a visit is under way ('visit'): updates wait for a quiet kiosk. */
export const reportPresence = (state: 'start' | 'visit') => call('kiosk.presence', { state });

/** Main forgets the visit: citizen and staff sessions, staged files, the demo phone's messages. */
export const endVisit = (reason: VisitEndReason) => call('visit.end', { reason });
