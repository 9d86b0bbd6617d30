import { z } from 'zod';

/*
 * An article body is stored as these blocks, never as HTML: the renderer
 * (components/article/ArticleBody.tsx) turns each into React elements, so
 * nothing in stored content can inject markup or script into a page.
 */

/** Links may point to the web, to an e-mail address or within the site; never `javascript:` or `data:`. */
export function isSafeHref(href: string): boolean {
  // Browsers drop tabs and line breaks from URLs and read `\` as `/`, so `/\evil.example`
  // and `/<tab>/evil.example` would leave the site like `//evil.example`.
  if (/[\t\n\r]/.test(href)) return false;
  if (href.startsWith('/')) return !/^\/[/\\]/.test(href);
  return /^(https?:\/\/|mailto:)/i.test(href);
}

const textNode = z.object({
  type: z.literal('text'),
  text: z.string(),
  marks: z.array(z.enum(['bold', 'italic'])).optional(),
});

const linkNode = z.object({
  type: z.literal('link'),
  href: z.string().refine(isSafeHref, 'only http(s), mailto and site-relative links are allowed'),
  children: z.array(textNode).min(1),
});

export const inlineNode = z.discriminatedUnion('type', [textNode, linkNode]);
const inlineContent = z.array(inlineNode).min(1);

export const bodyBlock = z.discriminatedUnion('type', [
  z.object({ type: z.literal('paragraph'), children: inlineContent }),
  z.object({ type: z.literal('heading'), level: z.union([z.literal(2), z.literal(3)]), text: z.string().min(1) }),
  z.object({ type: z.literal('quote'), paragraphs: z.array(inlineContent).min(1), speaker: z.string().min(1).optional() }),
  z.object({ type: z.literal('list'), ordered: z.boolean(), items: z.array(inlineContent).min(1) }),
]);

export const articleBody = z.array(bodyBlock);

export type TextNode = z.infer<typeof textNode>;
export type InlineNode = z.infer<typeof inlineNode>;
export type BodyBlock = z.infer<typeof bodyBlock>;
export type ArticleBody = z.infer<typeof articleBody>;
