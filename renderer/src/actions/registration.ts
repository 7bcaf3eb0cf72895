import type { MethodInput } from '../../../common/contract';
import { call } from '../api/client';

/** "Đăng ký", "Quên mật khẩu", the new password after either, and "Khiếu nại". */

export const startRegistration = (form: MethodInput<'registration.start'>) => call('registration.start', form);

export const startPasswordReset = (form: MethodInput<'passwordReset.start'>) => call('passwordReset.start', form);

export const setNewPassword = (form: MethodInput<'verification.setPassword'>) => call('verification.setPassword', form);

export const submitComplaint = (complaint: MethodInput<'complaint.submit'>) => call('complaint.submit', complaint);

/** Leaving registration or recovery half-way: main forgets the form and the challenge. */
export const cancelVerification = () => call('verification.cancel', {});
