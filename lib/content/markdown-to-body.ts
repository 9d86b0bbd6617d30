import { Lexer, type Token, type Tokens } from 'marked';
import { isSafeHref, type ArticleBody, type BodyBlock, type InlineNode, type ListItem, type TextNode } from '@/lib/content/body-schema';

/*
 * Editors write bodies in Markdown; we store the structured blocks this
 * produces: paragraphs, ##/### headings, quotes with a speaker (nested too),
 * lists (nested too), tables, code, rules and safe links. What cannot be shown
 * (HTML blocks, images in the body) is refused by unsupportedMarkdown, naming
 * the line, before anything is stored, so nothing an editor wrote disappears.
 * No server-only imports: the desk's live preview runs this in the browser.
 */

const SPEAKER_PREFIX = /^\s*[—–]\s*/;

type Marks = NonNullable<TextNode['marks']>;

function withMarks(text: string, marks: Marks): TextNode {
  return marks.length > 0 ? { type: 'text', text, marks: [...marks] } : { type: 'text', text };
}

function mergeAdjacentText(nodes: InlineNode[]): InlineNode[] {
  const merged: InlineNode[] = [];
  for (const node of nodes) {
    const previous = merged.at(-1);
    if (
      previous?.type === 'text' && node.type === 'text' &&
      (previous.marks ?? []).join() === (node.marks ?? []).join()
    ) {
      merged[merged.length - 1] = { ...previous, text: previous.text + node.text };
    } else {
      merged.push(node);
    }
  }
  return merged.filter((node) => node.type !== 'text' || node.text.length > 0);
}

function textOnly(nodes: InlineNode[]): TextNode[] {
  return nodes.flatMap((node) => (node.type === 'text' ? [node] : node.children));
}

function inline(tokens: Token[] | undefined, marks: Marks = []): InlineNode[] {
  const nodes: InlineNode[] = [];
  for (const token of tokens ?? []) {
    switch (token.type) {
      case 'strong':
        nodes.push(...inline((token as Tokens.Strong).tokens, [...marks, 'bold']));
        break;
      case 'em':
        nodes.push(...inline((token as Tokens.Em).tokens, [...marks, 'italic']));
        break;
      case 'link': {
        const link = token as Tokens.Link;
        const children = textOnly(inline(link.tokens, marks));
        if (isSafeHref(link.href) && children.length > 0) nodes.push({ type: 'link', href: link.href, children });
        else nodes.push(...children);
        break;
      }
      case 'codespan':
        nodes.push(withMarks((token as Tokens.Codespan).text, [...marks, 'code']));
        break;
      case 'del':
        nodes.push(...inline((token as Tokens.Del).tokens, [...marks, 'strike']));
        break;
      case 'text':
      case 'escape': {
        const withChildren = token as Tokens.Text;
        if (withChildren.tokens && withChildren.tokens.length > 0) nodes.push(...inline(withChildren.tokens, marks));
        else nodes.push(withMarks(withChildren.text, marks));
        break;
      }
      case 'br':
        nodes.push(withMarks(' ', marks));
        break;
      case 'image':
        nodes.push(withMarks((token as Tokens.Image).text, marks));
        break;
      default:
        // html and anything unknown: dropped on purpose.
        break;
    }
  }
  return mergeAdjacentText(nodes);
}

function plainText(nodes: InlineNode[]): string {
  return textOnly(nodes).map((node) => node.text).join('').trim();
}

function quote(token: Tokens.Blockquote): BodyBlock | null {
  const children = [...token.tokens];
  let speaker: string | undefined;
  const last = children.at(-1);
  if (last?.type === 'paragraph') {
    const lines = (last as Tokens.Paragraph).text.split('\n');
    const lastLine = lines.at(-1) ?? '';
    if (SPEAKER_PREFIX.test(lastLine)) {
      speaker = lastLine.replace(SPEAKER_PREFIX, '').trim() || undefined;
      const rest = lines.slice(0, -1).join('\n');
      children.pop();
      if (rest.trim()) children.push(...new Lexer({ gfm: true }).lex(rest));
    }
  }
  const blocks = children.flatMap(block);
  if (blocks.length === 0) return null;
  const onlyParagraphs = blocks.every((b) => b.type === 'paragraph');
  const content: BodyBlock = onlyParagraphs
    ? { type: 'quote', paragraphs: blocks.map((b) => (b.type === 'paragraph' ? b.children : [])) }
    : { type: 'quote', blocks };
  return speaker ? { ...content, speaker } : content;
}

function listItem(item: Tokens.ListItem): ListItem {
  const content = mergeAdjacentText(
    item.tokens.flatMap((t) => {
      if (t.type === 'text' || t.type === 'paragraph') return inline((t as Tokens.Text).tokens ?? [t]);
      return [];
    }),
  );
  const children = item.tokens.filter((t) => t.type !== 'text' && t.type !== 'paragraph').flatMap(block);
  return children.length > 0 ? { content, children } : content;
}

function isEmptyItem(item: ListItem): boolean {
  return Array.isArray(item) ? item.length === 0 : item.content.length === 0 && item.children.length === 0;
}

