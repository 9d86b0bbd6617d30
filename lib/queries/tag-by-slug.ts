import 'server-only';
import { cache } from 'react';
import type { Locale } from '@/i18n/routing';
import { getTagBySlug, type TagView } from '@/lib/queries/tags';

/** The tag a URL names, shared by the page and its metadata within one render; null when unknown. */
export const loadTagForUrl = cache((locale: Locale, slug: string): Promise<TagView | null> => getTagBySlug(locale, slug));
