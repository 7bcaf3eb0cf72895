import { expect, type Locator, type Page, type TestInfo } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { seriousViolations } from './a11y';
import { OnScreenKeyboardPage } from './on-screen-keyboard';

/**
 * What every kiosk screen must satisfy on every panel, measured in the page as it stands:
 * - every touch target (button, key, option, the label of a radio or checkbox) is ≥ 64 × 64 px,
 *   at every text size, in both themes;
 * - the page itself never scrolls (regions may), and at the largest text size nothing is cut
 *   off: every control and heading can be scrolled fully into view, nothing sticks out sideways;
 * - axe finds nothing serious or critical;
 * - with the on-screen keyboard up, the screen's primary button is wholly on screen, above the
 *   keys, and one tap on it does what it says.
 * Screenshots of each screen land in test-results/screenshots/layout/<project>/ in both
 * languages; `npm run gallery` copies the README's pictures from there.
 */
export const MIN_TARGET_PX = 64;

const shotsRoot = resolve(import.meta.dirname, '../../test-results/screenshots/layout');

const textSizeButton = (page: Page) => page.getByRole('banner').getByRole('button', { name: /^(Cỡ chữ|Text size)/ });
const contrastButton = (page: Page) => page.getByRole('banner').getByRole('button', { name: /^(Tương phản cao|High contrast)$/ });
const languageButton = (page: Page) => page.getByRole('banner').getByRole('button', { name: /^(Chuyển sang tiếng Anh|Switch to Vietnamese)$/ });

export type TextSize = 'normal' | 'large' | 'xlarge';

async function currentSize(page: Page): Promise<TextSize> {
  const cls = (await page.locator('.app').getAttribute('class')) ?? '';
  return cls.includes('text-xlarge') ? 'xlarge' : cls.includes('text-large') ? 'large' : 'normal';
}

/** Sets the text size and theme with the top bar's own buttons, as a citizen would. */
export async function setAppearance(page: Page, size: TextSize, contrast: boolean): Promise<void> {
  for (let i = 0; i < 3 && (await currentSize(page)) !== size; i++) await textSizeButton(page).tap();
  await expect(page.locator('.app')).toHaveClass(new RegExp(`text-${size}`));
  const button = contrastButton(page);
  if ((await button.getAttribute('aria-pressed')) !== String(contrast)) await button.tap();
  await expect(button).toHaveAttribute('aria-pressed', String(contrast));
}

/** Every rendered touch target smaller than 64 px in either direction, described for the failure message. */
export async function smallTargets(page: Page): Promise<string[]> {
  return page.evaluate((min) => {
    const out: string[] = [];
    const seen = new Set<Element>();
    const candidates = document.querySelectorAll('button, [role="button"], [role="option"], a[href], select, input[type="checkbox"], input[type="radio"]');
    for (const el of candidates) {
      // A radio or checkbox is touched through its label, which is the target.
      const target = el instanceof HTMLInputElement ? (el.closest('label') ?? el) : el;
      if (seen.has(target)) continue;
      seen.add(target);
      const style = getComputedStyle(target);
      if (style.visibility === 'hidden' || style.display === 'none') continue;
      // Layout size, not the transformed box: a pressed button shrinks for a moment on purpose.
      const width = target instanceof HTMLElement ? target.offsetWidth : target.getBoundingClientRect().width;
      const height = target instanceof HTMLElement ? target.offsetHeight : target.getBoundingClientRect().height;
      if (width === 0 && height === 0) continue;
      if (width < min - 0.5 || height < min - 0.5) {
        const name = (target.getAttribute('aria-label') ?? target.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 40);
        out.push(`${target.tagName.toLowerCase()} "${name}" ${Math.round(width)}×${Math.round(height)}`);
      }
    }
    return out;
  }, MIN_TARGET_PX);
}

/** Whether the page itself (not a region inside it) can scroll, in either direction. */
export async function pageOverflow(page: Page): Promise<string | null> {
  return page.evaluate(() => {
    for (const el of [document.documentElement, document.body]) {
      if (el.scrollHeight > el.clientHeight + 1 || el.scrollWidth > el.clientWidth + 1) {
        return `${el.tagName} ${el.scrollWidth}×${el.scrollHeight} in ${el.clientWidth}×${el.clientHeight}`;
      }
    }
    return null;
  });
}

/**
 * What cannot be read or reached: content wider than its region (cut at the side), a control
 * or heading outside the screen that no region can scroll into view, text overflowing its button,
 * or a content region squeezed below a usable height.
 */
