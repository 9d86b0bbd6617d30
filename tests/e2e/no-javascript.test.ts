import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locale } from '@/i18n/routing';
import { sharedBrowser } from './browser';
import {
  homePagePath,
  articlePath,
  demoArticle,
  demoTag,
  expectedCard,
  listedArticles,
  listedCards,
  openReaderPage,
  PAGE_SIZE,
  pathOf,
  SITE_URL,
  squash,
  tagPath,
  translationOf,
  visit,
} from './helpers';

/*
 * A reader with JavaScript switched off does everything that reads content
 * by following links and sending forms: from the list to an article, to its
 * tags, to the other language (remembered for the next visit to /), through
 * the pages of a listing, searching with filters, and passing an article on.
 */

const browser = sharedBrowser();

/** Clicks a link or button and waits until the page it leads to has loaded. */
async function follow(page: Page, target: ReturnType<Page['locator']>, arrivedAt: (url: URL) => boolean): Promise<void> {
  await Promise.all([page.waitForURL(arrivedAt), target.click()]);
}

async function h1(page: Page): Promise<string> {
  return squash(await page.locator('h1').textContent());
}

describe('reading without JavaScript', () => {
  let page: Page;

  beforeAll(async () => {
    page = await openReaderPage(browser, { locale: 'de-DE' });
  });

  afterAll(async () => {
    await page.context().close();
  });

  it('goes from the home page to the newest article through the list, and on to one of its tags', async () => {
    const newest = listedArticles('de')[0];
    if (!newest) throw new Error('the demo content lists German articles');
    const text = translationOf(newest, 'de');
    expect(await visit(page, '/de')).toBe(200);
    await follow(page, page.getByRole('main').getByRole('link', { name: text.title, exact: true }), (url) => url.pathname === articlePath('de', text.slug));
    expect(await h1(page)).toBe(text.title);

    const tagKey = newest.input.tags[0];
    if (!tagKey) throw new Error('the newest demo article has tags');
    const tag = demoTag(tagKey).de;
    const tags = page.getByRole('region', { name: 'Schlagworte', exact: true });
    await follow(page, tags.getByRole('link', { name: tag.name, exact: true }), (url) => url.pathname === tagPath('de', tag.slug));
    expect(await h1(page)).toBe(`Schlagwort: ${tag.name}`);
    expect((await listedCards(page.getByRole('main'))).map((card) => card.title)).toEqual(
      listedArticles('de', tagKey)
        .slice(0, PAGE_SIZE)
        .map((article) => translationOf(article, 'de').title),
    );
  });

  it('pages through the home page with rel=next and opens an older article from page 2', async () => {
    const older = listedArticles('de').slice(PAGE_SIZE);
    const oldest = older.at(-1);
    if (!oldest) throw new Error('the demo content fills two pages');
    expect(await visit(page, '/de')).toBe(200);
    await follow(page, page.locator('a[rel="next"]'), (url) => url.pathname === homePagePath('de', 2));
    expect(await listedCards(page.getByRole('main'))).toEqual(older.map((article) => expectedCard('de', article)));
    const text = translationOf(oldest, 'de');
    await follow(page, page.getByRole('link', { name: text.title, exact: true }), (url) => url.pathname === articlePath('de', text.slug));
    expect(await h1(page)).toBe(text.title);
  });

  it('searches with the header form', async () => {
    expect(await visit(page, '/de')).toBe(200);
    await page.getByRole('banner').getByRole('searchbox', { name: 'Suche im Nachrichtenportal' }).fill('Irak');
    await follow(page, page.getByRole('banner').getByRole('button', { name: 'Suchen' }), (url) => url.pathname === '/de/suche');
    expect(new URL(page.url()).searchParams.get('q')).toBe('Irak');
    expect(await page.getByRole('main').locator('ol > li').count()).toBeGreaterThan(0);
  });

  it('narrows a search with the filter form: tag, type and year, kept in the form and the URL', async () => {
    const expected = demoArticle('01');
    const text = translationOf(expected, 'de');
    const syria = demoTag('syrien').de;
    expect(await visit(page, '/de/suche')).toBe(200);
    const main = page.getByRole('main');
    await main.getByLabel('Suchbegriff').fill('Irak');
    await main.locator('select[name="tag"]').selectOption({ label: syria.name });
    await main.locator('select[name="type"]').selectOption({ label: 'Artikel' });
    await main.locator('select[name="year"]').selectOption('2020');
    await follow(page, main.getByRole('button', { name: 'Suchen' }), (url) => url.searchParams.get('q') === 'Irak');

    const query = new URL(page.url()).searchParams;
    expect({ tag: query.get('tag'), type: query.get('type'), year: query.get('year') }).toEqual({ tag: syria.slug, type: 'article', year: '2020' });
    // Of all demo articles only 01 is a 2020 article tagged Syria that mentions Iraq.
    const hits = await main.locator('ol > li h3 a').evaluateAll((links) => links.map((link) => link.getAttribute('href')));
    expect(hits).toEqual([articlePath('de', text.slug)]);
    expect(await main.getByLabel('Suchbegriff').inputValue()).toBe('Irak');
    expect(await main.locator('select[name="tag"]').inputValue()).toBe(syria.slug);
    expect(await main.locator('select[name="year"]').inputValue()).toBe('2020');
  });

  it('offers share links that need no script: e-mail with title and address, and each network with the address', async () => {
    const text = translationOf(demoArticle('01'), 'de');
    const canonical = `${SITE_URL}${articlePath('de', text.slug)}`;
    expect(await visit(page, articlePath('de', text.slug))).toBe(200);
    const hrefs = await page.getByTestId('share').getByRole('link').evaluateAll((links) => links.map((link) => link.getAttribute('href') ?? ''));
    const mail = hrefs.find((href) => href.startsWith('mailto:'));
    if (!mail) throw new Error('no e-mail share link');
    const mailQuery = new URLSearchParams(mail.slice(mail.indexOf('?') + 1));
    expect({ subject: mailQuery.get('subject'), body: mailQuery.get('body') }).toEqual({ subject: text.title, body: canonical });
    const networks = hrefs.filter((href) => href.startsWith('https://'));
    expect(networks.length).toBeGreaterThanOrEqual(3);
    for (const href of networks) expect([...new URL(href).searchParams.values()].some((value) => value.includes(canonical)), href).toBe(true);
  });
});

