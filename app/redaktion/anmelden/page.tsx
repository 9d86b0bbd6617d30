import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { deskPaths, RETURN_PARAM, safeReturnPath } from '@/i18n/desk-paths';
import { getDeskLocale, getDeskUser } from '@/lib/desk/session';
import { signInAction } from './actions';
import { SignInForm } from './SignInForm';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations({ locale: await getDeskLocale(), namespace: 'DeskSignIn' });
  return { title: t('title') };
}

export default async function SignInPage({ searchParams }: PageProps<'/redaktion/anmelden'>) {
  const query = await searchParams;
  const returned = query[RETURN_PARAM];
  const returnTo = safeReturnPath(typeof returned === 'string' ? returned : null);
  if (await getDeskUser()) redirect(returnTo);
  const t = await getTranslations({ locale: await getDeskLocale(), namespace: 'DeskSignIn' });
  const signedOut = query.abgemeldet === 'ueberall' ? t('signedOutEverywhere') : query.abgemeldet === '1' ? t('signedOut') : null;
  return (
    <div className="max-w-prose">
      <h1 className="text-3xl font-bold">{t('title')}</h1>
      {signedOut && (
        <p role="status" className="mt-4 rounded border-2 border-accent p-4">
          {signedOut}
        </p>
      )}
      <p className="mt-4">{t('intro')}</p>
      <SignInForm
        action={signInAction}
        labels={{ email: t('email'), password: t('password'), submit: t('submit'), errorHeading: t('errorHeading') }}
        returnTo={returnTo}
        returnParam={RETURN_PARAM}
        pagePath={deskPaths.signIn}
      />
      <p className="mt-6 text-sm">{t('forgotten')}</p>
    </div>
  );
}
