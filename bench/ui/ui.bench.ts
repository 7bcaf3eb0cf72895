import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { expect, test, type CDPSession, type Locator, type Page } from '@playwright/test';
import type { Procedure } from '../../common/domain/procedures';
import { KioskPage, labels } from '../../test/e2e/kiosk-page';
import { OnScreenKeyboardPage } from '../../test/e2e/on-screen-keyboard';
import { useSimulatorAndKiosk } from '../../test/e2e/processes';
import { WizardPage } from '../../test/e2e/wizard-page';
import { writeSection } from '../results-file';
import { generatedCatalogue } from './catalogue';
import { instrument, type BenchState, type TapRecord } from './instrument';
import { machineLine, PHASES, uiReport, type Samples } from './ui-report';

/**
 * `npm run bench:ui [-- --repeat N]`: how the renderer feels on the kiosk's PC, in Debian's
 * Chromium against the real kiosk process and simulator, at full CPU and with Chromium's CPU
 * throttling at 4× (a fair stand-in for a Celeron-class kiosk PC). Every figure is measured in the
 * page itself (bench/ui/instrument.ts says exactly from where to where):
 *
 * - key tap → glyph painted, from the key's `pointerdown` to the frame that shows it. Taps are real
 *   touch events (CDP Input.dispatchTouchEvent) held 60 ms, as a quick finger does.
 * - the same on a bare page (one input, one key, four lines of script): the floor this browser,
 *   this machine and this throttling put under any page, measured in the same run.
 * - search per keystroke over a generated catalogue of 6,000 procedures: from the search box's
 *   `input` to its results in the DOM (the search and Vue's update), and to the painted frame.
 * - wizard transitions: from the `pointerup` of a tap on "next" or "back" to the frame that shows
 *   the other step.
 */
const CATALOGUE_SIZE = 6000;
const HOLD_MS = 60;
const RATES = [1, 4] as const;
const LIGHT_DIGITS = '066185000123';
const QUERIES = ['dang ky khai sinh', 'cap lai giay', 'dagn ky thuong tru'];
const REPEAT = Math.max(1, Number(process.env.BENCH_UI_REPEAT ?? 1) || 1);

const env = useSimulatorAndKiosk();

/** A finger on the element: touch start, held, touch end (real touch events, so real pointer events). */
async function tap(cdp: CDPSession, target: Locator): Promise<void> {
  const box = await target.boundingBox();
  if (!box) throw new Error('target is not on screen');
  const point = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [point] });
  await new Promise((r) => setTimeout(r, HOLD_MS));
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
}

const tapCount = (page: Page) => page.evaluate(() => window.__bench.taps.length);

/** Types `text` key by key on the on-screen keyboard; waits for each tap's frame. */
async function typeByTaps(page: Page, cdp: CDPSession, osk: OnScreenKeyboardPage, text: string): Promise<void> {
  for (const ch of text) {
    const before = await tapCount(page);
    await tap(cdp, ch === ' ' ? osk.key(/^(Dấu cách|Space)$/) : osk.key(ch));
    await expect.poll(() => tapCount(page), { timeout: 10_000, intervals: [16] }).toBeGreaterThan(before);
  }
}

async function clearField(page: Page, field: Locator): Promise<void> {
  await page.evaluate(() => (window.__bench.recording = false));
  await field.evaluate((el: HTMLInputElement) => {
    el.value = '';
    el.dispatchEvent(new InputEvent('input', { bubbles: true }));
  });
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 100))));
  await page.evaluate(() => (window.__bench.recording = true));
}

const take = (page: Page): Promise<Pick<BenchState, 'taps' | 'transitions'>> =>
  page.evaluate(() => ({ taps: window.__bench.taps.splice(0), transitions: window.__bench.transitions.splice(0) }));

const setRate = (cdp: CDPSession, rate: number) => cdp.send('Emulation.setCPUThrottlingRate', { rate });

/**
 * `BENCH_UI_PROF=<dir>`: a V8 CPU profile of each measured stretch (`<what>-<rate>x.cpuprofile`,
 * for Chrome DevTools), sampled every 100 µs.
 */
