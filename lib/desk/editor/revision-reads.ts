import 'server-only';
import { db } from '@/lib/db';
import { diffRevisions, listRevisions, readRevision, type FieldDiff, type RevisionSummary } from '@/lib/content/revisions';

/*
 * The revision page's reads, through lib/content's own revision functions:
 * the list, newest first, and what changed between two of them.
 */

export type RevisionComparison = { from: RevisionSummary; to: RevisionSummary; changes: FieldDiff[] };

export function readRevisionList(articleId: number): Promise<RevisionSummary[]> {
  return listRevisions(db(), articleId);
}

/** The changes from one revision to another of the same article; null when either is not the article's. */
export async function compareRevisions(articleId: number, fromId: number, toId: number): Promise<RevisionComparison | null> {
  const [from, to] = await Promise.all([readRevision(db(), articleId, fromId), readRevision(db(), articleId, toId)]);
  if (!from || !to) return null;
  const { article: before, ...fromSummary } = from;
  const { article: after, ...toSummary } = to;
  return { from: fromSummary, to: toSummary, changes: diffRevisions(before, after) };
}
