/*
 * How deeply a body's Markdown nests quotes and lists. The Markdown parser
 * recurses once per level, so a body of 100,000 `>` characters exhausted the
 * call stack (a 500) and held the server for seconds; bodies nest a few
 * levels at most, so deeper ones are refused, naming the line, before they
 * are parsed.
 */

export const MAX_MARKDOWN_NESTING = 8;

/** Quote markers and list markers at the start of a line, however they are spaced. */
const LEADING_MARKER = /^[ \t]*(?:>|[-*+](?=[ \t]|$)|\d{1,9}[.)](?=[ \t]|$))/;
/** Indentation that opens one more list level. */
const COLUMNS_PER_LEVEL = 2;

function nestingOf(line: string): number {
  let rest = line;
  let markers = 0;
  // Bounded: at most one pass per character of the line, and it stops once the limit is passed.
  while (markers <= MAX_MARKDOWN_NESTING) {
    const marker = LEADING_MARKER.exec(rest);
    if (!marker) break;
    markers += 1;
    rest = rest.slice(marker[0].length);
  }
  const indent = /^[ \t]*/.exec(line)?.[0].replaceAll('\t', '    ').length ?? 0;
  return Math.max(markers, Math.floor(indent / COLUMNS_PER_LEVEL));
}

/** The number of the first line nested deeper than MAX_MARKDOWN_NESTING, or null. */
export function tooDeeplyNestedLine(markdown: string): number | null {
  const lines = markdown.split('\n');
  for (let index = 0; index < lines.length; index += 1) {
    if (nestingOf(lines[index] ?? '') > MAX_MARKDOWN_NESTING) return index + 1;
  }
  return null;
}
