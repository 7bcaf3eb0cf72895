import { defineStore } from 'pinia';
import type { z } from 'zod';
import type { StagedFile } from '../../../common/contract/dossier-wizard';
import type { CitizenProfile } from '../../../common/domain/auth';
import type { DeliveryMethod } from '../../../common/domain/dossier';
import type { Agency, Procedure } from '../../../common/domain/procedures';
import {
  AgencyStep,
  ApplicantContact,
  DeliveryStep,
  ProcedureStep,
  ReviewStep,
  missingRequiredDocuments,
  type DossierSubmitResult,
} from '../../../common/domain/wizard';
import type { KioskError } from '../../../common/errors';
import { agenciesFor, procedures } from '../actions/catalog';
import { discardWizard, newCaptcha, submitDossier } from '../actions/dossier';
import { fieldErrors } from '../composables/useZodForm';

/** Step 1 is "Nộp hồ sơ" on the home screen; the wizard screen shows steps 2–7, then the result. */
export type WizardStep = 2 | 3 | 4 | 5 | 6 | 7;
export const STEP_COUNT = 7;

export interface CaptchaView {
  captchaId: string;
  source: 'api' | 'kiosk';
  imageSvg: string;
  text: string | null;
}

const emptyAddress = () => ({ provinceCode: '', communeCode: '', detail: '' });

function initialState() {
  return {
    step: 2 as WizardStep,
    /** Set by "Sửa" on the review: "Đồng ý và tiếp tục" then goes straight back to the review. */
    returnToReview: false,
    procedures: [] as Procedure[],
    catalogSample: false,
    catalogOffline: false,
    procedureCode: '',
    agencies: [] as Agency[],
    agencyId: '',
    contact: { phone: '', email: '', address: emptyAddress() },
    attachments: {} as Record<string, StagedFile & { thumbnail: string | null }>,
    /** Per document: a file on its way in, bytes so far of the total. */
    pending: {} as Record<string, { done: number; total: number }>,
    /** Per document: why the last file did not arrive (an error code, `errors.<code>`). */
    slotErrors: {} as Record<string, string>,
    deliveryMethod: '' as DeliveryMethod | '',
    /**
     * By post to the contact address just confirmed at step 4 (the usual case: nothing typed
     * twice), or to another address typed here.
     */
    deliveryToContact: true,
    deliveryAddress: { ...emptyAddress(), phone: '' },
    captcha: null as CaptchaView | null,
    captchaAnswer: '',
    declarationAccepted: false,
    /** Field errors of the current step, as locale keys under `validation.`, by field path. */
    errors: {} as Record<string, string>,
    failure: null as KioskError | null,
    busy: false,
    result: null as DossierSubmitResult | null,
  };
}

/**
 * The whole dossier being filled in, in memory only, in one store. Each step is validated with
 * the shared schema before "Đồng ý và tiếp tục"; main validates the whole again on submit.
 * `discard` forgets everything, staged files in main included.
 */