function table(token: Tokens.Table): BodyBlock {
  return {
    type: 'table',
    align: token.align.map((a) => a ?? null),
    header: token.header.map((cell) => inline(cell.tokens)),
    rows: token.rows.map((row) => row.map((cell) => inline(cell.tokens))),
  };
}

function block(token: Token): BodyBlock[] {
  switch (token.type) {
    case 'paragraph': {
      const children = inline((token as Tokens.Paragraph).tokens);
      return children.length > 0 ? [{ type: 'paragraph', children }] : [];
    }
    case 'text': {
      const text = token as Tokens.Text;
      const children = inline(text.tokens ?? [text]);
      return children.length > 0 ? [{ type: 'paragraph', children }] : [];
    }
    case 'heading': {
      const heading = token as Tokens.Heading;
      const text = plainText(inline(heading.tokens));
      if (!text) return [];
      // A body sits under the article's h1, so # and ## both become level 2.
      return [{ type: 'heading', level: heading.depth >= 3 ? 3 : 2, text }];
    }
    case 'blockquote': {
      const result = quote(token as Tokens.Blockquote);
      return result ? [result] : [];
    }
    case 'list': {
      const list = token as Tokens.List;
      const items = list.items.map(listItem).filter((item) => !isEmptyItem(item));
      return items.length > 0 ? [{ type: 'list', ordered: list.ordered, items }] : [];
    }
    case 'table':
      return [table(token as Tokens.Table)];
    case 'code':
      return [{ type: 'code', text: (token as Tokens.Code).text }];
    case 'hr':
      return [{ type: 'rule' }];
    default:
      // space and link definitions carry nothing to show; html is refused by unsupportedMarkdown.
      return [];
  }
}

/** Inline tags whose content is the tag itself: removing them would lose what the editor put there. */
const CONTENT_TAG = /^<\s*(img|picture|iframe|script|style|object|embed|video|audio|svg|math|table|form|input|button|select|textarea)\b/i;

/**
 * Why a token cannot be shown, or null when it can. Inline formatting tags
 * (`<b>`, `<a href>`) are removed keeping their text, which stays readable;
 * HTML blocks and tags that are content themselves are refused.
 */
function refusal(token: Token, inlineLevel: boolean): string | null {
  if (token.type === 'image') return 'images are not allowed in the body; use the lead image';
  if (token.type === 'html' && (!inlineLevel || CONTENT_TAG.test(token.raw.trim()))) return 'HTML is not allowed in the body; write it in Markdown';
  return null;
}

const INLINE_PARENTS = new Set(['paragraph', 'text', 'heading', 'strong', 'em', 'del', 'link']);

function childTokens(token: Token): Token[] {
  const children: Token[] = [];
  if ('tokens' in token && Array.isArray(token.tokens)) children.push(...(token.tokens as Token[]));
  if (token.type === 'list') children.push(...(token as Tokens.List).items);
  if (token.type === 'table') {
    const t = token as Tokens.Table;
    for (const cell of [...t.header, ...t.rows.flat()]) children.push(...cell.tokens);
  }
  return children;
}

/** Newlines in text[from, to): counted by the stretch, so walking a parent's children stays linear. */
function newlinesBetween(text: string, from: number, to: number): number {
  let count = 0;
  for (let at = text.indexOf('\n', from); at !== -1 && at < to; at = text.indexOf('\n', at + 1)) count += 1;
  return count;
}

/** Walks the tokens with the line each starts on (children are found in their parent's raw text). */
function collectRefusals(tokens: Token[], startLine: number, parentRaw: string | null, problems: string[], inlineLevel = false) {
  let cursor = 0;
  // The line `cursor` is on: each child's line comes from the stretch since the previous one
  // (counting from the parent's start for every child made lists of 20,000 items take seconds).
  let cursorLine = startLine;
  let line = startLine;
  for (const token of tokens) {
    let tokenLine = line;
    if (parentRaw !== null) {
      const at = token.raw ? parentRaw.indexOf(token.raw, cursor) : -1;
      if (at >= 0) {
        tokenLine = cursorLine + newlinesBetween(parentRaw, cursor, at);
        cursor = at + token.raw.length;
        cursorLine = tokenLine + newlinesBetween(parentRaw, at, cursor);
      } else {
        tokenLine = startLine;
      }
    }
    const reason = refusal(token, inlineLevel);
    if (reason) problems.push(`line ${tokenLine}: ${reason}`);
    collectRefusals(childTokens(token), tokenLine, token.raw ?? '', problems, INLINE_PARENTS.has(token.type) || token.type === 'table');
    if (parentRaw === null) line += newlinesBetween(token.raw, 0, token.raw.length);
  }
}

/** Problems that would make markdownToBody lose part of the body, each naming its line; empty when it is all shown. */
export function unsupportedMarkdown(markdown: string): string[] {
  const problems: string[] = [];
  collectRefusals(new Lexer({ gfm: true }).lex(markdown), 1, null, problems);
  return [...new Set(problems)];
}

export function markdownToBody(markdown: string): ArticleBody {
  return new Lexer({ gfm: true }).lex(markdown).flatMap(block);
}
