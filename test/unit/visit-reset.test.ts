import { createPinia, setActivePinia, type Store } from 'pinia';
import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from 'vue';

/**
 * The citizen wipe resets every store of the renderer that belongs to a visit. The stores are
 * found by reading renderer/src/stores, not from a list, so a store added later is covered.
 */
type StoreModule = Record<string, unknown>;
let modules: Record<string, StoreModule>;
let resetVisitStores: () => void;
let visitResetPlugin: (ctx: never) => void;

beforeAll(async () => {
  // The renderer's API client picks its transport when loaded; give it a bridge that answers.
  Object.assign(globalThis, {
    window: { kiosk: { call: async () => ({ ok: true, value: {} }) }, location: { hash: '' } },
    document: { documentElement: {} },
  });
  const loaders = import.meta.glob<StoreModule>('../../renderer/src/stores/*.ts');
  modules = Object.fromEntries(await Promise.all(Object.entries(loaders).map(async ([path, load]) => [path, await load()] as const)));
  ({ resetVisitStores, visitResetPlugin } = (await import('../../renderer/src/stores/visit-reset')) as never);
});

function dirty(value: unknown): unknown {
  if (typeof value === 'string') return `${value}-dirty`;
  if (typeof value === 'number') return value + 42;
  if (typeof value === 'boolean') return !value;
  if (Array.isArray(value)) return [...value, 'dirty'];
  return { dirty: true };
}

describe('the citizen wipe in the renderer', () => {
  it('puts every store of the visit back to its start, and keeps only the stores that say why they stay', () => {
    const pinia = createPinia();
    const kept: string[] = [];
    pinia.use(visitResetPlugin as never);
    pinia.use(({ store, options }) => void (options.keepAcrossVisits && kept.push(store.$id)));
    // Pinia applies plugins once it is installed in an app, as renderer/src/main.ts does.
    createApp({}).use(pinia);
    setActivePinia(pinia);
    const stores: Store[] = [];
    for (const mod of Object.values(modules)) {
      for (const [name, fn] of Object.entries(mod)) if (/^use\w+Store$/.test(name) && typeof fn === 'function') stores.push((fn as () => Store)());
    }
    expect(stores.map((s) => s.$id)).toEqual(expect.arrayContaining(['flow', 'wizard', 'receipt', 'verification', 'staff', 'kiosk']));

    const initial = new Map(stores.map((s) => [s.$id, JSON.stringify(s.$state)]));
    for (const s of stores) {
      s.$patch((state: Record<string, unknown>) => {
        for (const key of Object.keys(state)) state[key] = dirty(state[key]);
      });
      expect(JSON.stringify(s.$state), s.$id).not.toBe(initial.get(s.$id));
    }
    resetVisitStores();
    for (const s of stores) {
      if (kept.includes(s.$id)) continue;
      expect(JSON.stringify(s.$state), s.$id).toBe(initial.get(s.$id));
    }
    // The kiosk's loaded configuration stays; flow.wipe resets its per-citizen display choices.
    expect(kept).toEqual(['kiosk']);
  });
});
