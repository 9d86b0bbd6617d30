import { describe, expect, it } from 'vitest';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { markdownToBody, unsupportedMarkdown } from '@/lib/content/markdown-to-body';
import { articleBody } from '@/lib/content/body-schema';
import { ArticleBody } from '@/components/article/ArticleBody';

/*
 * Markdown editors write that the portal used to drop with a success answer
 * (issue 21): it is now either shown, through the same component as the
 * public page and the desk's preview, or refused naming the line.
 */

const render = (markdown: string) =>
  renderToStaticMarkup(createElement(ArticleBody, { body: markdownToBody(markdown), quoteLabel: (s: string) => `Zitat von ${s}` }));

describe('Markdown beyond paragraphs and simple lists', () => {
  it('renders a table with a header row of column headers', () => {
    const markdown = '| Land | Anteil |\n|:--|--:|\n| Deutschland | **12 %** |\n| Frankreich | `9 %` |';
    const body = markdownToBody(markdown);
    expect(articleBody.parse(body)).toEqual(body);
    expect(unsupportedMarkdown(markdown)).toEqual([]);
    const html = render(markdown);
    expect(html).toMatch(/<table[^>]*>\s*<thead><tr><th scope="col"[^>]*>Land<\/th><th scope="col"[^>]*>Anteil<\/th><\/tr><\/thead>/);
    expect(html).toContain('<td class="px-3 py-2 text-left">Deutschland</td>');
    expect(html).toContain('<strong>12 %</strong>');
    expect(html).toContain('<code class="rounded bg-panel px-1 font-mono text-base">9 %</code>');
  });

  it('renders nested lists and nested quotes inside each other', () => {
    const html = render('- eins\n  - eins a\n  - eins b\n- zwei\n\n> außen\n>\n> > innen');
    expect(html).toMatch(/<li>eins<ul[^>]*><li>eins a<\/li><li>eins b<\/li><\/ul><\/li><li>zwei<\/li>/);
    expect(html).toMatch(/<blockquote[^>]*><p>außen<\/p><figure[^>]*><blockquote[^>]*><p>innen<\/p><\/blockquote><\/figure><\/blockquote>/);
  });

  it('renders inline code, strikethrough, code blocks and rules', () => {
    const html = render('Mit `npm test` und ~~alt~~.\n\n```\nzeile 1\nzeile 2\n```\n\n---');
    expect(html).toContain('<code class="rounded bg-panel px-1 font-mono text-base">npm test</code>');
    expect(html).toContain('<del>alt</del>');
    expect(html).toMatch(/<pre[^>]*><code>zeile 1\nzeile 2<\/code><\/pre>/);
    expect(html).toContain('<hr');
  });

  it('refuses images and HTML blocks, naming each line, wherever they are nested', () => {
    expect(unsupportedMarkdown('Text\n\n![Bild](/a.jpg)\n\n- Punkt mit ![b](/b.jpg)\n\n> <div>x</div>\n\n| a |\n|---|\n| <img src=x> |')).toEqual([
      'line 3: images are not allowed in the body; use the lead image',
      'line 5: images are not allowed in the body; use the lead image',
      'line 7: HTML is not allowed in the body; write it in Markdown',
      'line 11: HTML is not allowed in the body; write it in Markdown',
    ]);
  });

  it('keeps the text of inline formatting tags, as before', () => {
    expect(unsupportedMarkdown('Ein <b>fetter</b> Satz.')).toEqual([]);
    expect(JSON.stringify(markdownToBody('Ein <b>fetter</b> Satz.'))).toContain('fetter');
  });
});

describe('the line of a refusal in a long body', () => {
  it('is named exactly deep in a list of 20,000 items, in a table and in a quote', () => {
    const items = Array.from({ length: 20_000 }, (_, index) => (index === 19_999 ? '- the last ![photo](a.jpg)' : `- item ${index + 1}`));
    expect(unsupportedMarkdown(`Intro\n\n${items.join('\n')}`)).toEqual(['line 20002: images are not allowed in the body; use the lead image']);
    const table = ['|a|b|', '|-|-|', ...Array.from({ length: 5_000 }, () => '|x|y|'), '|![i](u)|y|'].join('\n');
    expect(unsupportedMarkdown(`${table}\n\n> q\n> <div>x</div>`)).toEqual([
      'line 5003: images are not allowed in the body; use the lead image',
      'line 5006: HTML is not allowed in the body; write it in Markdown',
    ]);
  });
});
