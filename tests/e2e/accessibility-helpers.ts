import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import type { Locale } from '@/i18n/routing';
import { MIN_FILL_MS } from '@/lib/feedback/feedback-input';
import { articlePath, demoArticle, translationOf, visit } from './helpers';

/*
 * What the accessibility, no-JavaScript and legal-page tests share: the pages
 * every check walks through, the axe-core scan with readable failures, the
 * page structure as assistive technology sees it, and the barrier form.
 */

/** WCAG 2.0, 2.1 and 2.2 success criteria of levels A and AA, as axe-core tags them. */
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

export type CheckedPage = {
  name: string;
  path: string;
  locale: Locale;
  status: number;
  /** Brings the page into the state to check, after it was opened. */
  prepare?: (page: Page) => Promise<void>;
};

export const FEEDBACK_PATH: Record<Locale, string> = { de: '/de/barriere-melden', en: '/en/report-a-barrier' };

/** The reader-facing texts of the barrier form (messages/*.json, namespace Feedback). */
export const FEEDBACK_TEXT: Record<
  Locale,
  { message: string; submit: string; errorSummary: string; tooShort: string; thanksHeading: string; rateLimited: string }
> = {
  de: {
    message: 'Was ist Ihnen aufgefallen?',
    submit: 'Absenden',
    errorSummary: 'Bitte prüfen Sie Ihre Angaben:',
    tooShort: 'Bitte beschreiben Sie die Barriere mit mindestens 10 Zeichen.',
    thanksHeading: 'Vielen Dank für Ihre Meldung',
    rateLimited: 'Sie haben in kurzer Zeit viele Meldungen gesendet. Bitte versuchen Sie es in einigen Minuten erneut.',
  },
  en: {
    message: 'What did you notice?',
    submit: 'Send',
    errorSummary: 'Please check your entries:',
    tooShort: 'Please describe the barrier in at least 10 characters.',
    thanksHeading: 'Thank you for your report',
    rateLimited: 'You have sent many reports in a short time. Please try again in a few minutes.',
  },
};

/** The form counts anything sent sooner than this after it was shown as spam. */
export async function waitLikeAPerson(page: Page): Promise<void> {
  await page.waitForTimeout(MIN_FILL_MS + 400);
}

/** Sends the barrier form as it is and waits for the page that answers (with or without JavaScript). */
export async function submitFeedback(page: Page, locale: Locale): Promise<void> {
  await page.getByRole('button', { name: FEEDBACK_TEXT[locale].submit, exact: true }).click();
  await page.getByRole('alert').or(page.getByRole('status')).first().waitFor();
}

/** The barrier form after an empty message was sent: error summary and the field marked. */
export async function showFeedbackErrors(page: Page, locale: Locale): Promise<void> {
  await waitLikeAPerson(page);
  await submitFeedback(page, locale);
  await page.getByText(FEEDBACK_TEXT[locale].errorSummary).waitFor();
}

const BOTH_LANGUAGES = demoArticle('01');
const GERMAN_ONLY = demoArticle('04');

