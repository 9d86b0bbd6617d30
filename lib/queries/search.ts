import 'server-only';
import { unstable_cache } from 'next/cache';
import { Prisma } from '@/lib/generated/prisma/client';
import type { ArticleType } from '@/lib/generated/prisma/enums';
import { db } from '@/lib/db';
import { cacheTags, REVALIDATE_SECONDS } from '@/lib/cache-tags';
import type { Locale } from '@/i18n/routing';
import type { ArticleSummary } from '@/lib/queries/articles';
import { PAGE_SIZE, pageCount } from '@/lib/queries/visibility';
import { HIGHLIGHT_START, HIGHLIGHT_STOP, splitHighlights, type SnippetPart } from '@/lib/search-query';

export type SearchFilters = { tagSlug?: string; type?: ArticleType; year?: number };
export type SearchHit = ArticleSummary & { snippet: SnippetPart[] };
export type SearchResult = { hits: SearchHit[]; total: number; page: number; pages: number };

type Row = {
  id: number | null;
  total: bigint;
  type: ArticleType;
  published_at: Date;
  title: string;
  slug: string;
  lead: string;
  image_id: string | null;
  image_credit: string | null;
  width: number | null;
  height: number | null;
  image_alt: string | null;
  image_caption: string | null;
  snippet: string;
};

const HEADLINE_OPTIONS = `StartSel=${HIGHLIGHT_START}, StopSel=${HIGHLIGHT_STOP}, MaxFragments=2, MinWords=12, MaxWords=30, FragmentDelimiter=" … "`;

/**
 * Full-text search in one language, in one query: the GIN index on
 * `search_vector` finds the matches, ranks weigh title above tags and lead
 * above body, newer first on equal rank; snippets are made only for the page
 * shown. The text goes through websearch_to_tsquery, which accepts any input.
 */
export async function searchArticles(locale: Locale, text: string, filters: SearchFilters, page: number): Promise<SearchResult> {
  const conditions: Prisma.Sql[] = [];
  if (filters.type) conditions.push(Prisma.sql`AND a."type" = ${filters.type}::"ArticleType"`);
  if (filters.year) {
    conditions.push(Prisma.sql`AND a."published_at" >= make_timestamptz(${filters.year}::int, 1, 1, 0, 0, 0, 'Europe/Berlin')
      AND a."published_at" < make_timestamptz(${filters.year + 1}::int, 1, 1, 0, 0, 0, 'Europe/Berlin')`);
  }
  if (filters.tagSlug) {
    conditions.push(Prisma.sql`AND EXISTS (
      SELECT 1 FROM "article_tag" at JOIN "tag_translation" tt ON tt."tag_id" = at."tag_id"
      WHERE at."article_id" = a."id" AND tt."locale" = ${locale}::"Locale" AND tt."slug" = ${filters.tagSlug})`);
  }
  // `counted` always yields one row, so the total is known even on a page past the end.
  const rows = await db().$queryRaw<Row[]>`
    WITH q AS (
      SELECT websearch_to_tsquery(portal_search_config(${locale}::"Locale"), portal_fold_text(${text})) AS query
    ), matches AS (
      SELECT t."id" AS translation_id, ts_rank(t."search_vector", q.query) AS rank, a."published_at", a."id"
      FROM "article_translation" t
      JOIN "article" a ON a."id" = t."article_id"
      CROSS JOIN q
      WHERE t."locale" = ${locale}::"Locale" AND t."search_vector" @@ q.query
        AND a."status" = 'PUBLISHED' AND a."withdrawn_at" IS NULL AND a."published_at" <= now()
        ${conditions.length > 0 ? Prisma.join(conditions, ' ') : Prisma.empty}
    ), ranked AS (
      SELECT * FROM matches ORDER BY rank DESC, "published_at" DESC, "id" DESC
      LIMIT ${PAGE_SIZE} OFFSET ${(page - 1) * PAGE_SIZE}
    ), counted AS (
      SELECT count(*) AS total FROM matches
    )
    SELECT r."id", c.total, a."type", a."published_at", t."title", t."slug", t."lead",
           a."image_id", a."image_credit", m."width", m."height", t."image_alt", t."image_caption",
           ts_headline(portal_search_config(t."locale"), t."lead" || ' ' || portal_body_text(t."body"), q.query, ${HEADLINE_OPTIONS}) AS snippet
    FROM counted c
    CROSS JOIN q
    LEFT JOIN ranked r ON true
    LEFT JOIN "article_translation" t ON t."id" = r.translation_id
    LEFT JOIN "article" a ON a."id" = r."id"
    LEFT JOIN "media" m ON m."id" = a."image_id"
    ORDER BY r.rank DESC, r."published_at" DESC, r."id" DESC`;

  const total = Number(rows[0]?.total ?? 0);
  return {
    total,
    page,
    pages: pageCount(total),
    hits: rows.flatMap((row) => (row.id === null ? [] : [{ ...row, id: row.id }])).map((row) => ({
      id: row.id,
      type: row.type,
      publishedAt: row.published_at.toISOString(),
      title: row.title,
      slug: row.slug,
      lead: row.lead,
      image:
        row.image_id && row.width && row.height
          ? { id: row.image_id, width: row.width, height: row.height, alt: row.image_alt ?? '', caption: row.image_caption, credit: row.image_credit }
          : null,
      snippet: splitHighlights(row.snippet),
    })),
  };
}

/** Years with visible articles in a language, newest first, for the year filter. */
export async function listArticleYears(locale: Locale): Promise<number[]> {
  return unstable_cache(
    async () => {
      const rows = await db().$queryRaw<{ year: number }[]>`
        SELECT DISTINCT extract(year FROM a."published_at" AT TIME ZONE 'Europe/Berlin')::int AS year
        FROM "article" a JOIN "article_translation" t ON t."article_id" = a."id" AND t."locale" = ${locale}::"Locale"
        WHERE a."status" = 'PUBLISHED' AND a."withdrawn_at" IS NULL AND a."published_at" <= now()
        ORDER BY year DESC`;
      return rows.map((row) => row.year);
    },
    ['article-years', locale],
    { tags: [cacheTags.articleLists], revalidate: REVALIDATE_SECONDS },
  )();
}
