/*
 * The 410 page is rendered once at build time (app/[locale]/status/[code]),
 * so the reason an editor gave for withdrawing an article is written into it
 * by the portal server per request (server/error-page-replacement.ts). The
 * page holds a hidden slot; the server shows it with the escaped reason, or
 * empties it. Only the HTML outside scripts is changed: the slot's content is
 * set as inner HTML and its visibility as an attribute, neither of which
 * React changes back when the page hydrates, and the scripts (with their
 * CSP hashes) stay as built.
 */

export const WITHDRAWN_REASON_PLACEHOLDER = '@@withdrawn-reason@@';
export const WITHDRAWN_REASON_ATTRIBUTE = 'data-withdrawn-reason';
const SLOT = /(<p\b[^>]*\bdata-withdrawn-reason=""[^>]*>)([\s\S]*?)(<\/p>)/;
const SCRIPT = /(<script\b[\s\S]*?<\/script>)/i;

function escapeHtml(text: string): string {
  return text.replace(/[&<>"'\\]/g, (c) => `&#${c.charCodeAt(0)};`);
}

function outsideScripts(html: string, change: (part: string) => string): string {
  return html
    .split(SCRIPT)
    .map((part, index) => (index % 2 === 1 ? part : change(part)))
    .join('');
}

/** The page with its reason slot shown and filled with `reason` (escaped), or left hidden and empty when there is none. */
export function fillWithdrawnReason(html: string, reason: string | null): string {
  return outsideScripts(html, (part) =>
    part.replace(SLOT, (_slot, open: string, inner: string, close: string) =>
      reason
        ? `${open.replace(/\shidden(="[^"]*")?/, '')}${inner.replaceAll(WITHDRAWN_REASON_PLACEHOLDER, escapeHtml(reason))}${close}`
        : `${open}${close}`,
    ),
  );
}
