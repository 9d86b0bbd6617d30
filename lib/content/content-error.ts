import type { ArticleOutput } from '@/lib/content/article-output';

/** A problem with submitted content, named by the field it concerns (`translations.en.slug`). */
export type ContentProblem = { path: string; message: string };

/** The state a write found instead of the one its caller had opened (kind 'stale'). */
export type CurrentVersion = {
  /** Id of the article's latest revision. */
  version: number;
  /** Who saved that revision. */
  author: string;
  /** When it was saved (ISO 8601). */
  savedAt: string;
  /** The article as it is now, to show beside the caller's own version. */
  article: ArticleOutput;
};

export type ContentErrorKind = 'invalid' | 'conflict' | 'not-found' | 'stale';

/**
 * Raised by every content write. `invalid` means the input itself is wrong
 * (HTTP 400); `conflict` means it clashes with stored content, such as a slug
 * another article already uses (HTTP 409); `stale` means the article changed
 * since the caller read it (HTTP 412), and `current` says how.
 */
export class ContentError extends Error {
  constructor(
    readonly kind: ContentErrorKind,
    readonly problems: ContentProblem[],
    readonly current?: CurrentVersion,
  ) {
    super(problems.map((p) => (p.path ? `${p.path}: ${p.message}` : p.message)).join('\n'));
    this.name = 'ContentError';
  }
}

/**
 * The problems of a ContentError keyed by field path (`translations.de.title`), for
 * showing each message next to its field; problems without a path go under ''.
 */
export function problemsByField(error: ContentError): Record<string, string[]> {
  const byField: Record<string, string[]> = {};
  for (const problem of error.problems) (byField[problem.path] ??= []).push(problem.message);
  return byField;
}
