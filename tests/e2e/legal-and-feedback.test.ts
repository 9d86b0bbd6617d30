import { randomUUID } from 'node:crypto';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { otherLocale, type Locale } from '@/i18n/routing';
import { createPrismaClient, type PrismaClient } from '@/lib/prisma-client';
import { openPage, sharedBrowser } from './browser';
import { asNewClient, CHECKED_PAGES, FEEDBACK_PATH, FEEDBACK_TEXT, submitFeedback, waitLikeAPerson } from './accessibility-helpers';
import { openReaderPage, pathOf, request, squash, visit } from './helpers';

/*
 * The pages a public body must have, in both languages and linked from every
 * page, and the barrier form: validated, protected against spam without
 * third-party services, stored in PostgreSQL, with and without JavaScript.
 */

type LegalPage = 'imprint' | 'privacy' | 'accessibility' | 'feedback';

const LEGAL: Record<Locale, Record<LegalPage, { label: string; path: string }>> = {
  de: {
    imprint: { label: 'Impressum', path: '/de/impressum' },
    privacy: { label: 'Datenschutz', path: '/de/datenschutz' },
    accessibility: { label: 'Erklärung zur Barrierefreiheit', path: '/de/barrierefreiheit' },
    feedback: { label: 'Barriere melden', path: FEEDBACK_PATH.de },
  },
  en: {
    imprint: { label: 'Imprint', path: '/en/imprint' },
    privacy: { label: 'Privacy', path: '/en/privacy' },
    accessibility: { label: 'Accessibility statement', path: '/en/accessibility' },
    feedback: { label: 'Report a barrier', path: FEEDBACK_PATH.en },
  },
};
const LEGAL_PAGES: readonly LegalPage[] = ['imprint', 'privacy', 'accessibility', 'feedback'];
const FOOTER_NAVIGATION: Record<Locale, string> = { de: 'Rechtliches', en: 'Legal' };
const SWITCH_NAME: Record<Locale, string> = { de: 'English', en: 'Deutsch' };
const EASY_GERMAN = { label: 'Leichte Sprache', path: '/de/leichte-sprache' };

const browser = sharedBrowser();
let prisma: PrismaClient;

beforeAll(async () => {
  prisma = createPrismaClient(inject('databaseUrl'), 2);
});

afterAll(async () => {
  await prisma.$disconnect();
});

describe('legal pages and Easy German, linked from every page', () => {
  let page: Page;

  beforeAll(async () => {
    page = await openReaderPage(browser);
  });

  afterAll(async () => {
    await page.context().close();
  });

  for (const locale of ['de', 'en'] as const) {
    for (const key of LEGAL_PAGES) {
      it(`answers 200 at ${LEGAL[locale][key].path}`, async () => {
        expect((await request(LEGAL[locale][key].path)).status).toBe(200);
      });
    }
  }

  it('answers 200 at the Easy German page, which is in German', async () => {
    expect(await visit(page, EASY_GERMAN.path)).toBe(200);
    expect(await page.locator('html').getAttribute('lang')).toBe('de');
    expect(squash(await page.locator('h1').textContent())).toBe('Leichte Sprache');
  });

  for (const checked of CHECKED_PAGES.filter((candidate) => !candidate.prepare)) {
    it(`${checked.path}: footer links to the four pages in ${checked.locale}, header to Easy German`, async () => {
      expect(await visit(page, checked.path)).toBe(checked.status);
      const footer = page.getByRole('contentinfo').getByRole('navigation', { name: FOOTER_NAVIGATION[checked.locale], exact: true });
      const links = await footer.getByRole('link').evaluateAll((anchors) =>
        anchors.map((anchor) => ({ label: (anchor.textContent ?? '').trim(), path: anchor.getAttribute('href') ?? '' })),
      );
      expect(links).toEqual(LEGAL_PAGES.map((key) => LEGAL[checked.locale][key]));
      const easyGerman = page.getByRole('banner').getByRole('link', { name: EASY_GERMAN.label, exact: true });
      expect({ href: await easyGerman.getAttribute('href'), lang: await easyGerman.getAttribute('lang') }).toEqual({ href: EASY_GERMAN.path, lang: 'de' });
    });
  }

  for (const locale of ['de', 'en'] as const) {
    for (const key of LEGAL_PAGES) {
      const from = LEGAL[locale][key];
      const to = LEGAL[otherLocale(locale)][key];
      it(`switches language from ${from.path} to ${to.path}`, async () => {
        expect(await visit(page, from.path)).toBe(200);
        const switchLink = page.getByRole('banner').getByRole('link', { name: SWITCH_NAME[locale], exact: true });
        await Promise.all([page.waitForURL((url) => url.pathname === to.path), switchLink.click()]);
        expect(pathOf(page)).toBe(to.path);
        expect(await page.locator('html').getAttribute('lang')).toBe(otherLocale(locale));
      });
    }
  }
});

