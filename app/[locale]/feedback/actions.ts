'use server';

import { headers } from 'next/headers';
import { isLocale, routing } from '@/i18n/routing';
import { db } from '@/lib/db';
import { clientKey, createRateLimiter, type RateLimitVerdict } from '@/lib/rate-limit';
import { databaseHitCounter } from '@/lib/rate-limit-in-database';
import { feedbackInput, MIN_FILL_MS, type FeedbackErrors, type FeedbackField } from '@/lib/feedback/feedback-input';
import type { FeedbackState } from '@/lib/feedback/feedback-state';

// Five reports per client in ten minutes is plenty for a person, little for a bot; counted in PostgreSQL, over all instances.
const limiter = createRateLimiter({ bucket: 'feedback', limit: 5, windowMs: 10 * 60_000, counter: databaseHitCounter(db) });

function text(form: FormData, name: string): string {
  const value = form.get(name);
  return typeof value === 'string' ? value : '';
}

/** Stores a barrier report; works as a plain form post without JavaScript too. */
export async function submitFeedback(_previous: FeedbackState, form: FormData): Promise<FeedbackState> {
  const values = { message: text(form, 'message'), pageUrl: text(form, 'pageUrl'), name: text(form, 'name'), email: text(form, 'email') };
  const submitted = text(form, 'locale');
  const locale = isLocale(submitted) ? submitted : routing.defaultLocale;

  // Spam: the hidden field is filled in only by bots, and people take a moment to type.
  const startedAt = Number(text(form, 'startedAt'));
  if (text(form, 'website') !== '' || !Number.isFinite(startedAt) || Date.now() - startedAt < MIN_FILL_MS) {
    return { status: 'sent' };
  }

  let limit: RateLimitVerdict;
  try {
    limit = await limiter.take(clientKey(await headers()));
  } catch {
    // The report could not be stored either: the form's own message for that, with what the reader typed.
    return { status: 'failed', values };
  }
  if (!limit.allowed) return { status: 'rate-limited', retryAfterMinutes: Math.ceil(limit.retryAfterSeconds / 60), values };

  const parsed = feedbackInput.safeParse(values);
  if (!parsed.success) {
    const errors: FeedbackErrors = {};
    for (const issue of parsed.error.issues) {
      const field = issue.path[0] as FeedbackField;
      errors[field] ??= issue.message as FeedbackErrors[FeedbackField];
    }
    return { status: 'invalid', errors, values };
  }
  try {
    await db().feedback.create({ data: { locale, ...parsed.data } });
  } catch {
    return { status: 'failed', values };
  }
  return { status: 'sent' };
}
