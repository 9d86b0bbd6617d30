'use client';

import { useActionState } from 'react';
import type { FeedbackState } from '@/lib/feedback/feedback-state';
import { INITIAL_FEEDBACK_STATE } from '@/lib/feedback/feedback-state';

export type FeedbackLabels = Record<
  | 'message' | 'messageHint' | 'pageUrl' | 'name' | 'email' | 'website' | 'submit' | 'errorSummary'
  | 'tooShort' | 'tooLong' | 'invalidEmail' | 'rateLimited' | 'failed' | 'thanksHeading' | 'thanks' | 'another',
  string
>;

type Action = (state: FeedbackState, form: FormData) => Promise<FeedbackState>;

const input = 'mt-1 block w-full rounded border border-muted bg-page px-3 py-2 text-ink';

type FeedbackFormProps = { action: Action; labels: FeedbackLabels; locale: string; startedAt: number; pagePath: string };

/**
 * The barrier report form. A plain POST that the server answers with the
 * result, so it works before and without JavaScript; labels come from the
 * server so no message catalogue is shipped to the browser. The page's own
 * path is the form's permalink: without one React writes `action=""`, which
 * HTML does not allow.
 */
export function FeedbackForm({ action, labels, locale, startedAt, pagePath }: FeedbackFormProps) {
  const [state, formAction, pending] = useActionState(action, INITIAL_FEEDBACK_STATE, pagePath);

  if (state.status === 'sent') {
    return (
      <div role="status" className="mt-6 rounded border-2 border-accent bg-panel p-5">
        <h2 className="text-xl font-bold">{labels.thanksHeading}</h2>
        <p className="mt-2">{labels.thanks}</p>
        <p className="mt-4">
          <a href="">{labels.another}</a>
        </p>
      </div>
    );
  }

  const values = 'values' in state ? state.values : {};
  const errors = state.status === 'invalid' ? state.errors : {};
  const errorText = (field: keyof typeof errors) => {
    const code = errors[field];
    return code ? labels[code] : null;
  };
  const fields = (['message', 'pageUrl', 'name', 'email'] as const).filter((field) => errors[field]);

  return (
    <form action={formAction} className="mt-6 max-w-prose space-y-5" noValidate>
      {state.status === 'invalid' && (
        <div role="alert" className="rounded border-2 border-focus p-4">
          <p className="font-semibold">{labels.errorSummary}</p>
          <ul className="mt-2 list-disc pl-6">
            {fields.map((field) => (
              <li key={field}>
                <a href={`#feedback-${field}`}>{errorText(field)}</a>
              </li>
            ))}
          </ul>
        </div>
      )}
      {state.status === 'rate-limited' && (
        <p role="alert" className="rounded border-2 border-focus p-4">
          {labels.rateLimited}
        </p>
      )}
      {state.status === 'failed' && (
        <p role="alert" className="rounded border-2 border-focus p-4">
          {labels.failed}
        </p>
      )}
      <input type="hidden" name="locale" value={locale} />
      <input type="hidden" name="startedAt" value={startedAt} />
      <div>
        <label htmlFor="feedback-message" className="font-semibold">
          {labels.message}
        </label>
        <p id="feedback-message-hint" className="text-sm text-muted">
          {labels.messageHint}
        </p>
        {errorText('message') && (
          <p id="feedback-message-error" className="font-semibold text-focus">
            {errorText('message')}
          </p>
        )}
        <textarea
          id="feedback-message"
          name="message"
          required
          rows={6}
          maxLength={5000}
          defaultValue={values.message}
          aria-invalid={errors.message ? true : undefined}
          aria-describedby={errors.message ? 'feedback-message-hint feedback-message-error' : 'feedback-message-hint'}
          className={input}
        />
      </div>
      {(['pageUrl', 'name', 'email'] as const).map((field) => (
        <div key={field}>
          <label htmlFor={`feedback-${field}`} className="font-semibold">
            {labels[field]}
          </label>
          {errorText(field) && (
            <p id={`feedback-${field}-error`} className="font-semibold text-focus">
              {errorText(field)}
            </p>
          )}
          <input
            id={`feedback-${field}`}
            name={field}
            type={field === 'email' ? 'email' : 'text'}
            autoComplete={field === 'email' ? 'email' : field === 'name' ? 'name' : 'off'}
            defaultValue={values[field]}
            aria-invalid={errors[field] ? true : undefined}
            aria-describedby={errors[field] ? `feedback-${field}-error` : undefined}
            className={input}
          />
        </div>
      ))}
      {/* Only bots fill this in; people do not see it. */}
      <div className="hidden" aria-hidden="true">
        <label htmlFor="feedback-website">{labels.website}</label>
        <input id="feedback-website" name="website" type="text" tabIndex={-1} autoComplete="off" />
      </div>
      <button type="submit" disabled={pending} className="rounded bg-accent px-5 py-2 font-semibold text-accent-ink">
        {labels.submit}
      </button>
    </form>
  );
}
