import type { FeedbackErrors } from '@/lib/feedback/feedback-input';

/** What the feedback form shows after a submission. */
export type FeedbackState =
  | { status: 'idle' }
  | { status: 'sent' }
  | { status: 'invalid'; errors: FeedbackErrors; values: Record<string, string> }
  | { status: 'rate-limited'; retryAfterMinutes: number; values: Record<string, string> }
  | { status: 'failed'; values: Record<string, string> };

export const INITIAL_FEEDBACK_STATE: FeedbackState = { status: 'idle' };
