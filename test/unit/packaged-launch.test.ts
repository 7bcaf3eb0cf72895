import { describe, expect, it } from 'vitest';
import { installPaths } from '../../main/startup/install-paths';
import { packagedLaunchRefusal } from '../../main/startup/packaged';

const exe = 'C:\\Program Files\\Kiosk Dịch vụ công\\kiosk-dvc.exe';
const launch = (argv: string[], env: NodeJS.ProcessEnv = {}, isPackaged = true) => packagedLaunchRefusal({ isPackaged, argv: [exe, ...argv], env });

describe('an installed kiosk at launch', () => {
  it('starts as installed: no switches, only its own log level in the environment', () => {
    expect(launch([], { KIOSK_LOG_LEVEL: 'debug', PATH: 'C:\\Windows', ProgramData: 'C:\\ProgramData' })).toBeNull();
    expect(launch(['--admin', 'doctor'])).toBeNull();
  });

  it.each([
    ['--remote-debugging-port=9222'],
    ['--remote-debugging-port', '9222'],
    ['--remote-debugging-pipe'],
    ['--remote-allow-origins=*'],
    ['--inspect'],
    ['--inspect=0.0.0.0:9229'],
    ['--inspect-brk'],
    ['--inspect-port=9229'],
    ['--js-flags=--allow-natives-syntax'],
  ])('refuses %s (a debugger) with exit 78, naming the switch', (...argv) => {
    const r = launch(argv);
    expect(r).toMatchObject({ code: 'debug_switch', exitCode: 78 });
    expect(r!.message).toContain(argv[0]!.split('=')[0]);
  });

  it('refuses another configuration file, from the command line or the environment', () => {
    expect(launch(['--config', 'D:\\other.json'])).toMatchObject({ code: 'config_override', exitCode: 78 });
    expect(launch(['--config=D:\\other.json'])?.message).toMatch(/--config is not accepted/);
    expect(launch([], { KIOSK_CONFIG: 'D:\\other.json' })?.message).toMatch(/KIOSK_CONFIG is set/);
  });

  it('refuses settings from the environment that would redirect it (API, data folder, keys)', () => {
    for (const name of ['KIOSK_API_BASE_URL', 'KIOSK_DATA_DIR', 'KIOSK_DEVICE_KEY_DIR', 'KIOSK_DATA_KEY_FILE', 'KIOSK_ID']) {
      expect(launch([], { [name]: 'x' }), name).toMatchObject({ code: 'config_override', message: expect.stringContaining(name) });
    }
    // An empty variable is no setting.
    expect(launch([], { KIOSK_API_BASE_URL: '' })).toBeNull();
  });

  it('refuses --demo: an installed kiosk has no DEMO mode', () => {
    expect(launch(['--demo'])).toMatchObject({ code: 'demo_unavailable', exitCode: 78 });
  });

  it('under npm start (not packaged) refuses nothing: a developer may debug and point it anywhere', () => {
    expect(launch(['--remote-debugging-port=9222', '--config', 'x.json', '--demo'], { KIOSK_API_BASE_URL: 'http://127.0.0.1:8787' }, false)).toBeNull();
  });
});

describe('where an installed kiosk keeps its files', () => {
  it('Windows: the machine-wide %ProgramData%\\KioskDVC, whatever account runs it', () => {
    expect(installPaths({ isPackaged: true, platform: 'win32', env: { ProgramData: 'D:\\ProgramData' }, userData: 'C:\\Users\\kiosk\\AppData\\Roaming\\x' })).toEqual({
      configDir: 'D:\\ProgramData\\KioskDVC',
      dataDir: 'D:\\ProgramData\\KioskDVC\\data',
      logDir: 'D:\\ProgramData\\KioskDVC\\logs',
    });
    expect(installPaths({ isPackaged: true, platform: 'win32', env: {}, userData: 'x' }).configDir).toBe('C:\\ProgramData\\KioskDVC');
  });

  it('Linux: configuration in /etc/kiosk-dvc, data and logs in /var/lib/kiosk-dvc', () => {
    expect(installPaths({ isPackaged: true, platform: 'linux', env: {}, userData: '/home/kiosk/.config/x' })).toEqual({
      configDir: '/etc/kiosk-dvc',
      dataDir: '/var/lib/kiosk-dvc/data',
      logDir: '/var/lib/kiosk-dvc/logs',
    });
  });

  it('not installed (npm start): the developer\'s own app data folder', () => {
    expect(installPaths({ isPackaged: false, platform: 'linux', env: {}, userData: '/home/dev/.config/Kiosk' })).toEqual({
      configDir: '/home/dev/.config/Kiosk',
      dataDir: '/home/dev/.config/Kiosk',
      logDir: '/home/dev/.config/Kiosk/logs',
    });
  });
});
