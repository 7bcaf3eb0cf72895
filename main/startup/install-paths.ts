import { join, win32 } from 'node:path';

/**
 * Where a kiosk keeps its configuration, data (with the keys beside it, `<data>-keys`) and logs.
 *
 * An installed kiosk is installed per machine and its files are the machine's, not one user's:
 * - Windows: `%ProgramData%\KioskDVC\` (config `kiosk.config.json`, `data\`, `data-keys\`,
 *   `logs\`); the installer creates it and sets its ACL so that ordinary local users cannot read
 *   it (build/installer.nsh).
 * - Linux: the configuration in `/etc/kiosk-dvc/`, data, keys and logs in `/var/lib/kiosk-dvc/`;
 *   the .deb creates both for the `kiosk-dvc` group (build/linux-after-install.sh).
 * Not installed (`npm start`): Electron's per-user folder, as a developer expects. Pure, so the
 * test covers every platform.
 */
export interface InstallPaths {
  configDir: string;
  dataDir: string;
  logDir: string;
}

export function installPaths(opts: { isPackaged: boolean; platform: NodeJS.Platform; env: NodeJS.ProcessEnv; userData: string }): InstallPaths {
  if (opts.isPackaged && opts.platform === 'win32') {
    const root = win32.join(opts.env.ProgramData || opts.env.PROGRAMDATA || 'C:\\ProgramData', 'KioskDVC');
    return { configDir: root, dataDir: win32.join(root, 'data'), logDir: win32.join(root, 'logs') };
  }
  if (opts.isPackaged && opts.platform === 'linux') {
    return { configDir: '/etc/kiosk-dvc', dataDir: '/var/lib/kiosk-dvc/data', logDir: '/var/lib/kiosk-dvc/logs' };
  }
  return { configDir: opts.userData, dataDir: opts.userData, logDir: join(opts.userData, 'logs') };
}
