import { getTranslations } from 'next-intl/server';
import { deskPaths } from '@/i18n/desk-paths';
import { otherLocale, type Locale } from '@/i18n/routing';
import { can } from '@/lib/desk/roles';
import type { DeskUser } from '@/lib/desk/session';
import { siteTexts } from '@/lib/site-identity';
import { BackField } from './BackField';
import { CsrfField } from './CsrfField';
import { DeskNavLink } from './DeskNavLink';

const button = 'rounded border border-current px-3 py-1 font-semibold hover:bg-panel focus-visible:outline-2';

type FormAction = (form: FormData) => Promise<void>;

type DeskHeaderProps = { user: DeskUser | null; locale: Locale; switchLanguage: FormAction; signOut: FormAction };

/** The desk's header: portal and desk name, navigation, who is signed in, language and sign-out (the forms' actions come from the layout). */
export async function DeskHeader({ user, locale, switchLanguage, signOut }: DeskHeaderProps) {
  const t = await getTranslations({ locale, namespace: 'DeskShell' });
  const other = otherLocale(locale);
  const navigable = user !== null && !user.mustChangePassword;
  return (
    <header className="border-b border-muted bg-panel">
      <div className="mx-auto flex max-w-7xl flex-wrap items-center justify-between gap-4 px-4 py-3">
        <p className="text-lg">
          <a href={navigable ? deskPaths.overview : deskPaths.signIn} className="font-bold">
            {siteTexts(locale).shortName}
          </a>{' '}
          <span aria-hidden="true">·</span> {t('deskName')}
        </p>
        <div className="flex flex-wrap items-center gap-3">
          {user && (
            <p className="text-sm">
              {t('signedInAs', { name: user.name })} ({t(`role_${user.role}`)})
            </p>
          )}
          <form action={switchLanguage}>
            <CsrfField />
            <BackField />
            <input type="hidden" name="locale" value={other} />
            <button type="submit" className={button} lang={other} aria-label={t('switchLanguageLabel')}>
              {t('switchLanguage')}
            </button>
          </form>
          {user && (
            <form action={signOut}>
              <CsrfField />
              <button type="submit" className={button}>
                {t('signOut')}
              </button>
            </form>
          )}
        </div>
      </div>
      {navigable && (
        <nav aria-label={t('mainNavigation')} className="mx-auto max-w-7xl px-4 pb-3">
          <ul className="flex flex-wrap gap-2">
            <li>
              <DeskNavLink href={deskPaths.overview} exact>
                {t('overview')}
              </DeskNavLink>
            </li>
            <li>
              <DeskNavLink href={deskPaths.newArticle}>{t('newArticle')}</DeskNavLink>
            </li>
            <li>
              <DeskNavLink href={deskPaths.inbox}>{t('inbox')}</DeskNavLink>
            </li>
            {can(user, 'manageAccounts') && (
              <li>
                <DeskNavLink href={deskPaths.accounts}>{t('accounts')}</DeskNavLink>
              </li>
            )}
            <li>
              <DeskNavLink href={deskPaths.password}>{t('password')}</DeskNavLink>
            </li>
          </ul>
        </nav>
      )}
    </header>
  );
}
