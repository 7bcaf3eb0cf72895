import { createI18n } from 'vue-i18n';
import type { KioskError } from '../../../common/errors';
import { messages } from './messages';

export const i18n = createI18n({
  legacy: false,
  locale: 'vi',
  fallbackLocale: 'vi',
  messages,
  missingWarn: false,
  fallbackWarn: false,
});

type T = (key: string, params?: Record<string, unknown>) => string;

/** A KioskError in the citizen's language, with the numbers that help them act on it. */
export function errorMessage(t: T, e: KioskError): string {
  if (e.code === 'wrong_password' && e.attemptsLeft !== undefined) return t('errors.wrong_password_left', { n: e.attemptsLeft });
  const minutes = Math.max(1, Math.ceil((e.retryAfterSeconds ?? 60) / 60));
  return t(`errors.${e.code}`, { n: e.attemptsLeft ?? e.retryAfterSeconds ?? 0, minutes });
}

/** Field messages arrive as keys under `validation.` from the shared zod schemas. */
export function fieldMessage(t: T, key: string | undefined): string | undefined {
  return key ? t(`validation.${key}`) : undefined;
}
