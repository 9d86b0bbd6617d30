'use client';

import { useActionState, useEffect, type ReactNode } from 'react';
import { useTranslations } from 'next-intl';
import { INITIAL_EDITOR_STATE, type EditorState } from '@/lib/desk/editor/editor-state';
import { EDITOR_LANGUAGES, type EditorValues } from '@/lib/desk/editor/editor-values';
import { ConflictPanel } from '@/components/desk/editor/ConflictPanel';
import { ErrorSummary, FieldErrorText, fieldErrorOf } from '@/components/desk/editor/ErrorSummary';
import { BUTTON, INPUT, PRIMARY_BUTTON } from '@/components/desk/editor/field-styles';
import { LanguageColumn } from '@/components/desk/editor/LanguageColumn';

export type EditorTag = { key: string; name: string };

type ArticleEditorProps = {
  action: (state: EditorState, form: FormData) => Promise<EditorState>;
  /** The page's own path: the form's target without JavaScript. */
  permalink: string;
  values: EditorValues;
  canPublish: boolean;
  isPublished: boolean;
  tags: EditorTag[];
  types: { value: string; label: string }[];
  image: { src: string; width: number; height: number } | null;
  maxUploadMegabytes: number;
  maxUploadMegapixels: number;
  csrfField: ReactNode;
};

/**
 * The article form: a plain POST to a server action, so editing and saving
 * work without JavaScript; the server answers a failed save with this form
 * again, filled with what was sent and each problem named at its field.
 */
