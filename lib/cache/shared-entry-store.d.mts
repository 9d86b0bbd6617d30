// Types of lib/cache/shared-entry-store.mjs, which stays JavaScript because Next.js bundles the cache handler on its own.
export type SharedEntryStore = {
  read: (key: string) => Promise<string | null>;
  write: (key: string, text: string) => Promise<void>;
  remove: (key: string) => Promise<void>;
};
export function provideSharedEntryStore(store: SharedEntryStore): void;
export function sharedEntryStore(): SharedEntryStore | null;
