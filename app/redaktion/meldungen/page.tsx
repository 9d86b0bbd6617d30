import { deskPaths } from '@/i18n/desk-paths';
import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { ReportList } from '@/components/desk/inbox/ReportList';
import { deskEditorUser } from '@/lib/desk/editor/desk-editor-user';
import { INBOX_PAGE_SIZE, readInbox } from '@/lib/desk/editor/inbox-reads';
import { FEEDBACK_STATUSES, isFeedbackStatus } from '@/lib/feedback/set-feedback-status';
import { BUTTON, INPUT } from '@/components/desk/editor/field-styles';

export async function generateMetadata(): Promise<Metadata> {
  const user = await deskEditorUser();
  const t = await getTranslations({ locale: user.locale, namespace: 'DeskInbox' });
  return { title: t('title') };
}

export default async function InboxPage({ searchParams }: PageProps<'/redaktion/meldungen'>) {
  const user = await deskEditorUser();
  const t = await getTranslations({ locale: user.locale, namespace: 'DeskInbox' });
  const params = await searchParams;
  const status = isFeedbackStatus(params.status) ? params.status : undefined;
  const page = Math.max(1, Math.min(10_000, Number(params.page) || 1));
  const { reports, total } = await readInbox(status, page);
  const pageCount = Math.max(1, Math.ceil(total / INBOX_PAGE_SIZE));
  const href = (p: number) => `${deskPaths.inbox}?${new URLSearchParams({ ...(status ? { status } : {}), page: String(p) })}`;
  return (
    <>
      <h1 className="mb-4 font-serif text-3xl font-bold">{t('title')}</h1>
      {params.gespeichert !== undefined && <p role="status" className="mb-4 rounded border-2 border-accent bg-panel p-4">{t('saved')}</p>}
      {params.fehler !== undefined && <p role="alert" className="mb-4 rounded border-4 border-focus p-4">{t('failed')}</p>}
      <form method="get" action={deskPaths.inbox} className="mb-6 flex flex-wrap items-end gap-2">
        <div>
          <label htmlFor="inbox-status" className="font-semibold">{t('filter')}</label>
          <select id="inbox-status" name="status" defaultValue={status ?? ''} className={INPUT}>
            <option value="">{t('all')}</option>
            {FEEDBACK_STATUSES.map((value) => (
              <option key={value} value={value}>{t(`status.${value}`)}</option>
            ))}
          </select>
        </div>
        <button type="submit" className={BUTTON}>{t('apply')}</button>
      </form>
      <p className="mb-4">{t('count', { count: total })}</p>
      <ReportList locale={user.locale} reports={reports} mayManage={user.mayManageInbox} />
      {pageCount > 1 && (
        <nav aria-label={t('pagination')} className="mt-4 flex gap-4">
          {page > 1 && <a href={href(page - 1)} className="underline">{t('previous')}</a>}
          <span>{t('pageOf', { page, count: pageCount })}</span>
          {page < pageCount && <a href={href(page + 1)} className="underline">{t('next')}</a>}
        </nav>
      )}
    </>
  );
}
