import 'server-only';
import { getTranslations } from 'next-intl/server';
import type { Locale } from '@/i18n/routing';
import { verifyCsrf } from '@/lib/desk/session';
import type { EditorState } from '@/lib/desk/editor/editor-state';
import { editorValuesFromForm } from '@/lib/desk/editor/parse-article-form';

/** The form's answer when its CSRF token does not match the session: refused, with what was typed kept. */
export async function refusedByCsrf(form: FormData, locale: Locale): Promise<EditorState | null> {
  if (await verifyCsrf(form)) return null;
  const t = await getTranslations({ locale, namespace: 'DeskEditor' });
  return { status: 'refused', values: editorValuesFromForm(form), message: t('refused.csrf'), submission: Date.now() };
}