describe('the accessibility statement', () => {
  const STATEMENT: Record<Locale, { knownIssues: string; conciliation: RegExp }> = {
    de: { knownIssues: 'Was noch nicht barrierefrei ist', conciliation: /Schlichtungsstelle/ },
    en: { knownIssues: 'What is not yet accessible', conciliation: /conciliation body/ },
  };

  for (const locale of ['de', 'en'] as const) {
    it(`(${locale}) lists what is not yet accessible, gives a contact and names the conciliation body`, async () => {
      const page = await openReaderPage(browser);
      expect(await visit(page, LEGAL[locale].accessibility.path)).toBe(200);
      const main = page.getByRole('main');
      const knownIssues = main.locator('h2', { hasText: STATEMENT[locale].knownIssues }).locator('xpath=following-sibling::*[1]');
      expect(await knownIssues.evaluate((element) => element.tagName)).toBe('UL');
      expect(await knownIssues.locator('li').count()).toBeGreaterThanOrEqual(2);

      const hrefs = await main.getByRole('link').evaluateAll((links) => links.map((link) => link.getAttribute('href') ?? ''));
      expect(hrefs).toContain(FEEDBACK_PATH[locale]);
      expect(hrefs.some((href) => href.startsWith('mailto:'))).toBe(true);
      expect(squash(await main.textContent())).toMatch(STATEMENT[locale].conciliation);
      expect(squash(await main.textContent())).toContain('Schlichtungsstelle');
      expect(hrefs).toContain('https://www.schlichtungsstelle-bgg.de');
      await page.context().close();
    });
  }
});

/** Feedback rows whose message contains `marker`. */
function rowsWith(marker: string) {
  return prisma.feedback.findMany({ where: { message: { contains: marker } }, select: { locale: true, message: true, name: true, email: true } });
}

/** A fresh page on the barrier form, from a client address of its own (see asNewClient). */
async function openForm(locale: Locale, { javaScript, context }: { javaScript: boolean; context?: BrowserContext }): Promise<Page> {
  const page = context
    ? await context.newPage()
    : await openPage(browser, { javaScriptEnabled: javaScript, extraHTTPHeaders: asNewClient('203.0.113') });
  expect(await visit(page, FEEDBACK_PATH[locale])).toBe(200);
  // With JavaScript, the form is sent by React once hydrated; before that it would be a plain post.
  if (javaScript) await page.waitForLoadState('networkidle');
  return page;
}

function messageField(page: Page, locale: Locale) {
  return page.getByLabel(FEEDBACK_TEXT[locale].message, { exact: true });
}