/** Every kind of page a reader can reach, in both languages. */
export const CHECKED_PAGES: readonly CheckedPage[] = [
  { name: 'home (de)', path: '/de', locale: 'de', status: 200 },
  { name: 'home (en)', path: '/en', locale: 'en', status: 200 },
  { name: 'article (de)', path: articlePath('de', translationOf(BOTH_LANGUAGES, 'de').slug), locale: 'de', status: 200 },
  { name: 'article (en)', path: articlePath('en', translationOf(BOTH_LANGUAGES, 'en').slug), locale: 'en', status: 200 },
  { name: 'German-only article', path: articlePath('de', translationOf(GERMAN_ONLY, 'de').slug), locale: 'de', status: 200 },
  { name: 'tag (de)', path: '/de/schlagwort/irak', locale: 'de', status: 200 },
  { name: 'tag (en)', path: '/en/tag/iraq', locale: 'en', status: 200 },
  { name: 'search with results', path: '/de/suche?q=irak', locale: 'de', status: 200 },
  { name: 'search without results', path: '/de/suche?q=xyzzy', locale: 'de', status: 200 },
  { name: 'search without a query', path: '/de/suche', locale: 'de', status: 200 },
  { name: 'search (en)', path: '/en/search?q=iraq', locale: 'en', status: 200 },
  { name: '404 (de)', path: '/de/gibtsnicht', locale: 'de', status: 404 },
  { name: '404 (en)', path: '/en/nothing-here', locale: 'en', status: 404 },
  { name: 'imprint (de)', path: '/de/impressum', locale: 'de', status: 200 },
  { name: 'imprint (en)', path: '/en/imprint', locale: 'en', status: 200 },
  { name: 'privacy (de)', path: '/de/datenschutz', locale: 'de', status: 200 },
  { name: 'privacy (en)', path: '/en/privacy', locale: 'en', status: 200 },
  { name: 'accessibility statement (de)', path: '/de/barrierefreiheit', locale: 'de', status: 200 },
  { name: 'accessibility statement (en)', path: '/en/accessibility', locale: 'en', status: 200 },
  { name: 'Easy German', path: '/de/leichte-sprache', locale: 'de', status: 200 },
  { name: 'barrier form (de)', path: FEEDBACK_PATH.de, locale: 'de', status: 200 },
  { name: 'barrier form (en)', path: FEEDBACK_PATH.en, locale: 'en', status: 200 },
  { name: 'barrier form with errors (de)', path: FEEDBACK_PATH.de, locale: 'de', status: 200, prepare: (page) => showFeedbackErrors(page, 'de') },
  { name: 'barrier form with errors (en)', path: FEEDBACK_PATH.en, locale: 'en', status: 200, prepare: (page) => showFeedbackErrors(page, 'en') },
];

/** Opens a checked page and brings it into the state to check. */
export async function openChecked(page: Page, checked: CheckedPage): Promise<void> {
  const status = await visit(page, checked.path);
  if (status !== checked.status) throw new Error(`${checked.path} answered ${status}, expected ${checked.status}`);
  await checked.prepare?.(page);
}

export type AxeViolation = Awaited<ReturnType<AxeBuilder['analyze']>>['violations'][number];

/** Violations of WCAG 2.2 A and AA rules on the page as it is now. */
export async function wcagViolations(page: Page): Promise<AxeViolation[]> {
  // Only violations are reported, which saves axe-core collecting the passes; options() replaces
  // all options, so it must come before withTags().
  const results = await new AxeBuilder({ page }).options({ resultTypes: ['violations'] }).withTags(WCAG_TAGS).analyze();
  return results.violations;
}

/** One block per rule: id, impact, what it asks, then each failing element with axe's summary. */
export function describeViolations(violations: readonly AxeViolation[]): string {
  return violations
    .map((violation) =>
      [
        `${violation.id} (${violation.impact ?? 'no impact given'}): ${violation.help}`,
        ...violation.nodes.map((node) => `  ${node.target.map(String).join(' >> ')}\n    ${(node.failureSummary ?? '').replace(/\s+/g, ' ').trim()}`),
      ].join('\n'),
    )
    .join('\n');
}

