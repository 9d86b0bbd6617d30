import 'server-only';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { EASY_LANGUAGE_LOCALE, routing, type Locale } from '@/i18n/routing';
import { markdownToBody } from '@/lib/content/markdown-to-body';
import type { ArticleBody } from '@/lib/content/body-schema';

/*
 * The pages a public body must have (imprint, privacy, accessibility
 * statement) and the page in Easy German live as Markdown files in
 * content/pages/<key>.<locale>.md: editors change them without touching
 * code. The first line (`# …`) is the title, the first paragraph the summary.
 */

export const INFO_PAGE_KEYS = ['imprint', 'privacy', 'accessibility', 'easy-language'] as const;
export type InfoPageKey = (typeof INFO_PAGE_KEYS)[number];

export type InfoPage = { key: InfoPageKey; locale: Locale; title: string; summary: string; body: ArticleBody };

const PAGES_DIR = path.join(process.cwd(), 'content', 'pages');

export function isInfoPageKey(value: string): value is InfoPageKey {
  return (INFO_PAGE_KEYS as readonly string[]).includes(value);
}

/** The page in a language, or null when that language has no version of it. */
export async function loadInfoPage(key: InfoPageKey, locale: Locale): Promise<InfoPage | null> {
  let markdown: string;
  try {
    markdown = await readFile(path.join(PAGES_DIR, `${key}.${locale}.md`), 'utf8');
  } catch {
    return null;
  }
  const [firstLine = '', ...rest] = markdown.split('\n');
  const title = firstLine.replace(/^#\s*/, '').trim();
  const body = markdownToBody(rest.join('\n'));
  const first = body[0];
  const summary = first?.type === 'paragraph' ? first.children.map((n) => (n.type === 'text' ? n.text : n.children.map((c) => c.text).join(''))).join('') : title;
  return { key, locale, title, summary, body };
}

/** Languages a page exists in; Easy German has no English version. */
export function infoPageLocales(key: InfoPageKey): Locale[] {
  return key === 'easy-language' ? [EASY_LANGUAGE_LOCALE] : [...routing.locales];
}
