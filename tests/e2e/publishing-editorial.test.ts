import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPage, sharedBrowser } from './browser';
import {
  articleInput,
  baseUrl,
  bodyOf,
  createdAnswer,
  headingOf,
  openOwnEditorSession,
  readPage,
  textOf,
  urlOf,
  waitFor,
  withText,
  type EditorSession,
} from './publishing-helpers';

/*
 * What the editors' desk and the API promise readers and editors (issue 21):
 * no silent overwrites (ETag / If-Match / 412), Markdown tables shown as
 * accessible tables, correction notes with their time, the reason on the 410
 * page of a withdrawn article, and a restored article back within 2 s.
 */

let editor: EditorSession;
const browser = sharedBrowser();

beforeAll(async () => {
  editor = await openOwnEditorSession('editorial');
});

afterAll(() => editor.close());

type Answer = { status: number; headers: Headers; body: Record<string, unknown> };

async function send(method: string, path: string, body: unknown, headers: Record<string, string> = {}): Promise<Answer> {
  const response = await fetch(new URL(path, baseUrl), {
    method,
    headers: { authorization: `Bearer ${editor.token}`, 'content-type': 'application/json', ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, headers: response.headers, body: (await response.json()) as Record<string, unknown> };
}

describe('two editors saving from the same version', () => {
  it('gets the second a 412 with the current version, and overwrites nothing', async () => {
    const input = articleInput();
    const { id } = await editor.createArticle(input);
    const opened = await send('GET', `/api/articles/${id}`, undefined);
    const etag = opened.headers.get('etag');
    expect(etag).toMatch(/^"\d+"$/);
    expect(etag).toBe(`"${String(opened.body.version)}"`);

    const first = withText(input, 'de', { title: 'Erste Fassung' });
    const second = withText(input, 'de', { title: 'Zweite Fassung' });
    const saved = await send('PUT', `/api/articles/${id}`, first, { 'if-match': etag ?? '' });
    expect(saved.status).toBe(200);
    expect(saved.headers.get('etag')).not.toBe(etag);

    const refused = await send('PUT', `/api/articles/${id}`, second, { 'if-match': etag ?? '' });
    expect(refused.status).toBe(412);
    expect(refused.headers.get('content-type')).toMatch(/^application\/json/);
    expect(refused.headers.get('etag')).toBe(saved.headers.get('etag'));
    expect(refused.body).toMatchObject({
      current: { version: saved.body.version, author: editor.name, article: { translations: { de: { title: 'Erste Fassung' } } } },
    });
    const now = await send('GET', `/api/articles/${id}`, undefined);
    expect(now.body).toMatchObject({ translations: { de: { title: 'Erste Fassung' } } });

    // A withdrawal from the old version is refused the same way; without If-Match the API works as it always did.
    expect((await send('DELETE', `/api/articles/${id}`, undefined, { 'if-match': etag ?? '' })).status).toBe(412);
    expect((await send('PUT', `/api/articles/${id}`, second)).status).toBe(200);
    expect((await send('PUT', `/api/articles/${id}`, second, { 'if-match': 'W/"1"' })).status).toBe(400);
  });
});

describe('what readers see', () => {
  it('shows a Markdown table as an accessible table, and a correction note with its time', async () => {
    const input = articleInput();
    const table = '| Land | Anteil |\n|:--|--:|\n| Deutschland | 12 % |\n| Frankreich | 9 % |';
    const withTable = withText(withText(input, 'de', { body: `Die Zahlen:\n\n${table}` }), 'en', {
      body: `The figures:\n\n${table}`,
      correction: 'An earlier version gave the wrong share for France.',
    });
    const created = await editor.createArticle(withTable);
    const path = urlOf(created, 'de');
    await waitFor(async () => {
      const page = await readPage(path);
      expect(page.status).toBe(200);
      expect(page.html).toMatch(/<table[^>]*>\s*<thead><tr><th scope="col"[^>]*>Land<\/th><th scope="col"[^>]*>Anteil<\/th><\/tr><\/thead><tbody>/);
      expect(page.html).toMatch(/<tr[^>]*><td[^>]*>Deutschland<\/td><td class="px-3 py-2 text-right">12 %<\/td><\/tr>/);
      expect(page.html).not.toContain('data-testid="correction-note"');
    });

    const english = await readPage(urlOf(created, 'en'));
    const note = /<aside[^>]*data-testid="correction-note"[^>]*>([\s\S]*?)<\/aside>/.exec(english.html)?.[1] ?? '';
    expect(textOf(note)).toMatch(/^Corrected on \d{1,2} [A-Z][a-z]{2} \d{4}, \d{2}:\d{2}: An earlier version gave the wrong share for France\.$/);
    expect(note).toMatch(/<time dateTime="\d{4}-\d{2}-\d{2}T[\d:.]+Z">/i);

    const corrected = withText(withTable, 'de', { correction: 'Der Anteil Frankreichs war falsch angegeben.' });
    expect((await editor.api('PUT', `/api/articles/${created.id}`, corrected)).status).toBe(200);
    await waitFor(async () => {
      const page = await readPage(path);
      const german = /<aside[^>]*data-testid="correction-note"[^>]*>([\s\S]*?)<\/aside>/.exec(page.html)?.[1] ?? '';
      expect(textOf(german)).toMatch(/^Korrigiert am \d{2}\.\d{2}\.\d{4}, \d{2}:\d{2}: Der Anteil Frankreichs war falsch angegeben\.$/);
    });

    // Checked by a browser too: the table's header cells are column headers.
    const page = await openPage(browser, { javaScriptEnabled: false });
    try {
      await page.goto(new URL(path, baseUrl).href);
      const headers = await page.getByRole('columnheader').allInnerTexts();
      expect(headers.map((h) => h.trim())).toEqual(['Land', 'Anteil']);
      expect(await page.getByRole('cell', { name: 'Frankreich' }).count()).toBe(1);
    } finally {
      await page.context().close();
    }
  });

  it('refuses Markdown it cannot show, naming the line, and stores nothing', async () => {
    const input = withText(articleInput(), 'de', { body: 'Absatz.\n\n![Karte](/karte.png)' });
    const answer = await editor.api('POST', '/api/articles', input);
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({
      problems: [{ path: 'translations.de.body', message: 'line 3: images are not allowed in the body; use the lead image' }],
    });
  });

  it('shows the reason on the 410 page, and a restored article is back within 2 s', async () => {
    const input = articleInput();
    const created = await editor.createArticle(input);
    const paths = { de: urlOf(created, 'de'), en: urlOf(created, 'en') };
    await waitFor(async () => expect((await readPage(paths.de)).status).toBe(200));
    // Cached by readers first, so the restore has to reach every cache.
    await readPage(paths.de);
    await readPage(paths.en);

    const reason = { de: 'Die Meldung enthielt <falsche> Zahlen.', en: 'The report contained wrong figures.' };
    expect((await editor.api('DELETE', `/api/articles/${created.id}`, { reason })).status).toBe(200);
    await waitFor(async () => {
      const german = await readPage(paths.de);
      expect(german.status).toBe(410);
      expect(headingOf(german.html)).toBe('Dieser Beitrag ist nicht mehr verfügbar');
      expect(textOf(german.html)).toContain('Begründung der Redaktion: Die Meldung enthielt <falsche> Zahlen.');
      expect(german.html).toContain('Die Meldung enthielt &#60;falsche&#62; Zahlen.');
      const english = await readPage(paths.en);
      expect(english.status).toBe(410);
      expect(textOf(english.html)).toContain("The editors' reason: The report contained wrong figures.");
    });
    // With JavaScript the reason stays after the page hydrates.
    const browserPage = await openPage(browser);
    try {
      const response = await browserPage.goto(new URL(paths.en, baseUrl).href, { waitUntil: 'load' });
      expect(response?.status()).toBe(410);
      await browserPage.waitForFunction(() => Array.isArray((window as { __next_f?: unknown }).__next_f));
      await browserPage.waitForTimeout(300);
      const slot = browserPage.locator('[data-withdrawn-reason]');
      await expect(slot.isVisible()).resolves.toBe(true);
      expect((await slot.innerText()).trim()).toBe("The editors' reason: The report contained wrong figures.");
    } finally {
      await browserPage.context().close();
    }

    const restored = await editor.api('POST', `/api/articles/${created.id}/restore`);
    expect(restored.status).toBe(200);
    expect(bodyOf(restored, createdAnswer).urls).toEqual(paths);
    await waitFor(async () => {
      for (const path of Object.values(paths)) {
        const page = await readPage(path);
        expect(page.status, path).toBe(200);
        expect(page.html).not.toContain('data-withdrawn-reason');
      }
    }, 2_000);
  });

  it('gives the 410 page of an article withdrawn without a reason no empty reason box', async () => {
    const created = await editor.createArticle(articleInput());
    expect((await editor.api('DELETE', `/api/articles/${created.id}`)).status).toBe(200);
    await waitFor(async () => {
      const page = await readPage(urlOf(created, 'de'));
      expect(page.status).toBe(410);
      expect(page.html).toMatch(/<p data-withdrawn-reason="" hidden=""[^>]*><\/p>/);
    });
  });

  it("refuses another article's old, redirecting slug, so the old link keeps showing its article", async () => {
    const first = articleInput();
    const created = await editor.createArticle(first);
    const oldPath = urlOf(created, 'de');
    const oldSlug = first.translations.de?.slug ?? '';
    expect((await editor.api('PUT', `/api/articles/${created.id}`, withText(first, 'de', { slug: `${oldSlug}-neu` }))).status).toBe(200);
    const taker = withText(articleInput(), 'de', { slug: oldSlug });
    const refused = await editor.api('POST', '/api/articles', taker);
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({
      problems: [{ path: 'translations.de.slug', message: expect.stringMatching(new RegExp(`^was used until \\d{4}-\\d{2}-\\d{2} by article ${created.id} "`)) }],
    });
    const old = await readPage(oldPath);
    expect(old.status).toBe(308);
    expect(old.location).toBe(`${oldPath}-neu`);
  });
});