async function profiled<T>(cdp: CDPSession, name: string, run: () => Promise<T>): Promise<T> {
  const dir = process.env.BENCH_UI_PROF;
  if (!dir) return run();
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
  await cdp.send('Profiler.start');
  const result = await run();
  const { profile } = await cdp.send('Profiler.stop');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `${name}.cpuprofile`), JSON.stringify(profile));
  return result;
}

/** The floor: a page with one field and one key that types "a" on pointerdown, nothing else. */
async function bareTaps(page: Page, cdp: CDPSession, rate: number, count: number): Promise<TapRecord[]> {
  // A page of its own (not setContent, whose document.open() drops the instrument's listeners).
  const html = `<!doctype html><input id="field" aria-label="field"><button data-key="a" style="width:120px;height:90px">a</button>
    <script>
      const field = document.getElementById('field');
      document.querySelector('[data-key]').addEventListener('pointerdown', (e) => {
        e.preventDefault();
        field.value += 'a';
        field.dispatchEvent(new InputEvent('input', { bubbles: true, data: 'a', inputType: 'insertText' }));
      });
    </script>`;
  await page.goto(`data:text/html;charset=utf-8,${encodeURIComponent(html)}`);
  await page.locator('#field').focus();
  await setRate(cdp, rate);
  await take(page);
  const key = page.locator('[data-key]');
  for (let i = 0; i < count; i++) {
    const before = await tapCount(page);
    await tap(cdp, key);
    await expect.poll(() => tapCount(page), { timeout: 10_000, intervals: [16] }).toBeGreaterThan(before);
  }
  const got = await take(page);
  await setRate(cdp, 1);
  return got.taps;
}

async function pinia(page: Page): Promise<void> {
  // The API path cannot carry 6,000 procedures today (the catalogue schema stops at 5,000 and a
  // response at 1 MB): the generated catalogue goes straight into the wizard's store.
  const real = await page.evaluate(() => {
    const app = (document.querySelector('#app') as Element & { __vue_app__: { config: { globalProperties: { $pinia: { _s: Map<string, { procedures: unknown }> } } } } }).__vue_app__;
    return app.config.globalProperties.$pinia._s.get('wizard')!.procedures as Procedure[];
  });
  const catalogue = generatedCatalogue(real, CATALOGUE_SIZE);
  await page.evaluate((procedures) => {
    const app = (document.querySelector('#app') as Element & { __vue_app__: { config: { globalProperties: { $pinia: { _s: Map<string, { procedures: unknown }> } } } } }).__vue_app__;
    app.config.globalProperties.$pinia._s.get('wizard')!.procedures = procedures;
  }, catalogue);
}

