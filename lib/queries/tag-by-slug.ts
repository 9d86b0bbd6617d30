import 'server-only';
import { cache } from 'react';
import { notFound } from 'next/navigation';
import type { Locale } from '@/i18n/routing';
import { getTagBySlug, type TagView } from '@/lib/queries/tags';

/** The tag a URL names, shared by the page and its metadata; 404 when unknown. */
export const loadTagForUrl = cache(async (locale: Locale, slug: string): Promise<TagView> => {
  const tag = await getTagBySlug(locale, slug);
  if (!tag) notFound();
  return tag;
});
