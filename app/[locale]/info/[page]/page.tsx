import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { otherLocale, type Locale, isLocale } from '@/i18n/routing';
import { infoPageLocales, isInfoPageKey, loadInfoPage, type InfoPageKey } from '@/lib/info-pages';
import { alternatesMetadata } from '@/lib/alternates';
import { infoPagePath } from '@/lib/paths';
import { PageShell } from '@/components/layout/PageShell';
import { ArticleBody } from '@/components/article/ArticleBody';

// The Markdown files are read on first request and then served from the cache.
export const revalidate = 300;

export function generateStaticParams() {
  return [];
}

type Props = PageProps<'/[locale]/info/[page]'>;

async function load({ params }: Props) {
  const { locale, page } = await params;
  if (!isLocale(locale) || !isInfoPageKey(page)) notFound();
  const info = await loadInfoPage(page, locale);
  if (!info) notFound();
  return { locale: locale as Locale, key: page as InfoPageKey, info };
}

export async function generateMetadata(props: Props): Promise<Metadata> {
  const { locale, key, info } = await load(props);
  const paths = Object.fromEntries(infoPageLocales(key).map((lang) => [lang, infoPagePath(lang, key)]));
  return { title: info.title, description: info.summary, alternates: alternatesMetadata(locale, paths) };
}

export default async function Page(props: Props) {
  const { locale, key, info } = await load(props);
  setRequestLocale(locale);
  const t = await getTranslations({ locale, namespace: 'Article' });
  const other = otherLocale(locale);
  const otherPath = infoPageLocales(key).includes(other) ? infoPagePath(other, key) : null;
  return (
    <PageShell locale={locale} otherLanguagePath={otherPath}>
      <article className={key === 'easy-language' ? 'text-xl' : undefined}>
        <h1 className="font-serif text-3xl font-bold">{info.title}</h1>
        {/* Line breaks are meaningful here: addresses, and one sentence per line in Easy German. */}
        <div className="mt-6 max-w-prose whitespace-pre-line">
          <ArticleBody body={info.body} quoteLabel={(speaker) => t('quoteBy', { speaker })} />
        </div>
      </article>
    </PageShell>
  );
}
