import { createHmac } from 'node:crypto';
import { getPathname } from '@/i18n/navigation';
import type { Locale } from '@/i18n/routing';
import { secretMatches } from '@/lib/auth/secret-matches';

/*
 * Draft previews are opened by a signed link, so an editor can share it
 * without a login while nobody can guess the preview of another article.
 */

const VALID_FOR_SECONDS = 7 * 24 * 60 * 60;

function secret(): string {
  const value = process.env.PREVIEW_SECRET;
  if (!value) throw new Error('PREVIEW_SECRET is not set; `npm start` provides one.');
  return value;
}

function sign(articleId: number, expires: number): string {
  return createHmac('sha256', secret()).update(`preview:${articleId}:${expires}`).digest('base64url');
}

export function previewPath(locale: Locale, articleId: number, now = new Date()): string {
  const expires = Math.floor(now.getTime() / 1000) + VALID_FOR_SECONDS;
  const path = getPathname(locale, '/preview/[id]', { id: String(articleId) });
  return `${path}?expires=${expires}&signature=${sign(articleId, expires)}`;
}

export function isValidPreview(articleId: number, expires: string | undefined, signature: string | undefined, now = new Date()): boolean {
  if (!expires || !signature || !/^\d{1,12}$/.test(expires) || !process.env.PREVIEW_SECRET) return false;
  if (Number(expires) * 1000 < now.getTime()) return false;
  return secretMatches(signature, sign(articleId, Number(expires)));
}
