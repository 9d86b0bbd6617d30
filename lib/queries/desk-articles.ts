import { Prisma, type PrismaClient } from '@/lib/generated/prisma/client';
import { articleTypeByName } from '@/lib/content/article-input';
import type { ArticleType } from '@/lib/generated/prisma/enums';
import { routing, type Locale } from '@/i18n/routing';

/*
 * The desk's overview and GET /api/articles: every article, whatever its
 * state, filtered and paginated. Never cached: editors must see the stored
 * state the moment it changes. "Last change" is the latest revision.
 */

type Lang = Locale;
type TypeName = keyof typeof articleTypeByName;
export const DESK_STATUSES = ['draft', 'scheduled', 'published', 'withdrawn'] as const;
export type DeskStatus = (typeof DESK_STATUSES)[number];
/** A language code: that language present; `missing-` and the code: that language absent. */
export type DeskLanguageFilter = Locale | `missing-${Locale}`;
export const DESK_LANGUAGE_FILTERS: readonly DeskLanguageFilter[] = [...routing.locales, ...routing.locales.map((l) => `missing-${l}` as const)];

export type DeskFilters = {
  status?: DeskStatus;
  language?: DeskLanguageFilter;
  type?: TypeName;
  /** A tag key. */
  tag?: string;
  /** Words in the title of either language (case-insensitive). */
  q?: string;
  /** 1-based. */
  page?: number;
  pageSize?: number;
};

export type DeskArticleRow = {
  id: number;
  status: DeskStatus;
  /** Set for scheduled articles: when they go public (ISO 8601). */
  scheduledFor?: string;
  publishedAt: string;
  languages: Lang[];
  type: TypeName;
  tags: string[];
  titles: Partial<Record<Lang, string>>;
  /** Time of the latest revision (ISO 8601). */
  updatedAt: string;
  /** Author of the latest revision. */
  updatedBy: string;
};

export type DeskArticlePage = { rows: DeskArticleRow[]; total: number; page: number; pageSize: number; pageCount: number };

export const DESK_PAGE_SIZE = 25;
export const MAX_DESK_PAGE_SIZE = 100;

const typeNameByEnum = Object.fromEntries(Object.entries(articleTypeByName).map(([name, value]) => [value, name])) as Record<ArticleType, TypeName>;

/** Reads filters from query parameters; unknown values are reported by name instead of being ignored. */
export function parseDeskFilters(params: URLSearchParams): { ok: true; filters: DeskFilters } | { ok: false; problems: { path: string; message: string }[] } {
  const problems: { path: string; message: string }[] = [];
  const filters: DeskFilters = {};
  const oneOf = <T extends string>(name: string, allowed: readonly T[]): T | undefined => {
    const value = params.get(name);
    if (value === null || value === '') return undefined;
    if ((allowed as readonly string[]).includes(value)) return value as T;
    problems.push({ path: name, message: `must be one of: ${allowed.join(', ')}` });
    return undefined;
  };
  const positive = (name: string, max?: number): number | undefined => {
    const value = params.get(name);
    if (value === null || value === '') return undefined;
    const number = Number(value);
    if (!Number.isInteger(number) || number < 1 || (max !== undefined && number > max)) {
      problems.push({ path: name, message: max ? `must be a whole number from 1 to ${max}` : 'must be a whole number from 1 up' });
      return undefined;
    }
    return number;
  };
  filters.status = oneOf('status', DESK_STATUSES);
  filters.language = oneOf('language', DESK_LANGUAGE_FILTERS);
  filters.type = oneOf('type', Object.keys(articleTypeByName) as TypeName[]);
  const tag = params.get('tag');
  if (tag) filters.tag = tag;
  const q = params.get('q')?.trim();
  if (q) filters.q = q.slice(0, 200);
  filters.page = positive('page');
  filters.pageSize = positive('pageSize', MAX_DESK_PAGE_SIZE);
  for (const key of Object.keys(filters) as (keyof DeskFilters)[]) if (filters[key] === undefined) delete filters[key];
  return problems.length > 0 ? { ok: false, problems } : { ok: true, filters };
}

