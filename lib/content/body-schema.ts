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
  marks: z.array(z.enum(['bold', 'italic', 'code', 'strike'])).optional(),
});

const linkNode = z.object({
  type: z.literal('link'),
  href: z.string().refine(isSafeHref, 'only http(s), mailto and site-relative links are allowed'),
  children: z.array(textNode).min(1),
});

export const inlineNode = z.discriminatedUnion('type', [textNode, linkNode]);
const inlineContent = z.array(inlineNode).min(1);
/** A table cell may be empty. */
const cellContent = z.array(inlineNode);

export type TextNode = z.infer<typeof textNode>;
export type InlineNode = z.infer<typeof inlineNode>;
/** A list item is its text, or its text and what is nested under it (a sub-list, a quote). */
export type ListItem = InlineNode[] | { content: InlineNode[]; children: BodyBlock[] };
export type BodyBlock =
  | { type: 'paragraph'; children: InlineNode[] }
  | { type: 'heading'; level: 2 | 3; text: string }
  // Quotes stored before nesting was supported have `paragraphs`; a quote holding more than paragraphs has `blocks`.
  | { type: 'quote'; paragraphs?: InlineNode[][]; blocks?: BodyBlock[]; speaker?: string }
  | { type: 'list'; ordered: boolean; items: ListItem[] }
  // `header` is the header row; `align` has one entry per column.
  | { type: 'table'; align: ('left' | 'center' | 'right' | null)[]; header: InlineNode[][]; rows: InlineNode[][][] }
  | { type: 'code'; text: string }
  | { type: 'rule' };

const listItem: z.ZodType<ListItem> = z.union([
  inlineContent,
  z.object({ content: z.array(inlineNode), children: z.array(z.lazy(() => bodyBlock)) }),
]);

export const bodyBlock: z.ZodType<BodyBlock> = z.lazy(() =>
  z.discriminatedUnion('type', [
    z.object({ type: z.literal('paragraph'), children: inlineContent }),
    z.object({ type: z.literal('heading'), level: z.union([z.literal(2), z.literal(3)]), text: z.string().min(1) }),
    z.object({
      type: z.literal('quote'),
      paragraphs: z.array(inlineContent).min(1).optional(),
      blocks: z.array(bodyBlock).min(1).optional(),
      speaker: z.string().min(1).optional(),
    }),
    z.object({ type: z.literal('list'), ordered: z.boolean(), items: z.array(listItem).min(1) }),
    z.object({
      type: z.literal('table'),
      align: z.array(z.enum(['left', 'center', 'right']).nullable()),
      header: z.array(cellContent).min(1),
      rows: z.array(z.array(cellContent)),
    }),
    z.object({ type: z.literal('code'), text: z.string() }),
    z.object({ type: z.literal('rule') }),
  ]),
);

export const articleBody = z.array(bodyBlock);
export type ArticleBody = BodyBlock[];
