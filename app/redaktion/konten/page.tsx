import type { Metadata } from 'next';
import { getFormatter, getTranslations } from 'next-intl/server';
import { deskPaths } from '@/i18n/desk-paths';
import { CsrfField } from '@/components/desk/shell/CsrfField';
import { db } from '@/lib/db';
import { listEditorTokens } from '@/lib/auth/editor-tokens';
import { listDeskAccounts, type DeskAccountProblem } from '@/lib/desk/accounts';
import { DESK_ROLES } from '@/lib/desk/roles';
import { requireDeskUser } from '@/lib/desk/session';
import {
  createAccountAction,
  createTokenAction,
  disableAccountAction,
  enableAccountAction,
  resetPasswordAction,
  revokeTokenAction,
  setRoleAction,
} from './actions';
import { SecretForm } from './SecretForm';

const access = { returnTo: deskPaths.accounts } as const;
const PROBLEMS: DeskAccountProblem[] = ['invalidEmail', 'emailTaken', 'invalidRole', 'invalidName', 'notFound', 'lastAdmin'];
const DONE = { rolle: 'roleChanged', gesperrt: 'disabledDone', entsperrt: 'enabledDone' } as const;
const input = 'mt-1 block rounded border border-muted bg-page px-3 py-2 text-ink';
const smallButton = 'rounded border border-current px-2 py-1 text-sm font-semibold';

export async function generateMetadata(): Promise<Metadata> {
  const user = await requireDeskUser('admin', access);
  const t = await getTranslations({ locale: user.locale, namespace: 'DeskAccounts' });
  return { title: t('title') };
}

