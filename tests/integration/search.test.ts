import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locale } from '@/i18n/routing';
import type { ArticleType } from '@/lib/generated/prisma/enums';
import type { PrismaClient } from '@/lib/prisma-client';
import type { SearchFilters, SearchResult } from '@/lib/queries/search';
import { articleInput, parseOrThrow } from '@/lib/content/article-input';
import { createArticleInTransaction, withdrawArticleInTransaction } from '@/lib/content/save-article';
import { upsertTagInTransaction } from '@/lib/content/save-tag';
import { MAX_QUERY_LENGTH, normalizeSearchQuery } from '@/lib/search-query';
import { archiveTags, buildArchiveArticles, countWords, generateArchive, PROVINCE_NAMES } from '../../scripts/lib/generate-archive';
import { freshDatabase, type FreshDatabase } from '../helpers/fresh-database';

type Search = (locale: Locale, text: string, filters: SearchFilters, page: number) => Promise<SearchResult>;
type Text = { title: string; lead: string; body: string };
type Fixture = {
  type?: 'article' | 'press-release' | 'speech' | 'interview';
  status?: 'published' | 'draft';
  publishedAt?: string;
  tags?: string[];
  de?: Text;
  en?: Text;
};

const slugsOf = (result: SearchResult) => result.hits.map((hit) => hit.slug);
const highlightedWords = (result: SearchResult, slug: string) =>
  result.hits.find((hit) => hit.slug === slug)?.snippet.filter((part) => part.highlighted).map((part) => part.text) ?? [];

/*
 * Hand-written articles, each with words no other article uses, so every
 * search below has one exact answer. Slugs double as names.
 */
