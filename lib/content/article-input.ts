import { z } from 'zod';
import type { ArticleType } from '@/lib/generated/prisma/enums';
import { ContentError } from '@/lib/content/content-error';
import { MAX_SLUG_LENGTH, SLUG } from '@/lib/content/slug-rules';
import { MAX_MARKDOWN_NESTING, tooDeeplyNestedLine } from '@/lib/content/markdown-depth';
import { unsupportedMarkdown } from '@/lib/content/markdown-to-body';
import { plainMessage } from '@/lib/content/plain-messages';

/*
 * The shape in which editors submit articles and tags, through the API and
 * through `npm run content -- import`. Bodies arrive as Markdown and are
 * stored as structured blocks (lib/content/markdown-to-body.ts).
 */

/** A date-time without an offset is the common mistake; say what to add. */
function offsetMessage(issue: { input?: unknown }): string {
  const value = typeof issue.input === 'string' ? issue.input : '';
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(value)) return 'add a time zone offset such as +01:00 (e.g. 2026-12-11T09:30:00+01:00)';
  return 'must be a date and time with a time zone offset, such as 2026-12-11T09:30:00+01:00';
}

const slug = z.string().max(MAX_SLUG_LENGTH).regex(SLUG, 'use lower-case letters a–z, digits and single hyphens');
const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max);

export const articleTypeByName = {
  article: 'ARTICLE',
  'press-release': 'PRESS_RELEASE',
  speech: 'SPEECH',
  interview: 'INTERVIEW',
} as const satisfies Record<string, ArticleType>;

const perLanguage = <T extends z.ZodType>(value: T) => z.strictObject({ de: value.optional(), en: value.optional() });

const translationInput = z.strictObject({
  title: text(300),
  slug,
  lead: text(2_000),
  body: z
    .string()
    .max(200_000)
    .superRefine((body, ctx) => {
      const line = tooDeeplyNestedLine(body);
      if (line !== null) ctx.addIssue({ code: 'custom', message: `line ${line} nests quotes or lists more than ${MAX_MARKDOWN_NESTING} levels deep` });
      else for (const problem of unsupportedMarkdown(body)) ctx.addIssue({ code: 'custom', message: problem });
    }),
  /** A correction note readers see with its time; the write stamps the time when the text is set or changed. */
  correction: text(2_000).optional(),
});

/** What the cross-field checks below read; '' is the submission itself. */
const CROSS_CHECKED_PARTS = new Set(['', 'translations', 'tags', 'image', 'image.alt']);

export const articleInput = z
  .strictObject({
    type: z.enum(Object.keys(articleTypeByName) as [keyof typeof articleTypeByName, ...(keyof typeof articleTypeByName)[]]),
    status: z.enum(['published', 'draft']),
    publishedAt: z.iso.datetime({ offset: true, error: offsetMessage }).optional(),
    tags: z.array(z.string().regex(SLUG, 'not a tag key')).max(20).default([]),
    image: z
      .strictObject({
        mediaId: z.string().min(1),
        alt: perLanguage(text(500)),
        caption: perLanguage(text(1_000)).optional(),
        credit: text(300).optional(),
      })
      .optional(),
    translations: perLanguage(translationInput),
  })
  .superRefine((input, ctx) => {
    const languages = (['de', 'en'] as const).filter((l) => input.translations[l]);
    if (languages.length === 0) {
      ctx.addIssue({ code: 'custom', path: ['translations'], message: 'at least one language (de or en) is required' });
    }
    if (new Set(input.tags).size !== input.tags.length) {
      ctx.addIssue({ code: 'custom', path: ['tags'], message: 'lists a tag more than once' });
    }
    for (const language of languages) {
      if (input.image && !input.image.alt[language]) {
        ctx.addIssue({ code: 'custom', path: ['image', 'alt', language], message: 'alt text is required for every language of the article' });
      }
    }
  }, {
    // Zod skips this check once any field fails outright (an unknown `type`, say), so an
    // editor would learn of a missing alt text only after fixing that. It is safe to run
    // whenever the parts it reads have the right shape (unknown keys do not change that).
    when: ({ issues }) =>
      !issues.some((issue) => issue.code !== 'unrecognized_keys' && CROSS_CHECKED_PARTS.has((issue.path ?? []).map(String).join('.'))),
  });

export type ArticleInput = z.infer<typeof articleInput>;

/** Fields GET returns that the system keeps itself; dropped from submissions so GET output can be sent back. */
const READ_ONLY_FIELDS = ['id', 'version', 'updatedAt', 'withdrawnAt', 'urls', 'previewUrl'];
const READ_ONLY_TRANSLATION_FIELDS = ['correctedAt', 'withdrawnReason'];

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function without(value: Record<string, unknown>, keys: string[]): Record<string, unknown> {
  return Object.fromEntries(Object.entries(value).filter(([key]) => !keys.includes(key)));
}

export function withoutReadOnlyFields(value: unknown): unknown {
  if (!isRecord(value)) return value;
  const result = without(value, READ_ONLY_FIELDS);
  if (isRecord(result.translations)) {
    result.translations = Object.fromEntries(
      Object.entries(result.translations).map(([locale, t]) => [locale, isRecord(t) ? without(t, READ_ONLY_TRANSLATION_FIELDS) : t]),
    );
  }
  return result;
}

/** The body of a withdrawal (DELETE /api/articles/:id): an optional reason readers see, one text or one per language. */
export const withdrawalInput = z.strictObject({
  reason: z.union([text(1_000), perLanguage(text(1_000))]).optional(),
});

const tagName = z.strictObject({ name: text(120), slug });
export const tagInput = z.strictObject({ de: tagName, en: tagName });
export type TagInput = z.infer<typeof tagInput>;

/** Parses untrusted input or throws a ContentError naming every bad field. */
export function parseOrThrow<T extends z.ZodType>(schema: T, value: unknown): z.infer<T> {
  const result = schema.safeParse(value, { error: plainMessage });
  if (result.success) return result.data;
  throw new ContentError(
    'invalid',
    result.error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message })),
  );
}
