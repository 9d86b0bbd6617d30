import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { articleInput, parseOrThrow } from '@/lib/content/article-input';
import { createArticle, replaceArticleInTransaction, withdrawArticle } from '@/lib/content/save-article';
import { upsertTag } from '@/lib/content/save-tag';
import { announceDueArticles } from '@/lib/content/announce-due-articles';
import { REVALIDATION_CHANNEL } from '@/lib/cache/revalidation-state.mjs';
import { cacheTags } from '@/lib/cache-tags';
import { freshDatabase, type FreshDatabase } from '../helpers/fresh-database';

/*
 * The cache's record of what is stale is written by the write itself, in its
 * own transaction (lib/content/record-revalidation.ts): a rolled-back write
 * leaves none, a committed one always has one, numbered in commit order, and
 * every listening server is notified at commit.
 */

type Recorded = { tag: string; seq: string };

describe('the revalidation record of a write', () => {
  let database: FreshDatabase;
  const context = { author: 'integration-test' };
  const submission = (slug: string, extra: Record<string, unknown> = {}) =>
    parseOrThrow(articleInput, {
      type: 'article',
      status: 'published',
      publishedAt: '2024-05-08T10:00:00+02:00',
      tags: ['europa'],
      translations: { de: { title: `Titel ${slug}`, slug, lead: 'Ein Vorspann.', body: 'Ein Absatz.' } },
      ...extra,
    });

  const recorded = async (): Promise<Map<string, number>> => {
    const rows = await database.prisma.$queryRawUnsafe<Recorded[]>('SELECT tag, seq::text AS seq FROM cache_revalidation');
    return new Map(rows.map((row) => [row.tag, Number(row.seq)]));
  };

  beforeAll(async () => {
    database = await freshDatabase();
    await upsertTag(database.prisma, 'europa', { de: { name: 'Europa', slug: 'europa' }, en: { name: 'Europe', slug: 'europe' } });
  });
  afterAll(() => database.drop());

  it('gives a new database an identity of its own and an empty record', async () => {
    const other = await freshDatabase();
    try {
      const ids = await Promise.all([database, other].map(async (db) => db.prisma.$queryRawUnsafe<{ id: string }[]>('SELECT id FROM database_identity')));
      expect(ids[0]).toHaveLength(1);
      expect(ids[1]).toHaveLength(1);
      expect(ids[0]?.[0]?.id).not.toBe(ids[1]?.[0]?.id);
      expect(await other.prisma.$queryRawUnsafe('SELECT * FROM cache_revalidation')).toEqual([]);
    } finally {
      await other.drop();
    }
  });

  it('records every tag a committed write touched, with one number for the write', async () => {
    const saved = await createArticle(database.prisma, submission('record-created'), context);
    const record = await recorded();
    const numbers = new Set(saved.cacheTags.map((tag) => record.get(tag)));
    expect(saved.cacheTags).toContain(cacheTags.article(saved.id));
    expect(saved.cacheTags).toContain(cacheTags.articleLists);
    expect(numbers.size).toBe(1);
    expect([...numbers][0]).toBeGreaterThan(0);
  });

  it('leaves no record when the write rolls back', async () => {
    const before = await recorded();
    const saved = await createArticle(database.prisma, submission('record-rolled-back-base'), context);
    const afterCreate = await recorded();
    const failure = await database.prisma
      .$transaction(async (tx) => {
        await replaceArticleInTransaction(tx, saved.id, submission('record-rolled-back-new'), context);
        throw new Error('the caller gave up');
      })
      .then(() => null, (error: unknown) => error);
    expect(failure).toBeInstanceOf(Error);
    expect(await recorded()).toEqual(afterCreate);
    expect(afterCreate.has(cacheTags.slug('de', 'record-rolled-back-new'))).toBe(false);
    expect(afterCreate.size).toBeGreaterThan(before.size);
  });

  it('numbers later commits higher, also for withdrawals, tags and scheduled articles', async () => {
    const saved = await createArticle(database.prisma, submission('record-order', { publishedAt: new Date(Date.now() + 60_000).toISOString() }), context);
    const afterCreate = (await recorded()).get(cacheTags.article(saved.id)) ?? 0;
    await announceDueArticles(database.prisma, new Date(Date.now() + 120_000));
    const afterAnnounce = (await recorded()).get(cacheTags.article(saved.id)) ?? 0;
    await upsertTag(database.prisma, 'europa', { de: { name: 'Europa', slug: 'europa' }, en: { name: 'Europe', slug: 'europe' } });
    const afterTag = (await recorded()).get(cacheTags.article(saved.id)) ?? 0;
    await withdrawArticle(database.prisma, saved.id, context);
    const afterWithdrawal = (await recorded()).get(cacheTags.article(saved.id)) ?? 0;
    expect(afterCreate).toBeGreaterThan(0);
    expect(afterAnnounce).toBeGreaterThan(afterCreate);
    expect(afterTag).toBeGreaterThan(afterAnnounce);
    expect(afterWithdrawal).toBeGreaterThan(afterTag);
  });

  it('numbers concurrent writes in the order they commit', async () => {
    // The first transaction records, then waits before committing; the second records meanwhile and commits first.
    const first = database.prisma.$transaction(async (tx) => {
      const saved = await replaceArticleInTransaction(tx, (await createArticle(database.prisma, submission('record-slow'), context)).id, submission('record-slow-2'), context);
      await new Promise((resolve) => setTimeout(resolve, 300));
      return saved;
    }, { timeout: 10_000 });
    await new Promise((resolve) => setTimeout(resolve, 100));
    const second = createArticle(database.prisma, submission('record-fast'), context);
    const [slow, fast] = await Promise.all([first, second]);
    const record = await recorded();
    // The second waited for the first's numbering lock, so it commits after it and is numbered higher.
    expect(record.get(cacheTags.article(fast.id)) ?? 0).toBeGreaterThan(record.get(cacheTags.article(slow.id)) ?? 0);
  });

  it('notifies listening servers when, and only when, the write commits', async () => {
    const listener = new pg.Client({ connectionString: database.url });
    await listener.connect();
    const heard: string[] = [];
    listener.on('notification', (message) => heard.push(message.payload ?? ''));
    await listener.query(`LISTEN ${REVALIDATION_CHANNEL}`);
    try {
      await database.prisma
        .$transaction(async (tx) => {
          await replaceArticleInTransaction(tx, 1, submission('record-never'), context);
          throw new Error('rolled back');
        })
        .catch(() => undefined);
      const saved = await createArticle(database.prisma, submission('record-notified'), context);
      await expect.poll(() => heard.length, { timeout: 5_000 }).toBe(1);
      expect(Number(heard[0])).toBe((await recorded()).get(cacheTags.article(saved.id)));
    } finally {
      await listener.end();
    }
  });
});
