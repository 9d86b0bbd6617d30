import pg from 'pg';
import {
  applyRevalidations,
  recordRevalidationWith,
  REVALIDATION_CHANNEL,
  revalidationState,
  startAfreshFor,
} from '@/lib/cache/revalidation-state.mjs';
import { countRevalidation } from '@/lib/cache/isr-revalidation-count.mjs';

/*
 * Keeps this process's revalidation state (lib/cache/revalidation-state.mjs)
 * in step with the table cache_revalidation: loads it when the server
 * starts, listens for the notification every write sends at commit, and
 * reads it again every few seconds and after every reconnection, so a
 * notification lost with a connection is made up for. The portal server
 * starts it; Next.js's bundles only read the state.
 *
 * The table is the truth and the notification only says "read it now": a
 * server that was down or disconnected when a write happened still learns
 * of it from the table.
 */

/** How often the table is read again anyway. */
const CATCH_UP_MS = 5_000;
/** Pause before connecting again after the database went away. */
const RECONNECT_MS = 1_000;

type Revalidation = { tag: string; seq: string };

function warn(message: string): void {
  console.warn(`[portal] ${message}`);
}

export function startRevalidationSync(databaseUrl: string): void {
  const state = revalidationState();
  if (state.catchUp) return;
  let client: pg.Client | null = null;
  let loadedOnce = false;

  const catchUp = async (): Promise<void> => {
    if (!client) throw new Error('not connected');
    const { rows } = await client.query<Revalidation>('SELECT "tag", "seq"::text AS seq FROM "cache_revalidation" WHERE "seq" > $1', [state.watermark]);
    applyRevalidations(rows);
  };

  const lose = (lost: pg.Client): void => {
    if (client !== lost) return;
    client = null;
    state.connected = false;
    lost.end().catch(() => undefined);
    warn('lost the database connection that keeps the cache current; connecting again');
    setTimeout(() => void connect(), RECONNECT_MS).unref();
  };

  const connect = async (): Promise<void> => {
    const next = new pg.Client({ connectionString: databaseUrl, keepAlive: true, connectionTimeoutMillis: 3_000 });
    client = next;
    next.on('error', () => lose(next));
    next.on('end', () => lose(next));
    try {
      await next.connect();
      const identity = await next.query<{ id: string }>('SELECT "id" FROM "database_identity" ORDER BY "created_at" LIMIT 1');
      const databaseId = identity.rows[0]?.id;
      if (databaseId === undefined) throw new Error('the database has no identity row; run the migrations');
      if (state.databaseId !== databaseId) {
        // Another database behind the same address (a restore): nothing known of the old one applies.
        if (state.databaseId !== null) warn('the database was replaced; the cache starts afresh for the new one');
        startAfreshFor(databaseId);
      }
      await next.query(`LISTEN ${REVALIDATION_CHANNEL}`);
      next.on('notification', () => void catchUp().catch(() => lose(next)));
      await catchUp();
      const reconnected = state.databaseId !== null && !state.connected && loadedOnce;
      state.connected = true;
      loadedOnce = true;
      state.markLoaded();
      // Pages served stale while the database was away may have been kept as they went out (server/page-answers.ts).
      if (reconnected) countRevalidation();
    } catch (error) {
      if (client === next) {
        warn(`cannot read the cache's revalidations yet: ${error instanceof Error ? error.message : String(error)}`);
        lose(next);
      }
    }
  };

  state.catchUp = catchUp;
  state.recordNow = async (tags) => {
    const writer = new pg.Client({ connectionString: databaseUrl, connectionTimeoutMillis: 3_000 });
    await writer.connect();
    try {
      await writer.query('BEGIN');
      await recordRevalidationWith(async (sql, params) => (await writer.query<{ seq?: string }>(sql, params)).rows, tags);
      await writer.query('COMMIT');
    } catch (error) {
      await writer.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      await writer.end().catch(() => undefined);
    }
  };
  void connect();
  setInterval(() => {
    const current = client;
    if (current && state.connected) void catchUp().catch(() => lose(current));
  }, CATCH_UP_MS).unref();
}
