import '../../styles/wizard.css';
import WizardScreen from './WizardScreen.vue';

/** "Nộp hồ sơ trực tuyến", the online dossier wizard: one screen, its steps switched by the wizard store. */
export const wizardScreens = { wizard: WizardScreen } as const;
