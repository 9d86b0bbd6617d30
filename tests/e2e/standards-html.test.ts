import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { htmlErrors, type HtmlError } from '../helpers/nu-html-checker';
import { LOCALES, request } from './helpers';
import { openOwnEditorSession, withdrawnArticle, type EditorSession } from './publishing-helpers';
import { germanOnlyPages, pagesInEveryLanguage, pagesOfEveryType, type CheckedPage } from './standards-pages';

/*
 * Every page type in both languages is valid HTML by the Nu Html Checker
 * (the validator behind validator.w3.org/nu), with zero errors: what
 * browsers, screen readers and crawlers parse is what we wrote.
 */

let editor: EditorSession;
let folder: string;
const errorsByPage = new Map<string, HtmlError[]>();
const checked: (CheckedPage & { locale: string })[] = [];

beforeAll(async () => {
  editor = await openOwnEditorSession('standards-html');
  checked.push(...pagesOfEveryType(await withdrawnArticle(editor)));

  folder = mkdtempSync(path.join(tmpdir(), 'portal-html-'));
  const files = new Map<string, string>();
  for (const [index, page] of checked.entries()) {
    const response = await request(page.path);
    expect(response.status, page.path).toBe(page.status);
    const file = path.join(folder, `${index}.html`);
    writeFileSync(file, await response.text());
    files.set(file, page.path);
    errorsByPage.set(page.path, []);
  }
  for (const error of await htmlErrors([...files.keys()])) {
    errorsByPage.get(files.get(error.file) ?? '')?.push(error);
  }
}, 240_000);

/** The checker's errors on a page, each with its line and the markup it points at. */
function problemsOf(pagePath: string): string[] {
  const errors = errorsByPage.get(pagePath);
  if (!errors) throw new Error(`${pagePath} was not checked`);
  return errors.map((error) => `line ${error.line ?? '?'}: ${error.message} «${error.extract}»`);
}

afterAll(async () => {
  await editor.close();
  if (folder) rmSync(folder, { recursive: true, force: true });
});

describe('the Nu Html Checker finds no error', () => {
  for (const locale of LOCALES) {
    for (const page of [...pagesInEveryLanguage(locale), ...(locale === 'de' ? germanOnlyPages() : [])]) {
      it(`${locale}: ${page.name} (${page.path})`, () => {
        expect(problemsOf(page.path)).toEqual([]);
      });
    }
  }

  it('on the 410 pages of a withdrawn article', () => {
    const gonePages = checked.filter((page) => page.status === 410);
    expect(gonePages).toHaveLength(LOCALES.length);
    for (const page of gonePages) expect(problemsOf(page.path), page.path).toEqual([]);
  });

  it('has exactly one title on the status pages, the page’s own', async () => {
    for (const page of checked.filter((candidate) => candidate.status !== 200)) {
      const html = await (await request(page.path)).text();
      const titles = [...html.matchAll(/<title>([^<]*)<\/title>/g)].map((match) => match[1]);
      expect(titles, page.path).toHaveLength(1);
      expect(titles[0], page.path).toMatch(page.status === 410 ? /^(Beitrag nicht mehr verfügbar|Article no longer available)/ : /^(Seite nicht gefunden|Page not found)/);
    }
  });
});
