import { expect, type Locator } from '@playwright/test';

/**
 * For a screen that can legitimately show one of several things (the clerk panel locked, or
 * still unlocked from a moment ago): waits until one of them shows, then says which. The test
 * branches on a state it asserted instead of on a snapshot taken before the screen settled.
 * The screen must not flip between them on its own once one shows (the product's job: the
 * clerk panel shows nothing until it knows whether a session is open).
 */
export async function whichShows<K extends string>(shown: Record<K, Locator>): Promise<K> {
  const options = Object.entries(shown) as Array<[K, Locator]>;
  const any = options.map(([, l]) => l.first()).reduce((a, b) => a.or(b));
  await expect(any.first(), `one of: ${options.map(([k]) => k).join(', ')}`).toBeVisible();
  for (const [name, l] of options) {
    // eslint-disable-next-line no-restricted-syntax -- read after the assertion above: one of them shows.
    if (await l.first().isVisible()) return name;
  }
  throw new Error(`${options.map(([k]) => k).join(' / ')} showed and then went before it could be read`);
}
