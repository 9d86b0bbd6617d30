import { getTranslations } from 'next-intl/server';
import type { Locale } from '@/i18n/routing';
import type { ProblemTexts } from '@/lib/desk/editor/problem-fields';

/** The editor's problem messages in the desk's language, for lib/desk/editor/problem-fields.ts. */
export async function problemTexts(locale: Locale): Promise<ProblemTexts> {
  const t = await getTranslations({ locale, namespace: 'DeskEditor' });
  const label = (field: string): string => {
    const perLanguage = /^(de|en)-(title|slug|lead|body|correction)$/.exec(field);
    if (perLanguage) return `${t(`field.${perLanguage[2] as 'title'}`)} (${t(`language.${perLanguage[1] as Locale}`)})`;
    const image = /^image-(alt|caption)-(de|en)$/.exec(field);
    if (image) return t(`field.image-${image[1] as 'alt'}`, { language: t(`language.${image[2] as Locale}`) });
    const tag = /^newTag-(de|en)$/.exec(field);
    if (tag) return t('field.newTag', { language: t(`language.${tag[1] as Locale}`) });
    if (['type', 'date', 'tags', 'imageFile', 'imageCredit', 'scheduleAt'].includes(field)) return t(`field.${field as 'type'}`);
    return field;
  };
  return {
    label,
    known: (key, values) => t(`problem.${key as 'other'}`, values),
  };
}
