import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import type { Locale } from '@/i18n/routing';
import type { StatusKind } from '@/components/pages/StatusPage';

/*
 * Next.js answers a `notFound()` or a rendering error with an empty HTML
 * shell that only JavaScript fills in (vercel/next.js#62228), which leaves
 * readers without JavaScript, and crawlers, with a blank page. The portal
 * server (server/portal-server.ts) therefore sends these status pages, which
 * are rendered at build time and need no database, in place of such bodies.
 */

export const STATUS_PAGE_KINDS: Record<string, StatusKind> = { '403': 'forbidden', '404': 'not-found', '410': 'gone', '503': 'unavailable' };

/** Internal address of a status page; proxy.ts only lets the portal server itself open it. */
export function statusPagePath(locale: string, status: 403 | 404 | 410 | 503): string {
  return `/${locale}/status/${status}`;
}

const TITLE = { 'not-found': 'notFoundTitle', gone: 'goneTitle', unavailable: 'unavailableTitle' } as const;

/**
 * Title and robots rule of a status page, given as metadata so that the
 * document has one `<title>` (a title element in the page body would be a
 * second one after the layout's default).
 */
export async function statusPageMetadata(locale: Locale, kind: StatusKind): Promise<Metadata> {
  if (kind === 'forbidden') return { title: (await getTranslations({ locale, namespace: 'Forbidden' }))('title'), robots: { index: false } };
  const t = await getTranslations({ locale, namespace: 'Metadata' });
  return { title: t(TITLE[kind]), robots: { index: false } };
}

/** Stands in the outage page where the portal server writes the request's id. */
export const REQUEST_ID_PLACEHOLDER = '@@request-id@@';
