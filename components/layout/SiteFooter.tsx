import { getTranslations } from 'next-intl/server';
import type { Locale } from '@/i18n/routing';
import { feedbackPath, infoPagePath } from '@/lib/paths';
import { siteTexts } from '@/lib/site-identity';

export async function SiteFooter({ locale }: { locale: Locale }) {
  const t = await getTranslations({ locale, namespace: 'Footer' });
  const links = [
    { href: infoPagePath(locale, 'imprint'), label: t('imprint') },
    { href: infoPagePath(locale, 'privacy'), label: t('privacy') },
    { href: infoPagePath(locale, 'accessibility'), label: t('accessibility') },
    { href: feedbackPath(locale), label: t('feedback') },
  ];
  return (
    <footer className="mt-12 border-t border-line bg-panel print:hidden">
      <div className="mx-auto max-w-5xl space-y-4 px-4 py-6 text-sm">
        <nav aria-label={t('legal')}>
          <ul className="flex flex-wrap gap-x-6 gap-y-2">
            {links.map((link) => (
              <li key={link.href}>
                <a href={link.href} className="font-semibold">
                  {link.label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <p className="text-muted">{t('about')}</p>
        <p className="text-muted">{t('copyright', { year: new Date().getFullYear(), publisher: siteTexts(locale).publisher })}</p>
      </div>
    </footer>
  );
}
