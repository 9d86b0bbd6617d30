import type { Locale } from '@/i18n/routing';
import type { ContentProblem } from '@/lib/content/content-error';
import { suggestSlug } from '@/lib/content/suggest-slug';
import { fromBerlinInput, toBerlinIso } from '@/lib/desk/editor/berlin-time';
import { EDITOR_LANGUAGES, emptyEditorValues, type EditorValues } from '@/lib/desk/editor/editor-values';

/*
 * Turns the editing form's plain POST into what lib/content expects
 * (lib/content/article-input.ts), without judging it: lib/content validates,
 * and its problems come back named by the same paths. Only what the form
 * alone knows (the schedule time, a half-filled new tag) is checked here.
 */

export const EDITOR_INTENTS = ['draft', 'publish', 'schedule'] as const;
export type EditorIntent = (typeof EDITOR_INTENTS)[number];

export type ParsedArticleForm = {
  values: EditorValues;
  intent: EditorIntent;
  /** The submission for articleInput; unvalidated. */
  input: Record<string, unknown>;
  /** A lead image to upload first, when one was chosen. */
  upload: File | null;
  /** A tag to create inline before saving, with both names. */
  newTag: { key: string; de: { name: string; slug: string }; en: { name: string; slug: string } } | null;
  problems: ContentProblem[];
};

function text(form: FormData, name: string): string {
  const value = form.get(name);
  return typeof value === 'string' ? value.replace(/\r\n/g, '\n') : '';
}

/** Reads the submitted form into the values it re-renders with. */
export function editorValuesFromForm(form: FormData): EditorValues {
  const values = emptyEditorValues();
  values.type = text(form, 'type') || values.type;
  values.date = text(form, 'date');
  values.tags = form.getAll('tags').filter((tag): tag is string => typeof tag === 'string' && tag !== '');
  values.imageMediaId = form.get('imageRemove') === 'on' ? '' : text(form, 'imageMediaId');
  values.imageCredit = text(form, 'imageCredit');
  values.expectedVersion = text(form, 'expectedVersion');
  values.scheduleAt = text(form, 'scheduleAt');
  values.newTag = { key: '', de: text(form, 'newTag-de').trim(), en: text(form, 'newTag-en').trim() };
  for (const language of EDITOR_LANGUAGES) {
    values.imageAlt[language] = text(form, `image-alt-${language}`);
    values.imageCaption[language] = text(form, `image-caption-${language}`);
    values.translations[language] = {
      title: text(form, `${language}-title`),
      slug: text(form, `${language}-slug`).trim(),
      lead: text(form, `${language}-lead`),
      body: text(form, `${language}-body`),
      correction: text(form, `${language}-correction`),
    };
  }
  return values;
}

function intentOf(form: FormData): EditorIntent {
  const intent = form.get('intent');
  return EDITOR_INTENTS.find((known) => known === intent) ?? 'draft';
}

/** Whether a language was written at all: an empty column means "no such translation". */
function isWritten(values: EditorValues['translations'][Locale]): boolean {
  return [values.title, values.slug, values.lead, values.body].some((field) => field.trim() !== '');
}

export function parseArticleForm(form: FormData, now: Date = new Date()): ParsedArticleForm {
  const values = editorValuesFromForm(form);
  const intent = intentOf(form);
  const problems: ContentProblem[] = [];

  const translations: Record<string, unknown> = {};
  for (const language of EDITOR_LANGUAGES) {
    const written = values.translations[language];
    if (!isWritten(written)) continue;
    // Without JavaScript nobody filled the slug in live: the server suggests it.
    if (written.slug === '') written.slug = suggestSlug(written.title);
    translations[language] = {
      title: written.title,
      slug: written.slug,
      lead: written.lead,
      body: written.body,
      ...(written.correction.trim() !== '' ? { correction: written.correction } : {}),
    };
  }

  const input: Record<string, unknown> = { type: values.type, tags: [...values.tags], translations };
  const date = values.date.trim() === '' ? null : fromBerlinInput(values.date);
  if (values.date.trim() !== '' && !date) problems.push({ path: 'publishedAt', message: 'not a date and time' });

  if (intent === 'schedule') {
    const at = fromBerlinInput(values.scheduleAt);
    if (!at) problems.push({ path: 'scheduleAt', message: 'scheduleMissing' });
    else if (at <= now) problems.push({ path: 'scheduleAt', message: 'schedulePast' });
    else input.publishedAt = toBerlinIso(at);
    input.status = 'published';
  } else if (intent === 'publish') {
    input.status = 'published';
    // "Publish now" keeps a past date (a correction keeps its first publication) and never schedules.
    if (date && date <= now) input.publishedAt = toBerlinIso(date);
  } else {
    input.status = 'draft';
    if (date) input.publishedAt = toBerlinIso(date);
  }

  const upload = form.get('imageFile');
  const file = upload instanceof File && upload.size > 0 ? upload : null;
  if (values.imageMediaId !== '' || file) {
    const perLanguage = (source: Record<string, string>) =>
      Object.fromEntries(EDITOR_LANGUAGES.filter((l) => translations[l] && source[l]?.trim()).map((l) => [l, source[l]]));
    const caption = perLanguage(values.imageCaption);
    input.image = {
      mediaId: values.imageMediaId || 'upload',
      alt: perLanguage(values.imageAlt),
      ...(Object.keys(caption).length > 0 ? { caption } : {}),
      ...(values.imageCredit.trim() ? { credit: values.imageCredit } : {}),
    };
  }

  let newTag: ParsedArticleForm['newTag'] = null;
  const { de, en } = values.newTag;
  if (de !== '' || en !== '') {
    if (de === '' || en === '') {
      problems.push({ path: de === '' ? 'newTag.de' : 'newTag.en', message: 'newTagBothNames' });
    } else {
      const key = suggestSlug(en) || suggestSlug(de);
      newTag = { key, de: { name: de, slug: suggestSlug(de) }, en: { name: en, slug: suggestSlug(en) } };
      values.newTag.key = key;
    }
  }

  return { values, intent, input, upload: file, newTag, problems };
}
