import type { Locale, Prisma, PrismaClient } from '@/lib/generated/prisma/client';
import { cacheTags } from '@/lib/cache-tags';
import { ContentError, type ContentProblem } from '@/lib/content/content-error';
import { articleTypeByName, type ArticleInput } from '@/lib/content/article-input';
import { markdownToBody } from '@/lib/content/markdown-to-body';
import { readArticleForEditor, readArticleState, type ArticleOutput } from '@/lib/content/article-output';
import { refreshTagText } from '@/lib/content/tag-text';
import { commitContentChange, recordRevalidation } from '@/lib/content/record-revalidation';

/*
 * The only code that writes articles. Each *InTransaction function runs
 * inside a caller's transaction, keeps a revision of the result, and records
 * the cache tags of every page the change touched in that same transaction
 * (lib/content/record-revalidation.ts). createArticle, replaceArticle,
 * withdrawArticle and restoreArticle are the same in a transaction of their own.
 *
 * Optimistic check: an article's version is the id of its latest revision.
 * A write given `expectedVersion` locks the article row, and when another
 * write came first it throws ContentError 'stale' with the current state
 * instead of overwriting it.
 */

type Tx = Prisma.TransactionClient;
const LOCALES: Locale[] = ['de', 'en'];

/** Who writes, when, and (optionally) the version the writer opened; a different current version makes the write fail as 'stale'. */
export type WriteContext = { author: string; now?: Date; expectedVersion?: number };
/** A withdrawal: who and why; the reason (one text for every language, or one per language) is shown to readers on the 410 page. */
export type WithdrawContext = WriteContext & { reason?: string | Partial<Record<Locale, string>> };
/** What a revision records as having happened. */
export type RevisionAction = 'created' | 'updated' | 'withdrawn' | 'restored' | 'reverted';
export type SavedArticle = { id: number; article: ArticleOutput; cacheTags: string[] };

/** Checks what only the database can tell: tags and image exist, slugs are free. */
async function checkReferences(tx: Tx, input: ArticleInput, articleId: number | null) {
  const invalid: ContentProblem[] = [];
  const conflicts: ContentProblem[] = [];
  const tags = await tx.tag.findMany({ where: { key: { in: input.tags } }, select: { id: true, key: true } });
  input.tags.forEach((key, index) => {
    if (!tags.some((t) => t.key === key)) invalid.push({ path: `tags.${index}`, message: `unknown tag "${key}"` });
  });
  if (input.image) {
    const media = await tx.media.findUnique({ where: { id: input.image.mediaId }, select: { id: true } });
    if (!media) invalid.push({ path: 'image.mediaId', message: `unknown media "${input.image.mediaId}"` });
  }
  for (const locale of LOCALES) {
    const translation = input.translations[locale];
    if (!translation) continue;
    const clash = await tx.articleTranslation.findUnique({
      where: { locale_slug: { locale, slug: translation.slug } },
      select: { articleId: true },
    });
    if (clash && clash.articleId !== articleId) {
      conflicts.push({ path: `translations.${locale}.slug`, message: 'already used by another article' });
      continue;
    }
    const redirect = await tx.slugRedirect.findUnique({
      where: { locale_slug: { locale, slug: translation.slug } },
      select: { articleId: true, createdAt: true, article: { select: { translations: { select: { locale: true, title: true } } } } },
    });
    if (redirect && redirect.articleId !== articleId) {
      // Taking it would make the old link show this article instead of the one it was shared for.
      const titles = redirect.article.translations;
      const title = (titles.find((t) => t.locale === locale) ?? titles[0])?.title ?? '';
      conflicts.push({
        path: `translations.${locale}.slug`,
        message: `was used until ${redirect.createdAt.toISOString().slice(0, 10)} by article ${redirect.articleId} "${title}" and still redirects there; choose another slug`,
      });
    }
  }
  if (invalid.length > 0) throw new ContentError('invalid', [...invalid, ...conflicts]);
  if (conflicts.length > 0) throw new ContentError('conflict', conflicts);
  return tags;
}

