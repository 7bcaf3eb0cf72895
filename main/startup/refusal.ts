/**
 * The kiosk will not start, for a reason IT can fix: the message says what is wrong and what to
 * do. Every shell exits with EX_CONFIG (78, sysexits.h) on one, so a service manager or a deploy
 * script can tell a kiosk that is set up wrong from one that crashed.
 */
export const EX_CONFIG = 78;

export class StartRefusal extends Error {
  readonly exitCode = EX_CONFIG;
  constructor(
    /** A stable name for tests and logs, e.g. `config_missing`, `device_key_missing`. */
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'StartRefusal';
  }
}

/**
 * The body of the error box the Electron shell shows on a refusal: the message, then who to call,
 * unless the message already says to call IT (the data-key and damage texts do), so a clerk does not
 * read the same sentence twice.
 */
export function refusalDialogText(message: string): string {
  return /CNTT/.test(message) ? message : `${message}\n\nHãy báo bộ phận CNTT. / Please contact IT.`;
}

/** The one line a shell prints (stderr, or an error dialog) for a refusal: Vietnamese, then English. */
export function refusalText(e: StartRefusal): string {
  return `Kiosk không khởi động / Kiosk refused to start: ${e.message}`;
}
