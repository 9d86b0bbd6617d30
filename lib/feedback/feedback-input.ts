import { z } from 'zod';

/** What a reader may send; the error codes are turned into texts by the form. */
export const feedbackInput = z.object({
  message: z.string().trim().min(10, 'tooShort').max(5_000, 'tooLong'),
  pageUrl: z.string().trim().max(500, 'tooLong').optional().transform((v) => v || undefined),
  name: z.string().trim().max(100, 'tooLong').optional().transform((v) => v || undefined),
  email: z
    .string()
    .trim()
    .max(200, 'tooLong')
    .optional()
    .transform((v) => v || undefined)
    .pipe(z.email('invalidEmail').optional()),
});

export type FeedbackInput = z.infer<typeof feedbackInput>;
export type FeedbackField = keyof FeedbackInput;
export type FeedbackErrors = Partial<Record<FeedbackField, 'tooShort' | 'tooLong' | 'invalidEmail'>>;

/** A form posted faster than this after the page was rendered was not typed by a person. */
export const MIN_FILL_MS = 2_000;

/** When the form was shown, sent back with it (the page is rendered per request). */
export function formShownAt(): number {
  return Date.now();
}
