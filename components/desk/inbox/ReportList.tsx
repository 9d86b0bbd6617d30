import { getFormatter, getTranslations } from 'next-intl/server';
import { setReportStatusAction } from '@/app/redaktion/meldungen/actions';
import { CsrfField } from '@/components/desk/shell/CsrfField';
import { BUTTON, INPUT } from '@/components/desk/editor/field-styles';
import type { Locale } from '@/i18n/routing';
import type { InboxReport } from '@/lib/desk/editor/inbox-reads';
import { FEEDBACK_STATUSES } from '@/lib/feedback/set-feedback-status';

/**
 * Barrier reports as readers wrote them. Every text goes through React,
 * which escapes it: markup or script in a report shows as the characters typed.
 */
export async function ReportList({ locale, reports, mayManage }: { locale: Locale; reports: InboxReport[]; mayManage: boolean }) {
  const t = await getTranslations({ locale, namespace: 'DeskInbox' });
  const format = await getFormatter({ locale });
  const when = (date: Date) => format.dateTime(date, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/Berlin' });
  if (reports.length === 0) return <p className="rounded border border-line p-4">{t('empty')}</p>;
  return (
    <ol className="space-y-4">
      {reports.map((report) => (
        <li key={report.id} id={`report-${report.id}`}>
          <article aria-labelledby={`report-${report.id}-heading`} className="rounded border border-line p-4">
            <h2 id={`report-${report.id}-heading`} className="text-lg font-bold">
              {t('reportHeading', { id: report.id, time: when(report.createdAt) })}
            </h2>
            <p className="text-sm">
              <span className="font-semibold">{t(`status.${report.status}`)}</span>
              {report.statusChangedBy && report.statusChangedAt && ` · ${t('changedBy', { name: report.statusChangedBy, time: when(report.statusChangedAt) })}`}
            </p>
            <p lang={report.locale} className="mt-3 whitespace-pre-wrap break-words">{report.message}</p>
            <dl className="mt-3 grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 text-sm">
              <dt className="font-semibold">{t('language')}</dt>
              <dd>{t(`locale.${report.locale}`)}</dd>
              {report.pageUrl && (
                <>
                  <dt className="font-semibold">{t('pageUrl')}</dt>
                  <dd className="break-all">{report.pageUrl}</dd>
                </>
              )}
              {report.name && (
                <>
                  <dt className="font-semibold">{t('name')}</dt>
                  <dd>{report.name}</dd>
                </>
              )}
              {report.email && (
                <>
                  <dt className="font-semibold">{t('email')}</dt>
                  <dd className="break-all">{report.email}</dd>
                </>
              )}
            </dl>
            {mayManage && (
            <form action={setReportStatusAction.bind(null, report.id)} className="mt-3 flex flex-wrap items-end gap-2">
              <CsrfField />
              <div>
                <label htmlFor={`report-${report.id}-status`} className="text-sm font-semibold">{t('setStatus')}</label>
                <select id={`report-${report.id}-status`} name="status" defaultValue={report.status} className={INPUT}>
                  {FEEDBACK_STATUSES.map((status) => (
                    <option key={status} value={status}>{t(`status.${status}`)}</option>
                  ))}
                </select>
              </div>
              <button type="submit" className={BUTTON}>{t('save')}</button>
            </form>
            )}
          </article>
        </li>
      ))}
    </ol>
  );
}
