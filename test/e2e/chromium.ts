/**
 * How every e2e test launches Debian's Chromium (CHROMIUM_PATH overrides the location). Specs
 * that need a camera add flags to these: `test.use({ launchOptions })` replaces the options as a
 * whole, so they start from here rather than repeat them.
 */
export const chromiumLaunchOptions = {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
  ],
};

export const withChromiumFlags = (...extra: string[]) => ({ ...chromiumLaunchOptions, args: [...chromiumLaunchOptions.args, ...extra] });
