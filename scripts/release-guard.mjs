/**
 * Whether a build may call itself a release: every platform it targets must have a way to sign.
 * Pure (environment and electron-builder config in, a verdict out), so it is tested without
 * building anything; scripts/dist.mjs asks it before any step runs.
 *
 * Windows — any of: a certificate file (CSC_LINK / WIN_CSC_LINK, .pfx), a certificate in the
 * Windows store or on a hardware token chosen by subject or thumbprint
 * (win.signtoolOptions.certificateSubjectName / certificateSha1), a custom signing hook
 * (win.signtoolOptions.sign: a cloud HSM through signtool or jsign), or Azure Trusted Signing
 * (win.azureSignOptions, with AZURE_TENANT_ID, AZURE_CLIENT_ID and a secret or certificate).
 * Linux — a GPG key for the detached signatures of the .deb and AppImage (KIOSK_GPG_KEY_ID).
 */

/** @typedef {'win' | 'linux'} Platform */

/**
 * @param {{ env: Record<string, string | undefined>, config: any, platforms: Platform[] }} input
 * @returns {{ ok: true, how: Record<string, string> } | { ok: false, missing: Platform[], hints: string[] }}
 */
export function releaseSigning({ env, config, platforms }) {
  const how = {};
  const missing = [];
  const hints = [];
  const set = (name) => typeof env[name] === 'string' && env[name].trim() !== '';
  for (const platform of platforms) {
    if (platform === 'win') {
      const win = config?.win ?? {};
      const signtool = win.signtoolOptions ?? {};
      const azure = win.azureSignOptions;
      if (set('WIN_CSC_LINK') || set('CSC_LINK')) how.win = 'certificate file (CSC_LINK)';
      else if (signtool.certificateSubjectName || signtool.certificateSha1) how.win = 'certificate store or hardware token (signtoolOptions)';
      else if (signtool.sign) how.win = 'custom signing hook (signtoolOptions.sign)';
      else if (azure && set('AZURE_TENANT_ID') && set('AZURE_CLIENT_ID') && (set('AZURE_CLIENT_SECRET') || set('AZURE_CLIENT_CERTIFICATE_PATH')))
        how.win = 'Azure Trusted Signing (azureSignOptions)';
      else {
        missing.push('win');
        hints.push(
          'Windows: set CSC_LINK (+ CSC_KEY_PASSWORD) to the .pfx, or win.signtoolOptions.certificateSubjectName / certificateSha1 ' +
            'for a certificate on a hardware token, or win.azureSignOptions with AZURE_TENANT_ID, AZURE_CLIENT_ID, AZURE_CLIENT_SECRET ' +
            '(README: Signing).',
        );
      }
    } else if (platform === 'linux') {
      if (set('KIOSK_GPG_KEY_ID')) how.linux = `GPG key ${env.KIOSK_GPG_KEY_ID}`;
      else {
        missing.push('linux');
        hints.push('Linux: set KIOSK_GPG_KEY_ID to the GPG key that signs the packages (README: Signing).');
      }
    }
  }
  return missing.length === 0 ? { ok: true, how } : { ok: false, missing, hints };
}

/** A test build's version: a prerelease below the release, so a real release always updates over it. */
export function unsignedVersion(version) {
  return `${version.split('-')[0]}-unsigned`;
}