function isVisibleAt(status: 'published' | 'draft', publishedAt: Date, now: Date): boolean {
  return status === 'published' && publishedAt <= now;
}

function articleData(input: ArticleInput, now: Date) {
  return {
    type: articleTypeByName[input.type],
    status: input.status === 'published' ? ('PUBLISHED' as const) : ('DRAFT' as const),
    publishedAt: input.publishedAt ? new Date(input.publishedAt) : now,
    imageId: input.image?.mediaId ?? null,
    imageCredit: input.image?.credit ?? null,
  };
}

type PreviousCorrection = { locale: Locale; correction: string | null; correctedAt: Date | null };

/** A correction keeps its time while its text stays the same; a new or changed text is stamped now. */
function correctionTime(correction: string | undefined, previous: PreviousCorrection | undefined, now: Date): Date | null {
  if (!correction) return null;
  return previous?.correction === correction && previous.correctedAt ? previous.correctedAt : now;
}

async function writeChildren(
  tx: Tx,
  articleId: number,
  input: ArticleInput,
  tags: { id: number; key: string }[],
  now: Date,
  previous: PreviousCorrection[] = [],
) {
  for (const locale of LOCALES) {
    const translation = input.translations[locale];
    if (!translation) continue;
    // A slug of this article's own that used to redirect belongs to it again (checkReferences refused other articles' old slugs).
    await tx.slugRedirect.deleteMany({ where: { locale, slug: translation.slug, articleId } });
    await tx.articleTranslation.create({
      data: {
        articleId,
        locale,
        title: translation.title,
        slug: translation.slug,
        lead: translation.lead,
        body: markdownToBody(translation.body),
        bodyMarkdown: translation.body,
        imageAlt: input.image?.alt[locale] ?? null,
        imageCaption: input.image?.caption?.[locale] ?? null,
        correction: translation.correction ?? null,
        correctedAt: correctionTime(translation.correction, previous.find((p) => p.locale === locale), now),
      },
    });
  }
  await tx.articleTag.createMany({
    data: input.tags.map((key, position) => ({ articleId, tagId: tags.find((t) => t.key === key)?.id ?? -1, position })),
  });
  await refreshTagText(tx, [articleId]);
}

/** Cache tags of everything that shows an article: its pages, listings, its tags' pages, its URLs. */
export function articleCacheTags(articleId: number, slugs: { locale: Locale; slug: string }[], tagIds: number[]): string[] {
  return [
    cacheTags.article(articleId),
    cacheTags.articleLists,
    cacheTags.tagList,
    ...slugs.map((s) => cacheTags.slug(s.locale, s.slug)),
    ...tagIds.map(cacheTags.tag),
  ];
}

async function recordRevision(tx: Tx, articleId: number, action: RevisionAction, author: string, now: Date): Promise<ArticleOutput> {
  const state = await readArticleState(tx, articleId);
  if (!state) throw new Error(`article ${articleId} vanished inside its own transaction`);
  const revision = await tx.articleRevision.create({ data: { articleId, action, author, snapshot: state, createdAt: now }, select: { id: true } });
  return { ...state, version: revision.id };
}

function notFound(articleId: number): ContentError {
  return new ContentError('not-found', [{ path: 'id', message: `no article with id ${articleId}` }]);
}

/**
 * Locks the article's row until the transaction ends, so that writes to one
 * article run one after the other, then compares versions when asked to.
 */
