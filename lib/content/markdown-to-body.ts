import { Lexer, type Token, type Tokens } from 'marked';
import { isSafeHref, type ArticleBody, type BodyBlock, type InlineNode, type TextNode } from '@/lib/content/body-schema';

/*
 * Editors write bodies in Markdown; we store the structured blocks this
 * produces. Only what a news article needs survives: paragraphs, ##/###
 * headings, quotes with a speaker, lists and safe links. Raw HTML, images,
 * code and unsafe links are dropped (their visible text is kept where it has any).
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
      case 'text':
      case 'escape':
      case 'codespan':
      case 'del': {
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
  const paragraphs = token.tokens.filter((t): t is Tokens.Paragraph => t.type === 'paragraph');
  let speaker: string | undefined;
  const last = paragraphs.at(-1);
  if (last) {
    const lines = last.text.split('\n');
    const lastLine = lines.at(-1) ?? '';
    if (SPEAKER_PREFIX.test(lastLine)) {
      speaker = lastLine.replace(SPEAKER_PREFIX, '').trim() || undefined;
      const rest = lines.slice(0, -1).join('\n');
      paragraphs.pop();
      if (rest.trim()) paragraphs.push(...(new Lexer().lex(rest).filter((t) => t.type === 'paragraph') as Tokens.Paragraph[]));
    }
  }
  const content = paragraphs.map((p) => inline(p.tokens)).filter((nodes) => nodes.length > 0);
  if (content.length === 0) return null;
  return speaker ? { type: 'quote', paragraphs: content, speaker } : { type: 'quote', paragraphs: content };
}

function listItem(item: Tokens.ListItem): InlineNode[] {
  return mergeAdjacentText(
    item.tokens.flatMap((t) => {
      if (t.type === 'text' || t.type === 'paragraph') return inline((t as Tokens.Text).tokens ?? [t]);
      return [];
    }),
  );
}

function block(token: Token): BodyBlock[] {
  switch (token.type) {
    case 'paragraph': {
      const children = inline((token as Tokens.Paragraph).tokens);
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
      const items = list.items.map(listItem).filter((nodes) => nodes.length > 0);
      return items.length > 0 ? [{ type: 'list', ordered: list.ordered, items }] : [];
    }
    default:
      return [];
  }
}

export function markdownToBody(markdown: string): ArticleBody {
  return new Lexer({ gfm: true }).lex(markdown).flatMap(block);
}
