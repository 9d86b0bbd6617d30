import { getTranslations } from 'next-intl/server';
import type { Locale } from '@/i18n/routing';
import { ShareActions } from '@/components/article/ShareActions';

type Network = 'x' | 'facebook' | 'linkedin' | 'whatsapp' | 'bluesky';

function withQuery(base: string, query: Record<string, string>): string {
  const url = new URL(base);
  for (const [name, value] of Object.entries(query)) url.searchParams.set(name, value);
  return url.toString();
}

/** Each network's public share page: a plain link, so no script or tracker of theirs loads on ours. */
function networkShareUrls(url: string, title: string): Record<Network, string> {
  const text = `${title} ${url}`;
  return {
    x: withQuery('https://twitter.com/intent/tweet', { text: title, url }),
    facebook: withQuery('https://www.facebook.com/sharer/sharer.php', { u: url }),
    linkedin: withQuery('https://www.linkedin.com/sharing/share-offsite/', { url }),
    whatsapp: withQuery('https://wa.me/', { text }),
    bluesky: withQuery('https://bsky.app/intent/compose', { text }),
  };
}

// Mail programs show `+` literally, so the mailto query uses percent-encoding throughout.
function mailtoUrl(url: string, title: string): string {
  return `mailto:?subject=${encodeURIComponent(title)}&body=${encodeURIComponent(url)}`;
}

const NETWORKS: readonly Network[] = ['x', 'facebook', 'linkedin', 'whatsapp', 'bluesky'];

/** Ways to pass the article on; all of them work without JavaScript except the optional buttons. */
export async function ShareLinks({ locale, url, title }: { locale: Locale; url: string; title: string }) {
  const t = await getTranslations({ locale, namespace: 'Share' });
  const networkUrls = networkShareUrls(url, title);
  const linkClass = 'inline-block rounded border border-line px-3 py-1 no-underline hover:bg-panel';
  return (
    <section aria-labelledby="article-share" className="mt-10 border-t border-line pt-6 print:hidden" data-testid="share">
      <h2 id="article-share" className="text-lg font-bold">
        {t('heading')}
      </h2>
      <ul className="mt-3 flex flex-wrap gap-2">
        <li>
          <a href={mailtoUrl(url, title)} className={linkClass}>
            {t('email')}
          </a>
        </li>
        {NETWORKS.map((network) => (
          <li key={network}>
            <a href={networkUrls[network]} target="_blank" rel="noopener noreferrer" className={linkClass}>
              {t(network)}
              <span className="sr-only"> {t('newWindow')}</span>
            </a>
          </li>
        ))}
      </ul>
      <ShareActions
        url={url}
        title={title}
        labels={{ copyLink: t('copyLink'), copied: t('copied'), copyFailed: t('copyFailed'), share: t('share') }}
      />
    </section>
  );
}