export async function lockArticle(tx: Tx, articleId: number, expectedVersion?: number): Promise<void> {
  const rows = await tx.$queryRaw<{ id: number }[]>`SELECT id FROM article WHERE id = ${articleId} FOR UPDATE`;
  if (rows.length === 0) throw notFound(articleId);
  if (expectedVersion === undefined) return;
  const latest = await tx.articleRevision.findFirst({
    where: { articleId },
    orderBy: { id: 'desc' },
    select: { id: true, author: true, createdAt: true },
  });
  const version = latest?.id ?? 0;
  if (version === expectedVersion) return;
  const article = await readArticleForEditor(tx, articleId);
  if (!article) throw notFound(articleId);
  const author = latest?.author ?? 'unknown';
  const savedAt = (latest?.createdAt ?? new Date(0)).toISOString();
  throw new ContentError(
    'stale',
    [{ path: '', message: `${author} changed this article at ${savedAt} after you opened it (your version ${expectedVersion}, now ${version}); nothing was saved` }],
    { version, author, savedAt, article },
  );
}

async function recorded(tx: Tx, saved: SavedArticle): Promise<SavedArticle> {
  await recordRevalidation(tx, saved.cacheTags);
  return saved;
}

function inputSlugs(input: ArticleInput): { locale: Locale; slug: string }[] {
  return LOCALES.flatMap((locale) => {
    const t = input.translations[locale];
    return t ? [{ locale, slug: t.slug }] : [];
  });
}

/** Creates an article. */
export async function createArticleInTransaction(tx: Tx, input: ArticleInput, context: WriteContext): Promise<SavedArticle> {
  const now = context.now ?? new Date();
  const tags = await checkReferences(tx, input, null);
  const data = articleData(input, now);
  const visible = isVisibleAt(input.status, data.publishedAt, now);
  const { id } = await tx.article.create({
    // A new article has not been updated since it was first published.
    data: { ...data, updatedAt: data.publishedAt, announcedAt: visible ? now : null },
    select: { id: true },
  });
  await writeChildren(tx, id, input, tags, now);
  const article = await recordRevision(tx, id, 'created', context.author, now);
  return recorded(tx, { id, article, cacheTags: articleCacheTags(id, inputSlugs(input), tags.map((t) => t.id)) });
}

/**
 * Replaces an article's content. Slugs it no longer uses keep working as
 * permanent redirects to its current URL. A change to an article readers
 * could already see counts as an update ("Aktualisiert am …").
 */
export async function replaceArticleInTransaction(
  tx: Tx,
  articleId: number,
  input: ArticleInput,
  context: WriteContext,
  action: RevisionAction = 'updated',
): Promise<SavedArticle> {
  const now = context.now ?? new Date();
  await lockArticle(tx, articleId, context.expectedVersion);
  const existing = await tx.article.findUnique({
    where: { id: articleId },
    select: {
      status: true,
      publishedAt: true,
      withdrawnAt: true,
      announcedAt: true,
      translations: { select: { locale: true, slug: true, correction: true, correctedAt: true } },
      tags: { select: { tagId: true } },
    },
  });
  if (!existing || existing.withdrawnAt) throw notFound(articleId);
  const tags = await checkReferences(tx, input, articleId);

  const data = articleData(input, now);
  const wasVisible = existing.status === 'PUBLISHED' && existing.publishedAt <= now;
  const visible = isVisibleAt(input.status, data.publishedAt, now);
  const retired = existing.translations.filter((t) => input.translations[t.locale]?.slug !== t.slug);
  await tx.articleTranslation.deleteMany({ where: { articleId } });
  await tx.articleTag.deleteMany({ where: { articleId } });
  await tx.article.update({
    where: { id: articleId },
    data: {
      ...data,
      updatedAt: wasVisible && visible ? now : data.publishedAt,
      announcedAt: visible ? (existing.announcedAt ?? now) : null,
    },
  });
  for (const old of retired) {
    await tx.slugRedirect.upsert({
      where: { locale_slug: { locale: old.locale, slug: old.slug } },
      create: { locale: old.locale, slug: old.slug, articleId },
      update: { articleId },
    });
  }
  await writeChildren(tx, articleId, input, tags, now, existing.translations);
  const article = await recordRevision(tx, articleId, action, context.author, now);

  const slugs = [...existing.translations.map(({ locale, slug }) => ({ locale, slug })), ...inputSlugs(input)];
  const tagIds = [...new Set([...existing.tags.map((t) => t.tagId), ...tags.map((t) => t.id)])];
  return recorded(tx, { id: articleId, article, cacheTags: articleCacheTags(articleId, slugs, tagIds) });
}

