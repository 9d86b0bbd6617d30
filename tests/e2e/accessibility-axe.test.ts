import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { otherLocale } from '@/i18n/routing';
import { openPage, sharedBrowser } from './browser';
import {
  asNewClient,
  CHECKED_PAGES,
  describeViolations,
  faintFormFields,
  horizontalOverflow,
  openChecked,
  pageStructure,
  skippedHeadingLevels,
  unclearLinks,
  wcagViolations,
  type PageStructure,
} from './accessibility-helpers';
import { articlePath, demoArticle, squash, translationOf, visit } from './helpers';

/*
 * Every page type in both languages, scanned by axe-core for WCAG 2.2 A and
 * AA in light and dark colour schemes, on a desktop and a 320 px wide
 * screen; then its structure as assistive technology presents it, and its
 * reflow at 320 CSS pixels (a phone, or a 1280 px window zoomed to 400 %).
 */

const SCHEMES = ['light', 'dark'] as const;
const WIDTHS = [1280, 320] as const;
// Each opened page sends its reports (the error states) as a client of its own.
const client = () => asNewClient('198.51.100');

const browser = sharedBrowser();

for (const checked of CHECKED_PAGES) {
  describe(`${checked.name}: ${checked.path}`, () => {
    for (const colorScheme of SCHEMES) {
      describe(`in the ${colorScheme} colour scheme`, () => {
        let page: Page;

        beforeAll(async () => {
          page = await openPage(browser, { colorScheme, viewport: { width: 1280, height: 900 }, extraHTTPHeaders: client() });
          await openChecked(page, checked);
        });

        afterAll(async () => {
          await page.context().close();
        });

        for (const width of WIDTHS) {
          it(`has no WCAG 2.2 A or AA violations at ${width} px`, async () => {
            await page.setViewportSize({ width, height: 900 });
            expect(describeViolations(await wcagViolations(page))).toBe('');
          });
        }

        // axe-core does not check non-text contrast.
        it('gives every form field an edge that stands out from its surroundings', async () => {
          expect(await faintFormFields(page)).toEqual([]);
        });
      });
    }

    describe('structure and reflow', () => {
      let page: Page;
      let structure: PageStructure;

      beforeAll(async () => {
        page = await openPage(browser, { viewport: { width: 1280, height: 900 }, extraHTTPHeaders: client() });
        await openChecked(page, checked);
        structure = await pageStructure(page);
      });

      afterAll(async () => {
        await page.context().close();
      });

      it('has one banner, one main and one contentinfo landmark, and names every navigation', () => {
        expect({ banners: structure.banners, mains: structure.mains, contentinfos: structure.contentinfos }).toEqual({
          banners: 1,
          mains: 1,
          contentinfos: 1,
        });
        expect(structure.navigations.length).toBeGreaterThanOrEqual(2);
        expect(structure.navigations.filter((name) => name === '')).toEqual([]);
        expect(new Set(structure.navigations).size).toBe(structure.navigations.length);
      });

      it('names every search landmark, each differently', () => {
        expect(structure.searches.length).toBeGreaterThanOrEqual(1);
        expect(structure.searches.filter((name) => name === '')).toEqual([]);
        expect(new Set(structure.searches).size).toBe(structure.searches.length);
      });

      it('has exactly one h1 and skips no heading level', () => {
        expect(structure.headingLevels.filter((level) => level === 1)).toHaveLength(1);
        expect(skippedHeadingLevels(structure.headingLevels)).toEqual([]);
      });

      it('gives every image an alt attribute', () => {
        expect(structure.images.filter((image) => image.alt === null)).toEqual([]);
      });

      it('has link texts that make sense on their own', () => {
        expect(unclearLinks(structure.links)).toEqual([]);
      });

      it('uses every id once', () => {
        expect(structure.duplicateIds).toEqual([]);
      });

      it('marks the other language: the language switch and the Easy German link', async () => {
        const banner = page.getByRole('banner');
        const easyGerman = banner.getByRole('link', { name: 'Leichte Sprache', exact: true });
        expect(await easyGerman.getAttribute('lang')).toBe('de');
        const switchLink = banner.getByTestId('language-switch');
        if ((await switchLink.count()) > 0) {
          expect(await switchLink.getAttribute('lang')).toBe(otherLocale(checked.locale));
        } else {
          // No translation: the notice is in the page's language, as is its link.
          expect(await banner.getByTestId('language-switch-missing').locator('[lang]').count()).toBe(0);
        }
      });

      it('reflows at 320 px and at 400 % zoom of a 1280 × 1024 window without horizontal scrolling', async () => {
        for (const viewport of [
          { width: 320, height: 800 },
          { width: 1280 / 4, height: 1024 / 4 },
        ]) {
          await page.setViewportSize(viewport);
          const overflow = await horizontalOverflow(page);
          expect(overflow, `${viewport.width} × ${viewport.height}: ${overflow.culprits.join(', ')}`).toMatchObject({
            scrollWidth: overflow.clientWidth,
          });
        }
      });
    });
  });
}

