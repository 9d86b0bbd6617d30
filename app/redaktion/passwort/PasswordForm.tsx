'use client';

import { useActionState } from 'react';
import { INITIAL_PASSWORD_STATE, type PasswordState } from '@/lib/desk/password-state';

export type PasswordLabels = Record<'current' | 'next' | 'nextHint' | 'repeated' | 'submit' | 'errorHeading' | 'changed' | 'continue', string>;

type PasswordFormProps = {
  action: (state: PasswordState, form: FormData) => Promise<PasswordState>;
  labels: PasswordLabels;
  askCurrent: boolean;
  minLength: number;
  csrfField: React.ReactNode;
  pagePath: string;
  continueHref: string;
};

/** Works as a plain POST without JavaScript; the action words its problems itself. */
export function PasswordForm({ action, labels, askCurrent, minLength, csrfField, pagePath, continueHref }: PasswordFormProps) {
  const [state, formAction, pending] = useActionState(action, INITIAL_PASSWORD_STATE, pagePath);
  if (state.status === 'changed') {
    return (
      <div role="status" className="mt-6 rounded border-2 border-accent p-4">
        <p>{labels.changed}</p>
        <p className="mt-3">
          <a href={continueHref}>{labels.continue}</a>
        </p>
      </div>
    );
  }
  const input = 'mt-1 block w-full rounded border border-muted bg-page px-3 py-2 text-ink';
  return (
    <form action={formAction} className="mt-6 max-w-md space-y-5">
      {state.status === 'problem' && (
        <div role="alert" className="rounded border-2 border-focus p-4">
          <p className="font-semibold">{labels.errorHeading}</p>
          <p className="mt-1">{state.message}</p>
        </div>
      )}
      {csrfField}
      {askCurrent && (
        <div>
          <label htmlFor="password-current" className="font-semibold">
            {labels.current}
          </label>
          <input id="password-current" name="current" type="password" autoComplete="current-password" required className={input} />
        </div>
      )}
      <div>
        <label htmlFor="password-next" className="font-semibold">
          {labels.next}
        </label>
        <p id="password-next-hint" className="text-sm">
          {labels.nextHint}
        </p>
        <input id="password-next" name="next" type="password" autoComplete="new-password" required minLength={minLength} aria-describedby="password-next-hint" className={input} />
      </div>
      <div>
        <label htmlFor="password-repeated" className="font-semibold">
          {labels.repeated}
        </label>
        <input id="password-repeated" name="repeated" type="password" autoComplete="new-password" required minLength={minLength} className={input} />
      </div>
      <button type="submit" disabled={pending} className="rounded bg-accent px-4 py-2 font-semibold text-accent-ink">
        {labels.submit}
      </button>
    </form>
  );
}
