/*
 * Text for XML documents we write by hand (feeds, the sitemap index). Editors'
 * texts may carry characters XML 1.0 forbids even as references (control
 * characters pasted from word processors, halves of broken emoji); one of
 * them makes the whole document unreadable for a feed reader, so they are
 * dropped rather than escaped.
 */

// Everything outside XML 1.0's `Char` production. With the `u` flag a lone
// surrogate is one code point of its own and so falls outside every range.
const NOT_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/** Text safe both between tags and inside a quoted attribute value. */
export function escapeXml(text: string): string {
  return text.replace(NOT_XML_CHAR, '').replace(/[&<>"']/g, (char) => ESCAPES[char] ?? char);
}
