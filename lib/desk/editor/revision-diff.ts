import type { ArticleOutput } from '@/lib/content/article-output';
import { lineDiff, type DiffLine } from '@/lib/desk/editor/line-diff';

/*
 * What changed between two saved states of an article, field by field and
 * language by language, for the revision page. Snapshots are stored in the
 * API's shape (lib/content/article-output.ts); unknown extra keys are read
 * too, so fields lib/content adds later (a correction note) still show.
 */

export type FieldChange = { field: string; language: 'de' | 'en' | null; lines: DiffLine[] };

type Snapshot = Partial<ArticleOutput> & Record<string, unknown>;

function asText(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map(asText).join(', ');
  return JSON.stringify(value);
}

const ARTICLE_FIELDS = ['status', 'type', 'publishedAt', 'withdrawnAt', 'tags'] as const;
const TEXT_FIELDS = ['title', 'slug', 'lead', 'body'];

export function revisionDiff(before: Snapshot, after: Snapshot): FieldChange[] {
  const changes: FieldChange[] = [];
  const compare = (field: string, language: 'de' | 'en' | null, a: unknown, b: unknown) => {
    const textA = asText(a);
    const textB = asText(b);
    if (textA !== textB) changes.push({ field, language, lines: lineDiff(textA, textB) });
  };
  for (const field of ARTICLE_FIELDS) compare(field, null, before[field], after[field]);
  for (const language of ['de', 'en'] as const) {
    const a = (before.translations?.[language] ?? {}) as Record<string, unknown>;
    const b = (after.translations?.[language] ?? {}) as Record<string, unknown>;
    const fields = [...new Set([...TEXT_FIELDS, ...Object.keys(a), ...Object.keys(b)])];
    for (const field of fields) compare(field, language, a[field], b[field]);
    compare('imageAlt', language, before.image?.alt?.[language], after.image?.alt?.[language]);
    compare('imageCaption', language, before.image?.caption?.[language], after.image?.caption?.[language]);
  }
  compare('image', null, before.image?.mediaId, after.image?.mediaId);
  compare('imageCredit', null, before.image?.credit, after.image?.credit);
  return changes;
}
