import ClerkArea from './ClerkArea.vue';

/** The clerk area: one PIN unlock, then the outbox and the printed receipts (loaded on demand). */
export const clerkScreens = { area: ClerkArea } as const;