const FIXTURES: Record<string, Fixture> = {
  aussenminister: {
    publishedAt: '2023-03-01T09:00:00Z',
    de: { title: 'Reise nach Wien', lead: 'Der Außenminister reist zu Gesprächen nach Wien.', body: 'Auf dem Programm stehen Treffen mit Amtskollegen aus der Region.' },
  },
  strasse: {
    publishedAt: '2023-03-02T09:00:00Z',
    de: { title: 'Sperrung in der Altstadt', lead: 'Die Straße vor der Botschaft bleibt am Wochenende gesperrt.', body: 'Besucher nutzen bitte den Nebeneingang.' },
  },
  'muenchen-mit-umlaut': {
    publishedAt: '2023-03-03T09:00:00Z',
    de: { title: 'Sicherheitskonferenz eröffnet', lead: 'In München beginnt die Sicherheitskonferenz.', body: 'Erwartet werden zahlreiche Delegationen.' },
  },
  'muenchen-ohne-umlaut': {
    publishedAt: '2023-03-04T09:00:00Z',
    de: { title: 'Generalkonsulat umgezogen', lead: 'Das Generalkonsulat in Muenchen hat neue Räume bezogen.', body: 'Die Sprechzeiten bleiben unverändert.' },
  },
  meeting: {
    publishedAt: '2023-03-05T09:00:00Z',
    en: { title: 'Foreign ministers gather', lead: 'The meeting of foreign ministers ended with a joint statement.', body: 'Delegations praised the constructive atmosphere.' },
  },
  negotiations: {
    publishedAt: '2023-03-06T09:00:00Z',
    en: { title: 'Talks resume in Geneva', lead: 'Negotiations on the border treaty resumed on Monday.', body: 'Both sides expressed cautious optimism.' },
  },
  'rang-titel': {
    publishedAt: '2019-01-10T09:00:00Z',
    de: { title: 'Wasserstoffpartnerschaft mit Chile', lead: 'Ein Abkommen über Energie wurde unterzeichnet.', body: 'Weitere Einzelheiten folgen.' },
  },
  'rang-text': {
    publishedAt: '2024-01-10T09:00:00Z',
    de: { title: 'Energiepolitik im Wandel', lead: 'Neue Abkommen über Energie sind geplant.', body: 'Auch die Wasserstoffpartnerschaft kam dabei zur Sprache.' },
  },
  'gleich-alt': {
    publishedAt: '2018-05-05T09:00:00Z',
    de: { title: 'Bericht über Gletscherschutz', lead: 'Eine Konferenz befasst sich mit dem Gletscherschutz.', body: 'Fachleute tauschen Erfahrungen aus.' },
  },
  'gleich-neu': {
    publishedAt: '2022-05-05T09:00:00Z',
    de: { title: 'Bericht über Gletscherschutz', lead: 'Eine Konferenz befasst sich mit dem Gletscherschutz.', body: 'Fachleute tauschen Erfahrungen aus.' },
  },
  'nur-schlagwort': {
    publishedAt: '2023-04-01T09:00:00Z',
    tags: ['meeresforschung'],
    de: { title: 'Expedition in die Arktis', lead: 'Ein Schiff bricht zu einer langen Fahrt auf.', body: 'Die Besatzung ist gut vorbereitet.' },
    en: { title: 'Expedition to the Arctic', lead: 'A vessel sets sail on a long voyage.', body: 'The crew is well prepared.' },
  },
  'filter-2021': {
    type: 'article',
    publishedAt: '2021-06-01T10:00:00Z',
    tags: ['handelspolitik'],
    de: { title: 'Partnerschaftsabkommen', lead: 'Das Partnerschaftsabkommen tritt in Kraft.', body: 'Es gilt zunächst für fünf Jahre.' },
  },
  'filter-silvester': {
    type: 'press-release',
    // 00:30 on 1 January 2021 in Berlin.
    publishedAt: '2020-12-31T23:30:00Z',
    de: { title: 'Partnerschaftsabkommen', lead: 'Das Partnerschaftsabkommen tritt in Kraft.', body: 'Es gilt zunächst für fünf Jahre.' },
  },
  'filter-2020': {
    type: 'speech',
    // 23:30 on 31 December 2020 in Berlin.
    publishedAt: '2020-12-31T22:30:00Z',
    de: { title: 'Partnerschaftsabkommen', lead: 'Das Partnerschaftsabkommen tritt in Kraft.', body: 'Es gilt zunächst für fünf Jahre.' },
  },
  'filter-2019': {
    type: 'press-release',
    publishedAt: '2019-05-05T10:00:00Z',
    tags: ['handelspolitik'],
    de: { title: 'Partnerschaftsabkommen', lead: 'Das Partnerschaftsabkommen tritt in Kraft.', body: 'Es gilt zunächst für fünf Jahre.' },
  },
  sichtbar: {
    publishedAt: '2022-09-09T09:00:00Z',
    de: { title: 'Protokoll veröffentlicht', lead: 'Das Geheimprotokoll ist jetzt öffentlich.', body: 'Historiker begrüßen die Entscheidung.' },
  },
  entwurf: {
    status: 'draft',
    publishedAt: '2022-09-10T09:00:00Z',
    de: { title: 'Protokoll im Entwurf', lead: 'Ein Entwurf zum Geheimprotokoll.', body: 'Noch nicht freigegeben.' },
  },
  geplant: {
    publishedAt: '2099-01-01T09:00:00Z',
    de: { title: 'Protokoll geplant', lead: 'Ein geplanter Beitrag zum Geheimprotokoll.', body: 'Erscheint später.' },
  },
  zurueckgezogen: {
    publishedAt: '2022-09-11T09:00:00Z',
    de: { title: 'Protokoll zurückgezogen', lead: 'Ein zurückgezogener Beitrag zum Geheimprotokoll.', body: 'Nicht mehr gültig.' },
  },
  'html-im-text': {
    publishedAt: '2023-05-01T09:00:00Z',
    de: {
      title: 'Vertrag unterzeichnet',
      lead: 'Der Vertrag <b>Nordsee</b> wurde in Oslo unterzeichnet.',
      body: 'Über die Nordsee wurde lange verhandelt. Im Entwurf stand `<i>vorläufig</i>` als Zusatz.',
    },
  },
};

/** Articles found by "Konsularabteilung", one a day from 1 January 2022: seite-01 is the oldest. */
const PAGED = Array.from({ length: 23 }, (_, index) => `seite-${String(index + 1).padStart(2, '0')}`);

function inputFor(slug: string, fixture: Fixture) {
  const translation = (text: Text) => ({ ...text, slug });
  return parseOrThrow(articleInput, {
    type: fixture.type ?? 'article',
    status: fixture.status ?? 'published',
    publishedAt: fixture.publishedAt,
    tags: fixture.tags ?? [],
    translations: { ...(fixture.de ? { de: translation(fixture.de) } : {}), ...(fixture.en ? { en: translation(fixture.en) } : {}) },
  });
}

