// Types of lib/cache/revalidation-sync.mjs, which stays JavaScript because the cache handler loads it at run time.
export const REVALIDATION_CHANNEL: string;
export const recordRevalidationSql: { lock: string; insert: string; notify: string; lockKey: number };
export function recordRevalidationWith(query: (sql: string, params: unknown[]) => Promise<{ seq?: string }[]>, tags: readonly string[]): Promise<number | null>;
export function startRevalidationSync(databaseUrl: string): void;
export function revalidationsLoaded(timeoutMs: number): Promise<boolean>;
export function revalidationDatabaseId(): string | null;
export function revalidationWatermark(): number;
export function revalidationSyncConnected(): boolean;
export function isStaleAt(tags: Iterable<string>, stamp: number): boolean;
export function refreshAfterCommit(tags: readonly string[]): Promise<void>;
export function recordRevalidationNow(tags: readonly string[]): Promise<void>;
