import { createApp } from 'vue';
import { createPinia } from 'pinia';
// Bundled, not the host's fonts: Be Vietnam Pro is drawn for Vietnamese stacked diacritics. Cut
// at build time to the kiosk's glyphs, and preloaded (scripts/kiosk-fonts.ts).
import 'kiosk-fonts/fonts.css';
import './styles/main.css';
import App from './App.vue';
import { installTapGuard } from './composables/tapGuard';
import { i18n } from './i18n';
import { visitResetPlugin } from './stores/visit-reset';

installTapGuard();
const pinia = createPinia();
// Before any store exists: the citizen wipe must know every one of them (stores/visit-reset.ts).
pinia.use(visitResetPlugin);
createApp(App).use(pinia).use(i18n).mount('#app');
