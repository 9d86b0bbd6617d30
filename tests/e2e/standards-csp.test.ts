import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANSWERED_FROM_HEADER } from '@/server/page-answers';
import { highFindings } from '../helpers/csp-evaluator';
import { openPage, sharedBrowser } from './browser';
import { baseUrl, LOCALES, request } from './helpers';
import { openOwnEditorSession, withdrawnArticle, type EditorSession } from './publishing-helpers';
import { germanOnlyPages, pagesInEveryLanguage, pagesOfEveryType, type CheckedPage } from './standards-pages';

/*
 * The Content-Security-Policy allows no inline script by 'unsafe-inline':
 * pages sent in one piece (the ISR cache's) name their own inline scripts by
 * hash, streamed renders by a nonce per response (lib/security-headers.ts).
 * Every page type in both languages runs in Chromium with JavaScript on
 * without a single violation, and no policy has a HIGH finding by CSP
 * Evaluator's rules.
 */

type PolicyViolation = { directive: string; blocked: string; sample: string };

declare global {
  interface Window {
    __policyViolations?: PolicyViolation[];
    __next_f?: unknown[];
  }
}

let editor: EditorSession;
const browser = sharedBrowser();
const checked: (CheckedPage & { locale: string })[] = [];

beforeAll(async () => {
  editor = await openOwnEditorSession('standards-csp');
  checked.push(...pagesOfEveryType(await withdrawnArticle(editor)));
}, 120_000);

afterAll(() => editor?.close());

function scriptSources(policy: string | null): string[] {
  const directive = (policy ?? '').split(';').map((part) => part.trim()).find((part) => part.startsWith('script-src '));
  return directive?.split(/\s+/).slice(1) ?? [];
}

const everyPage = () => checked;

describe('Content-Security-Policy without unsafe-inline', () => {
  it('names the page types of both languages it checks', () => {
    expect(everyPage().length).toBeGreaterThanOrEqual(2 * 12);
  });

  for (const locale of LOCALES) {
    const pages = [...pagesInEveryLanguage(locale), ...(locale === 'de' ? germanOnlyPages() : []), { name: '410 page', path: '', status: 410 }];
    for (const listed of pages) {
      it(`${locale}: ${listed.name} runs in Chromium with no violation, under a policy without a HIGH finding`, async () => {
        const page = checked.find((candidate) => candidate.locale === locale && candidate.name.startsWith(listed.name) && candidate.status === listed.status);
        if (!page) throw new Error(`${listed.name} was not listed`);
        const tab = await openPage(browser);
        const consoleMessages: string[] = [];
        const errors: string[] = [];
        tab.on('console', (message) => {
          if (/content[ -]security[ -]policy/i.test(message.text())) consoleMessages.push(message.text());
        });
        tab.on('pageerror', (error) => errors.push(error.message));
        await tab.addInitScript(() => {
          window.__policyViolations = [];
          document.addEventListener(
            'securitypolicyviolation',
            (event) => window.__policyViolations?.push({ directive: event.violatedDirective, blocked: event.blockedURI, sample: event.sample }),
            true,
          );
        });
        try {
          // Twice: the first answer may be a render, the second comes from a cache (the ISR cache or the server's kept answers).
          for (const round of [1, 2]) {
            const response = await tab.goto(new URL(page.path, baseUrl).href, { waitUntil: 'networkidle' });
            expect(response?.status(), `${page.path}, round ${round}`).toBe(page.status);
            const policy = (await response?.allHeaders())?.['content-security-policy'] ?? null;
            expect(scriptSources(policy), page.path).not.toContain("'unsafe-inline'");
            expect(highFindings(policy ?? ''), page.path).toEqual([]);
            // The inline scripts that start the page ran: the policy did not block them silently.
            await tab.waitForFunction(() => Array.isArray(window.__next_f), undefined, { timeout: 5_000 });
            await tab.waitForTimeout(200);
            expect(await tab.evaluate(() => window.__policyViolations ?? null), page.path).toEqual([]);
          }
          expect(consoleMessages).toEqual([]);
          expect(errors).toEqual([]);
        } finally {
          await tab.context().close();
        }
      });
    }
  }
});

describe('policies of cached pages', () => {
  it('name the inline scripts of a cached page by hash, the same for every reader, with no nonce', async () => {
    const path = `/${LOCALES[0]}`;
    await (await request(path)).text();
    const answers = [];
    for (let round = 0; round < 3; round++) {
      const response = await request(path, { headers: { 'accept-encoding': 'br' } });
      await response.arrayBuffer();
      answers.push({ policy: response.headers.get('content-security-policy'), from: response.headers.get(ANSWERED_FROM_HEADER) });
    }
    const sources = scriptSources(answers[0]?.policy ?? null);
    expect(sources.filter((source) => source.startsWith("'sha256-")).length).toBeGreaterThan(0);
    expect(sources.some((source) => source.startsWith("'nonce-"))).toBe(false);
    expect(new Set(answers.map((answer) => answer.policy)).size).toBe(1);
    expect(answers.at(-1)?.from).toBe('kept');
  });

  it('give a streamed render a fresh nonce per response, which Next.js put on its scripts', async () => {
    const nonces = [];
    for (let round = 0; round < 2; round++) {
      const response = await request('/de/suche?q=Irak');
      const html = await response.text();
      const nonce = /'nonce-([^']+)'/.exec(response.headers.get('content-security-policy') ?? '')?.[1] ?? '';
      const inlineScripts = [...html.matchAll(/<script(?![^>]*\bsrc=)([^>]*)>/g)].filter((match) => !/type="application\/ld\+json"/.test(match[1] ?? ''));
      // Either the page came in one piece and is hashed, or each of its inline scripts carries the nonce.
      if (nonce) {
        expect(inlineScripts.length).toBeGreaterThan(0);
        for (const [tag] of inlineScripts) expect(tag).toContain(`nonce="${nonce}"`);
        nonces.push(nonce);
      }
    }
    expect(new Set(nonces).size).toBe(nonces.length);
  });

  it("ignores a client's own policy header: no nonce a client chose reaches the page", async () => {
    const chosen = 'Y2xpZW50LWNob3Nlbi1ub25jZQ==';
    const response = await request('/de/suche?q=Irak', { headers: { 'content-security-policy': `script-src 'nonce-${chosen}'` } });
    const html = await response.text();
    expect(html).not.toContain(chosen);
    expect(response.headers.get('content-security-policy')).not.toContain(chosen);
  });
});
