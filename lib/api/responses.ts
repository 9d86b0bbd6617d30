import { ContentError } from '@/lib/content/content-error';
import { isDatabaseRefusingWrites, isDatabaseUnavailable } from '@/lib/database-unavailable';

/** API answers are for one editor at one moment: never stored by any cache. */
export const NO_STORE = { 'Cache-Control': 'private, no-store' } as const;

export function jsonResponse(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return Response.json(body, { status, headers: { ...NO_STORE, ...headers } });
}

export function errorResponse(
  status: number,
  error: string,
  problems?: { path: string; message: string }[],
  headers: Record<string, string> = {},
): Response {
  return jsonResponse(problems ? { error, problems } : { error }, status, headers);
}

/** Seconds an editor's tool should wait before retrying while the database is away. */
const RETRY_AFTER_SECONDS = '30';

const STATUS_BY_KIND = { invalid: 400, conflict: 409, 'not-found': 404, stale: 412 } as const;
const MESSAGE_BY_KIND = {
  invalid: 'invalid input',
  conflict: 'conflict with existing content',
  'not-found': 'not found',
  stale: 'the article changed since you read it; nothing was saved',
} as const;

/** The strong ETag of an article version: it changes with every revision (docs/api.md). */
export function versionETag(version: number): string {
  return `"${version}"`;
}

/** Prisma's error for a unique constraint hit by a concurrent write that our own checks could not see yet. */
function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && error.code === 'P2002';
}

/**
 * Turns a failed write into its answer: 400/409/404 naming every field for
 * content problems, 412 with the current version (its ETag, author, time
 * and the article) when it changed since the caller read it, 503 while the database is unreachable or
 * refuses writes (nothing was written: the transaction did not commit). Anything else is a bug and is rethrown.
 */
export function contentErrorResponse(error: unknown): Response {
  if (isUniqueViolation(error)) return errorResponse(409, MESSAGE_BY_KIND.conflict, [{ path: '', message: 'a slug or key was taken by a simultaneous change; try again' }]);
  if (isDatabaseUnavailable(error)) {
    return errorResponse(503, 'the database is temporarily unavailable; nothing was changed, try again shortly', undefined, { 'Retry-After': RETRY_AFTER_SECONDS });
  }
  if (isDatabaseRefusingWrites(error)) {
    return errorResponse(503, 'the database takes no writes right now (it is read-only or full); nothing was changed, try again later', undefined, { 'Retry-After': RETRY_AFTER_SECONDS });
  }
  if (!(error instanceof ContentError)) throw error;
  if (error.kind === 'stale' && error.current) {
    const { version, author, savedAt, article } = error.current;
    return jsonResponse(
      { error: MESSAGE_BY_KIND.stale, problems: error.problems, current: { version, author, savedAt, article } },
      412,
      { ETag: versionETag(version) },
    );
  }
  return errorResponse(STATUS_BY_KIND[error.kind], MESSAGE_BY_KIND[error.kind], error.problems);
}
