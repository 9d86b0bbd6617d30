import { describe, expect, it } from 'vitest';
import { readJsonBody } from '@/lib/api/read-body';
import { articleInput } from '@/lib/content/article-input';
import { tooDeeplyNestedLine } from '@/lib/content/markdown-depth';

const post = (body: Uint8Array<ArrayBuffer>) => new Request('http://localhost/api/articles', { method: 'POST', body });

describe('a JSON body that is not UTF-8', () => {
  it('is refused with 400 instead of being stored with replacement characters', async () => {
    const bytes = new Uint8Array([...new TextEncoder().encode('{"title":"Gr'), 0xfc, ...new TextEncoder().encode('n"}')]);
    const read = await readJsonBody(post(bytes));
    expect(read.ok).toBe(false);
    if (read.ok) return;
    expect(read.response.status).toBe(400);
    expect(await read.response.json()).toMatchObject({ error: 'body is not valid UTF-8 text' });
  });

  it('reads valid UTF-8, umlauts included', async () => {
    const read = await readJsonBody(post(new TextEncoder().encode('{"title":"Grün"}')));
    expect(read).toEqual({ ok: true, value: { title: 'Grün' } });
  });
});

describe('Markdown nested too deeply', () => {
  const submission = (body: string) => ({
    type: 'article',
    status: 'draft',
    translations: { de: { title: 'Titel', slug: 'titel', lead: 'Vorspann.', body } },
  });

  it('names the line of 100,000 quote markers, and answers at once', () => {
    const started = performance.now();
    const parsed = articleInput.safeParse(submission(`Ein Absatz.\n\n${'>'.repeat(100_000)}`));
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.path).toEqual(['translations', 'de', 'body']);
    expect(parsed.error?.issues[0]?.message).toBe('line 3 nests quotes or lists more than 8 levels deep');
  });

  it('refuses 100,000 list markers and deep indentation, and accepts what articles use', () => {
    expect(tooDeeplyNestedLine('- '.repeat(100_000))).toBe(1);
    expect(tooDeeplyNestedLine(`- a\n${' '.repeat(40)}- deep`)).toBe(2);
    expect(tooDeeplyNestedLine('> Zitat\n>\n> — Sprecherin\n\n- eins\n  - zwei\n    - drei\n\n1. erstens')).toBeNull();
    expect(articleInput.safeParse(submission('> > Zitat im Zitat\n\n- Liste\n  - verschachtelt')).success).toBe(true);
  });
});