async function seedFixtures(prisma: PrismaClient): Promise<void> {
  await prisma.$transaction(async (tx) => {
    await upsertTagInTransaction(tx, 'meeresforschung', { de: { name: 'Meeresforschung', slug: 'meeresforschung' }, en: { name: 'Ocean research', slug: 'ocean-research' } });
    await upsertTagInTransaction(tx, 'handelspolitik', { de: { name: 'Handelspolitik', slug: 'handelspolitik' }, en: { name: 'Trade policy', slug: 'trade-policy' } });
    const context = { author: 'search test' };
    for (const [slug, fixture] of Object.entries(FIXTURES)) {
      const { id } = await createArticleInTransaction(tx, inputFor(slug, fixture), context);
      if (slug === 'zurueckgezogen') await withdrawArticleInTransaction(tx, id, context);
    }
    for (const [index, slug] of PAGED.entries()) {
      const publishedAt = new Date(Date.UTC(2022, 0, 1 + index, 9)).toISOString();
      const text = { title: 'Aus den Auslandsvertretungen', lead: 'Die Konsularabteilung informiert über neue Öffnungszeiten.', body: 'Termine werden online vergeben.' };
      await createArticleInTransaction(tx, inputFor(slug, { publishedAt, de: text }), context);
    }
  }, { timeout: 60_000 });
}

