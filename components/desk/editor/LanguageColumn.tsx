'use client';

import { useRef } from 'react';
import { useTranslations } from 'next-intl';
import { suggestSlug } from '@/lib/content/suggest-slug';
import type { FieldError } from '@/lib/desk/editor/editor-state';
import type { EditorLanguage, TranslationValues } from '@/lib/desk/editor/editor-values';
import { FieldErrorText, fieldErrorOf } from '@/components/desk/editor/ErrorSummary';
import { INPUT } from '@/components/desk/editor/field-styles';
import { MarkdownField } from '@/components/desk/editor/MarkdownField';

type LanguageColumnProps = {
  language: EditorLanguage;
  values: TranslationValues;
  errors: FieldError[];
  /** Corrections are only offered once readers could have seen the article. */
  offerCorrection: boolean;
};

/** One language's texts; the slug follows the title live until the editor types one. */
export function LanguageColumn({ language, values, errors, offerCorrection }: LanguageColumnProps) {
  const t = useTranslations('DeskEditor');
  const slug = useRef<HTMLInputElement>(null);
  const slugTouched = useRef(values.slug !== '');
  const id = (field: string) => `${language}-${field}`;

  const field = (name: 'title' | 'slug' | 'lead' | 'correction', hint?: string) => {
    const error = fieldErrorOf(errors, id(name));
    const describedBy = [hint ? `${id(name)}-hint` : null, error.describedBy].filter(Boolean).join(' ') || undefined;
    const common = {
      id: id(name),
      name: id(name),
      defaultValue: values[name],
      'aria-invalid': error.message ? true : undefined,
      'aria-describedby': describedBy,
      className: INPUT,
    };
    return (
      <div>
        <label htmlFor={id(name)} className="font-semibold">
          {t(`field.${name}`)}
        </label>
        {hint && (
          <p id={`${id(name)}-hint`} className="text-sm text-muted">
            {hint}
          </p>
        )}
        <FieldErrorText field={id(name)} message={error.message} />
        {name === 'lead' || name === 'correction' ? (
          <textarea {...common} rows={name === 'lead' ? 3 : 2} />
        ) : name === 'slug' ? (
          <input
            {...common}
            ref={slug}
            type="text"
            autoComplete="off"
            spellCheck={false}
            onInput={() => {
              slugTouched.current = true;
            }}
          />
        ) : (
          <input
            {...common}
            type="text"
            onInput={(event) => {
              if (!slugTouched.current && slug.current) slug.current.value = suggestSlug(event.currentTarget.value);
            }}
          />
        )}
      </div>
    );
  };

  const body = fieldErrorOf(errors, id('body'));
  return (
    <fieldset lang={language} className="min-w-0 space-y-4 rounded border border-line p-4">
      <legend className="px-1 text-xl font-bold">{t(`language.${language}`)}</legend>
      <p className="text-sm text-muted">{t('languageOptional')}</p>
      {field('title')}
      {field('slug', t('hint.slug'))}
      {field('lead')}
      <div>
        <label htmlFor={id('body')} className="font-semibold">
          {t('field.body')}
        </label>
        <p id={`${id('body')}-hint`} className="text-sm text-muted">
          {t('hint.body')}
        </p>
        <FieldErrorText field={id('body')} message={body.message} />
        <MarkdownField
          id={id('body')}
          name={id('body')}
          lang={language}
          defaultValue={values.body}
          invalid={body.message !== null}
          describedBy={[`${id('body')}-hint`, body.describedBy].filter(Boolean).join(' ')}
          labels={{
            preview: t('preview', { language: t(`language.${language}`) }),
            previewEmpty: t('previewEmpty'),
            previewFailed: t('previewFailed'),
            quoteBy: t('quoteBy', { speaker: '{speaker}' }),
          }}
        />
      </div>
      {offerCorrection && field('correction', t('hint.correction'))}
    </fieldset>
  );
}
