import { defineStore } from 'pinia';
import type { RegistrationFormInput } from '../../../common/domain/registration';
import type { VerificationPurpose } from '../../../common/contract/registration';

/**
 * What "Đăng ký", "Quên mật khẩu" and "Khiếu nại" remember between screens: the registration
 * form as typed (so Back does not lose it; never the password) and which OTP flow is running.
 * Memory only; the flow store's `wipe` resets it with everything else.
 */
export type OtpPurpose = 'login' | VerificationPurpose;

export const useVerificationStore = defineStore('verification', {
  state: () => ({
    /** Which flow the shared OTP and new-password screens serve; null = login. */
    purpose: null as VerificationPurpose | null,
    draft: null as Partial<RegistrationFormInput> | null,
    /** Prefill for "Quên mật khẩu" and "Khiếu nại" when they come from the registration form. */
    prefill: null as { citizenId: string; phone: string; fullName: string } | null,
    complaintId: null as string | null,
    /** The purpose that just completed, for the success screen. */
    completed: null as VerificationPurpose | null,
    /** The account just registered or recovered: "Đăng nhập" from the success screen does not ask for its ID again. */
    loginId: null as string | null,
  }),
  getters: {
    otpPurpose: (s): OtpPurpose => s.purpose ?? 'login',
  },
});