export const useWizardStore = defineStore('wizard', {
  state: initialState,
  getters: {
    procedure: (s): Procedure | undefined => s.procedures.find((p) => p.code === s.procedureCode),
    agency: (s): Agency | undefined => s.agencies.find((a) => a.id === s.agencyId),
    /** Where the post goes: the contact address and phone, or the other address typed at step 6. */
    postalAddress: (s) => (s.deliveryToContact ? { ...s.contact.address, phone: s.contact.phone } : s.deliveryAddress),
  },
  actions: {
    async begin(citizen: CitizenProfile) {
      this.$reset();
      this.contact = {
        phone: citizen.phone,
        email: citizen.email ?? '',
        address: citizen.address ? { ...citizen.address } : emptyAddress(),
      };
      const r = await procedures();
      if (r.ok) {
        this.procedures = r.value.catalog.procedures;
        this.catalogSample = r.value.catalog.sample;
        this.catalogOffline = r.value.offline;
      } else this.failure = r.error;
    },

    /** Resolves once main has dropped the files staged for the procedure chosen before. */
    async chooseProcedure(code: string) {
      if (code === this.procedureCode) return;
      // A different procedure has other agencies, documents and delivery methods.
      this.procedureCode = code;
      this.agencyId = '';
      this.agencies = [];
      this.deliveryMethod = '';
      this.returnToReview = false;
      await this.discardAttachments();
    },

    async loadAgencies() {
      const r = await agenciesFor(this.procedureCode);
      if (r.ok) this.agencies = r.value.agencies;
      else this.failure = r.error;
    },

    /** Validates the step; true when the citizen may move on. */
    validate(): boolean {
      this.errors = {};
      this.failure = null;
      const check = (schema: z.ZodTypeAny, value: unknown) => {
        const r = schema.safeParse(value);
        if (!r.success) this.errors = fieldErrors(r.error);
        return r.success;
      };
      switch (this.step) {
        case 2:
          return check(ProcedureStep, { procedureCode: this.procedureCode });
        case 3:
          return check(AgencyStep, { agencyId: this.agency ? this.agencyId : '' });
        case 4:
          return check(ApplicantContact, this.contact);
        case 5: {
          const missing = this.procedure ? missingRequiredDocuments(this.procedure, Object.values(this.attachments)) : [];
          for (const id of missing) this.errors[`attachments.${id}`] = 'attachment.required';
          return missing.length === 0;
        }
        case 6: {
          const allowed = this.procedure?.deliveryMethods ?? [];
          if (!this.deliveryMethod || !allowed.includes(this.deliveryMethod)) {
            this.errors = { deliveryMethod: 'wizard.deliveryRequired' };
            return false;
          }
          return check(DeliveryStep, {
            deliveryMethod: this.deliveryMethod,
            ...(this.deliveryMethod === 'postal' && { deliveryAddress: this.postalAddress }),
          });
        }
        case 7:
          return check(ReviewStep, { captchaAnswer: this.captchaAnswer, declarationAccepted: this.declarationAccepted });
      }
    },

    async next() {
      if (!this.validate()) return;
      if (this.returnToReview && this.step < 7) {
        this.returnToReview = false;
        this.step = 7;
        return;
      }
      if (this.step === 2) await this.loadAgencies();
      if (this.step < 7) this.step = (this.step + 1) as WizardStep;
    },

    back(): 'left' | 'stayed' {
      this.errors = {};
      this.failure = null;
      if (this.returnToReview) {
        this.returnToReview = false;
        this.step = 7;
        return 'stayed';
      }
      if (this.step === 2) return 'left';
      this.step = (this.step - 1) as WizardStep;
      return 'stayed';
    },

    edit(step: WizardStep) {
      this.errors = {};
      this.failure = null;
      this.returnToReview = true;
      this.step = step;
    },

    async newCaptcha(asText: boolean) {
      this.captchaAnswer = '';
      const r = await newCaptcha(asText);
      if (r.ok) this.captcha = r.value;
      else this.failure = r.error;
    },

    async submit() {
      if (!this.validate() || !this.captcha || !this.deliveryMethod) return;
      this.busy = true;
      const r = await submitDossier({
        procedureCode: this.procedureCode,
        agencyId: this.agencyId,
        contact: this.contact,
        deliveryMethod: this.deliveryMethod,
        ...(this.deliveryMethod === 'postal' && { deliveryAddress: this.postalAddress }),
        attachments: Object.values(this.attachments).map((a) => ({ documentId: a.documentId, stagedId: a.stagedId })),
        captcha: { captchaId: this.captcha.captchaId, answer: this.captchaAnswer },
        declarationAccepted: true,
      });
      this.busy = false;
      if (r.ok) {
        this.result = r.value;
        this.attachments = {};
        return;
      }
      this.failure = r.error;
      if (r.error.code === 'captcha_invalid' || r.error.code === 'captcha_unavailable') {
        // Every code is single-use: the citizen gets a fresh one to type.
        this.errors = { captchaAnswer: 'captcha.wrong' };
        await this.newCaptcha(this.captcha.text !== null);
      }
    },

    async discardAttachments() {
      this.attachments = {};
      await discardWizard();
    },

    /** "Kết thúc", idle, or leaving the wizard: nothing of the unfinished dossier stays. */
    async discard() {
      this.$reset();
      await discardWizard();
    },
  },
});
