import { randomUUID } from 'node:crypto';
import type { SimSmsMessage } from '../common/provincial/schemas';
import type { SimClock } from './clock';
import { addSeconds, secondsUntil } from './clock';

/**
 * The simulator's SMS gateway sandbox: instead of a phone, messages land in an inbox that tests
 * and the kiosk's demo-phone panel read through /__sim/sms. It also carries the per-phone hourly
 * cap, because a real gateway account is billed and abused per phone number.
 */
export const SMS_HOURLY_CAP = 5;
const WINDOW_SECONDS = 3600;

export interface SmsGateway {
  /** Seconds until this phone may receive another SMS, or 0 when it may now. */
  capRetryAfter(phone: string): number;
  send(phone: string, text: string): SimSmsMessage;
  inbox(phone?: string): SimSmsMessage[];
  clearInbox(): void;
  reset(): void;
}

export function buildSmsGateway(clock: SimClock): SmsGateway {
  let messages: SimSmsMessage[] = [];
  // Kept apart from the inbox: emptying the demo inbox must not lift the cap.
  let sentAt = new Map<string, Date[]>();

  const recent = (phone: string): Date[] => {
    const windowStart = addSeconds(clock.now(), -WINDOW_SECONDS).getTime();
    const kept = (sentAt.get(phone) ?? []).filter((d) => d.getTime() > windowStart);
    sentAt.set(phone, kept);
    return kept;
  };

  return {
    capRetryAfter(phone) {
      const sent = recent(phone);
      if (sent.length < SMS_HOURLY_CAP) return 0;
      const oldest = sent[sent.length - SMS_HOURLY_CAP]!;
      return Math.max(1, secondsUntil(addSeconds(oldest, WINDOW_SECONDS), clock.now()));
    },
    send(phone, text) {
      const now = clock.now();
      recent(phone).push(now);
      const message: SimSmsMessage = { id: randomUUID(), to: phone, text, sentAt: now.toISOString() };
      messages.push(message);
      return message;
    },
    inbox(phone) {
      const list = phone === undefined ? messages : messages.filter((m) => m.to === phone);
      return [...list].reverse();
    },
    clearInbox() {
      messages = [];
    },
    reset() {
      messages = [];
      sentAt = new Map();
    },
  };
}

/** Gateways send unaccented text: many basic phones render Vietnamese diacritics as boxes. */
export function loginOtpText(otp: string, validMinutes: number): string {
  return (
    `Ma OTP dang nhap Cong DVC tinh Dak Lak cua ban la ${otp}. ` +
    `Ma co hieu luc trong ${validMinutes} phut. Khong chia se ma nay cho bat ky ai.`
  );
}
