import { defineAsyncComponent, type Component } from 'vue';
import type { Screen } from '../stores/flow';
import StartScreen from './StartScreen.vue';

/**
 * Every screen but the start screen is loaded on demand, so the kiosk's slow PC parses only the
 * first screen's script before a citizen can touch it (the budget: initial script ≤ 150 KB gzipped,
 * checked by scripts/bundle-budget.mjs). `prefetchScreens` loads them all once the start screen
 * is idle, so a tap never waits for a download.
 */
const loaders = {
  login: () => import('./login'),
  registration: () => import('./registration'),
  wizard: () => import('./wizard'),
  receipt: () => import('./receipt'),
  clerk: () => import('./clerk'),
};
type Group = keyof typeof loaders;
type Loaded<G extends Group> = Awaited<ReturnType<(typeof loaders)[G]>>;

function from<G extends Group>(group: G, pick: (m: Loaded<G>) => Component): Component {
  return defineAsyncComponent(() => (loaders[group]() as Promise<Loaded<G>>).then(pick));
}

export const screens: Record<Screen, Component> = {
  start: StartScreen,
  loginMethod: from('login', (m) => m.loginScreens.loginMethod),
  loginAccount: from('login', (m) => m.loginScreens.loginAccount),
  loginForm: from('login', (m) => m.loginScreens.loginForm),
  otp: from('login', (m) => m.loginScreens.otp),
  home: from('login', (m) => m.loginScreens.home),
  registerType: from('registration', (m) => m.registrationScreens.registerType),
  registerMethod: from('registration', (m) => m.registrationScreens.registerMethod),
  registerForm: from('registration', (m) => m.registrationScreens.registerForm),
  accountExists: from('registration', (m) => m.registrationScreens.accountExists),
  complaint: from('registration', (m) => m.registrationScreens.complaint),
  complaintDone: from('registration', (m) => m.registrationScreens.complaintDone),
  forgotPassword: from('registration', (m) => m.registrationScreens.forgotPassword),
  newPassword: from('registration', (m) => m.registrationScreens.newPassword),
  verificationDone: from('registration', (m) => m.registrationScreens.verificationDone),
  wizard: from('wizard', (m) => m.wizardScreens.wizard),
  receipt: from('receipt', (m) => m.receiptScreens.receipt),
  lookup: from('receipt', (m) => m.receiptScreens.lookup),
};

/** The clerk area, shown over whichever screen is current (App.vue), not a screen of the flow. */
export const clerkArea: Component = from('clerk', (m) => m.clerkScreens.area);

/** Loads every screen's code while nobody is touching the kiosk (the browser's idle time). */
export function prefetchScreens(): void {
  const all = () => Object.values(loaders).forEach((load) => void load().catch(() => undefined));
  if ('requestIdleCallback' in window) requestIdleCallback(all, { timeout: 5000 });
  else setTimeout(all, 1000);
}
