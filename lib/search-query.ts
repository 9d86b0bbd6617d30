/** Longest search text we act on; longer input is cut (and the reader told). */
export const MAX_QUERY_LENGTH = 200;

export type NormalizedQuery = { text: string; truncated: boolean };

/**
 * Makes any submitted text safe to search for: well-formed Unicode (a lone
 * surrogate becomes U+FFFD), no control characters, single spaces, capped.
 */
export function normalizeSearchQuery(raw: string | undefined): NormalizedQuery {
  const cleaned = (raw ?? '')
    .toWellFormed()
    .replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  const chars = [...cleaned];
  if (chars.length <= MAX_QUERY_LENGTH) return { text: cleaned, truncated: false };
  // Cut after the last whole word: a word fragment would match nothing.
  const cut = chars.slice(0, MAX_QUERY_LENGTH + 1).join('');
  const lastSpace = cut.lastIndexOf(' ');
  const text = lastSpace > 0 ? cut.slice(0, lastSpace) : chars.slice(0, MAX_QUERY_LENGTH).join('');
  return { text: text.trim(), truncated: true };
}

/** Markers ts_headline puts around matches; from Unicode's private-use area, so never in content. */
export const HIGHLIGHT_START = '\uE000';
export const HIGHLIGHT_STOP = '\uE001';

export type SnippetPart = { text: string; highlighted: boolean };

export function splitHighlights(snippet: string): SnippetPart[] {
  const parts: SnippetPart[] = [];
  for (const [index, piece] of snippet.split(HIGHLIGHT_START).entries()) {
    if (index === 0) {
      if (piece) parts.push({ text: piece.replaceAll(HIGHLIGHT_STOP, ''), highlighted: false });
      continue;
    }
    const [marked = '', rest = ''] = piece.split(HIGHLIGHT_STOP, 2);
    if (marked) parts.push({ text: marked, highlighted: true });
    if (rest) parts.push({ text: rest, highlighted: false });
  }
  return parts;
}