describe('the language switch without JavaScript', () => {
  const text: Record<Locale, { slug: string; title: string }> = {
    de: translationOf(demoArticle('01'), 'de'),
    en: translationOf(demoArticle('01'), 'en'),
  };

  it('leads to the same article in English at its clean URL and remembers English for the next visit to /', async () => {
    const page = await openReaderPage(browser, { locale: 'de-DE' });
    expect(await visit(page, '/')).toBe(200);
    expect(pathOf(page)).toBe('/de');

    expect(await visit(page, articlePath('de', text.de.slug))).toBe(200);
    const switchLink = page.getByRole('banner').getByRole('link', { name: 'English', exact: true });
    expect(await switchLink.getAttribute('href')).toBe(`${articlePath('en', text.en.slug)}?sprachwahl`);
    await follow(page, switchLink, (url) => url.pathname === articlePath('en', text.en.slug) && url.search === '');
    expect(await h1(page)).toBe(text.en.title);
    const cookies = await page.context().cookies();
    expect(cookies.find((cookie) => cookie.name === 'NEXT_LOCALE')?.value).toBe('en');

    expect(await visit(page, '/')).toBe(200);
    expect(pathOf(page)).toBe('/en');

    await follow(page, page.getByRole('banner').getByRole('link', { name: 'Deutsch', exact: true }), (url) => url.pathname === '/de' && url.search === '');
    expect(await visit(page, '/')).toBe(200);
    expect(pathOf(page)).toBe('/de');
    await page.context().close();
  });
});