export function ArticleEditor(props: ArticleEditorProps) {
  const t = useTranslations('DeskEditor');
  const [state, formAction, pending] = useActionState(props.action, INITIAL_EDITOR_STATE, props.permalink);
  const values = state.status === 'idle' ? props.values : state.values;
  const errors = state.status === 'invalid' ? state.errors : [];
  const error = (field: string) => fieldErrorOf(errors, field);
  const described = (field: string, hint?: boolean) =>
    [hint ? `${field}-hint` : null, error(field).describedBy].filter(Boolean).join(' ') || undefined;
  const invalid = (field: string) => (error(field).message ? true : undefined);
  const submission = state.status === 'idle' ? null : state.submission;

  // As GOV.UK does: after a refused save, focus moves to what says why (without JavaScript the page starts there).
  useEffect(() => {
    if (submission !== null) document.getElementById('editor-answer')?.focus();
  }, [submission]);

  return (
    <form
      // A new render after each answer, so the fields show the values it carries.
      key={state.status === 'idle' ? 'opened' : state.submission}
      id="article-form"
      action={formAction}
      noValidate
      className="space-y-6"
      aria-busy={pending || undefined}
    >
      <div id="editor-answer" tabIndex={-1}>
        {state.status === 'invalid' && <ErrorSummary heading={t('errorSummary')} errors={errors} />}
        {state.status === 'refused' && (
          <p role="alert" className="rounded border-4 border-focus p-4 font-semibold">
            {state.message}
          </p>
        )}
        {state.status === 'stale' && <ConflictPanel theirs={state.theirs} mine={state.values} by={state.by} at={state.at} />}
      </div>
      {props.csrfField}
      <input type="hidden" name="expectedVersion" value={values.expectedVersion} />
      <input type="hidden" name="imageMediaId" value={values.imageMediaId} />

      <div className="grid gap-6 lg:grid-cols-2">
        {EDITOR_LANGUAGES.map((language) => (
          <LanguageColumn
            key={language}
            language={language}
            values={values.translations[language]}
            errors={errors}
            offerCorrection={props.isPublished}
          />
        ))}
      </div>

      <fieldset className="space-y-4 rounded border border-line p-4">
        <legend className="px-1 text-xl font-bold">{t('details')}</legend>
        <div className="grid gap-4 sm:grid-cols-2">
          <div>
            <label htmlFor="type" className="font-semibold">{t('field.type')}</label>
            <FieldErrorText field="type" message={error('type').message} />
            <select id="type" name="type" defaultValue={values.type} aria-invalid={invalid('type')} aria-describedby={described('type')} className={INPUT}>
              {props.types.map((type) => (
                <option key={type.value} value={type.value}>{type.label}</option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor="date" className="font-semibold">{t('field.date')}</label>
            <p id="date-hint" className="text-sm text-muted">{t('hint.date')}</p>
            <FieldErrorText field="date" message={error('date').message} />
            <input id="date" name="date" type="datetime-local" defaultValue={values.date} aria-invalid={invalid('date')} aria-describedby={described('date', true)} className={INPUT} />
          </div>
        </div>

        <fieldset id="tags" aria-describedby={described('tags')} className="space-y-2">
          <legend className="font-semibold">{t('field.tags')}</legend>
          <FieldErrorText field="tags" message={error('tags').message} />
          <ul className="grid gap-1 sm:grid-cols-3">
            {props.tags.map((tag) => (
              <li key={tag.key}>
                <label className="inline-flex items-center gap-2">
                  <input type="checkbox" name="tags" value={tag.key} defaultChecked={values.tags.includes(tag.key)} />
                  {tag.name}
                </label>
              </li>
            ))}
          </ul>
          <p id="newTag-hint" className="text-sm text-muted">{t('hint.newTag')}</p>
          <div className="grid gap-4 sm:grid-cols-2">
            {EDITOR_LANGUAGES.map((language) => (
              <div key={language}>
                <label htmlFor={`newTag-${language}`} className="font-semibold">{t('field.newTag', { language: t(`language.${language}`) })}</label>
                <FieldErrorText field={`newTag-${language}`} message={error(`newTag-${language}`).message} />
                <input id={`newTag-${language}`} name={`newTag-${language}`} lang={language} type="text" defaultValue={values.newTag[language]} aria-invalid={invalid(`newTag-${language}`)} aria-describedby={described(`newTag-${language}`) ?? 'newTag-hint'} className={INPUT} />
              </div>
            ))}
          </div>
        </fieldset>
      </fieldset>

      <fieldset className="space-y-4 rounded border border-line p-4">
        <legend className="px-1 text-xl font-bold">{t('leadImage')}</legend>
        {props.image && values.imageMediaId !== '' && (
          <div className="flex flex-wrap items-end gap-4">
            <img src={props.image.src} alt={values.imageAlt.de || values.imageAlt.en} width={240} height={Math.round((240 * props.image.height) / props.image.width)} />
            <label className="inline-flex items-center gap-2">
              <input type="checkbox" name="imageRemove" />
              {t('imageRemove')}
            </label>
          </div>
        )}
        <div>
          <label htmlFor="imageFile" className="font-semibold">{t('field.imageFile')}</label>
          <p id="imageFile-hint" className="text-sm text-muted">{t('hint.imageFile', { megabytes: props.maxUploadMegabytes, megapixels: props.maxUploadMegapixels })}</p>
          <FieldErrorText field="imageFile" message={error('imageFile').message} />
          <input id="imageFile" name="imageFile" type="file" accept="image/jpeg,image/png,image/webp" aria-invalid={invalid('imageFile')} aria-describedby={described('imageFile', true)} className="mt-1 block" />
        </div>
        <div className="grid gap-4 lg:grid-cols-2">
          {EDITOR_LANGUAGES.map((language) => (
            <div key={language} className="space-y-3" lang={language}>
              {(['alt', 'caption'] as const).map((part) => {
                const field = `image-${part}-${language}`;
                return (
                  <div key={part}>
                    <label htmlFor={field} className="font-semibold">{t(`field.image-${part}`, { language: t(`language.${language}`) })}</label>
                    <FieldErrorText field={field} message={error(field).message} />
                    <input id={field} name={field} type="text" defaultValue={part === 'alt' ? values.imageAlt[language] : values.imageCaption[language]} aria-invalid={invalid(field)} aria-describedby={described(field)} className={INPUT} />
                  </div>
                );
              })}
            </div>
          ))}
        </div>
        <div>
          <label htmlFor="imageCredit" className="font-semibold">{t('field.imageCredit')}</label>
          <FieldErrorText field="imageCredit" message={error('imageCredit').message} />
          <input id="imageCredit" name="imageCredit" type="text" defaultValue={values.imageCredit} aria-invalid={invalid('imageCredit')} aria-describedby={described('imageCredit')} className={INPUT} />
        </div>
      </fieldset>

      <div className="flex flex-wrap items-end gap-4 rounded border border-line bg-panel p-4">
        <button type="submit" name="intent" value="draft" className={BUTTON}>{props.isPublished ? t('action.unpublish') : t('action.draft')}</button>
        {props.canPublish && (
          <>
            <button type="submit" name="intent" value="publish" className={PRIMARY_BUTTON}>
              {props.isPublished ? t('action.republish') : t('action.publish')}
            </button>
            <div>
              <label htmlFor="scheduleAt" className="font-semibold">{t('field.scheduleAt')}</label>
              <p id="scheduleAt-hint" className="text-sm text-muted">{t('hint.scheduleAt')}</p>
              <FieldErrorText field="scheduleAt" message={error('scheduleAt').message} />
              <div className="flex gap-2">
                <input id="scheduleAt" name="scheduleAt" type="datetime-local" defaultValue={values.scheduleAt} aria-invalid={invalid('scheduleAt')} aria-describedby={described('scheduleAt', true)} className={INPUT} />
                <button type="submit" name="intent" value="schedule" className={`${BUTTON} mt-1`}>{t('action.schedule')}</button>
              </div>
            </div>
          </>
        )}
      </div>
    </form>
  );
}
