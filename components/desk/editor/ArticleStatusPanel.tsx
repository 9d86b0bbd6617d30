import { getFormatter, getTranslations } from 'next-intl/server';
import { restoreArticleAction, withdrawArticleAction } from '@/app/redaktion/artikel/actions';
import { CsrfField } from '@/components/desk/shell/CsrfField';
import { BUTTON, INPUT } from '@/components/desk/editor/field-styles';
import { getPathname } from '@/i18n/navigation';
import type { DeskEditorUser } from '@/lib/desk/editor/desk-editor-user';
import type { EditorArticle } from '@/lib/desk/editor/editor-reads';
import { EDITOR_LANGUAGES } from '@/lib/desk/editor/editor-values';

/**
 * Where the article stands (draft, scheduled, published, withdrawn) with its
 * public addresses, and for editors the forms that withdraw it with a reason
 * for readers or restore it. Plain forms: they work without JavaScript.
 */
export async function ArticleStatusPanel({ user, stored, withdrawError }: { user: DeskEditorUser; stored: EditorArticle; withdrawError?: boolean }) {
  const t = await getTranslations({ locale: user.locale, namespace: 'DeskEditor' });
  const format = await getFormatter({ locale: user.locale });
  const { article } = stored;
  const when = (iso: string) => format.dateTime(new Date(iso), { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/Berlin' });
  const scheduled = stored.phase === 'scheduled';
  const status = article.withdrawnAt
    ? t('status.withdrawn', { time: when(article.withdrawnAt) })
    : article.status === 'draft'
      ? t('status.draft')
      : scheduled
        ? t('status.scheduled', { time: when(article.publishedAt) })
        : t('status.published', { time: when(article.publishedAt) });
  const links = EDITOR_LANGUAGES.flatMap((language) => {
    const text = article.translations[language];
    return text && article.status === 'published' && !scheduled && !article.withdrawnAt
      ? [{ language, href: getPathname(language, '/article/[slug]', { slug: text.slug }) }]
      : [];
  });
  return (
    <section aria-labelledby="article-status" className="mb-6 space-y-3 rounded border border-line bg-panel p-4">
      <h2 id="article-status" className="text-lg font-bold">{t('status.heading')}</h2>
      <p>{status}</p>
      {links.length > 0 && (
        <ul className="flex flex-wrap gap-4">
          {links.map((link) => (
            <li key={link.language}>
              <a href={link.href} className="underline">{t('publicLink', { language: t(`language.${link.language}`) })}</a>
            </li>
          ))}
        </ul>
      )}
      {user.mayPublish && !article.withdrawnAt && article.status === 'published' && (
        <form action={withdrawArticleAction.bind(null, article.id)} className="space-y-3">
          <CsrfField />
          <fieldset className="space-y-3">
            <legend className="font-semibold">{t('withdraw.heading')}</legend>
            <p id="withdraw-hint" className="text-sm text-muted">{t('withdraw.hint')}</p>
            {withdrawError && (
              <p id="withdraw-error" className="font-semibold text-focus">{t('withdraw.reasonMissing')}</p>
            )}
            {EDITOR_LANGUAGES.filter((language) => article.translations[language]).map((language) => (
              <div key={language}>
                <label htmlFor={`withdraw-reason-${language}`} className="font-semibold">
                  {t('withdraw.reason', { language: t(`language.${language}`) })}
                </label>
                <textarea
                  id={`withdraw-reason-${language}`}
                  name={`reason-${language}`}
                  lang={language}
                  rows={2}
                  aria-invalid={withdrawError || undefined}
                  aria-describedby={withdrawError ? 'withdraw-hint withdraw-error' : 'withdraw-hint'}
                  className={INPUT}
                />
              </div>
            ))}
            <button type="submit" className={BUTTON}>{t('withdraw.submit')}</button>
          </fieldset>
        </form>
      )}
      {user.mayPublish && article.withdrawnAt && (
        <form action={restoreArticleAction.bind(null, article.id)}>
          <CsrfField />
          <p className="mb-2 text-sm text-muted">{t('restore.hint')}</p>
          <button type="submit" className={BUTTON}>{t('restore.submit')}</button>
        </form>
      )}
    </section>
  );
}
