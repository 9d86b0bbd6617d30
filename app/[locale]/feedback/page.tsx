import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { otherLocale, isLocale } from '@/i18n/routing';
import { alternatesMetadata, pathsInEveryLocale } from '@/lib/alternates';
import { feedbackPath } from '@/lib/paths';
import { PageShell } from '@/components/layout/PageShell';
import { FeedbackForm, type FeedbackLabels } from '@/components/feedback/FeedbackForm';
import { formShownAt } from '@/lib/feedback/feedback-input';
import { submitFeedback } from './actions';

// Rendered per request: the form carries the time it was shown (a spam check).
export const dynamic = 'force-dynamic';

const LABEL_KEYS = [
  'message', 'messageHint', 'pageUrl', 'name', 'email', 'website', 'submit', 'errorSummary',
  'tooShort', 'tooLong', 'invalidEmail', 'rateLimited', 'failed', 'thanksHeading', 'thanks', 'another',
] as const;

export async function generateMetadata({ params }: PageProps<'/[locale]/feedback'>): Promise<Metadata> {
  const { locale } = await params;
  if (!isLocale(locale)) return {};
  const t = await getTranslations({ locale, namespace: 'Feedback' });
  return { title: t('title'), description: t('intro'), alternates: alternatesMetadata(locale, pathsInEveryLocale(feedbackPath)) };
}

export default async function Page({ params }: PageProps<'/[locale]/feedback'>) {
  const { locale } = await params;
  if (!isLocale(locale)) notFound();
  setRequestLocale(locale);
  const t = await getTranslations({ locale, namespace: 'Feedback' });
  const labels = Object.fromEntries(LABEL_KEYS.map((key) => [key, t(key)])) as FeedbackLabels;
  return (
    <PageShell locale={locale} otherLanguagePath={feedbackPath(otherLocale(locale))}>
      <h1 className="font-serif text-3xl font-bold">{t('heading')}</h1>
      <p className="mt-4 max-w-prose">{t('intro')}</p>
      <FeedbackForm action={submitFeedback} labels={labels} locale={locale} startedAt={formShownAt()} pagePath={feedbackPath(locale)} />
    </PageShell>
  );
}
