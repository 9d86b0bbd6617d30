/** A problem with submitted content, named by the field it concerns (`translations.en.slug`). */
export type ContentProblem = { path: string; message: string };

/**
 * Raised by every content write. `invalid` means the input itself is wrong
 * (HTTP 400); `conflict` means it clashes with stored content, such as a slug
 * another article already uses (HTTP 409).
 */
export class ContentError extends Error {
  constructor(
    readonly kind: 'invalid' | 'conflict' | 'not-found',
    readonly problems: ContentProblem[],
  ) {
    super(problems.map((p) => (p.path ? `${p.path}: ${p.message}` : p.message)).join('\n'));
    this.name = 'ContentError';
  }
}
