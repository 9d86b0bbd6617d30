import { routing } from '@/i18n/routing';
import type { ContentProblem } from '@/lib/content/content-error';
import type { FieldError } from '@/lib/desk/editor/editor-state';

/*
 * lib/content names problems by the input's paths (translations.de.slug);
 * the form names its fields by id (de-slug). This is the one translation
 * between the two, so each problem lands beside the field it concerns.
 */

export function fieldOfPath(path: string): string {
  const parts = path.split('.');
  const [head, second, third] = parts;
  if (head === 'translations') return second && third ? `${second}-${third}` : 'de-title';
  if (head === 'image') {
    if (second === 'alt' || second === 'caption') return `image-${second}-${third ?? routing.defaultLocale}`;
    if (second === 'credit') return 'imageCredit';
    return 'imageFile';
  }
  if (head === 'file') return 'imageFile';
  if (head === 'tags') return 'tags';
  if (head === 'publishedAt') return 'date';
  if (head === 'newTag') return `newTag-${second ?? routing.defaultLocale}`;
  if (head === 'correction' && second) return `${second}-correction`;
  if (head === 'scheduleAt' || head === 'type') return head;
  // Problems lib/content names by a path the form has no field for land on the first field.
  return 'de-title';
}

/** The message patterns lib/content uses, as keys of the DeskEditor.problem messages. */
const KNOWN: [RegExp, string][] = [
  [/must not be empty|Required|expected string/i, 'empty'],
  [/lower-case letters/i, 'slugFormat'],
  [/already used by another article/i, 'slugTaken'],
  [/at least one language/i, 'noLanguage'],
  [/alt text is required/i, 'altMissing'],
  [/not a JPEG, PNG or WebP/i, 'imageType'],
  [/cannot be decoded/i, 'imageBroken'],
  [/megapixels/i, 'imagePixels'],
  [/media store takes no new images/i, 'imageStoreUnavailable'],
  [/too (big|large)|larger than|bytes/i, 'imageTooLarge'],
  [/nests quotes or lists/i, 'tooDeep'],
  [/too big|too long|at most/i, 'tooLong'],
  [/^schedulePast$/, 'schedulePast'],
  [/^scheduleMissing$/, 'scheduleMissing'],
  [/^newTagBothNames$/, 'newTagBothNames'],
  [/not a date and time/, 'notADate'],
];

export type ProblemTexts = {
  /** The field's label, such as "Titel (Deutsch)". */
  label: (field: string) => string;
  /** A DeskEditor.problem message for a known pattern, with the field label and lib/content's own words. */
  known: (key: string, values: { field: string; detail: string }) => string;
};

export function fieldErrors(problems: ContentProblem[], texts: ProblemTexts): FieldError[] {
  return problems.map((problem) => {
    const field = fieldOfPath(problem.path);
    const key = KNOWN.find(([pattern]) => pattern.test(problem.message))?.[1] ?? 'other';
    return { field, message: texts.known(key, { field: texts.label(field), detail: problem.message }) };
  });
}
