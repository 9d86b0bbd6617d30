import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locale } from '@/i18n/routing';
import { openPageRecordingDialogs, sharedBrowser } from './browser';
import {
  articleInput,
  baseUrl,
  headingOf,
  linksTo,
  openOwnEditorSession,
  readPage,
  urlOf,
  waitFor,
  type CreatedArticle,
  type EditorSession,
} from './publishing-helpers';

/*
 * Editors' Markdown reaches every reader's browser. Each payload below would
 * set window.__pwned (or open a dialog) if any of it ran on the page.
 */

const TITLE_PAYLOAD = '</title><script>window.__pwned = "title"</script>';
/** HTML the portal refuses (400 naming the line) instead of storing: issue 21, nothing is dropped with a success answer. */
const HTML_PAYLOADS = [
  '<script>alert(1); window.__pwned = "script"</script>',
  '<img src="/does-not-exist.png" onerror="alert(1); window.__pwned = \'img\'">',
  'Ein Absatz mit Bild <img src=x onerror="window.__pwned = \'inline img\'"> mitten im Text.',
  'Ein <iframe src="javascript:alert(1)"></iframe> im Absatz.',
  '<svg onload="window.__pwned = \'svg\'"></svg>',
  '<svg><script>window.__pwned = "svg script"</script><a xlink:href="javascript:alert(1)"><text>SVG-Link</text></a></svg>',
  '<math><mtext><style><img src=x onerror="window.__pwned = \'math\'"></style></mtext></math>',
];
const BODY = [
  'Ein harmloser erster Absatz mit [einem sicheren Link](https://www.example.org/).',
  '[x](javascript:alert(1)) und [y](JavaScript:window.__pwned=1) und [z](  javascript:alert(1))',
  '[daten](data:text/html,<script>alert(1)</script>) und [vb](vbscript:msgbox(1))',
  '<a href="javascript:alert(1)">roher Link</a> mit seinem Text.',
  '[weg](//evil.example/) und [auch weg](/\\evil.example/) und [Tab](/\t/evil.example/)',
  'Letzter Absatz.',
].join('\n\n');

let editor: EditorSession;
const browser = sharedBrowser();
let created: CreatedArticle;
let title: Record<Locale, string>;

beforeAll(async () => {
  editor = await openOwnEditorSession('markdown');
  const input = articleInput();
  title = { de: `${input.translations.de?.title} ${TITLE_PAYLOAD}`, en: `${input.translations.en?.title} ${TITLE_PAYLOAD}` };
  const translations = {
    de: { ...input.translations.de, title: title.de, slug: input.translations.de?.slug ?? '', lead: `Vorspann ${TITLE_PAYLOAD}`, body: BODY },
    en: { ...input.translations.en, title: title.en, slug: input.translations.en?.slug ?? '', lead: `Lead ${TITLE_PAYLOAD}`, body: BODY },
  };
  created = await editor.createArticle({ ...input, translations });
  await waitFor(async () => expect((await readPage(urlOf(created, 'de'))).status).toBe(200));
});

afterAll(() => editor.close());

describe('an article whose Markdown and texts contain script', () => {
  for (const locale of ['de', 'en'] as const) {
    it(`(${locale}) is sent as HTML without the script, event handlers or javascript: links`, async () => {
      const { status, html } = await readPage(urlOf(created, locale));
      expect(status).toBe(200);
      expect(html).not.toMatch(/<script>\s*(alert|window\.__pwned)/i);
      expect(html).not.toMatch(/<(img|svg|iframe)\b[^>]*(onerror|onload|src="javascript)/i);
      expect(html).not.toMatch(/\bonerror\s*=/i);
      expect(html).not.toMatch(/\bonload\s*=/i);
      expect(html).not.toMatch(/href\s*=\s*["']?\s*(javascript|vbscript|data):/i);
      expect(html).not.toMatch(/href="[^"]*evil\.example/);
      // The texts are shown as the editor typed them, not interpreted.
      expect(headingOf(html)).toBe(title[locale]);
      expect(linksTo(html, 'https://www.example.org/')).toBe(true);
    });

    it(`(${locale}) runs none of it in Chromium`, async () => {
      const { page, dialogs } = await openPageRecordingDialogs(browser);
      try {
        const response = await page.goto(new URL(urlOf(created, locale), baseUrl).href, { waitUntil: 'load' });
        expect(response?.status()).toBe(200);
        const hrefs = await page.locator('a[href]').evaluateAll((links) => links.map((link) => link.getAttribute('href') ?? ''));
        for (const href of hrefs) expect(href).toMatch(/^(\/|#|https?:\/\/|mailto:)/);
        await page.waitForTimeout(300);
        expect(await page.evaluate(() => '__pwned' in window)).toBe(false);
        expect(await page.locator('a[href^="javascript:" i], iframe, svg[onload], img[onerror], svg script, svg a, math').count()).toBe(0);
        expect(dialogs).toEqual([]);
        expect(await page.locator('h1').innerText()).toBe(title[locale]);
        expect(await page.title()).toContain(TITLE_PAYLOAD);
      } finally {
        await page.context().close();
      }
    });
  }

  it('runs none of it on the home page that lists the article', async () => {
    const { page, dialogs } = await openPageRecordingDialogs(browser);
    try {
      await page.goto(new URL('/en', baseUrl).href, { waitUntil: 'load' });
      await expect(page.locator(`a[href="${urlOf(created, 'en')}"]`).innerText()).resolves.toBe(title.en);
      expect(await page.evaluate(() => '__pwned' in window)).toBe(false);
      expect(dialogs).toEqual([]);
    } finally {
      await page.context().close();
    }
  });

  it('refuses HTML that would be lost, naming its line, and stores nothing', async () => {
    for (const payload of HTML_PAYLOADS) {
      const input = articleInput();
      const body = `Erster Absatz.\n\n${payload}`;
      const answer = await editor.api('POST', '/api/articles', { ...input, translations: { de: { ...input.translations.de, body } } });
      expect(answer.status, payload).toBe(400);
      expect(answer.body, payload).toMatchObject({
        problems: [{ path: 'translations.de.body', message: 'line 3: HTML is not allowed in the body; write it in Markdown' }],
      });
    }
  });

  it('keeps the Markdown as sent for the editor', async () => {
    const answer = await editor.api('GET', `/api/articles/${created.id}`);
    expect(answer.status).toBe(200);
    expect(JSON.stringify(answer.body)).toContain(JSON.stringify(BODY));
  });
});
