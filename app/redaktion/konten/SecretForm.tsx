'use client';

import { useActionState } from 'react';
import { INITIAL_SECRET_STATE, type SecretState } from '@/lib/desk/secret-state';

type SecretFormProps = {
  action: (state: SecretState, form: FormData) => Promise<SecretState>;
  /** The page's own address: without JavaScript the form posts there and the page shows the result. */
  pagePath: string;
  errorHeading: string;
  submit: React.ReactNode;
  submitLabel?: string;
  className?: string;
  children: React.ReactNode;
};

/**
 * A form whose answer is a secret shown this once (a one-time password or an
 * API token): it is rendered into this response only and stored nowhere
 * readable. Works as a plain POST without JavaScript.
 */
export function SecretForm({ action, pagePath, errorHeading, submit, submitLabel, className, children }: SecretFormProps) {
  const [state, formAction, pending] = useActionState(action, INITIAL_SECRET_STATE, pagePath);
  return (
    <div className={className}>
      {state.status === 'secret' && (
        <div role="status" className="mb-4 rounded border-2 border-accent p-4">
          <p className="font-semibold">{state.heading}</p>
          <p className="mt-2 break-all font-mono text-lg" data-secret>
            {state.secret}
          </p>
          <p className="mt-2 text-sm">{state.text}</p>
        </div>
      )}
      {state.status === 'problem' && (
        <div role="alert" className="mb-4 rounded border-2 border-focus p-4">
          <p className="font-semibold">{errorHeading}</p>
          <p className="mt-1">{state.message}</p>
        </div>
      )}
      <form action={formAction} className="flex flex-wrap items-end gap-3">
        {children}
        <button type="submit" disabled={pending} aria-label={submitLabel} className="rounded bg-accent px-3 py-2 font-semibold text-accent-ink">
          {submit}
        </button>
      </form>
    </div>
  );
}
