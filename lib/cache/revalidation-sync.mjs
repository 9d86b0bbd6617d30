// @ts-check
import pg from 'pg';
import { countRevalidation } from './isr-revalidation-count.mjs';

/*
 * What this process knows about stale cache entries, kept in step with the
 * table cache_revalidation in PostgreSQL. Writes record their cache tags
 * there in their own transaction (lib/content/record-revalidation.ts), with a
 * number that grows in commit order, and notify the channel below when they
 * commit. Every server process loads the table when it starts, listens on
 * the channel, and asks again every few seconds in case a notification was
 * missed (a lost connection). So a cache hit needs no database round trip:
 * it compares the entry's tags with the numbers held here.
 *
 * An entry is stamped with the highest number this process knew when the
 * render that made it began (lib/cache/isr-cache-handler.mjs); it is stale when
 * one of its tags has a higher number. Because the numbers follow commit
 * order, a render that began after a write was known saw that write's data,
 * and one that began before it is stale once the write is known.
 *
 * Plain JavaScript because Next.js loads the cache handler at run time, out
 * of the build. The bundled pages and the portal server load their own
 * copies of this module; the state lives on globalThis so that every copy in
 * one process shares it.
 */

export const REVALIDATION_CHANNEL = 'portal_cache_revalidation';
/** Serialises the numbering of revalidations, so that numbers follow commit order (see recordRevalidationSql). */
const NUMBERING_LOCK = 728_240_101;
/** How often the table is read again anyway: a notification lost with a connection is made up for within this time. */
const CATCH_UP_MS = 5_000;
/** Pause before connecting again after the database went away. */
const RECONNECT_MS = 1_000;

/**
 * The statements that record a revalidation inside a transaction, in order:
 * take the numbering lock (held until commit), number the tags, notify.
 * Parameters: [lock key], [tags as text[]], [channel, number].
 */
export const recordRevalidationSql = {
  lock: 'SELECT 1 AS locked FROM pg_advisory_xact_lock($1)',
  insert: `INSERT INTO "cache_revalidation" ("tag", "seq", "revalidated_at")
    SELECT DISTINCT t.tag, n.seq, now()
    FROM unnest($1::text[]) AS t(tag) CROSS JOIN (SELECT nextval(pg_get_serial_sequence('"cache_revalidation"', 'seq')) AS seq) AS n
    ON CONFLICT ("tag") DO UPDATE SET "seq" = EXCLUDED."seq", "revalidated_at" = EXCLUDED."revalidated_at"
    RETURNING "seq"::text AS seq`,
  notify: 'SELECT 1 AS notified FROM pg_notify($1, $2)',
  lockKey: NUMBERING_LOCK,
};

/**
 * Records a revalidation of `tags` with `query`, which must run inside an
 * open transaction; returns its number. The caller commits.
 * @param {(sql: string, params: unknown[]) => Promise<{ seq?: string }[]>} query
 * @param {readonly string[]} tags
 * @returns {Promise<number | null>}
 */
export async function recordRevalidationWith(query, tags) {
  const unique = [...new Set(tags)];
  if (unique.length === 0) return null;
  await query(recordRevalidationSql.lock, [NUMBERING_LOCK]);
  const rows = await query(recordRevalidationSql.insert, [unique]);
  const seq = rows[0]?.seq;
  if (seq === undefined) throw new Error('recording a cache revalidation returned no number');
  await query(recordRevalidationSql.notify, [REVALIDATION_CHANNEL, seq]);
  return Number(seq);
}

/**
 * @typedef {{
 *   databaseUrl: string | null,
 *   tagSeq: Map<string, number>,
 *   watermark: number,
 *   databaseId: string | null,
 *   connected: boolean,
 *   client: pg.Client | null,
 *   loaded: Promise<void>,
 *   markLoaded: () => void,
 * }} SyncState
 */

const KEY = Symbol.for('news-portal.revalidation-sync');
/** @type {Record<symbol, SyncState | undefined>} */
const registry = /** @type {any} */ (globalThis);

/** @returns {SyncState} */
function state() {
  let current = registry[KEY];
  if (!current) {
    /** @type {() => void} */
    let markLoaded = () => {};
    const loaded = new Promise((resolve) => (markLoaded = () => resolve(undefined)));
    current = { databaseUrl: null, tagSeq: new Map(), watermark: 0, databaseId: null, connected: false, client: null, loaded, markLoaded };
    registry[KEY] = current;
  }
  return current;
}

/** @param {{ tag: string, seq: string }[]} rows */
function apply(rows) {
  const sync = state();
  let changed = false;
  for (const { tag, seq } of rows) {
    const number = Number(seq);
    if (number > (sync.tagSeq.get(tag) ?? 0)) {
      sync.tagSeq.set(tag, number);
      changed = true;
    }
    if (number > sync.watermark) sync.watermark = number;
  }
  // Pages the portal server answers by itself go with every change (server/page-answers.ts).
  if (changed) countRevalidation();
}

/** @param {pg.Client} client */
async function catchUp(client) {
  const sync = state();
  const { rows } = await client.query('SELECT "tag", "seq"::text AS seq FROM "cache_revalidation" WHERE "seq" > $1', [sync.watermark]);
  apply(rows);
}

