import { expect, type Locator, type Page } from '@playwright/test';
import { whichShows } from './waits';

/**
 * The on-screen keyboard as a citizen uses it: every character is a tap on a key found by the
 * name a screen reader would say. Nothing here types through Playwright's keyboard or fills a
 * field, so a test that uses it proves the form can be completed by touch alone.
 */
const toneOfMark: Record<string, string> = {
  '\u0301': 'sắc',
  '\u0300': 'huyền',
  '\u0309': 'hỏi',
  '\u0303': 'ngã',
  '\u0323': 'nặng',
};

export class OnScreenKeyboardPage {
  readonly root: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByRole('region', { name: /^(Bàn phím ảo|On-screen keyboard)$/ });
  }

  key(name: string | RegExp): Locator {
    return this.root.getByRole('button', { name, exact: typeof name === 'string' });
  }

  async tap(name: string | RegExp): Promise<void> {
    await this.key(name).tap();
  }

  /**
   * Waits until the keyboard is up and serves the field that has focus: it follows a newly
   * tapped field once the tap is over, so right after a tap it may still show the last one's keys.
   */
  async ready(): Promise<void> {
    await expect(this.root).toBeVisible();
    await expect
      .poll(() => this.page.evaluate(() => {
        const id = document.activeElement?.id;
        return !!id && document.querySelector('[data-testid="on-screen-keyboard"]')?.getAttribute('data-for') === id;
      }), { message: 'the on-screen keyboard serves the focused field' })
      .toBe(true);
  }

  async done(): Promise<void> {
    await this.tap(/^(Xong|Done)/);
    await expect(this.root).toBeHidden();
  }

  /** Brings up the layer (letters or symbols) that has a key for `ch`. */
  async showLayerWith(ch: string): Promise<void> {
    // The layer changes only on this test's own taps, so what shows once the keyboard is up stays.
    const other = this.key(/^(Số và ký hiệu|Numbers and symbols|Chữ cái|Letters)$/);
    if ((await whichShows({ here: this.key(ch), other })) === 'here') return;
    await other.tap();
    await expect(this.key(ch)).toBeVisible();
  }

  /** Plain characters (digits, an e-mail, a password), with shift for capitals. */
  async tapPlain(text: string): Promise<void> {
    await this.ready();
    for (const ch of text) {
      if (ch === ' ') {
        await this.tap(/^(Dấu cách|Space)$/);
        continue;
      }
      const upper = ch !== ch.toLowerCase();
      await this.showLayerWith(upper ? ch.toLowerCase() : ch);
      if (upper) await this.tap(/Chữ hoa|Capital letters/);
      await this.tap(ch);
    }
  }

  /**
   * Vietnamese the way a citizen who does not know Telex types it: each letter from its own key
   * (ă â đ ê ô ơ ư are keys), then the word's tone from the tone row once the word is complete.
   */
  async tapVietnamese(text: string): Promise<void> {
    await this.ready();
    const words = text.normalize('NFC').split(' ');
    for (const [i, word] of words.entries()) {
      if (i > 0) await this.tap(/^(Dấu cách|Space)$/);
      let tone: string | undefined;
      for (const ch of word) {
        const parts = ch.normalize('NFD');
        const mark = [...parts].find((p) => toneOfMark[p]);
        if (mark) tone = toneOfMark[mark];
        const letter = [...parts].filter((p) => !toneOfMark[p]).join('').normalize('NFC');
        if (letter !== letter.toLowerCase()) await this.tap(/Chữ hoa|Capital letters/);
        await this.tap(letter);
      }
      if (tone) await this.tap(new RegExp(`(Dấu|Tone mark) ${tone} \\(`));
    }
  }
}