describe('searchArticles', () => {
  let database: FreshDatabase;
  let searchArticles: Search;
  let disconnect = async () => {};
  const search = (text: string, filters: SearchFilters = {}, page = 1) => searchArticles('de', text, filters, page);

  beforeAll(async () => {
    database = await freshDatabase();
    await seedFixtures(database.prisma);
    // lib/db.ts reads DATABASE_URL when it first connects.
    process.env.DATABASE_URL = database.url;
    ({ searchArticles } = await import('@/lib/queries/search'));
    const { db } = await import('@/lib/db');
    disconnect = () => db().$disconnect();
  });
  afterAll(async () => {
    await disconnect();
    await database.drop();
  });

  describe('German', () => {
    it('finds an inflected form: "Außenministers" finds "Außenminister" and marks it', async () => {
      const result = await search('Außenministers');
      expect(slugsOf(result)).toEqual(['aussenminister']);
      expect(highlightedWords(result, 'aussenminister')).toEqual(['Außenminister']);
    });

    it('finds ß and umlauts from their transliterations, and the other way round', async () => {
      expect(slugsOf(await search('aussenminister'))).toEqual(['aussenminister']);
      expect(slugsOf(await search('Strasse'))).toEqual(['strasse']);
      expect(slugsOf(await search('Straße'))).toEqual(['strasse']);
      const muenchen = ['muenchen-ohne-umlaut', 'muenchen-mit-umlaut'];
      expect(slugsOf(await search('Muenchen'))).toEqual(muenchen);
      expect(slugsOf(await search('München'))).toEqual(muenchen);
      expect(slugsOf(await search('MÜNCHEN'))).toEqual(muenchen);
    });

    it('marks the word as written in the text, whichever spelling was searched', async () => {
      expect(highlightedWords(await search('Muenchen'), 'muenchen-mit-umlaut')).toEqual(['München']);
      expect(highlightedWords(await search('München'), 'muenchen-ohne-umlaut')).toEqual(['Muenchen']);
      expect(highlightedWords(await search('Strasse gesperrt'), 'strasse')).toEqual(['Straße', 'gesperrt']);
    });

    it('searches one language only', async () => {
      expect(await searchArticles('en', 'Außenminister', {}, 1)).toMatchObject({ total: 0, hits: [] });
      expect(await search('meeting')).toMatchObject({ total: 0, hits: [] });
    });
  });

  describe('English', () => {
    it('checks the stems the english configuration gives, which the assertions below rely on', async () => {
      const rows = await database.prisma.$queryRaw<{ meeting: string; negotiations: string }[]>`
        SELECT to_tsvector('english', 'meetings meeting')::text AS meeting, to_tsvector('english', 'negotiated negotiations')::text AS negotiations`;
      expect(rows[0]).toEqual({ meeting: "'meet':1,2", negotiations: "'negoti':1,2" });
    });

    it('finds "meeting" for "meetings" and "negotiations" for "negotiated"', async () => {
      const meetings = await searchArticles('en', 'meetings', {}, 1);
      expect(slugsOf(meetings)).toEqual(['meeting']);
      expect(highlightedWords(meetings, 'meeting')).toEqual(['meeting']);
      expect(slugsOf(await searchArticles('en', 'negotiated', {}, 1))).toEqual(['negotiations']);
    });
  });

  describe('ranking', () => {
    it('puts a match in the title above a match in the body, even of a newer article', async () => {
      expect(slugsOf(await search('Wasserstoffpartnerschaft'))).toEqual(['rang-titel', 'rang-text']);
    });

    it('puts the newer of two equally good matches first', async () => {
      expect(slugsOf(await search('Gletscherschutz'))).toEqual(['gleich-neu', 'gleich-alt']);
    });
  });

  it('finds an article by the name of its tag, in each language', async () => {
    expect(slugsOf(await search('Meeresforschung'))).toEqual(['nur-schlagwort']);
    expect(slugsOf(await searchArticles('en', 'ocean research', {}, 1))).toEqual(['nur-schlagwort']);
  });

  describe('filters', () => {
    const word = 'Partnerschaftsabkommen';
    const cases: [string, SearchFilters, string[]][] = [
      ['none', {}, ['filter-2021', 'filter-silvester', 'filter-2020', 'filter-2019']],
      ['tag', { tagSlug: 'handelspolitik' }, ['filter-2021', 'filter-2019']],
      ['type', { type: 'PRESS_RELEASE' satisfies ArticleType }, ['filter-silvester', 'filter-2019']],
      ['year 2021, which begins at midnight in Berlin', { year: 2021 }, ['filter-2021', 'filter-silvester']],
      ['year 2020', { year: 2020 }, ['filter-2020']],
      ['type and year', { type: 'PRESS_RELEASE', year: 2021 }, ['filter-silvester']],
      ['tag and type', { tagSlug: 'handelspolitik', type: 'PRESS_RELEASE' }, ['filter-2019']],
      ['tag, type and year', { tagSlug: 'handelspolitik', type: 'SPEECH', year: 2020 }, []],
      ['tag by its slug in the other language', { tagSlug: 'trade-policy' }, []],
      ['unknown tag', { tagSlug: 'gibt-es-nicht' }, []],
    ];
    for (const [name, filters, expected] of cases) {
      it(`narrows by ${name}`, async () => {
        const result = await search(word, filters);
        expect(slugsOf(result)).toEqual(expected);
        expect(result.total).toBe(expected.length);
      });
    }
  });

  describe('pagination', () => {
    const newestFirst = [...PAGED].reverse();

    it('gives ten hits a page, newest first, with the total of all pages', async () => {
      const pages = [];
      for (const page of [1, 2, 3]) pages.push(await search('Konsularabteilung', {}, page));
      expect(pages.map((page) => [page.page, page.total, page.pages])).toEqual([
        [1, 23, 3],
        [2, 23, 3],
        [3, 23, 3],
      ]);
      expect(pages.map(slugsOf)).toEqual([newestFirst.slice(0, 10), newestFirst.slice(10, 20), newestFirst.slice(20)]);
    });

    it('still knows the total on a page after the last one', async () => {
      // A stale link (?page=4 after articles were withdrawn) must not claim that nothing matches.
      const result = await search('Konsularabteilung', {}, 4);
      expect(result.hits).toEqual([]);
      expect(result.total).toBe(23);
    });
  });

  describe('snippets', () => {
    it('are cut from lead and body with every matched word marked', async () => {
      const result = await search('Konferenz Gletscherschutz');
      const snippet = result.hits[0]?.snippet ?? [];
      const text = snippet.map((part) => part.text).join('');
      expect(text).toMatch(/^Eine Konferenz befasst sich mit dem Gletscherschutz\. Fachleute/);
      expect('Eine Konferenz befasst sich mit dem Gletscherschutz. Fachleute tauschen Erfahrungen aus.').toContain(text);
      expect(snippet.filter((part) => part.highlighted).map((part) => part.text)).toEqual(['Konferenz', 'Gletscherschutz']);
    });

    it('carry no markup from the content, only plain text parts', async () => {
      const result = await search('Nordsee');
      expect(slugsOf(result)).toEqual(['html-im-text']);
      const snippet = result.hits[0]?.snippet ?? [];
      const text = snippet.map((part) => part.text).join('');
      expect(highlightedWords(result, 'html-im-text')).toEqual(['Nordsee', 'Nordsee']);
      expect(text).toContain('wurde in Oslo unterzeichnet');
      // PostgreSQL's headline leaves out tag-like text; what is left is text, never an element.
      expect(text).not.toMatch(/<\/?[a-z][^>]*>/i);
      expect(text).not.toMatch(/[\uE000\uE001]/);

      const fromBody = (await search('Zusatz')).hits[0]?.snippet ?? [];
      const bodyText = fromBody.map((part) => part.text).join('');
      expect(bodyText).toMatch(/Im Entwurf stand\s+vorläufig\s+als Zusatz/);
      expect(bodyText).not.toMatch(/<\/?[a-z][^>]*>/i);
    });
  });

  describe('odd and hostile input', () => {
    const inputs = [
      "'", '"', '\\', '%', '&', '|', '!', ':*', '<->', '((', '))', 'a & | ! b', '"unclosed', '-', '- -', 'or', 'OR OR',
      '🙂', '🇩🇪 Außenminister', '\uD800', 'a\uDC00b', '\u0000', "' OR 1=1 --", "'; DROP TABLE article; --",
      '<script>alert(1)</script>', 'x'.repeat(10_000), 'und der die das', 'the of and',
    ];

    it('never throws, in either language, with or without filters', async () => {
      for (const raw of inputs) {
        const { text } = normalizeSearchQuery(raw);
        if (!text) continue;
        for (const locale of ['de', 'en'] as const) {
          for (const filters of [{}, { tagSlug: 'handelspolitik', type: 'SPEECH' as const, year: 2020 }]) {
            const result = await searchArticles(locale, text, filters, 1);
            expect(result.page, raw).toBe(1);
          }
        }
      }
    });

    it('finds nothing for SQL, operators, stop words and symbols', async () => {
      for (const raw of ["' OR 1=1 --", "'; DROP TABLE article; --", '<->', ':*', 'und der die das', '🙂', '\uD800']) {
        expect((await search(normalizeSearchQuery(raw).text)).total, raw).toBe(0);
      }
      expect((await searchArticles('en', 'the of and', {}, 1)).total).toBe(0);
      expect(await database.prisma.article.count()).toBeGreaterThan(40);
    });

    it('ignores a hostile tag slug', async () => {
      expect((await search('Partnerschaftsabkommen', { tagSlug: "x' OR '1'='1" })).total).toBe(0);
    });

    it('searches with the first whole words of an overlong query', async () => {
      // 14 characters a word: the cap of 200 falls inside the fifteenth "Außenminister".
      const query = normalizeSearchQuery('Außenminister '.repeat(800));
      expect(query.truncated).toBe(true);
      expect([...query.text].length).toBeLessThanOrEqual(MAX_QUERY_LENGTH);
      expect(slugsOf(await search(query.text))).toEqual(['aussenminister']);
    });
  });

  it('never finds drafts, scheduled or withdrawn articles', async () => {
    expect(slugsOf(await search('Geheimprotokoll'))).toEqual(['sichtbar']);
    expect(slugsOf(await search('Geheimprotokoll', { year: 2099 }))).toEqual([]);
  });

  it('answers with one SQL statement, however many hits it returns', { timeout: 90_000 }, async () => {
    /*
     * Counted as transactions of this database (each autocommit statement is
     * one). A backend reports its counts when it goes idle, at most once a
     * second, and otherwise within 10 s; so the pool's backend is made to
     * report before the count starts, and the count waits out the 10 s.
     */
    const observer = new pg.Client({ connectionString: database.url });
    await observer.connect();
    const transactions = async () => {
      const { rows } = await observer.query<{ n: string }>(
        'SELECT xact_commit + xact_rollback AS n FROM pg_stat_database WHERE datname = current_database()',
      );
      return Number(rows[0]?.n);
    };
    const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
    try {
      let statements = Infinity;
      // Autovacuum may commit in this database meanwhile; a quiet attempt shows the true count.
      for (let attempt = 0; attempt < 3 && statements > 1; attempt += 1) {
        await pause(1_100);
        await search('Gletscherschutz');
        await pause(1_100);
        const before = await transactions();
        const result = await search('Konsularabteilung');
        expect(result.hits).toHaveLength(10);
        await pause(10_500);
        // Less the observer's own first query.
        statements = Math.min(statements, (await transactions()) - before - 1);
      }
      expect(statements).toBe(1);
    } finally {
      await observer.end();
    }
  });
});

