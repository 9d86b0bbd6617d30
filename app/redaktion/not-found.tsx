import { getTranslations } from 'next-intl/server';
import { deskPaths } from '@/i18n/desk-paths';
import { getDeskLocale } from '@/lib/desk/session';

/** The desk's own 404 (the portal server leaves it in place instead of the readers' page). */
export default async function DeskNotFound() {
  const t = await getTranslations({ locale: await getDeskLocale(), namespace: 'DeskShell' });
  return (
    <div className="max-w-prose">
      <h1 className="text-3xl font-bold">{t('notFoundTitle')}</h1>
      <p className="mt-4">{t('notFoundText')}</p>
      <p className="mt-6">
        <a href={deskPaths.overview}>{t('backToOverview')}</a>
      </p>
    </div>
  );
}
