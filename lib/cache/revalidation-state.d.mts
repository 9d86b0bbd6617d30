// Types of lib/cache/revalidation-state.mjs, which stays JavaScript because Next.js bundles the cache handler on its own.
export const REVALIDATION_CHANNEL: string;
export type RevalidationState = {
  tagSeq: Map<string, number>;
  watermark: number;
  databaseId: string | null;
  connected: boolean;
  loaded: Promise<void>;
  markLoaded: () => void;
  catchUp: (() => Promise<void>) | null;
  recordNow: ((tags: readonly string[]) => Promise<void>) | null;
};
export function recordRevalidationWith(query: (sql: string, params: unknown[]) => Promise<{ seq?: string }[]>, tags: readonly string[]): Promise<number | null>;
export function revalidationState(): RevalidationState;
export function applyRevalidations(rows: { tag: string; seq: string }[]): void;
export function startAfreshFor(databaseId: string): void;
export function revalidationsLoaded(timeoutMs: number): Promise<boolean>;
export function isStaleAt(tags: Iterable<string>, stamp: number): boolean;
export function refreshAfterCommit(tags: readonly string[]): Promise<void>;
export function recordRevalidationNow(tags: readonly string[]): Promise<boolean>;
