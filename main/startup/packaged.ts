import { StartRefusal } from './refusal';

/**
 * What an installed kiosk refuses at launch, decided from what the launch looks like (pure: the
 * test hands in `isPackaged`, argv and env; Electron cannot start in CI).
 *
 * An installed kiosk takes its settings only from the configuration file the installer protects,
 * so neither another file (`--config`, `KIOSK_CONFIG`) nor a setting in the environment may
 * redirect it — to another API, another data folder, another key. And nothing may open it to a
 * debugger: Chromium's remote debugging and Node's inspector would hand the page and the backend
 * to whoever connects (the EnableNodeCliInspectArguments fuse also turns --inspect off; this
 * refuses the lot by name, so IT sees why). `npm start` (not packaged) keeps them for developers.
 */
const debugSwitch = /^--(remote-debugging-(port|pipe|address)|remote-allow-origins|inspect(-brk|-port|-publish-uid)?|debug(-brk)?|js-flags)(=|$)/;
const configSwitch = /^--config(=|$)/;

/** Environment variables that would change an installed kiosk's settings; KIOSK_LOG_LEVEL only changes its logs. */
const settingsEnv = /^KIOSK_(?!LOG_LEVEL$)[A-Z0-9_]+$/;

export function packagedLaunchRefusal(launch: { isPackaged: boolean; argv: readonly string[]; env: NodeJS.ProcessEnv }): StartRefusal | null {
  if (!launch.isPackaged) return null;
  const debug = launch.argv.find((a) => debugSwitch.test(a));
  if (debug) {
    return new StartRefusal('debug_switch', `${debug.split('=')[0]} is not accepted by an installed kiosk (it would open the kiosk to a debugger): start it without it`);
  }
  if (launch.argv.some((a) => configSwitch.test(a))) {
    return new StartRefusal('config_override', '--config is not accepted by an installed kiosk: it reads only its own configuration file (README, "Configuration")');
  }
  const envSetting = Object.keys(launch.env)
    .filter((k) => settingsEnv.test(k) && launch.env[k] !== undefined && launch.env[k] !== '')
    .sort()[0];
  if (envSetting) {
    return new StartRefusal(
      'config_override',
      `${envSetting} is set, but an installed kiosk takes its settings only from its own configuration file: remove the variable (README, "Configuration")`,
    );
  }
  if (launch.argv.includes('--demo')) {
    return new StartRefusal('demo_unavailable', 'DEMO mode is not part of an installed kiosk (--demo): try the demo from the source tree (npm start)');
  }
  return null;
}