for (const javaScript of [false, true]) {
  describe(`the barrier form with JavaScript ${javaScript ? 'on' : 'off'}`, () => {
    it('treats a form sent sooner than a person could type as spam: a normal confirmation, nothing stored', async () => {
      const marker = randomUUID();
      const page = await openForm('de', { javaScript });
      await messageField(page, 'de').fill(`Sofort abgeschickt ${marker}`);
      await submitFeedback(page, 'de');
      await page.getByRole('heading', { name: FEEDBACK_TEXT.de.thanksHeading }).waitFor();
      expect(await rowsWith(marker)).toEqual([]);
      await page.context().close();
    });

    it('answers a too short message on the same page with an error summary linking to the field, keeping the values', async () => {
      const marker = randomUUID();
      const page = await openForm('de', { javaScript });
      await messageField(page, 'de').fill('kurz');
      await page.getByLabel('Ihr Name (optional)').fill(`Erika ${marker}`);
      await waitLikeAPerson(page);
      await submitFeedback(page, 'de');

      expect(pathOf(page)).toBe(FEEDBACK_PATH.de);
      const summary = page.getByRole('alert');
      expect(squash(await summary.locator('p').first().textContent())).toBe(FEEDBACK_TEXT.de.errorSummary);
      const errorLink = summary.getByRole('link', { name: FEEDBACK_TEXT.de.tooShort, exact: true });
      expect(await errorLink.getAttribute('href')).toBe('#feedback-message');
      const field = messageField(page, 'de');
      expect(await field.getAttribute('id')).toBe('feedback-message');
      expect(await field.getAttribute('aria-invalid')).toBe('true');
      const describedBy = (await field.getAttribute('aria-describedby'))?.split(/\s+/) ?? [];
      const descriptions = await Promise.all(describedBy.map((id) => page.locator(`[id="${id}"]`).textContent()));
      expect(descriptions).toContain(FEEDBACK_TEXT.de.tooShort);
      expect(await field.inputValue()).toBe('kurz');
      expect(await page.getByLabel('Ihr Name (optional)').inputValue()).toBe(`Erika ${marker}`);
      expect(await prisma.feedback.count({ where: { name: { contains: marker } } })).toBe(0);
      await page.context().close();
    });

    for (const locale of ['de', 'en'] as const) {
      it(`stores a valid ${locale} report once and confirms it in ${locale}`, async () => {
        const marker = randomUUID();
        const message = `Die Grafik auf der Startseite hat keinen Alternativtext. ${marker}`;
        const page = await openForm(locale, { javaScript });
        await messageField(page, locale).fill(message);
        await page.locator('#feedback-email').fill('leser@example.org');
        await waitLikeAPerson(page);
        await submitFeedback(page, locale);

        await page.getByRole('heading', { name: FEEDBACK_TEXT[locale].thanksHeading, exact: true }).waitFor();
        expect(await page.getByRole('status').getByRole('heading').textContent()).toBe(FEEDBACK_TEXT[locale].thanksHeading);
        expect(await rowsWith(marker)).toEqual([{ locale, message, name: null, email: 'leser@example.org' }]);
        await page.context().close();
      });
    }

    it('stores nothing when the hidden honeypot field is filled in, and confirms as usual', async () => {
      const marker = randomUUID();
      const page = await openForm('en', { javaScript });
      await messageField(page, 'en').fill(`A bot wrote this long enough message. ${marker}`);
      // Bots fill in every field they find; people never see this one.
      await page.locator('#feedback-website').evaluate((input: HTMLInputElement) => {
        input.value = 'https://spam.example';
      });
      await waitLikeAPerson(page);
      await submitFeedback(page, 'en');
      await page.getByRole('heading', { name: FEEDBACK_TEXT.en.thanksHeading, exact: true }).waitFor();
      expect(await rowsWith(marker)).toEqual([]);
      await page.context().close();
    });
  });
}

describe('the barrier form’s rate limit', () => {
  it('accepts five reports from one client within ten minutes and answers the sixth with a localized "too many"', async () => {
    const marker = randomUUID();
    const context = await browser.newContext({ javaScriptEnabled: false, extraHTTPHeaders: asNewClient('203.0.113') });
    const pages = await Promise.all([0, 1, 2, 3, 4, 5].map(() => openForm('en', { javaScript: false, context })));
    for (const [index, page] of pages.entries()) await messageField(page, 'en').fill(`Report number ${index + 1} of six. ${marker}`);
    // One wait covers all six forms: each was shown more than two seconds before it is sent.
    const [firstPage] = pages;
    if (!firstPage) throw new Error('six forms are open');
    await waitLikeAPerson(firstPage);

    const answers: string[] = [];
    for (const page of pages) {
      await submitFeedback(page, 'en');
      answers.push(squash(await page.getByRole('alert').or(page.getByRole('status')).first().textContent()));
    }
    expect(answers.slice(0, 5).every((answer) => answer.startsWith(FEEDBACK_TEXT.en.thanksHeading))).toBe(true);
    expect(answers[5]).toBe(FEEDBACK_TEXT.en.rateLimited);
    const lastPage = pages[5];
    if (!lastPage) throw new Error('six forms are open');
    expect(await messageField(lastPage, 'en').inputValue()).toBe(`Report number 6 of six. ${marker}`);
    expect(await rowsWith(marker)).toHaveLength(5);
    await context.close();
  });
});
