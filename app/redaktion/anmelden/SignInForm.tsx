'use client';

import { useActionState } from 'react';
import { INITIAL_SIGN_IN_STATE, type SignInState } from '@/lib/desk/sign-in-state';

export type SignInLabels = Record<'email' | 'password' | 'submit' | 'errorHeading', string>;

type SignInFormProps = {
  action: (state: SignInState, form: FormData) => Promise<SignInState>;
  labels: SignInLabels;
  returnTo: string;
  returnParam: string;
  pagePath: string;
};

/** A plain POST answered by the server, so it works without JavaScript; the action words its problems itself. */
export function SignInForm({ action, labels, returnTo, returnParam, pagePath }: SignInFormProps) {
  const [state, formAction, pending] = useActionState(action, INITIAL_SIGN_IN_STATE, pagePath);
  const problem = state.status === 'problem' ? state.message : null;
  const email = state.status === 'problem' ? state.email : '';
  const input = 'mt-1 block w-full rounded border border-muted bg-page px-3 py-2 text-ink';
  return (
    <form action={formAction} className="mt-6 max-w-md space-y-5">
      {problem && (
        <div role="alert" className="rounded border-2 border-focus p-4" id="sign-in-problem">
          <p className="font-semibold">{labels.errorHeading}</p>
          <p className="mt-1">{problem}</p>
        </div>
      )}
      <input type="hidden" name={returnParam} value={returnTo} />
      <div>
        <label htmlFor="sign-in-email" className="font-semibold">
          {labels.email}
        </label>
        <input id="sign-in-email" name="email" type="email" autoComplete="username" required defaultValue={email} className={input} />
      </div>
      <div>
        <label htmlFor="sign-in-password" className="font-semibold">
          {labels.password}
        </label>
        <input id="sign-in-password" name="password" type="password" autoComplete="current-password" required className={input} />
      </div>
      <button type="submit" disabled={pending} className="rounded bg-accent px-4 py-2 font-semibold text-accent-ink">
        {labels.submit}
      </button>
    </form>
  );
}
