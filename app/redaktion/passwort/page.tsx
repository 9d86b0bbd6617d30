import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { deskPaths } from '@/i18n/desk-paths';
import { CsrfField } from '@/components/desk/shell/CsrfField';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '@/lib/desk/accounts';
import { requireDeskUser } from '@/lib/desk/session';
import { changePasswordAction } from './actions';
import { PasswordForm } from './PasswordForm';

const access = { passwordChange: true, returnTo: deskPaths.password } as const;

export async function generateMetadata(): Promise<Metadata> {
  const user = await requireDeskUser('author', access);
  const t = await getTranslations({ locale: user.locale, namespace: 'DeskAccount' });
  return { title: t('passwordTitle') };
}

export default async function PasswordPage() {
  const user = await requireDeskUser('author', access);
  const t = await getTranslations({ locale: user.locale, namespace: 'DeskAccount' });
  return (
    <div className="max-w-prose">
      <h1 className="text-3xl font-bold">{t('passwordTitle')}</h1>
      {user.mustChangePassword && <p className="mt-4">{t('mustChangeIntro')}</p>}
      <PasswordForm
        action={changePasswordAction}
        askCurrent={!user.mustChangePassword}
        minLength={PASSWORD_MIN_LENGTH}
        csrfField={<CsrfField />}
        pagePath={deskPaths.password}
        continueHref={deskPaths.overview}
        labels={{
          current: t('current'),
          next: t('next'),
          nextHint: t('nextHint', { min: PASSWORD_MIN_LENGTH, max: PASSWORD_MAX_LENGTH }),
          repeated: t('repeated'),
          submit: t('submit'),
          errorHeading: t('errorHeading'),
          changed: t('changed'),
          continue: t('continue'),
        }}
      />
    </div>
  );
}
