import { routing } from '@/i18n/routing';
import 'server-only';
import { articleInput, parseOrThrow } from '@/lib/content/article-input';
import { readArticleForEditor } from '@/lib/content/article-output';
import { ContentError, type ContentProblem } from '@/lib/content/content-error';
import { createArticle, replaceArticle } from '@/lib/content/save-article';
import { upsertTag } from '@/lib/content/save-tag';
import { isDatabaseRefusingWrites, isDatabaseUnavailable } from '@/lib/database-unavailable';
import { acceptUpload, MAX_UPLOAD_BYTES, MediaStoreUnavailableError } from '@/lib/media/accept-upload';
import { db } from '@/lib/db';
import type { DeskEditorUser } from '@/lib/desk/editor/desk-editor-user';
import type { EditorState } from '@/lib/desk/editor/editor-state';
import { editorValuesFromArticle } from '@/lib/desk/editor/editor-values';
import { parseArticleForm } from '@/lib/desk/editor/parse-article-form';
import { fieldErrors } from '@/lib/desk/editor/problem-fields';
import { problemTexts } from '@/lib/desk/editor/editor-texts';
import { getFormatter, getTranslations } from 'next-intl/server';

/*
 * A save from the editing form, through lib/content's write path like every
 * API and import write. Returns the saved article's id, or the state the
 * form shows again (with everything the editor sent).
 */

export type SaveOutcome = { saved: number } | { state: EditorState };

export async function saveFromForm(user: DeskEditorUser, articleId: number | null, form: FormData): Promise<SaveOutcome> {
  const parsed = parseArticleForm(form);
  const { values } = parsed;
  const t = await getTranslations({ locale: user.locale, namespace: 'DeskEditor' });
  const texts = await problemTexts(user.locale);
  const invalid = (problems: ContentProblem[]): SaveOutcome => ({
    state: { status: 'invalid', values, errors: fieldErrors(problems, texts), submission: Date.now() },
  });

  // The buttons are absent for authors; a forged POST is refused here all the same.
  if (parsed.intent !== 'draft' && !user.mayPublish) {
    return { state: { status: 'refused', values, message: t('refused.publish'), submission: Date.now() } };
  }
  const client = db();
  const stored = articleId === null ? null : await readArticleForEditor(client, articleId);
  if (articleId !== null && !stored) return { state: { status: 'refused', values, message: t('refused.missing'), submission: Date.now() } };
  if (stored && !user.mayPublish && stored.status === 'published') {
    return { state: { status: 'refused', values, message: t('refused.published'), submission: Date.now() } };
  }
  if (parsed.problems.length > 0) return invalid(parsed.problems);

  // The image first: once stored, a later problem keeps it (the form carries its id).
  if (parsed.upload) {
    if (parsed.upload.size > MAX_UPLOAD_BYTES) return invalid([{ path: 'file', message: 'too large' }]);
    try {
      const media = await acceptUpload(client, Buffer.from(await parsed.upload.arrayBuffer()));
      values.imageMediaId = media.mediaId;
      if (parsed.input.image) (parsed.input.image as { mediaId: string }).mediaId = media.mediaId;
    } catch (error) {
      if (error instanceof ContentError) return invalid(error.problems);
      // Nothing was stored; the rest of the form is kept, so the editor can save it again later.
      if (error instanceof MediaStoreUnavailableError) return invalid([{ path: 'file', message: error.message }]);
      throw error;
    }
  }

  if (parsed.newTag) {
    const { key, de, en } = parsed.newTag;
    const existing = await client.tag.findUnique({ where: { key }, select: { key: true } });
    if (!existing) {
      try {
        await upsertTag(client, key, { de, en });
      } catch (error) {
        if (error instanceof ContentError) return invalid(error.problems.map((p) => ({ ...p, path: `newTag.${p.path.split('.')[0] ?? routing.defaultLocale}` })));
        throw error;
      }
    }
    if (!values.tags.includes(key)) values.tags.push(key);
    (parsed.input.tags as string[]).push(key);
    values.newTag = { key: '', de: '', en: '' };
  }

  try {
    const input = parseOrThrow(articleInput, parsed.input);
    const context = { author: user.name, expectedVersion: values.expectedVersion === '' ? undefined : Number(values.expectedVersion) };
    const saved = articleId === null ? await createArticle(client, input, context) : await replaceArticle(client, articleId, input, context);
    return { saved: saved.id };
  } catch (error) {
    // Nothing was written (the transaction did not commit): the form keeps the text for a later save.
    if (isDatabaseRefusingWrites(error) || isDatabaseUnavailable(error)) {
      return { state: { status: 'refused', values, message: t('refused.databaseUnavailable'), submission: Date.now() } };
    }
    if (!(error instanceof ContentError)) throw error;
    if (error.kind === 'stale' && error.current) {
      const { current } = error;
      const theirs = editorValuesFromArticle(current.article, current.version);
      // The form now rests on their version: saving again is a deliberate choice, not a silent overwrite.
      values.expectedVersion = String(current.version);
      const format = await getFormatter({ locale: user.locale });
      const at = format.dateTime(new Date(current.savedAt), { dateStyle: 'medium', timeStyle: 'medium', timeZone: 'Europe/Berlin' });
      return { state: { status: 'stale', values, theirs, by: current.author, at, submission: Date.now() } };
    }
    return invalid(error.problems);
  }
}
