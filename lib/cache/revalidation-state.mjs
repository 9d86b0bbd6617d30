// @ts-check
import { countRevalidation } from './isr-revalidation-count.mjs';

/*
 * What this process knows about stale cache entries: for each cache tag, the
 * number of the last write that touched it, as recorded in the table
 * cache_revalidation (lib/content/record-revalidation.ts). The numbers grow
 * in commit order. The portal server keeps this state in step with the
 * database (lib/cache/revalidation-sync.ts); the cache handler reads it on
 * every lookup, so a cache hit needs no database round trip.
 *
 * An entry is stamped with the highest number this process knew when the
 * render that made it began (lib/cache/isr-cache-handler.mjs); it is stale
 * when one of its tags has a higher number. Because the numbers follow
 * commit order, a render that began after a write was known saw that
 * write's data, and one that began before it is stale once it is known.
 *
 * Plain JavaScript without dependencies because Next.js bundles the cache
 * handler on its own. The bundled pages, the cache handler and the portal
 * server each load their own copy of this module; the state lives on
 * globalThis so that every copy in one process shares it.
 */

export const REVALIDATION_CHANNEL = 'portal_cache_revalidation';
/** Serialises the numbering of revalidations, so that numbers follow commit order. */
const NUMBERING_LOCK = 728_240_101;

/**
 * The statements that record a revalidation inside a transaction, in order:
 * take the numbering lock (held until commit), number the tags, notify
 * every listening server (delivered at commit).
 */
const RECORD_SQL = {
  lock: 'SELECT 1 AS locked FROM pg_advisory_xact_lock($1)',
  insert: `INSERT INTO "cache_revalidation" ("tag", "seq", "revalidated_at")
    SELECT DISTINCT t.tag, n.seq, now()
    FROM unnest($1::text[]) AS t(tag) CROSS JOIN (SELECT nextval(pg_get_serial_sequence('"cache_revalidation"', 'seq')) AS seq) AS n
    ON CONFLICT ("tag") DO UPDATE SET "seq" = EXCLUDED."seq", "revalidated_at" = EXCLUDED."revalidated_at"
    RETURNING "seq"::text AS seq`,
  notify: 'SELECT 1 AS notified FROM pg_notify($1, $2)',
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
  await query(RECORD_SQL.lock, [NUMBERING_LOCK]);
  const rows = await query(RECORD_SQL.insert, [unique]);
  const seq = rows[0]?.seq;
  if (seq === undefined) throw new Error('recording a cache revalidation returned no number');
  await query(RECORD_SQL.notify, [REVALIDATION_CHANNEL, seq]);
  return Number(seq);
}

/**
 * @typedef {{
 *   tagSeq: Map<string, number>,
 *   watermark: number,
 *   databaseId: string | null,
 *   connected: boolean,
 *   loaded: Promise<void>,
 *   markLoaded: () => void,
 *   catchUp: (() => Promise<void>) | null,
 *   recordNow: ((tags: readonly string[]) => Promise<void>) | null,
 * }} RevalidationState
 */

const KEY = Symbol.for('news-portal.revalidation-state');
/** @type {Record<symbol, RevalidationState | undefined>} */
const registry = /** @type {any} */ (globalThis);

/** The process's one state. @returns {RevalidationState} */
export function revalidationState() {
  let current = registry[KEY];
  if (!current) {
    /** @type {() => void} */
    let markLoaded = () => {};
    const loaded = new Promise((resolve) => (markLoaded = () => resolve(undefined)));
    current = { tagSeq: new Map(), watermark: 0, databaseId: null, connected: false, loaded, markLoaded, catchUp: null, recordNow: null };
    registry[KEY] = current;
  }
  return current;
}

/**
 * Takes in rows read from cache_revalidation.
 * @param {{ tag: string, seq: string }[]} rows
 */
export function applyRevalidations(rows) {
  const state = revalidationState();
  let changed = false;
  for (const { tag, seq } of rows) {
    const number = Number(seq);
    if (number > (state.tagSeq.get(tag) ?? 0)) {
      state.tagSeq.set(tag, number);
      changed = true;
    }
    if (number > state.watermark) state.watermark = number;
  }
  // Pages the portal server answers by itself go with every change (server/page-answers.ts).
  if (changed) countRevalidation();
}

/** Forgets everything: the database behind the connection is another one. @param {string} databaseId */
export function startAfreshFor(databaseId) {
  const state = revalidationState();
  state.tagSeq.clear();
  state.watermark = 0;
  state.databaseId = databaseId;
  countRevalidation();
}

/**
 * Waits until the state was loaded once, at most `timeoutMs`; false if it was not.
 * @param {number} timeoutMs
 * @returns {Promise<boolean>}
 */
export async function revalidationsLoaded(timeoutMs) {
  const state = revalidationState();
  if (state.databaseId !== null) return true;
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let timer;
  const timeout = new Promise((resolve) => (timer = setTimeout(resolve, timeoutMs)));
  await Promise.race([state.loaded, timeout]);
  clearTimeout(timer);
  return state.databaseId !== null;
}

/**
 * Whether an entry with these tags, stamped with `stamp`, is out of date.
 * @param {Iterable<string>} tags
 * @param {number} stamp
 */
export function isStaleAt(tags, stamp) {
  const { tagSeq } = revalidationState();
  for (const tag of tags) if ((tagSeq.get(tag) ?? 0) > stamp) return true;
  return false;
}

/**
 * Called by a write right after it committed: reads the record again, so
 * that this process serves the change from its very next request. If that
 * read fails, the tags are marked stale here all the same (a number just
 * above what is known, which the real number replaces when it is read). In
 * a process that keeps no state (a command-line import) it does nothing:
 * the servers hear of the write through the notification.
 * @param {readonly string[]} tags
 */
export async function refreshAfterCommit(tags) {
  const state = revalidationState();
  if (!state.catchUp || tags.length === 0) return;
  if (state.connected) {
    try {
      await state.catchUp();
      return;
    } catch {
      // Marked below; the sync reconnects by itself.
    }
  }
  const provisional = state.watermark + 0.5;
  for (const tag of tags) if ((state.tagSeq.get(tag) ?? 0) < provisional) state.tagSeq.set(tag, provisional);
  countRevalidation();
}

/**
 * Records a revalidation in a transaction of its own, for revalidations that
 * come through Next.js's revalidateTag or revalidatePath rather than a
 * content write; false where no server keeps the state.
 * @param {readonly string[]} tags
 * @returns {Promise<boolean>}
 */
export async function recordRevalidationNow(tags) {
  const { recordNow } = revalidationState();
  if (!recordNow) return false;
  await recordNow(tags);
  await refreshAfterCommit(tags);
  return true;
}