export async function cutOff(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    const keyboardTop = (() => {
      const k = document.querySelector<HTMLElement>('[data-testid="on-screen-keyboard"]');
      return k && getComputedStyle(k).display !== 'none' ? k.getBoundingClientRect().top : window.innerHeight;
    })();
    // The region that scrolls el into view; null: the screen itself. A fixed dialog is a screen of its own.
    const scroller = (el: Element): Element | null => {
      for (let p = el.parentElement; p; p = p.parentElement) {
        const style = getComputedStyle(p);
        if ((style.overflowY === 'auto' || style.overflowY === 'scroll') && p.scrollHeight > p.clientHeight) return p;
        if (style.position === 'fixed') return null;
      }
      return null;
    };
    const describe = (el: Element) => `${el.tagName.toLowerCase()} "${(el.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 40)}"`;
    for (const region of document.querySelectorAll<HTMLElement>('[data-testid="content-region"], .screen__main, .screen__aside')) {
      // Not rendered (the citizen's screen waiting, hidden, under the clerk area): nothing to cut.
      if (region.getClientRects().length === 0) continue;
      const o = getComputedStyle(region).overflowY;
      if ((o === 'auto' || o === 'scroll') && region.clientHeight < 100) out.push(`region ${region.className} only ${region.clientHeight}px tall`);
    }
    const items = document.querySelectorAll('h1, h2, h3, button, input, textarea, label, p, dt, dd, li, [role="option"]');
    for (const el of items) {
      const style = getComputedStyle(el);
      if (style.display === 'none' || style.visibility === 'hidden' || el.closest('.visually-hidden, [aria-hidden="true"]')) continue;
      const box = el.getBoundingClientRect();
      if (box.width === 0 && box.height === 0) continue;
      if (el instanceof HTMLElement && el.tagName === 'BUTTON' && el.scrollWidth > el.clientWidth + 2) out.push(`${describe(el)}: text wider than its button`);
      const s = scroller(el);
      const side = s ? s.getBoundingClientRect() : { left: 0, right: window.innerWidth };
      if (box.left < side.left - 1 || box.right > side.right + 1) {
        // Horizontal scrollers (a strip of chips, the receipt paper) are meant to scroll sideways.
        let sideways = false;
        for (let p = el.parentElement; p; p = p.parentElement) if (['auto', 'scroll'].includes(getComputedStyle(p).overflowX) && p.scrollWidth > p.clientWidth) sideways = true;
        if (!sideways) out.push(`${describe(el)}: cut at the side (${Math.round(box.left)}–${Math.round(box.right)})`);
      }
      if (!s && (box.top < -1 || box.bottom > keyboardTop + 1)) {
        // Not in any scrolling region: it must be on screen already.
        if (!el.closest('[data-testid="on-screen-keyboard"]')) out.push(`${describe(el)}: off screen and not scrollable (${Math.round(box.top)}–${Math.round(box.bottom)})`);
      }
    }
    return out;
  });
}

export interface ScreenCheckOptions {
  /** axe on this screen (default true). */
  axe?: boolean;
  /**
   * axe in the high-contrast theme too (default false): the desktop a11y specs check every
   * screen in both themes; here it is for what only these panels show (the demo panels).
   */
  axeContrast?: boolean;
  /** English screenshot too (default true). */
  english?: boolean;
  /**
   * For a dialog, which covers the top bar: `prepare` opens it after each change of look (made
   * with the top bar's buttons while it is closed) and `cleanup` closes it again.
   */
  prepare?: () => Promise<void>;
  cleanup?: () => Promise<void>;
}

/**
 * The per-screen checks above, in the looks a citizen can choose, and the screenshots. Leaves
 * the screen in Vietnamese, normal text, normal theme (a dialog open, if `prepare` opens one).
 */
export class LayoutChecker {
  readonly project: string;
  readonly dir: string;
  readonly osk: OnScreenKeyboardPage;

  constructor(
    readonly page: Page,
    testInfo: TestInfo,
  ) {
    this.project = testInfo.project.name;
    this.dir = `${shotsRoot}/${this.project}`;
    mkdirSync(this.dir, { recursive: true });
    this.osk = new OnScreenKeyboardPage(page);
  }

  async shot(name: string): Promise<void> {
    await this.page.evaluate(() => document.fonts.ready);
    await this.page.screenshot({ path: `${this.dir}/${name}.png` });
  }

