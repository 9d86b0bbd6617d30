import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { articleInput, parseOrThrow, withoutReadOnlyFields } from '@/lib/content/article-input';
import { readArticleForEditor } from '@/lib/content/article-output';
import { ContentError, problemsByField } from '@/lib/content/content-error';
import { diffRevisions, listRevisions, readRevision } from '@/lib/content/revisions';
import { restoreRevision } from '@/lib/content/restore-revision';
import { createArticle, replaceArticle, restoreArticle, withdrawArticle } from '@/lib/content/save-article';
import { listDeskArticles } from '@/lib/queries/desk-articles';
import { freshDatabase, type FreshDatabase } from '../helpers/fresh-database';

/*
 * The write path the editors' desk and the API share (issue 21): versions
 * and the optimistic check, withdrawal with a reason and restore, correction
 * notes, revisions, and the overview query.
 */

describe('the editorial write path', () => {
  let database: FreshDatabase;

  beforeAll(async () => {
    database = await freshDatabase();
    await database.prisma.tag.create({
      data: { key: 'europa', translations: { create: [{ locale: 'de', name: 'Europa', slug: 'europa' }, { locale: 'en', name: 'Europe', slug: 'europe' }] } },
    });
  });
  afterAll(() => database.drop());

  let counter = 0;
  /** A valid submission with slugs of its own; tests change only what they are about. */
  const submission = (extra: Record<string, unknown> = {}, languages: ('de' | 'en')[] = ['de', 'en']) => {
    counter += 1;
    return {
      type: 'press-release',
      status: 'published',
      publishedAt: '2024-05-08T10:00:00+02:00',
      tags: ['europa'],
      translations: Object.fromEntries(
        languages.map((l) => [
          l,
          l === 'de'
            ? { title: `Titel ${counter}`, slug: `titel-${counter}`, lead: 'Ein Vorspann.', body: 'Ein Absatz.' }
            : { title: `Title ${counter}`, slug: `title-${counter}`, lead: 'A lead.', body: 'A paragraph.' },
        ]),
      ),
      ...extra,
    };
  };
  const input = (value: unknown) => parseOrThrow(articleInput, value);
  const contentError = async (write: Promise<unknown>) => {
    const error: unknown = await write.then(() => 'saved', (reason: unknown) => reason);
    if (!(error instanceof ContentError)) throw new Error(`expected a ContentError, got ${String(error)}`);
    return error;
  };

  describe('versions and the optimistic check', () => {
    it('gives every article the id of its latest revision as its version', async () => {
      const created = await createArticle(database.prisma, input(submission()), { author: 'Anna' });
      const revisions = await listRevisions(database.prisma, created.id);
      expect(created.article.version).toBe(revisions[0]?.id);
      expect((await readArticleForEditor(database.prisma, created.id))?.version).toBe(created.article.version);
    });

    it('lets only the first of two writes from the same version through; the second learns who changed what, and nothing is overwritten', async () => {
      const created = await createArticle(database.prisma, input(submission()), { author: 'Anna' });
      const opened = created.article.version;
      const first = submission();
      const second = submission();

      const saved = await replaceArticle(database.prisma, created.id, input(first), { author: 'Berta', expectedVersion: opened });
      const error = await contentError(replaceArticle(database.prisma, created.id, input(second), { author: 'Carl', expectedVersion: opened }));

      expect(error.kind).toBe('stale');
      expect(error.current?.version).toBe(saved.article.version);
      expect(error.current?.author).toBe('Berta');
      expect(error.current?.article.translations.de?.title).toBe(first.translations.de?.title);
      expect(error.problems[0]?.message).toMatch(/^Berta changed this article at .* after you opened it/);
      const stored = await readArticleForEditor(database.prisma, created.id);
      expect(stored?.translations.de?.title).toBe(first.translations.de?.title);
      expect(stored?.version).toBe(saved.article.version);
      expect((await listRevisions(database.prisma, created.id)).map((r) => r.author)).toEqual(['Berta', 'Anna']);
    });

    it('lets exactly one of two simultaneous writes from the same version through', async () => {
      const created = await createArticle(database.prisma, input(submission()), { author: 'Anna' });
      const opened = created.article.version;
      const results = await Promise.allSettled(
        ['Berta', 'Carl'].map((author) => replaceArticle(database.prisma, created.id, input(submission()), { author, expectedVersion: opened })),
      );
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const rejected = results.find((r) => r.status === 'rejected');
      expect(rejected?.status === 'rejected' && rejected.reason instanceof ContentError && rejected.reason.kind).toBe('stale');
      expect(await listRevisions(database.prisma, created.id)).toHaveLength(2);
    });

    it('checks the version on withdrawing and restoring too', async () => {
      const created = await createArticle(database.prisma, input(submission()), { author: 'Anna' });
      await replaceArticle(database.prisma, created.id, input(submission()), { author: 'Berta' });
      const onWithdraw = await contentError(withdrawArticle(database.prisma, created.id, { author: 'Carl', expectedVersion: created.article.version }));
      expect(onWithdraw.kind).toBe('stale');
      expect((await readArticleForEditor(database.prisma, created.id))?.withdrawnAt).toBeNull();
    });

    it('keeps the last-write-wins behaviour for writers that send no version', async () => {
      const created = await createArticle(database.prisma, input(submission()), { author: 'Anna' });
      await replaceArticle(database.prisma, created.id, input(submission()), { author: 'Berta' });
      const later = submission();
      await replaceArticle(database.prisma, created.id, input(later), { author: 'Carl' });
      expect((await readArticleForEditor(database.prisma, created.id))?.translations.de?.title).toBe(later.translations.de?.title);
    });
  });

  describe('withdrawing and restoring', () => {
    it('stores the reason per language, and restoring brings the article back without it', async () => {
      const created = await createArticle(database.prisma, input(submission()), { author: 'Anna' });
      const withdrawn = await withdrawArticle(database.prisma, created.id, {
        author: 'Berta',
        reason: { de: 'Falsche Zahlen.', en: 'Wrong figures.' },
      });
      expect(withdrawn.article.withdrawnAt).not.toBeNull();
      expect(withdrawn.article.translations.de?.withdrawnReason).toBe('Falsche Zahlen.');
      expect(withdrawn.article.translations.en?.withdrawnReason).toBe('Wrong figures.');

      const restored = await restoreArticle(database.prisma, created.id, { author: 'Carl' });
      expect(restored.article.withdrawnAt).toBeNull();
      expect(restored.article.translations.de?.withdrawnReason).toBeUndefined();
      expect(restored.cacheTags).toEqual(expect.arrayContaining([`article:${created.id}`, 'article-lists', `slug:de:${created.article.translations.de?.slug}`]));
      expect((await listRevisions(database.prisma, created.id)).map((r) => r.action)).toEqual(['restored', 'withdrawn', 'created']);
    });

    it('uses one reason text for every language when given as a string', async () => {
      const created = await createArticle(database.prisma, input(submission()), { author: 'Anna' });
      const withdrawn = await withdrawArticle(database.prisma, created.id, { author: 'Berta', reason: 'Doppelt veröffentlicht.' });
      expect(withdrawn.article.translations.en?.withdrawnReason).toBe('Doppelt veröffentlicht.');
    });

    it('refuses to restore an article that is not withdrawn', async () => {
      const created = await createArticle(database.prisma, input(submission()), { author: 'Anna' });
      const error = await contentError(restoreArticle(database.prisma, created.id, { author: 'Berta' }));
      expect(error.kind).toBe('conflict');
      expect(problemsByField(error)).toEqual({ id: [`article ${created.id} is not withdrawn; there is nothing to restore`] });
    });
  });

  describe('correction notes', () => {
    it('stamps the time when the note is set or changed, and keeps it while the text stays', async () => {
      const plain = submission();
      const created = await createArticle(database.prisma, input(plain), { author: 'Anna', now: new Date('2026-12-01T09:00:00Z') });
      expect(created.article.translations.de?.correction).toBeUndefined();

      const withNote = { ...plain, translations: { ...plain.translations, de: { ...plain.translations.de, correction: 'Die Zahl lautet 12, nicht 21.' } } };
      const set = await replaceArticle(database.prisma, created.id, input(withNote), { author: 'Berta', now: new Date('2026-12-02T10:00:00Z') });
      expect(set.article.translations.de?.correctedAt).toBe('2026-12-02T10:00:00.000Z');
      expect(set.article.translations.en?.correction).toBeUndefined();

      // Sent back as GET returns it (correctedAt included): the time stays.
      const again = await replaceArticle(database.prisma, created.id, input(withoutReadOnlyFields(set.article)), { author: 'Carl', now: new Date('2026-12-03T10:00:00Z') });
      expect(again.article.translations.de?.correctedAt).toBe('2026-12-02T10:00:00.000Z');

      const changed = { ...withNote, translations: { ...withNote.translations, de: { ...withNote.translations.de, correction: 'Die Zahl lautet 12.' } } };
      const later = await replaceArticle(database.prisma, created.id, input(changed), { author: 'Dora', now: new Date('2026-12-04T10:00:00Z') });
      expect(later.article.translations.de?.correctedAt).toBe('2026-12-04T10:00:00.000Z');
    });
  });

  describe('revisions', () => {
    it('lists, reads and compares revisions per field and language', async () => {
      const first = submission();
      const created = await createArticle(database.prisma, input(first), { author: 'Anna' });
      const second = {
        ...first,
        type: 'speech',
        translations: { ...first.translations, de: { ...first.translations.de, title: 'Neuer Titel', body: 'Ein Absatz.\n\nZweiter Absatz.' } },
      };
      await replaceArticle(database.prisma, created.id, input(second), { author: 'Berta' });

      const [newest, oldest] = await listRevisions(database.prisma, created.id);
      expect(newest).toMatchObject({ action: 'updated', author: 'Berta' });
      expect(oldest).toMatchObject({ action: 'created', author: 'Anna' });
      const older = await readRevision(database.prisma, created.id, oldest?.id ?? -1);
      const newer = await readRevision(database.prisma, created.id, newest?.id ?? -1);
      if (!older || !newer) throw new Error('revisions missing');
      expect(await readRevision(database.prisma, created.id + 1000, oldest?.id ?? -1)).toBeNull();

      const diff = diffRevisions(older.article, newer.article);
      expect(diff.map((d) => [d.field, d.language])).toEqual([
        ['type', null],
        ['title', 'de'],
        ['body', 'de'],
      ]);
      // Bodies by line: the unchanged first line stays, the new lines are added.
      const body = diff.find((d) => d.field === 'body');
      expect(body?.parts.filter((p) => p.kind === 'added').map((p) => p.text).join('')).toContain('Zweiter Absatz.');
      expect(body?.parts.filter((p) => p.kind === 'removed').map((p) => p.text).join('')).not.toContain('Zweiter');
      const title = diff.find((d) => d.field === 'title');
      expect(title).toMatchObject({ before: first.translations.de?.title, after: 'Neuer Titel' });
    });

    it('restores an old revision as a new one, keeping the history', async () => {
      const first = submission();
      const created = await createArticle(database.prisma, input(first), { author: 'Anna' });
      const originalRevision = created.article.version;
      await replaceArticle(database.prisma, created.id, input(submission()), { author: 'Berta' });

      const restored = await restoreRevision(database.prisma, created.id, originalRevision, { author: 'Carl' });
      expect(restored.article.translations.de?.title).toBe(first.translations.de?.title);
      expect(restored.article.version).toBeGreaterThan(originalRevision);
      const revisions = await listRevisions(database.prisma, created.id);
      expect(revisions.map((r) => [r.action, r.author])).toEqual([['reverted', 'Carl'], ['updated', 'Berta'], ['created', 'Anna']]);
      // The slug the article had in between keeps redirecting to it.
      expect(await database.prisma.slugRedirect.count({ where: { articleId: created.id } })).toBe(2);
    });

    it('refuses a revision of another article', async () => {
      const one = await createArticle(database.prisma, input(submission()), { author: 'Anna' });
      const other = await createArticle(database.prisma, input(submission()), { author: 'Anna' });
      const error = await contentError(restoreRevision(database.prisma, other.id, one.article.version, { author: 'Berta' }));
      expect(error.kind).toBe('not-found');
      expect(error.problems[0]?.path).toBe('revisionId');
    });
  });

  describe('validation messages in plain words', () => {
    const problems = (value: unknown) => {
      try {
        parseOrThrow(articleInput, value);
        return {};
      } catch (error) {
        if (!(error instanceof ContentError)) throw error;
        return problemsByField(error);
      }
    };

    it('names the field and says what to do, never "expected string, received undefined"', () => {
      const base = submission();
      const withoutTitle = Object.fromEntries(Object.entries(base.translations.de ?? {}).filter(([key]) => key !== 'title'));
      const result = problems({ ...base, publishedAt: '2026-12-11T09:30:00', translations: { ...base.translations, de: withoutTitle } });
      expect(result['translations.de.title']).toEqual(['is required']);
      expect(result.publishedAt?.[0]).toMatch(/^add a time zone offset such as \+01:00/);
      expect(JSON.stringify(result)).not.toMatch(/expected|received/);
    });

    it('refuses Markdown the portal cannot show, naming the line', () => {
      const base = submission();
      const body = 'Erster Absatz.\n\n![Foto](/bild.jpg)\n\n<div>Kasten</div>\n';
      const result = problems({ ...base, translations: { ...base.translations, de: { ...base.translations.de, body } } });
      expect(result['translations.de.body']).toEqual([
        'line 3: images are not allowed in the body; use the lead image',
        'line 5: HTML is not allowed in the body; write it in Markdown',
      ]);
    });
  });

  describe('the desk overview', () => {
    it('filters by status, language, type, tag and title, paginated, last change first', async () => {
      // A database of its own, so that the articles of the other tests do not count.
      const own = await freshDatabase();
      try {
        await own.prisma.tag.create({
          data: { key: 'europa', translations: { create: [{ locale: 'de', name: 'Europa', slug: 'europa' }, { locale: 'en', name: 'Europe', slug: 'europe' }] } },
        });
        const future = new Date(Date.now() + 86_400_000).toISOString();
        const draft = await createArticle(own.prisma, input(submission({ status: 'draft' })), { author: 'Anna' });
        const scheduled = await createArticle(own.prisma, input(submission({ publishedAt: future, type: 'speech' })), { author: 'Anna' });
        const germanOnly = await createArticle(own.prisma, input(submission({ tags: [] }, ['de'])), { author: 'Berta' });
        const withdrawn = await createArticle(own.prisma, input(submission()), { author: 'Anna' });
        await withdrawArticle(own.prisma, withdrawn.id, { author: 'Carl' });
        const ids = async (filters: Parameters<typeof listDeskArticles>[1]) => (await listDeskArticles(own.prisma, filters)).rows.map((r) => r.id);

        expect(await ids({ status: 'draft' })).toEqual([draft.id]);
        expect(await ids({ status: 'scheduled' })).toEqual([scheduled.id]);
        expect(await ids({ status: 'published' })).toEqual([germanOnly.id]);
        expect(await ids({ status: 'withdrawn' })).toEqual([withdrawn.id]);
        expect(await ids({ language: 'missing-en' })).toEqual([germanOnly.id]);
        expect(await ids({ language: 'en' })).toEqual([withdrawn.id, scheduled.id, draft.id]);
        expect(await ids({ language: 'missing-de' })).toEqual([]);
        expect(await ids({ type: 'speech' })).toEqual([scheduled.id]);
        expect(await ids({ tag: 'europa' })).toEqual([withdrawn.id, scheduled.id, draft.id]);
        expect(await ids({ q: (germanOnly.article.translations.de?.title ?? '').toUpperCase() })).toEqual([germanOnly.id]);
        expect(await ids({ q: '100%' })).toEqual([]);

        const scheduledRow = (await listDeskArticles(own.prisma, { status: 'scheduled' })).rows[0];
        expect(scheduledRow?.scheduledFor).toBe(scheduled.article.publishedAt);
        const first = await listDeskArticles(own.prisma, { pageSize: 3 });
        expect(first).toMatchObject({ total: 4, page: 1, pageSize: 3, pageCount: 2 });
        expect(first.rows[0]).toMatchObject({
          id: withdrawn.id,
          status: 'withdrawn',
          updatedBy: 'Carl',
          languages: ['de', 'en'],
          type: 'press-release',
          tags: ['europa'],
          titles: { de: withdrawn.article.translations.de?.title, en: withdrawn.article.translations.en?.title },
        });
        expect((await listDeskArticles(own.prisma, { pageSize: 3, page: 2 })).rows.map((r) => r.id)).toEqual([draft.id]);
      } finally {
        await own.drop();
      }
    });
  });
});