/** @param {string} message */
function warn(message) {
  console.warn(`[portal] ${message}`);
}

/** @param {pg.Client} client */
function lose(client) {
  const sync = state();
  if (sync.client !== client) return;
  sync.client = null;
  sync.connected = false;
  client.end().catch(() => undefined);
  warn('lost the database connection that keeps the cache current; connecting again');
  setTimeout(() => void connect(), RECONNECT_MS).unref();
}

async function connect() {
  const sync = state();
  if (!sync.databaseUrl || sync.client) return;
  const client = new pg.Client({ connectionString: sync.databaseUrl, keepAlive: true, connectionTimeoutMillis: 3_000 });
  sync.client = client;
  client.on('error', () => lose(client));
  client.on('end', () => lose(client));
  try {
    await client.connect();
    const identity = await client.query('SELECT "id" FROM "database_identity" ORDER BY "created_at" LIMIT 1');
    const databaseId = identity.rows[0]?.id ?? null;
    if (typeof databaseId !== 'string') throw new Error('the database has no identity; run the migrations');
    if (sync.databaseId !== null && sync.databaseId !== databaseId) {
      // Another database behind the same address (a restore): nothing known of the old one applies.
      warn('the database was replaced; the cache starts afresh for the new one');
      sync.tagSeq.clear();
      sync.watermark = 0;
      countRevalidation();
    }
    sync.databaseId = databaseId;
    await client.query(`LISTEN ${REVALIDATION_CHANNEL}`);
    client.on('notification', () => void catchUp(client).catch(() => lose(client)));
    await catchUp(client);
    sync.connected = true;
    sync.markLoaded();
  } catch (error) {
    if (sync.client === client) {
      warn(`cannot read the cache's revalidations yet: ${error instanceof Error ? error.message : String(error)}`);
      lose(client);
    }
  }
}

/** Starts keeping this process's revalidation state in step with the database at `databaseUrl` (once per process). */
export function startRevalidationSync(databaseUrl) {
  const sync = state();
  if (sync.databaseUrl) return;
  sync.databaseUrl = databaseUrl;
  void connect();
  setInterval(() => {
    const client = sync.client;
    if (client && sync.connected) void catchUp(client).catch(() => lose(client));
  }, CATCH_UP_MS).unref();
}

/**
 * Waits until the state was loaded once, at most `timeoutMs`.
 * @param {number} timeoutMs
 * @returns {Promise<boolean>}
 */
export async function revalidationsLoaded(timeoutMs) {
  const sync = state();
  if (sync.databaseId !== null) return true;
  if (!sync.databaseUrl) return false;
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let timer;
  const timeout = new Promise((resolve) => (timer = setTimeout(resolve, timeoutMs)));
  await Promise.race([sync.loaded, timeout]);
  clearTimeout(timer);
  return sync.databaseId !== null;
}

/** The database the state belongs to (its identity row), or null before it was loaded. */
export function revalidationDatabaseId() {
  return state().databaseId;
}

/** The highest revalidation number known here: what a render starting now is stamped with. */
export function revalidationWatermark() {
  return state().watermark;
}

/** Whether the connection that keeps the state current is up; while it is down, stale pages are served rather than failing renders. */
export function revalidationSyncConnected() {
  return state().connected;
}

/**
 * Whether an entry with these tags, stamped with `stamp`, is out of date.
 * @param {Iterable<string>} tags
 * @param {number} stamp
 */
export function isStaleAt(tags, stamp) {
  const { tagSeq } = state();
  for (const tag of tags) if ((tagSeq.get(tag) ?? 0) > stamp) return true;
  return false;
}

/**
 * Called by a write right after it committed: reads the table again, so that
 * this process serves the change from its very next request. If that read
 * fails, the tags are marked stale here at once all the same (a number just
 * above what is known, which the real number replaces when it is read).
 * Outside a server process (a command-line import) it does nothing: the
 * servers hear of the write through the notification.
 * @param {readonly string[]} tags
 */
export async function refreshAfterCommit(tags) {
  const sync = state();
  if (!sync.databaseUrl || tags.length === 0) return;
  const client = sync.client;
  if (client && sync.connected) {
    try {
      await catchUp(client);
      return;
    } catch {
      lose(client);
    }
  }
  const provisional = sync.watermark + 0.5;
  for (const tag of tags) if ((sync.tagSeq.get(tag) ?? 0) < provisional) sync.tagSeq.set(tag, provisional);
  countRevalidation();
}

/**
 * Records a revalidation in a transaction of its own, for revalidations that
 * come through Next.js's revalidateTag/revalidatePath rather than a content
 * write (the cache handler's revalidateTag).
 * @param {readonly string[]} tags
 */
export async function recordRevalidationNow(tags) {
  const sync = state();
  if (!sync.databaseUrl) throw new Error('DATABASE_URL is not set');
  const client = new pg.Client({ connectionString: sync.databaseUrl, connectionTimeoutMillis: 3_000 });
  await client.connect();
  try {
    await client.query('BEGIN');
    await recordRevalidationWith(async (sql, params) => (await client.query(sql, params)).rows, tags);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    await client.end().catch(() => undefined);
  }
  await refreshAfterCommit(tags);
}