  async screen(name: string, opts: ScreenCheckOptions = {}): Promise<void> {
    const page = this.page;
    const looks = [['normal', false], ['large', false], ['xlarge', false], ['xlarge', true], ['normal', true]] as const;
    for (const [size, contrast] of looks) {
      await setAppearance(page, size, contrast);
      await opts.prepare?.();
      const look = `${size}${contrast ? ', contrast' : ''}`;
      if (size === 'normal' && !contrast) await this.shot(`${name}-vi`);
      expect(await smallTargets(page), `${this.project} ${name} (${look}): targets under 64 px`).toEqual([]);
      expect(await pageOverflow(page), `${this.project} ${name} (${look}): the page itself scrolls`).toBeNull();
      if (size !== 'large') expect(await cutOff(page), `${this.project} ${name} (${look}): cut off`).toEqual([]);
      // The largest text on the smallest panel is the one worth looking at.
      if (size === 'xlarge' && !contrast && this.project.endsWith('1366x768')) await this.shot(`${name}-vi-xlarge`);
      if (size === 'normal' && !contrast && opts.axe !== false) expect(await seriousViolations(page), `${this.project} ${name}: axe`).toEqual([]);
      if (size === 'normal' && contrast && opts.axeContrast) expect(await seriousViolations(page), `${this.project} ${name} (contrast): axe`).toEqual([]);
      await opts.cleanup?.();
    }
    await setAppearance(page, 'normal', false);

    if (opts.english !== false) {
      await languageButton(page).tap();
      await expect(page.locator('html')).toHaveAttribute('lang', 'en');
      await opts.prepare?.();
      await this.shot(`${name}-en`);
      expect(await cutOff(page), `${this.project} ${name} (en): cut off`).toEqual([]);
      await opts.cleanup?.();
      await languageButton(page).tap();
      await expect(page.locator('html')).toHaveAttribute('lang', 'vi');
    }
    await opts.prepare?.();
  }

  /**
   * With the keyboard up for `field`: the keys are ≥ 64 px in each look, nothing is cut off, axe
   * is clean, and a screenshot. Leaves the keyboard up for the field in the normal look.
   */
  async keyboard(name: string, field: Locator, opts: { axe?: boolean } = {}): Promise<void> {
    for (const [size, contrast] of [['xlarge', true], ['xlarge', false], ['normal', false]] as const) {
      await setAppearance(this.page, size, contrast);
      await field.tap();
      await this.osk.ready();
      const look = `${size}${contrast ? ', contrast' : ''}`;
      expect(await smallTargets(this.page), `${this.project} ${name} keyboard (${look}): keys under 64 px`).toEqual([]);
      expect(await cutOff(this.page), `${this.project} ${name} keyboard (${look}): cut off`).toEqual([]);
      expect(await pageOverflow(this.page), `${this.project} ${name} keyboard (${look}): the page itself scrolls`).toBeNull();
    }
    await this.shot(`${name}-keyboard-vi`);
    if (opts.axe !== false) expect(await seriousViolations(this.page), `${this.project} ${name} keyboard: axe`).toEqual([]);
  }

  /**
   * The acceptance check: right after typing on the keyboard, the primary button lies wholly on
   * screen and above the keys, and one tap on it does the action (`then` waits for its effect).
   */
  async primaryWhileTyping(name: string, primary: Locator, then: () => Promise<void>): Promise<void> {
    await this.primaryAboveKeyboard(name, primary);
    await primary.tap();
    await then();
  }

  /** The first half of primaryWhileTyping, for a screen left without pressing its button. */
  async primaryAboveKeyboard(name: string, primary: Locator): Promise<void> {
    await expect(this.osk.root, `${name}: the keyboard is up`).toBeVisible();
    const viewport = this.page.viewportSize()!;
    await expect
      .poll(
        async () => {
          const b = await primary.boundingBox();
          const k = await this.osk.root.boundingBox();
          if (!b || !k) return 'not rendered';
          if (b.x < 0 || b.y < 0 || b.x + b.width > viewport.width) return `off screen: ${JSON.stringify(b)}`;
          if (b.y + b.height > k.y) return `under the keyboard: button ends at ${Math.round(b.y + b.height)}, keys start at ${Math.round(k.y)}`;
          return 'ok';
        },
        { message: `${this.project} ${name}: the primary button is on screen above the keyboard` },
      )
      .toBe('ok');
  }
}
