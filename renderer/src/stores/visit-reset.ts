import type { PiniaPluginContext, StateTree, Store } from 'pinia';

/**
 * Every Pinia store holds part of one citizen's visit unless it says otherwise
 * (`keepAcrossVisits: true`, for kiosk-wide things like the config it loaded). This plugin keeps
 * a list of the stores in use, so the citizen wipe resets all of them — including a store added
 * next year by someone who never heard of the wipe.
 */
declare module 'pinia' {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  export interface DefineStoreOptionsBase<S extends StateTree, Store> {
    /** Survives the citizen wipe (it must then forget the citizen's part itself). */
    keepAcrossVisits?: boolean;
  }
}

const visitStores = new Set<Store>();

export function visitResetPlugin({ store, options }: PiniaPluginContext): void {
  if (!options.keepAcrossVisits) visitStores.add(store);
}

/** Back to the state a new visit starts with, in every store that belongs to a visit. */
export function resetVisitStores(): void {
  for (const store of visitStores) store.$reset();
}