export default async function AccountsPage({ searchParams }: PageProps<'/redaktion/konten'>) {
  const user = await requireDeskUser('admin', access);
  const [t, shell, format, query, accounts, tokens] = await Promise.all([
    getTranslations({ locale: user.locale, namespace: 'DeskAccounts' }),
    getTranslations({ locale: user.locale, namespace: 'DeskShell' }),
    getFormatter({ locale: user.locale }),
    searchParams,
    listDeskAccounts(db()),
    listEditorTokens(db()),
  ]);
  const when = (date: Date) => format.dateTime(date, { dateStyle: 'medium', timeStyle: 'short' });
  const doneKind = typeof query.erledigt === 'string' ? query.erledigt : null;
  const email = typeof query.konto === 'string' ? query.konto : '';
  const notice =
    doneKind && doneKind in DONE ? t(DONE[doneKind as keyof typeof DONE], { email }) : doneKind === 'token' && typeof query.token === 'string' ? t('tokenRevoked', { name: query.token }) : null;
  const problem = PROBLEMS.find((code) => code === query.problem);
  const roleOptions = DESK_ROLES.map((role) => (
    <option key={role} value={role}>
      {shell(`role_${role}`)}
    </option>
  ));

  return (
    <div>
      <h1 className="text-3xl font-bold">{t('title')}</h1>
      <p className="mt-4 max-w-prose">{t('intro')}</p>
      {notice && (
        <p role="status" className="mt-4 rounded border-2 border-accent p-4">
          {notice}
        </p>
      )}
      {problem && (
        <div role="alert" className="mt-4 rounded border-2 border-focus p-4">
          <p className="font-semibold">{t('errorHeading')}</p>
          <p className="mt-1">{t(problem)}</p>
        </div>
      )}

      <h2 className="mt-10 text-2xl font-bold">{t('listHeading')}</h2>
      <div className="mt-4 overflow-x-auto">
        <table className="w-full border-collapse text-left">
          <thead>
            <tr className="border-b border-muted">
              <th scope="col" className="py-2 pr-4">{t('email')}</th>
              <th scope="col" className="py-2 pr-4">{t('name')}</th>
              <th scope="col" className="py-2 pr-4">{t('role')}</th>
              <th scope="col" className="py-2 pr-4">{t('lastSignIn')}</th>
              <th scope="col" className="py-2 pr-4">{t('status')}</th>
              <th scope="col" className="py-2">{t('actions')}</th>
            </tr>
          </thead>
          <tbody>
            {accounts.map((account) => (
              <tr key={account.id} className="border-b border-muted align-top">
                <th scope="row" className="py-3 pr-4 font-normal">
                  {account.email} {account.id === user.id && t('you')}
                </th>
                <td className="py-3 pr-4">{account.name}</td>
                <td className="py-3 pr-4">
                  <form action={setRoleAction} className="flex flex-wrap items-center gap-2">
                    <CsrfField />
                    <input type="hidden" name="account" value={account.id} />
                    <label htmlFor={`role-${account.id}`} className="sr-only">
                      {t('roleFor', { email: account.email })}
                    </label>
                    <select id={`role-${account.id}`} name="role" defaultValue={account.role} className="rounded border border-muted bg-page px-2 py-1 text-ink">
                      {roleOptions}
                    </select>
                    <button type="submit" className={smallButton} aria-label={t('saveRoleLabel', { email: account.email })}>
                      {t('saveRole')}
                    </button>
                  </form>
                </td>
                <td className="py-3 pr-4">{account.lastSignInAt ? when(account.lastSignInAt) : t('never')}</td>
                <td className="py-3 pr-4">
                  {account.disabledAt ? t('disabled') : t('active')}
                  {account.mustChangePassword && !account.disabledAt && <span className="block text-sm">{t('mustChange')}</span>}
                </td>
                <td className="space-y-2 py-3">
                  <form action={account.disabledAt ? enableAccountAction : disableAccountAction}>
                    <CsrfField />
                    <input type="hidden" name="account" value={account.id} />
                    <button type="submit" className={smallButton} aria-label={t(account.disabledAt ? 'enableLabel' : 'disableLabel', { email: account.email })}>
                      {account.disabledAt ? t('enable') : t('disable')}
                    </button>
                  </form>
                  {!account.disabledAt && (
                    <SecretForm
                      action={resetPasswordAction}
                      pagePath={deskPaths.accounts}
                      errorHeading={t('errorHeading')}
                      submit={t('resetPassword')}
                      submitLabel={t('resetLabel', { email: account.email })}
                    >
                      <CsrfField />
                      <input type="hidden" name="account" value={account.id} />
                    </SecretForm>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <h2 className="mt-10 text-2xl font-bold">{t('createHeading')}</h2>
      <SecretForm action={createAccountAction} pagePath={deskPaths.accounts} errorHeading={t('errorHeading')} submit={t('createSubmit')} className="mt-4">
        <CsrfField />
        <div>
          <label htmlFor="new-email" className="font-semibold">
            {t('email')}
          </label>
          <input id="new-email" name="email" type="email" required autoComplete="off" className={input} />
        </div>
        <div>
          <label htmlFor="new-name" className="font-semibold">
            {t('name')}
          </label>
          <input id="new-name" name="name" type="text" maxLength={100} autoComplete="off" aria-describedby="new-name-hint" className={input} />
        </div>
        <div>
          <label htmlFor="new-role" className="font-semibold">
            {t('role')}
          </label>
          <select id="new-role" name="role" defaultValue="author" className={input}>
            {roleOptions}
          </select>
        </div>
        <p id="new-name-hint" className="w-full text-sm">
          {t('nameHint')}
        </p>
      </SecretForm>

      <h2 id="tokens" className="mt-10 text-2xl font-bold">
        {t('tokensHeading')}
      </h2>
      <p className="mt-2 max-w-prose">{t('tokensIntro')}</p>
      {tokens.length === 0 ? (
        <p className="mt-4">{t('tokensNone')}</p>
      ) : (
        <table className="mt-4 border-collapse text-left">
          <thead>
            <tr className="border-b border-muted">
              <th scope="col" className="py-2 pr-4">{t('tokenName')}</th>
              <th scope="col" className="py-2 pr-4">{t('tokenCreatedAt')}</th>
              <th scope="col" className="py-2 pr-4">{t('tokenState')}</th>
              <th scope="col" className="py-2">{t('actions')}</th>
            </tr>
          </thead>
          <tbody>
            {tokens.map((token) => (
              <tr key={token.name} className="border-b border-muted">
                <th scope="row" className="py-2 pr-4 font-mono font-normal">
                  {token.name}
                </th>
                <td className="py-2 pr-4">{when(token.createdAt)}</td>
                <td className="py-2 pr-4">{token.revokedAt ? t('tokenRevokedAt', { date: when(token.revokedAt) }) : t('tokenActive')}</td>
                <td className="py-2">
                  {!token.revokedAt && (
                    <form action={revokeTokenAction}>
                      <CsrfField />
                      <input type="hidden" name="name" value={token.name} />
                      <button type="submit" className={smallButton} aria-label={t('tokenRevokeLabel', { name: token.name })}>
                        {t('tokenRevoke')}
                      </button>
                    </form>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <SecretForm action={createTokenAction} pagePath={deskPaths.accounts} errorHeading={t('errorHeading')} submit={t('tokenCreate')} className="mt-6">
        <CsrfField />
        <div>
          <label htmlFor="new-token" className="font-semibold">
            {t('tokenName')}
          </label>
          <input id="new-token" name="name" type="text" required pattern="[a-z0-9._\-]{1,64}" aria-describedby="new-token-hint" className={input} />
          <p id="new-token-hint" className="mt-1 text-sm">
            {t('tokenNameHint')}
          </p>
        </div>
      </SecretForm>
    </div>
  );
}
