import HomeScreen from './HomeScreen.vue';
import LoginAccountScreen from './LoginAccountScreen.vue';
import LoginFormScreen from './LoginFormScreen.vue';
import LoginMethodScreen from './LoginMethodScreen.vue';
import OtpScreen from './OtpScreen.vue';

/** "Đăng nhập" and the citizen's home screen, loaded after the start screen (screens/lazy.ts). */
export const loginScreens = {
  loginMethod: LoginMethodScreen,
  loginAccount: LoginAccountScreen,
  loginForm: LoginFormScreen,
  otp: OtpScreen,
  home: HomeScreen,
} as const;