/** What reaches beyond the viewport's right edge (elements by tag, id and class; text by its words) when the page scrolls sideways. */
export async function horizontalOverflow(page: Page): Promise<{ scrollWidth: number; clientWidth: number; culprits: string[] }> {
  return page.evaluate(() => {
    const root = document.documentElement;
    const beyond = (rect: DOMRect) => rect.width > 0 && rect.right > root.clientWidth + 0.5;
    const culprits: string[] = [];
    if (root.scrollWidth > root.clientWidth) {
      for (const element of document.body.querySelectorAll('*')) {
        if (beyond(element.getBoundingClientRect())) {
          culprits.push(`${element.tagName.toLowerCase()}${element.id ? `#${element.id}` : ''}${[...element.classList].map((name) => `.${name}`).join('')}`);
        }
      }
      const texts = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      for (let node = texts.nextNode(); node; node = texts.nextNode()) {
        const range = document.createRange();
        range.selectNodeContents(node);
        if (beyond(range.getBoundingClientRect())) culprits.push(`text "${(node.textContent ?? '').trim().slice(0, 60)}"`);
      }
    }
    return { scrollWidth: root.scrollWidth, clientWidth: root.clientWidth, culprits: culprits.slice(0, 12) };
  });
}

export type PageStructure = {
  banners: number;
  mains: number;
  contentinfos: number;
  /** Accessible names of the navigation landmarks, empty when unnamed. */
  navigations: string[];
  /** Accessible names of the search landmarks, empty when unnamed. */
  searches: string[];
  /** Levels of the headings a screen reader announces, in document order. */
  headingLevels: number[];
  /** Links with the name a screen reader reads and their resolved target. */
  links: { name: string; href: string }[];
  /** Every image with its alt attribute (null when missing). */
  images: { src: string; alt: string | null }[];
  /** Ids used more than once. */
  duplicateIds: string[];
};

/** The page as assistive technology presents it: landmarks, headings, links, images. */
export async function pageStructure(page: Page): Promise<PageStructure> {
  return page.evaluate(() => {
    const hiddenFromAll = (element: Element) => element.closest('[aria-hidden="true"], [hidden]') !== null || !element.checkVisibility();
    // header and footer are page landmarks only outside sectioning content (HTML-AAM).
    const pageLevel = (element: Element) => element.parentElement?.closest('article, aside, main, nav, section') === null;
    const textOf = (element: Element): string => {
      const labelledBy = element.getAttribute('aria-labelledby');
      if (labelledBy) return labelledBy.split(/\s+/).map((id) => document.getElementById(id)?.textContent ?? '').join(' ');
      const label = element.getAttribute('aria-label');
      if (label) return label;
      const walk = (node: Node): string => {
        if (node.nodeType === Node.TEXT_NODE) return node.textContent ?? '';
        if (!(node instanceof Element) || node.getAttribute('aria-hidden') === 'true') return '';
        if (node instanceof HTMLImageElement) return node.alt;
        return [...node.childNodes].map(walk).join('');
      };
      return walk(element);
    };
    const squash = (text: string) => text.replace(/\s+/g, ' ').trim();
    const visible = (selector: string) => [...document.querySelectorAll(selector)].filter((element) => !hiddenFromAll(element));
    const ids = [...document.querySelectorAll('[id]')].map((element) => element.id);
    return {
      banners: visible('header, [role="banner"]').filter((element) => element.getAttribute('role') === 'banner' || pageLevel(element)).length,
      mains: visible('main, [role="main"]').length,
      contentinfos: visible('footer, [role="contentinfo"]').filter((element) => element.getAttribute('role') === 'contentinfo' || pageLevel(element))
        .length,
      navigations: visible('nav, [role="navigation"]').map((element) =>
        element.hasAttribute('aria-label') || element.hasAttribute('aria-labelledby') ? squash(textOf(element)) : '',
      ),
      searches: visible('search, [role="search"]').map((element) => squash(element.getAttribute('aria-label') ?? '')),
      headingLevels: visible('h1, h2, h3, h4, h5, h6, [role="heading"]').map((element) =>
        Number(element.getAttribute('aria-level') ?? element.tagName.slice(1)),
      ),
      links: visible('a[href]').map((element) => ({ name: squash(textOf(element)), href: (element as HTMLAnchorElement).href })),
      images: [...document.querySelectorAll('img')].map((image) => ({ src: image.getAttribute('src') ?? '', alt: image.getAttribute('alt') })),
      duplicateIds: [...new Set(ids.filter((id, index) => ids.indexOf(id) !== index))],
    };
  });
}

/** Places where a heading level is skipped, e.g. "h1 → h3"; the first heading must be the h1. */
export function skippedHeadingLevels(levels: readonly number[]): string[] {
  const problems: string[] = [];
  if (levels[0] !== 1) problems.push(`first heading is h${levels[0] ?? '(none)'}`);
  levels.forEach((level, index) => {
    const previous = levels[index - 1];
    if (previous !== undefined && level > previous + 1) problems.push(`h${previous} → h${level}`);
  });
  return problems;
}

/** Link texts that say nothing out of context. */
const VAGUE_LINK_TEXTS = new Set(['hier', 'here', 'click here', 'hier klicken', 'mehr', 'more', 'read more', 'weiterlesen', 'link', 'weiter']);

/** Links whose text means nothing alone, and texts that lead to different places. */
export function unclearLinks(links: readonly { name: string; href: string }[]): string[] {
  const problems: string[] = [];
  const targets = new Map<string, Set<string>>();
  for (const { name, href } of links) {
    if (name === '') problems.push(`a link to ${href} has no text`);
    if (VAGUE_LINK_TEXTS.has(name.toLowerCase())) problems.push(`"${name}" (${href}) means nothing out of context`);
    targets.set(name, (targets.get(name) ?? new Set()).add(href));
  }
  for (const [name, hrefs] of targets) {
    if (hrefs.size > 1) problems.push(`"${name}" leads to ${[...hrefs].join(' and ')}`);
  }
  return problems;
}

let clients = 0;

/**
 * Request headers that make a browser context a client of its own for the
 * barrier form's rate limit, which counts reports per address as a front
 * proxy reports it (X-Forwarded-For, lib/rate-limit.ts). All tests share one
 * server, so without this their reports would add up to one client's limit.
 * `network` (one of the documentation networks 192.0.2, 198.51.100, 203.0.113)
 * keeps the test files apart.
 */
export function asNewClient(network: '192.0.2' | '198.51.100' | '203.0.113'): { 'x-forwarded-for': string } {
  clients += 1;
  return { 'x-forwarded-for': `${network}.${clients}` };
}

type Rgb = [number, number, number];

/** The sRGB channels of a computed colour (`rgb()`/`rgba()`); null when it is fully transparent or not in that form. */
function parseColor(css: string): Rgb | null {
  const parts = /^rgba?\(([^)]+)\)$/.exec(css.trim())?.[1]?.split(/[\s,/]+/).filter(Boolean).map(Number);
  if (!parts || parts.length < 3 || parts[3] === 0) return null;
  const [r = 0, g = 0, b = 0] = parts;
  return [r, g, b];
}

