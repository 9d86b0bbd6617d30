import { getTranslations } from 'next-intl/server';
import { deskPaths } from '@/i18n/desk-paths';
import { getDeskLocale } from '@/lib/desk/session';

/** What forbidden() shows at the desk (lib/desk/session.ts): a lesser role, or a form without its CSRF token. Answered with 403. */
export default async function DeskForbidden() {
  const t = await getTranslations({ locale: await getDeskLocale(), namespace: 'DeskShell' });
  return (
    <div className="max-w-prose">
      <h1 className="text-3xl font-bold">{t('forbiddenTitle')}</h1>
      <p className="mt-4">{t('forbiddenText')}</p>
      <p className="mt-6">
        <a href={deskPaths.overview}>{t('backToOverview')}</a>
      </p>
    </div>
  );
}