test('renderer latency at 1× and 4× CPU throttle', async ({ page }) => {
  const samples: Samples = new Map();
  const add = (key: string, values: number[], round: number) => {
    const rounds = samples.get(key) ?? [];
    (rounds[round] ??= []).push(...values);
    samples.set(key, rounds);
  };
  const phases = (what: string, rate: number, taps: TapRecord[], round: number) =>
    PHASES.forEach((phase, i) => add(`phase:${what}:${rate}:${i}`, taps.map(phase), round));
  await page.addInitScript(instrument);
  const cdp = await page.context().newCDPSession(page);
  const k = new KioskPage(page);
  const osk = new OnScreenKeyboardPage(page);
  const wizard = new WizardPage(page);

  for (let round = 0; round < REPEAT; round++) {
    for (const rate of RATES) {
      const floor = await bareTaps(page, cdp, rate, 24);
      add(`floor:${rate}`, floor.map((t) => t.painted - t.down), round);
      phases('floor', rate, floor, round);
    }

    // A light field: the login form's ID number (numeric keys, nothing else reacts to it).
    await page.goto('about:blank');
    await page.goto(env.kiosk.url);
    await k.openLoginForm();
    const id = page.getByLabel(labels.vi.idLabel);
    await id.tap();
    await expect(osk.key('5')).toBeVisible();
    for (const rate of RATES) {
      await setRate(cdp, rate);
      await take(page);
      await profiled(cdp, `id-${rate}x`, async () => {
        for (let typed = 0; typed < 2; typed++) {
          await typeByTaps(page, cdp, osk, LIGHT_DIGITS);
          await clearField(page, id);
        }
      });
      const got = await take(page);
      add(`id:${rate}`, got.taps.map((t) => t.painted - t.down), round);
      phases('id', rate, got.taps, round);
    }
    await setRate(cdp, 1);

    // The procedure search over a catalogue the size of the national one.
    await page.goto('about:blank');
    await wizard.logIn(env.kiosk.url, env.sim.url);
    await wizard.open();
    await expect(page.getByRole('list', { name: 'Kết quả tìm kiếm' }).getByRole('button').first()).toBeVisible();
    // Screen to screen through the wizard: step 2 → 5 and back, by touch on "next" and "back"
    // (with the real catalogue: the agencies of a generated procedure are not the simulator's).
    await wizard.chooseProcedure('dang ky khai sinh', /^Thủ tục đăng ký khai sinh/);
    const back = page.getByTestId('action-bar').getByRole('button').first();
    for (const rate of RATES) {
      await setRate(cdp, rate);
      await take(page);
      await profiled(cdp, `transitions-${rate}x`, async () => {
        for (let trip = 0; trip < 2; trip++) {
          for (const [button, to] of [
            [wizard.nextButton(), 3],
            [wizard.nextButton(), 4],
            [wizard.nextButton(), 5],
            [back, 4],
            [back, 3],
            [back, 2],
          ] as const) {
            if (to === 4 && (await page.getByText(/^Bước 3\/7$/).count()) > 0) await wizard.chooseAgency('UBND phường Buôn Ma Thuột');
            await page.evaluate(() => (window.__bench.expectStep = true));
            await tap(cdp, button);
            await wizard.expectStep(to);
            await expect.poll(() => page.evaluate(() => window.__bench.transitions.length), { timeout: 10_000 }).toBeGreaterThan(0);
            const got = await take(page);
            add(`transition:${rate}`, got.transitions.map((t) => t.painted - t.up), round);
          }
        }
      });
    }
    await setRate(cdp, 1);

    await pinia(page);
    const search = page.getByLabel('Tìm thủ tục');
    await search.tap();
    await expect(osk.key('a')).toBeVisible();
    for (const rate of RATES) {
      await setRate(cdp, rate);
      await take(page);
      await profiled(cdp, `search-${rate}x`, async () => {
        for (const query of QUERIES) {
          await typeByTaps(page, cdp, osk, query);
          await clearField(page, search);
        }
      });
      const got = await take(page);
      add(`searchTap:${rate}`, got.taps.map((t) => t.painted - t.down), round);
      add(`searchDom:${rate}`, got.taps.map((t) => t.handled - t.input), round);
      add(`searchPainted:${rate}`, got.taps.map((t) => t.painted - t.input), round);
      phases('search', rate, got.taps, round);
    }
    await setRate(cdp, 1);
  }

  const report = uiReport(samples, REPEAT);
  const machine = machineLine(page.context().browser()?.version() ?? '?');
  process.stdout.write(`\n${report.table}\n\n${report.phases}\n\n${report.summary}\nMachine: ${machine}\n`);
  if (!process.env.BENCH_UI_NO_WRITE) {
    writeSection(
      resolve(import.meta.dirname, '../RESULTS.md'),
      'ui',
      `## Renderer (\`npm run bench:ui\`)\n\nLast run ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, ${REPEAT} repeat${REPEAT > 1 ? 's' : ''}; viewport 1920×1080, taps held ${HOLD_MS} ms, queries ${QUERIES.map((q) => `“${q}”`).join(', ')} typed key by key over ${CATALOGUE_SIZE} generated procedures; wizard steps 2 → 5 → 2 twice per rate.\n\nMachine: ${machine}.\n\nMethod: bench/ui/instrument.ts; every time is taken in the page, from the input the browser received to the frame produced after it (see Method below).\n\n${report.table}\n\n${report.phases}\n`,
    );
  }
});