function luminance(rgb: Rgb): number {
  const [r, g, b] = rgb.map((value) => {
    const channel = value / 255;
    return channel <= 0.03928 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4;
  }) as Rgb;
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/**
 * WCAG contrast ratio of a colour against what lies behind it, given as the
 * computed background colours from the nearest element outwards (the first
 * opaque one counts; the canvas is white when none is).
 */
export function contrastAgainst(color: string, backgroundsOutwards: readonly string[]): number {
  const foreground = parseColor(color);
  if (!foreground) return 1;
  const background = backgroundsOutwards.map(parseColor).find((rgb) => rgb !== null) ?? [255, 255, 255];
  const [light, dark] = [luminance(foreground), luminance(background)].sort((a, b) => b - a) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

/** Form fields whose edge is hard to see: a border under 1 px or under 3:1 against the surroundings (WCAG 1.4.11). */
export async function faintFormFields(page: Page): Promise<string[]> {
  const fields = await page.evaluate(() =>
    [...document.querySelectorAll('input:not([type="hidden"]):not([type="submit"]), select, textarea')]
      .filter((field) => field.checkVisibility())
      .map((field) => {
        const style = getComputedStyle(field);
        const backgrounds: string[] = [];
        for (let ancestor = field.parentElement; ancestor; ancestor = ancestor.parentElement) backgrounds.push(getComputedStyle(ancestor).backgroundColor);
        return { name: field.id || field.getAttribute('name') || field.tagName, borderColor: style.borderTopColor, borderWidth: parseFloat(style.borderTopWidth), backgrounds };
      }),
  );
  return fields
    .map((field) => ({ ...field, contrast: contrastAgainst(field.borderColor, field.backgrounds) }))
    .filter((field) => field.borderWidth < 1 || field.contrast < 3)
    .map((field) => `${field.name}: ${field.borderWidth} px border, contrast ${field.contrast.toFixed(2)}:1`);
}
