import { routing } from '@/i18n/routing';
import type { ArticleOutput } from '@/lib/content/article-output';
import { toBerlinInput } from '@/lib/desk/editor/berlin-time';

/*
 * What the editing form shows, as the strings its fields hold: filled from a
 * stored article when the form is opened, and from the submitted form when a
 * save fails, so nothing the editor typed is lost.
 */

export const EDITOR_LANGUAGES = routing.locales;
export type EditorLanguage = (typeof EDITOR_LANGUAGES)[number];

export type TranslationValues = { title: string; slug: string; lead: string; body: string; correction: string };

export type EditorValues = {
  type: string;
  /** The article's date on Berlin's clock, as datetime-local holds it; '' means "now". */
  date: string;
  tags: string[];
  imageMediaId: string;
  imageAlt: Record<EditorLanguage, string>;
  imageCaption: Record<EditorLanguage, string>;
  imageCredit: string;
  translations: Record<EditorLanguage, TranslationValues>;
  /** The version the form was opened with; a save is refused when the article has moved on. */
  expectedVersion: string;
  scheduleAt: string;
  newTag: { key: string; de: string; en: string };
};

const emptyTranslation = (): TranslationValues => ({ title: '', slug: '', lead: '', body: '', correction: '' });

export function emptyEditorValues(): EditorValues {
  return {
    type: 'article',
    date: '',
    tags: [],
    imageMediaId: '',
    imageAlt: { de: '', en: '' },
    imageCaption: { de: '', en: '' },
    imageCredit: '',
    translations: { de: emptyTranslation(), en: emptyTranslation() },
    expectedVersion: '',
    scheduleAt: '',
    newTag: { key: '', de: '', en: '' },
  };
}

/** The form's values for a stored article, opened at `version`. */
export function editorValuesFromArticle(article: ArticleOutput, version: string | number): EditorValues {
  const values = emptyEditorValues();
  values.type = article.type;
  // A draft's stored date is only when it was begun: left empty, publishing takes the moment it happens.
  values.date = article.status === 'draft' ? '' : toBerlinInput(new Date(article.publishedAt));
  values.tags = [...article.tags];
  values.expectedVersion = String(version);
  if (Date.parse(article.publishedAt) > Date.now() && article.status === 'published') values.scheduleAt = values.date;
  if (article.image) {
    values.imageMediaId = article.image.mediaId;
    values.imageCredit = article.image.credit ?? '';
    for (const language of EDITOR_LANGUAGES) {
      values.imageAlt[language] = article.image.alt[language] ?? '';
      values.imageCaption[language] = article.image.caption[language] ?? '';
    }
  }
  for (const language of EDITOR_LANGUAGES) {
    const text = article.translations[language];
    if (text) {
      // The correction note arrives with lib/content's desk changes; older snapshots have none.
      const correction = (text as { correction?: unknown }).correction;
      values.translations[language] = {
        title: text.title,
        slug: text.slug,
        lead: text.lead,
        body: text.body,
        correction: typeof correction === 'string' ? correction : '',
      };
    }
  }
  return values;
}
