import { defineStore } from 'pinia';
import type { KioskInfo, Locale } from '../../../common/contract';
import type { InputMethod } from '../../../common/input/vietnamese';
import type { DeviceStateName } from '../../../common/contract/outbox';
import { kioskInfo } from '../actions/kiosk';
import { i18n } from '../i18n';

export type TextSize = 'normal' | 'large' | 'xlarge';

/** Kiosk-wide display state. Language, text size and contrast reset for every new citizen. */
export const useKioskStore = defineStore('kiosk', {
  // The loaded kiosk info stays; resetForNextCitizen puts the citizen's display choices back.
  keepAcrossVisits: true,
  state: () => ({
    info: null as KioskInfo | null,
    locale: 'vi' as Locale,
    textSize: 'normal' as TextSize,
    highContrast: false,
    /** Telex/VNI for a physical keyboard: the clerk's setting (clerk area), off for each new citizen. */
    inputMethod: 'off' as InputMethod,
    /** Whether the provincial API accepts this kiosk, as the status strip last heard (outbox.status). */
    device: null as DeviceStateName | null,
  }),
  getters: {
    /** Not enrolled, revoked or refused by the API: citizens cannot be served until IT acts. */
    outOfService: (state) => state.device === 'not_enrolled' || state.device === 'revoked' || state.device === 'refused',
  },
  actions: {
    async load() {
      const r = await kioskInfo();
      if (r.ok) {
        this.info = r.value;
        this.setLocale(r.value.locale);
      }
    },
    setLocale(locale: Locale) {
      this.locale = locale;
      i18n.global.locale.value = locale;
      document.documentElement.lang = locale;
    },
    toggleLocale() {
      this.setLocale(this.locale === 'vi' ? 'en' : 'vi');
    },
    cycleTextSize() {
      this.textSize = this.textSize === 'normal' ? 'large' : this.textSize === 'large' ? 'xlarge' : 'normal';
    },
    resetForNextCitizen() {
      this.setLocale(this.info?.locale ?? 'vi');
      this.textSize = 'normal';
      this.highContrast = false;
      this.inputMethod = 'off';
    },
  },
});
