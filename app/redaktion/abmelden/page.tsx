import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { deskPaths } from '@/i18n/desk-paths';
import { CsrfField } from '@/components/desk/shell/CsrfField';
import { requireDeskUser } from '@/lib/desk/session';
import { signOut, signOutEverywhere } from './actions';

export async function generateMetadata(): Promise<Metadata> {
  const user = await requireDeskUser('author', { returnTo: deskPaths.signOut, passwordChange: true });
  const t = await getTranslations({ locale: user.locale, namespace: 'DeskAccount' });
  return { title: t('signOutTitle') };
}

export default async function SignOutPage() {
  const user = await requireDeskUser('author', { returnTo: deskPaths.signOut, passwordChange: true });
  const t = await getTranslations({ locale: user.locale, namespace: 'DeskAccount' });
  return (
    <div className="max-w-prose">
      <h1 className="text-3xl font-bold">{t('signOutTitle')}</h1>
      <p className="mt-4">{t('signOutIntro', { email: user.email })}</p>
      <form action={signOut} className="mt-6">
        <CsrfField />
        <button type="submit" className="rounded bg-accent px-4 py-2 font-semibold text-accent-ink">
          {t('signOutHere')}
        </button>
      </form>
      <form action={signOutEverywhere} className="mt-6">
        <CsrfField />
        <p id="everywhere-hint">{t('signOutEverywhereHint')}</p>
        <button type="submit" aria-describedby="everywhere-hint" className="mt-2 rounded border-2 border-accent px-4 py-2 font-semibold">
          {t('signOutEverywhere')}
        </button>
      </form>
    </div>
  );
}