async function everyUrlOf(tx: Tx, articleId: number) {
  const existing = await tx.article.findUnique({
    where: { id: articleId },
    select: { withdrawnAt: true, translations: { select: { locale: true, slug: true } }, tags: { select: { tagId: true } } },
  });
  if (!existing) throw notFound(articleId);
  const oldSlugs = await tx.slugRedirect.findMany({ where: { articleId }, select: { locale: true, slug: true } });
  return { existing, cacheTags: articleCacheTags(articleId, [...existing.translations, ...oldSlugs], existing.tags.map((t) => t.tagId)) };
}

function reasonFor(reason: WithdrawContext['reason'], locale: Locale): string | null {
  const text = typeof reason === 'string' ? reason : reason?.[locale];
  return text?.trim() ? text.trim() : null;
}

/** Withdraws an article: its URLs answer 410 (showing the reason) from now on; the content stays for the record. */
export async function withdrawArticleInTransaction(tx: Tx, articleId: number, context: WithdrawContext): Promise<SavedArticle> {
  const now = context.now ?? new Date();
  await lockArticle(tx, articleId, context.expectedVersion);
  const { existing, cacheTags } = await everyUrlOf(tx, articleId);
  if (existing.withdrawnAt) throw notFound(articleId);
  await tx.article.update({ where: { id: articleId }, data: { withdrawnAt: now } });
  for (const { locale } of existing.translations) {
    await tx.articleTranslation.update({
      where: { articleId_locale: { articleId, locale } },
      data: { withdrawnReason: reasonFor(context.reason, locale) },
    });
  }
  const article = await recordRevision(tx, articleId, 'withdrawn', context.author, now);
  return recorded(tx, { id: articleId, article, cacheTags });
}

/** Brings a withdrawn article back: its pages show again at once (a published one to readers), and the reason is cleared. */
export async function restoreArticleInTransaction(tx: Tx, articleId: number, context: WriteContext): Promise<SavedArticle> {
  const now = context.now ?? new Date();
  await lockArticle(tx, articleId, context.expectedVersion);
  const { existing, cacheTags } = await everyUrlOf(tx, articleId);
  if (!existing.withdrawnAt) {
    throw new ContentError('conflict', [{ path: 'id', message: `article ${articleId} is not withdrawn; there is nothing to restore` }]);
  }
  await tx.article.update({ where: { id: articleId }, data: { withdrawnAt: null } });
  await tx.articleTranslation.updateMany({ where: { articleId }, data: { withdrawnReason: null } });
  const article = await recordRevision(tx, articleId, 'restored', context.author, now);
  return recorded(tx, { id: articleId, article, cacheTags });
}

export function createArticle(client: PrismaClient, input: ArticleInput, context: WriteContext): Promise<SavedArticle> {
  return commitContentChange(client, (tx) => createArticleInTransaction(tx, input, context));
}

export function replaceArticle(client: PrismaClient, articleId: number, input: ArticleInput, context: WriteContext): Promise<SavedArticle> {
  return commitContentChange(client, (tx) => replaceArticleInTransaction(tx, articleId, input, context));
}

export function withdrawArticle(client: PrismaClient, articleId: number, context: WithdrawContext): Promise<SavedArticle> {
  return commitContentChange(client, (tx) => withdrawArticleInTransaction(tx, articleId, context));
}

export function restoreArticle(client: PrismaClient, articleId: number, context: WriteContext): Promise<SavedArticle> {
  return commitContentChange(client, (tx) => restoreArticleInTransaction(tx, articleId, context));
}