describe('article 01: quotation, images and credit for screen readers', () => {
  const article = demoArticle('01');
  let page: Page;

  beforeAll(async () => {
    page = await openPage(browser);
    expect(await visit(page, articlePath('de', translationOf(article, 'de').slug))).toBe(200);
  });

  afterAll(async () => {
    await page.context().close();
  });

  it('presents the quotation as a blockquote with its speaker in the same figure', async () => {
    const speaker = /^> — (.+)$/m.exec(translationOf(article, 'de').body)?.[1];
    if (!speaker) throw new Error('demo article 01 has a quotation with a speaker');
    const figure = page.locator('main figure').filter({ has: page.locator('blockquote') });
    await expect(figure.count()).resolves.toBe(1);
    expect(squash(await figure.locator('figcaption').textContent())).toBe(`— ${speaker}`);
    expect(await page.getByRole('blockquote').count()).toBe(1);
  });

  it('describes the lead image and leaves the teaser pictures beside their title links unannounced', async () => {
    const leadAlt = article.input.image?.alt.de;
    if (!leadAlt) throw new Error('demo article 01 has a lead image');
    expect(await page.locator('main article figure img').getAttribute('alt')).toBe(leadAlt);
    const teaserAlts = await page.locator('section[aria-labelledby="related"] img').evaluateAll((images) =>
      images.map((image) => image.getAttribute('alt')),
    );
    expect(teaserAlts.length).toBeGreaterThan(0);
    expect(new Set(teaserAlts)).toEqual(new Set(['']));
  });

  it('lets screen readers read the photo credit', async () => {
    const credit = article.input.image?.credit;
    if (!credit) throw new Error('demo article 01 has a photo credit');
    const snapshot = await page.locator('main article figure').filter({ has: page.locator('img') }).ariaSnapshot();
    expect(snapshot).toContain(credit);
  });
});

describe('colour scheme and motion preferences', () => {
  async function styles(options: { colorScheme: 'light' | 'dark'; reducedMotion: 'reduce' | 'no-preference' }) {
    const page = await openPage(browser, options);
    try {
      expect(await visit(page, '/de')).toBe(200);
      return await page.evaluate(() => ({
        background: getComputedStyle(document.body).backgroundColor,
        color: getComputedStyle(document.body).color,
        scrollBehavior: getComputedStyle(document.documentElement).scrollBehavior,
      }));
    } finally {
      await page.context().close();
    }
  }

  it('follows prefers-color-scheme: dark gets another background and text colour', async () => {
    const light = await styles({ colorScheme: 'light', reducedMotion: 'no-preference' });
    const dark = await styles({ colorScheme: 'dark', reducedMotion: 'no-preference' });
    expect(dark.background).not.toBe(light.background);
    expect(dark.color).not.toBe(light.color);
  });

  it('scrolls smoothly only for readers who have not asked for reduced motion', async () => {
    expect((await styles({ colorScheme: 'light', reducedMotion: 'no-preference' })).scrollBehavior).toBe('smooth');
    expect((await styles({ colorScheme: 'light', reducedMotion: 'reduce' })).scrollBehavior).toBe('auto');
  });
});
