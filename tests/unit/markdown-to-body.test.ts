import { describe, expect, it } from 'vitest';
import { markdownToBody } from '@/lib/content/markdown-to-body';
import { articleBody } from '@/lib/content/body-schema';

describe('markdownToBody', () => {
  it('turns paragraphs, subheadings, lists and links into blocks', () => {
    const body = markdownToBody('Intro with [a link](https://example.org).\n\n## Section\n\n### Sub\n\n- one\n- two\n\n1. first');
    expect(body.map((b) => b.type)).toEqual(['paragraph', 'heading', 'heading', 'list', 'list']);
    expect(body[1]).toEqual({ type: 'heading', level: 2, text: 'Section' });
    expect(body[2]).toEqual({ type: 'heading', level: 3, text: 'Sub' });
    expect(body[0]).toMatchObject({ children: [{ text: 'Intro with ' }, { type: 'link', href: 'https://example.org' }, { text: '.' }] });
    expect(body[4]).toMatchObject({ type: 'list', ordered: true });
    expect(articleBody.parse(body)).toEqual(body);
  });

  it('names the speaker of a quote from a last line starting with an em dash', () => {
    const separate = markdownToBody('> We stay the course.\n>\n> — The Minister');
    const joined = markdownToBody('> We stay the course.\n> — The Minister');
    for (const body of [separate, joined]) {
      expect(body).toEqual([{ type: 'quote', paragraphs: [[{ type: 'text', text: 'We stay the course.' }]], speaker: 'The Minister' }]);
    }
  });

  it('drops raw HTML and unsafe links but keeps their visible text', () => {
    const body = markdownToBody(
      'Click [here](javascript:alert(1)) or [there](data:text/html,x) <script>alert(1)</script><b onclick="x">bold</b>\n\n<div>block html</div>',
    );
    const json = JSON.stringify(body);
    expect(json).not.toMatch(/javascript:|data:|<script|onclick|<div/);
    expect(body).toHaveLength(1);
    expect(json).toContain('here');
  });
});
