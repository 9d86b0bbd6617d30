import { diffLines, diffWordsWithSpace } from 'diff';
import type { Prisma } from '@/lib/generated/prisma/client';
import type { ArticleState } from '@/lib/content/article-output';

/*
 * An article's saved states (article_revision), read back and compared for
 * the desk's revision page. A revision's snapshot is the article as
 * readArticleState returned it right after the change; a revision's id is the
 * article's version from that write on.
 */

type Tx = Prisma.TransactionClient;
type Lang = 'de' | 'en';
const LANGUAGES: Lang[] = ['de', 'en'];

/** One saved state in the list: what happened, who did it, when. */
export type RevisionSummary = { id: number; action: string; author: string; createdAt: Date };
/** One saved state with the article as it was then. */
export type Revision = RevisionSummary & { article: ArticleState };

/** An article's revisions, newest first; empty when the article is unknown. */
export function listRevisions(client: Tx, articleId: number): Promise<RevisionSummary[]> {
  return client.articleRevision.findMany({
    where: { articleId },
    orderBy: { id: 'desc' },
    select: { id: true, action: true, author: true, createdAt: true },
  });
}

/** One revision of an article with its snapshot; null when the article has no such revision. */
export async function readRevision(client: Tx, articleId: number, revisionId: number): Promise<Revision | null> {
  const row = await client.articleRevision.findFirst({
    where: { id: revisionId, articleId },
    select: { id: true, action: true, author: true, createdAt: true, snapshot: true },
  });
  if (!row) return null;
  const { snapshot, ...summary } = row;
  return { ...summary, article: snapshot as ArticleState };
}

/** A run of text that is the same in both versions, or only in the older (removed) or newer (added) one. */
export type DiffPart = { kind: 'same' | 'added' | 'removed'; text: string };
export type DiffField =
  | 'title' | 'slug' | 'lead' | 'body' | 'correction' | 'withdrawnReason'
  | 'type' | 'status' | 'publishedAt' | 'withdrawnAt' | 'tags' | 'image';
/** One field that changed; `language` is null for fields the languages share. Bodies are compared by line, other texts by word. */
export type FieldDiff = { field: DiffField; language: Lang | null; before: string; after: string; parts: DiffPart[] };

const TRANSLATION_FIELDS = ['title', 'slug', 'lead', 'body', 'correction', 'withdrawnReason'] as const;

function parts(before: string, after: string, byLine: boolean): DiffPart[] {
  const changes = byLine ? diffLines(before, after) : diffWordsWithSpace(before, after);
  return changes.map((c) => ({ kind: c.added ? 'added' : c.removed ? 'removed' : 'same', text: c.value }));
}

function imageText(article: ArticleState, language: Lang | null): string {
  const image = article.image;
  if (!image) return '';
  if (language === null) return [image.mediaId, image.credit ?? ''].filter(Boolean).join(' · ');
  return [image.alt[language] ?? '', image.caption?.[language] ?? ''].filter(Boolean).join(' · ');
}

/**
 * What changed from `older` to `newer`, field by field and language by
 * language, in a fixed order (shared fields first); unchanged fields are left out.
 */
export function diffRevisions(older: ArticleState, newer: ArticleState): FieldDiff[] {
  const result: FieldDiff[] = [];
  const compare = (field: DiffField, language: Lang | null, before: string, after: string, byLine = false) => {
    if (before !== after) result.push({ field, language, before, after, parts: parts(before, after, byLine) });
  };
  compare('status', null, older.status, newer.status);
  compare('type', null, older.type, newer.type);
  compare('publishedAt', null, older.publishedAt, newer.publishedAt);
  compare('withdrawnAt', null, older.withdrawnAt ?? '', newer.withdrawnAt ?? '');
  compare('tags', null, older.tags.join(', '), newer.tags.join(', '));
  compare('image', null, imageText(older, null), imageText(newer, null));
  for (const language of LANGUAGES) {
    const a = older.translations[language];
    const b = newer.translations[language];
    for (const field of TRANSLATION_FIELDS) compare(field, language, a?.[field] ?? '', b?.[field] ?? '', field === 'body');
    compare('image', language, imageText(older, language), imageText(newer, language));
  }
  return result;
}
