/*
 * The 410 page is rendered once at build time (app/[locale]/status/[code]),
 * so the reason an editor gave for withdrawing an article is written into it
 * by the portal server per request (server/error-page-replacement.ts). The
 * page holds an empty slot; it is filled with the escaped reason, or removed.
 */

export const WITHDRAWN_REASON_PLACEHOLDER = '@@withdrawn-reason@@';
const SLOT = /<p[^>]*\bdata-withdrawn-reason="[^"]*"[^>]*>[\s\S]*?<\/p>/;

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The page with its reason slot filled with `reason` (escaped), or without the slot when there is no reason. */
export function fillWithdrawnReason(html: string, reason: string | null): string {
  if (!reason) return html.replace(SLOT, '');
  return html.replaceAll(WITHDRAWN_REASON_PLACEHOLDER, escapeHtml(reason));
}