describe('the archive generator', () => {
  const until = new Date('2025-06-01T00:00:00Z');
  const mediaDirBefore = process.env.MEDIA_DIR;
  let mediaDir: string;
  beforeAll(() => {
    // The generator writes its image files to MEDIA_DIR.
    mediaDir = mkdtempSync(path.join(tmpdir(), 'portal-archive-media-'));
    process.env.MEDIA_DIR = mediaDir;
  });
  afterAll(() => {
    process.env.MEDIA_DIR = mediaDirBefore;
    rmSync(mediaDir, { recursive: true, force: true });
  });

  it('writes the same archive for the same seed, in both languages, of the promised shape', () => {
    const articles = buildArchiveArticles({ count: 300, seed: 11, until });
    expect(buildArchiveArticles({ count: 300, seed: 11, until })).toEqual(articles);
    expect(buildArchiveArticles({ count: 300, seed: 12, until })).not.toEqual(articles);

    const tagKeys = Object.keys(archiveTags());
    expect(tagKeys).toHaveLength(20);
    const slugs = new Set<string>();
    const oldest = until.getTime() - 10 * 366 * 24 * 3600 * 1000;
    for (const article of articles) {
      expect(article.status).toBe('published');
      const published = Date.parse(article.publishedAt ?? '');
      expect(published).toBeLessThan(until.getTime());
      expect(published).toBeGreaterThan(oldest);
      expect(article.tags.length).toBeGreaterThanOrEqual(1);
      expect(article.tags.length).toBeLessThanOrEqual(4);
      expect(tagKeys).toEqual(expect.arrayContaining(article.tags));
      for (const locale of ['de', 'en'] as const) {
        const translation = article.translations[locale];
        if (!translation) throw new Error(`no ${locale} text`);
        slugs.add(`${locale}:${translation.slug}`);
        expect(countWords(translation.lead)).toBeGreaterThanOrEqual(40);
        expect(countWords(translation.lead)).toBeLessThanOrEqual(60);
        expect(countWords(translation.body)).toBeGreaterThanOrEqual(600);
        expect(countWords(translation.body)).toBeLessThanOrEqual(1_200);
        expect(translation.body).toMatch(/^## \S/m);
      }
    }
    expect(slugs.size).toBe(600);
    const share = (test: (body: string) => boolean) => articles.filter((a) => test(a.translations.de?.body ?? '')).length / articles.length;
    expect(share((body) => /^> — \S/m.test(body))).toBeGreaterThan(0.3);
    expect(share((body) => /^- \S/m.test(body))).toBeGreaterThan(0.3);
    expect(articles.filter((a) => a.image).length / articles.length).toBeGreaterThan(0.7);
    const years = new Set(articles.map((a) => a.publishedAt?.slice(0, 4)));
    expect(years.size).toBeGreaterThanOrEqual(10);
  });

  it('writes the same rows through its bulk path as through the editors\u2019 write path', { timeout: 120_000 }, async () => {
    const [writePath, bulk] = await Promise.all([freshDatabase(), freshDatabase()]);
    try {
      await generateArchive(writePath.prisma, { count: 25, seed: 5, until, method: 'write-path' });
      await generateArchive(bulk.prisma, { count: 25, seed: 5, until, method: 'bulk' });
      const rowsOf = async (prisma: PrismaClient) => ({
        articles: await prisma.$queryRaw`
          SELECT id, type::text, status::text, published_at, updated_at, withdrawn_at, announced_at IS NOT NULL AS announced, image_id, image_credit
          FROM article ORDER BY id`,
        translations: await prisma.$queryRaw`
          SELECT id, article_id, locale::text, title, slug, lead, body, body_markdown, image_alt, image_caption, tag_text, search_vector::text AS search_vector
          FROM article_translation ORDER BY id`,
        tags: await prisma.$queryRaw`SELECT article_id, tag_id, position FROM article_tag ORDER BY article_id, position`,
        revisions: await prisma.$queryRaw`SELECT id, article_id, action, author, snapshot FROM article_revision ORDER BY id`,
        redirects: await prisma.slugRedirect.count(),
        tagNames: await prisma.$queryRaw`SELECT t.key, tt.locale::text, tt.name, tt.slug FROM tag t JOIN tag_translation tt ON tt.tag_id = t.id ORDER BY t.id, tt.locale`,
        media: await prisma.$queryRaw`SELECT id, mime_type, width, height, byte_size FROM media ORDER BY id`,
      });
      const expected = await rowsOf(writePath.prisma);
      expect(expected.articles).toHaveLength(25);
      expect(await rowsOf(bulk.prisma)).toEqual(expected);
    } finally {
      await Promise.all([writePath.drop(), bulk.drop()]);
    }
  });

  describe('in an archive of 3,000 articles', () => {
    let archive: FreshDatabase;
    beforeAll(async () => {
      archive = await freshDatabase();
      await generateArchive(archive.prisma, { count: 3_000, seed: 2_026, until });
      // As autovacuum would soon after an import: the GIN index's pending list merged, statistics gathered.
      // (Until then the planner rightly avoids an index whose pending list every search must read.)
      await archive.prisma.$executeRawUnsafe('VACUUM ANALYZE');
    }, 240_000);
    afterAll(() => archive.drop());

    it('has every article in both languages, with its tags', async () => {
      const [counts] = await archive.prisma.$queryRaw<{ articles: number; de: number; en: number; untagged: number }[]>`
        SELECT (SELECT count(*)::int FROM article) AS articles,
               (SELECT count(*)::int FROM article_translation WHERE locale = 'de' AND tag_text <> '') AS de,
               (SELECT count(*)::int FROM article_translation WHERE locale = 'en' AND tag_text <> '') AS en,
               (SELECT count(*)::int FROM article a WHERE NOT EXISTS (SELECT 1 FROM article_tag t WHERE t.article_id = a.id)) AS untagged`;
      expect(counts).toEqual({ articles: 3_000, de: 3_000, en: 3_000, untagged: 0 });
    });

    it('lets the planner find matches through the search index', async () => {
      // A made-up province name: a term as selective as a real place name.
      let term: string | undefined;
      for (const name of PROVINCE_NAMES) {
        const [row] = await archive.prisma.$queryRaw<{ n: number }[]>`
          SELECT count(*)::int AS n FROM article_translation
          WHERE search_vector @@ websearch_to_tsquery(portal_search_config('de'), portal_fold_text(${name})) AND locale = 'de'`;
        if (row && row.n > 0 && row.n <= 30) {
          term = name;
          break;
        }
      }
      if (!term) throw new Error('no selective province name in the archive');

      // The query searchArticles runs (lib/queries/search.ts), for the first page without filters.
      const [plan] = await archive.prisma.$queryRaw<{ 'QUERY PLAN': unknown }[]>`
        EXPLAIN (FORMAT JSON)
        WITH q AS (
          SELECT websearch_to_tsquery(portal_search_config('de'::"Locale"), portal_fold_text(${term})) AS query
        ), ranked AS (
          SELECT t."id" AS translation_id, ts_rank(t."search_vector", q.query) AS rank, a."published_at", a."id",
                 count(*) OVER () AS total
          FROM "article_translation" t
          JOIN "article" a ON a."id" = t."article_id"
          CROSS JOIN q
          WHERE t."locale" = 'de'::"Locale" AND t."search_vector" @@ q.query
            AND a."status" = 'PUBLISHED' AND a."withdrawn_at" IS NULL AND a."published_at" <= now()
          ORDER BY rank DESC, a."published_at" DESC, a."id" DESC
          LIMIT 10 OFFSET 0
        )
        SELECT r."id", r.total, t."title", ts_headline(portal_search_config(t."locale"), t."lead" || ' ' || portal_body_text(t."body"), q.query) AS snippet
        FROM ranked r
        JOIN "article_translation" t ON t."id" = r.translation_id
        JOIN "article" a ON a."id" = r."id"
        LEFT JOIN "media" m ON m."id" = a."image_id"
        CROSS JOIN q
        ORDER BY r.rank DESC, r."published_at" DESC, r."id" DESC`;
      const nodes: { type: string; index?: string }[] = [];
      const walk = (node: unknown) => {
        if (typeof node !== 'object' || node === null) return;
        const record = node as Record<string, unknown>;
        if (typeof record['Node Type'] === 'string') {
          nodes.push({ type: record['Node Type'], ...(typeof record['Index Name'] === 'string' ? { index: record['Index Name'] } : {}) });
        }
        Object.values(record).forEach((value) => (Array.isArray(value) ? value.forEach(walk) : walk(value)));
      };
      walk(plan?.['QUERY PLAN']);
      expect(nodes).toContainEqual({ type: 'Bitmap Index Scan', index: 'article_translation_search_vector_idx' });
    });
  });
});
