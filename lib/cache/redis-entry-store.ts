import { createClient } from '@redis/client';
import { provideSharedEntryStore } from '@/lib/cache/shared-entry-store.mjs';

/*
 * The ISR cache that several instances share (REDIS_URL): Redis holds a
 * copy of every entry, under the same folder name (build and database) the
 * instances use on disk, so a build or database never reads another's
 * entries. Redis is never in a reader's way: commands fail at once while it
 * is unreachable (no offline queue) or after COMMAND_TIMEOUT_MS, the cache
 * handler then works from its own disk copies, and the client reconnects by
 * itself, so sharing resumes without a restart.
 */

const KEY_PREFIX = 'portal:isr:';
/** Entries of pages nobody asks for any more go in time; a week keeps every live page. */
const ENTRY_SECONDS = 7 * 24 * 3600;
const COMMAND_TIMEOUT_MS = 500;
const RECONNECT_MS = 1_000;

export async function startRedisEntryStore(redisUrl: string): Promise<void> {
  let warned = false;
  const client = createClient({
    url: redisUrl,
    disableOfflineQueue: true,
    commandOptions: { timeout: COMMAND_TIMEOUT_MS },
    socket: { connectTimeout: 2_000, reconnectStrategy: () => RECONNECT_MS },
  });
  client.on('error', (error: unknown) => {
    if (warned) return;
    warned = true;
    console.warn(`[portal] the shared cache (Redis) is unreachable, each instance serves its own copies meanwhile: ${error instanceof Error ? error.message : String(error)}`);
  });
  client.on('ready', () => {
    if (warned) console.warn('[portal] the shared cache (Redis) is back');
    warned = false;
  });
  provideSharedEntryStore({
    read: async (key) => (client.isReady ? client.get(KEY_PREFIX + key) : null),
    write: async (key, text) => {
      if (client.isReady) await client.set(KEY_PREFIX + key, text, { expiration: { type: 'EX', value: ENTRY_SECONDS } });
    },
    remove: async (key) => {
      if (client.isReady) await client.del(KEY_PREFIX + key);
    },
  });
  // Not awaited beyond a first try: an instance starts and serves without Redis.
  await client.connect().catch(() => undefined);
}