function statusCondition(status: DeskStatus | undefined): Prisma.Sql {
  switch (status) {
    case 'withdrawn':
      return Prisma.sql`a.withdrawn_at IS NOT NULL`;
    case 'draft':
      return Prisma.sql`a.withdrawn_at IS NULL AND a.status = 'DRAFT'`;
    case 'scheduled':
      return Prisma.sql`a.withdrawn_at IS NULL AND a.status = 'PUBLISHED' AND a.published_at > now()`;
    case 'published':
      return Prisma.sql`a.withdrawn_at IS NULL AND a.status = 'PUBLISHED' AND a.published_at <= now()`;
    default:
      return Prisma.sql`TRUE`;
  }
}

function languageCondition(language: DeskLanguageFilter | undefined): Prisma.Sql {
  if (!language) return Prisma.sql`TRUE`;
  const missing = language.startsWith('missing-');
  const locale = missing ? language.slice('missing-'.length) : language;
  const has = Prisma.sql`EXISTS (SELECT 1 FROM article_translation t WHERE t.article_id = a.id AND t.locale = ${locale}::"Locale")`;
  return missing ? Prisma.sql`NOT ${has}` : has;
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

function rowStatus(row: { status: string; publishedAt: Date; withdrawnAt: Date | null }, now: Date): DeskStatus {
  if (row.withdrawnAt) return 'withdrawn';
  if (row.status === 'DRAFT') return 'draft';
  return row.publishedAt > now ? 'scheduled' : 'published';
}

/** One page of the overview, last changed first, with the total count for the pagination. */
export async function listDeskArticles(client: PrismaClient, filters: DeskFilters = {}): Promise<DeskArticlePage> {
  const pageSize = Math.min(filters.pageSize ?? DESK_PAGE_SIZE, MAX_DESK_PAGE_SIZE);
  const page = Math.max(1, filters.page ?? 1);
  const where = Prisma.join(
    [
      statusCondition(filters.status),
      languageCondition(filters.language),
      filters.type ? Prisma.sql`a.type = ${articleTypeByName[filters.type]}::"ArticleType"` : Prisma.sql`TRUE`,
      filters.tag
        ? Prisma.sql`EXISTS (SELECT 1 FROM article_tag at JOIN tag g ON g.id = at.tag_id WHERE at.article_id = a.id AND g.key = ${filters.tag})`
        : Prisma.sql`TRUE`,
      filters.q
        ? Prisma.sql`EXISTS (SELECT 1 FROM article_translation t WHERE t.article_id = a.id AND t.title ILIKE ${`%${escapeLike(filters.q)}%`})`
        : Prisma.sql`TRUE`,
    ],
    ' AND ',
  );
  const [counted] = await client.$queryRaw<{ total: bigint }[]>`SELECT count(*) AS total FROM article a WHERE ${where}`;
  const total = Number(counted?.total ?? 0);
  const ids = await client.$queryRaw<{ id: number }[]>`
    SELECT a.id FROM article a
    WHERE ${where}
    ORDER BY coalesce((SELECT max(r.created_at) FROM article_revision r WHERE r.article_id = a.id), a.created_at) DESC, a.id DESC
    LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`;
  const articles = await client.article.findMany({
    where: { id: { in: ids.map((r) => r.id) } },
    select: {
      id: true,
      type: true,
      status: true,
      publishedAt: true,
      withdrawnAt: true,
      createdAt: true,
      translations: { select: { locale: true, title: true }, orderBy: { locale: 'asc' } },
      tags: { orderBy: { position: 'asc' }, select: { tag: { select: { key: true } } } },
      revisions: { orderBy: { id: 'desc' }, take: 1, select: { author: true, createdAt: true } },
    },
  });
  const now = new Date();
  const byId = new Map(articles.map((a) => [a.id, a]));
  const rows = ids.flatMap(({ id }): DeskArticleRow[] => {
    const a = byId.get(id);
    if (!a) return [];
    const status = rowStatus(a, now);
    const latest = a.revisions[0];
    return [
      {
        id: a.id,
        status,
        ...(status === 'scheduled' ? { scheduledFor: a.publishedAt.toISOString() } : {}),
        publishedAt: a.publishedAt.toISOString(),
        languages: a.translations.map((t) => t.locale),
        type: typeNameByEnum[a.type],
        tags: a.tags.map((t) => t.tag.key),
        titles: Object.fromEntries(a.translations.map((t) => [t.locale, t.title])),
        updatedAt: (latest?.createdAt ?? a.createdAt).toISOString(),
        updatedBy: latest?.author ?? '',
      },
    ];
  });
  return { rows, total, page, pageSize, pageCount: Math.max(1, Math.ceil(total / pageSize)) };
}
