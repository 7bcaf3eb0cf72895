import '../../styles/registration.css';
import AccountExistsScreen from './AccountExistsScreen.vue';
import ComplaintDoneScreen from './ComplaintDoneScreen.vue';
import ComplaintScreen from './ComplaintScreen.vue';
import ForgotPasswordScreen from './ForgotPasswordScreen.vue';
import NewPasswordScreen from './NewPasswordScreen.vue';
import RegisterFormScreen from './RegisterFormScreen.vue';
import RegisterMethodScreen from './RegisterMethodScreen.vue';
import RegisterTypeScreen from './RegisterTypeScreen.vue';
import VerificationDoneScreen from './VerificationDoneScreen.vue';

/** The screens of "Đăng ký", "Quên mật khẩu" and "Khiếu nại" (the OTP screen is shared with login). */
export const registrationScreens = {
  registerType: RegisterTypeScreen,
  registerMethod: RegisterMethodScreen,
  registerForm: RegisterFormScreen,
  accountExists: AccountExistsScreen,
  complaint: ComplaintScreen,
  complaintDone: ComplaintDoneScreen,
  forgotPassword: ForgotPasswordScreen,
  newPassword: NewPasswordScreen,
  verificationDone: VerificationDoneScreen,
} as const;
