/**
 * Waits for a state, not for a time: calls `check` until it returns something other than
 * `undefined` or `false` and returns that, or fails after `timeoutMs` naming what it waited for
 * (and the last error `check` threw, if it threw: a server not up yet refuses connections).
 * The timeout is seconds so a run on a loaded 2-core CI still passes and a stuck one fails fast.
 */
export async function eventually<T>(
  what: string,
  check: () => T | Promise<T>,
  { timeoutMs = 15_000, intervalMs = 50 }: { timeoutMs?: number; intervalMs?: number } = {},
): Promise<Exclude<T, undefined | false>> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const v = await check();
      if (v !== undefined && v !== false) return v as Exclude<T, undefined | false>;
    } catch (e) {
      lastError = e;
    }
    if (Date.now() > deadline) {
      const why = lastError instanceof Error ? `: ${lastError.message}` : '';
      throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}${why}`);
    }
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}
