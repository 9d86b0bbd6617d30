import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPage, sharedBrowser } from './browser';
import { contrastAgainst } from './accessibility-helpers';
import { articlePath, demoArticle, translationOf, visit } from './helpers';

/*
 * A keyboard-only reader on the article page, with JavaScript on: the skip
 * link comes first and works, every stop shows a clear focus indicator, the
 * order follows the page, nothing traps the focus, and Shift+Tab goes back.
 */

const ARTICLE_PATH = articlePath('de', translationOf(demoArticle('01'), 'de').slug);
/** Far more stops than the article page has; a walk this long means the focus is stuck. */
const MAX_TAB_PRESSES = 150;

/** Where the focus is, as a reader sees it. */
type FocusStop = {
  /** Position in document order; -1 when the focus has left the page's elements. */
  order: number;
  description: string;
  visible: boolean;
  outline: { style: string; width: number };
  boxShadow: string;
  /** Contrast of the focus outline against what surrounds the element (WCAG 1.4.11 asks for 3:1). */
  outlineContrast: number;
  /** Contrast of the element's text against its own background. */
  textContrast: number;
  insideMain: boolean;
};

async function focusStop(page: Page): Promise<FocusStop> {
  const focused = await page.evaluate(() => {
    const element = document.activeElement;
    if (!element || element === document.body || element === document.documentElement) return null;
    const style = getComputedStyle(element);
    const rect = element.getBoundingClientRect();
    const backgrounds: string[] = [];
    for (let ancestor: Element | null = element; ancestor; ancestor = ancestor.parentElement) backgrounds.push(getComputedStyle(ancestor).backgroundColor);
    const text = (element.getAttribute('aria-label') ?? element.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 50);
    const href = element.getAttribute('href');
    return {
      order: [...document.querySelectorAll('*')].indexOf(element),
      description: `<${element.tagName.toLowerCase()}${href ? ` href="${href}"` : ''}> ${text}`,
      visible: rect.width >= 1 && rect.height >= 1 && rect.bottom > 0 && rect.top < innerHeight && rect.right > 0 && rect.left < innerWidth,
      outline: { style: style.outlineStyle, width: parseFloat(style.outlineWidth) },
      boxShadow: style.boxShadow,
      outlineColor: style.outlineColor,
      color: style.color,
      backgrounds,
      insideMain: element.closest('main') !== null,
    };
  });
  if (!focused) {
    return { order: -1, description: 'the page itself', visible: false, outline: { style: 'none', width: 0 }, boxShadow: 'none', outlineContrast: 0, textContrast: 0, insideMain: false };
  }
  const { outlineColor, color, backgrounds, ...stop } = focused;
  return {
    ...stop,
    // The outline is drawn outside the element, over its surroundings.
    outlineContrast: contrastAgainst(outlineColor, backgrounds.slice(1)),
    textContrast: contrastAgainst(color, backgrounds),
  };
}

/** Presses a key and waits until the (smoothly scrolling) page has brought the focused element into view. */
async function pressAndSettle(page: Page, key: 'Tab' | 'Shift+Tab'): Promise<FocusStop> {
  await page.keyboard.press(key);
  await page
    .waitForFunction(
      () => {
        const element = document.activeElement;
        if (!element || element === document.body) return true;
        const rect = element.getBoundingClientRect();
        return rect.bottom > 0 && rect.top < innerHeight;
      },
      undefined,
      { timeout: 2_000 },
    )
    // Not in view after two seconds: focusStop reports it as invisible.
    .catch(() => undefined);
  return focusStop(page);
}

/** Presses Tab until the focus leaves the page or comes round to the first stop again. */
async function walkForward(page: Page): Promise<{ stops: FocusStop[]; left: boolean }> {
  const stops: FocusStop[] = [];
  for (let press = 0; press < MAX_TAB_PRESSES; press += 1) {
    const stop = await pressAndSettle(page, 'Tab');
    if (stop.order === -1 || stop.order === stops[0]?.order) return { stops, left: true };
    stops.push(stop);
  }
  return { stops, left: false };
}

const browser = sharedBrowser();

async function openArticle(colorScheme: 'light' | 'dark' = 'light'): Promise<Page> {
  const page = await openPage(browser, { colorScheme, viewport: { width: 1280, height: 900 } });
  expect(await visit(page, ARTICLE_PATH)).toBe(200);
  // The share buttons appear once the page is hydrated; the walk must see the finished page.
  await page.waitForLoadState('networkidle');
  return page;
}

describe('article page by keyboard', () => {
  it('offers "skip to content" at the first Tab, visibly, and Enter moves the focus to the main content', async () => {
    const page = await openArticle();
    await page.keyboard.press('Tab');
    const skipLink = page.locator(':focus');
    expect(await skipLink.getAttribute('href')).toBe('#content');
    expect(await skipLink.textContent()).toBe('Zum Inhalt springen');
    const stop = await focusStop(page);
    expect(stop.visible).toBe(true);
    expect(stop.textContrast).toBeGreaterThanOrEqual(4.5);

    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('content');
    await page.keyboard.press('Tab');
    expect((await focusStop(page)).insideMain).toBe(true);
    await page.context().close();
  });

  for (const colorScheme of ['light', 'dark'] as const) {
    describe(`walking the whole page with Tab (${colorScheme} colour scheme)`, () => {
      let page: Page;
      let walk: { stops: FocusStop[]; left: boolean };

      beforeAll(async () => {
        page = await openArticle(colorScheme);
        walk = await walkForward(page);
      });

      afterAll(async () => {
        await page.context().close();
      });

      it('reaches the header, the article and the footer, then leaves the page: no trap', () => {
        expect(walk.left).toBe(true);
        expect(walk.stops.length).toBeGreaterThan(20);
        expect(walk.stops[0]?.description).toContain('#content');
        expect(walk.stops.some((stop) => stop.insideMain)).toBe(true);
        expect(walk.stops.at(-1)?.insideMain).toBe(false);
      });

      it('shows every stop on screen with a focus outline of at least 2 px in a colour that stands out (3:1)', () => {
        const unclear = walk.stops.filter(
          (stop) => !stop.visible || ((stop.outline.style === 'none' || stop.outline.width < 2 || stop.outlineContrast < 3) && stop.boxShadow === 'none'),
        );
        expect(unclear).toEqual([]);
      });

      it('moves through the page in document order and stops nowhere twice', () => {
        const orders = walk.stops.map((stop) => stop.order);
        const backwards = orders.flatMap((order, index) => (index > 0 && order <= (orders[index - 1] ?? -1) ? [walk.stops[index]?.description] : []));
        expect(backwards).toEqual([]);
        expect(new Set(orders).size).toBe(orders.length);
      });

      it('goes back the same way with Shift+Tab', async () => {
        const forward = walk.stops.map((stop) => stop.order);
        // The walk ended outside the page; the first Shift+Tab returns to its last stop.
        const back: number[] = [];
        for (let press = 0; press < forward.length; press += 1) {
          back.push((await pressAndSettle(page, 'Shift+Tab')).order);
        }
        expect(back).toEqual([...forward].reverse());
      });
    });
  }
});
