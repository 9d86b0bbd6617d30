import { randomUUID } from 'node:crypto';
import type { Browser, BrowserContextOptions, Locator, Page } from 'playwright-core';
import { changeDeskPassword, createDeskAccount } from '@/lib/desk/accounts';
import type { DeskRole } from '@/lib/desk/roles';
import { deskPaths } from '@/i18n/desk-paths';
import type { PrismaClient } from '@/lib/prisma-client';
import { withdrawArticle } from '@/lib/content/save-article';
import { openPage } from './browser';
import { baseUrl } from './helpers';

/*
 * What the desk's page tests share: a person with a role and a password of
 * their own (made with the accounts' functions, as `npm run user` makes
 * them), signed in through the real sign-in form, and the article form's
 * fields by the ids the desk gives them.
 */

export type DeskPerson = { email: string; password: string; name: string };

export async function createDeskPerson(prisma: PrismaClient, role: DeskRole, name: string): Promise<DeskPerson> {
  const email = `${role}-${randomUUID().slice(0, 8)}@desk.example.org`;
  const { account } = await createDeskAccount(prisma, { email, role, name });
  const password = `desk-${randomUUID()}`;
  const changed = await changeDeskPassword(prisma, { accountId: account.id, current: null, next: password, repeated: password, keepSessionHash: null });
  if (!changed.ok) throw new Error(`could not set the password of ${email}: ${changed.problem}`);
  return { email, password, name };
}

export function deskUrl(path: string): string {
  return new URL(path, baseUrl).href;
}

/** A fresh browser context signed in as `person` through the sign-in form. */
export async function signedInPage(browser: Browser, person: DeskPerson, options: BrowserContextOptions = {}): Promise<Page> {
  const page = await openPage(browser, options);
  await page.goto(deskUrl(deskPaths.signIn));
  await page.locator('#sign-in-email').fill(person.email);
  await page.locator('#sign-in-password').fill(person.password);
  await Promise.all([page.waitForURL((url) => !url.pathname.startsWith(deskPaths.signIn)), page.locator('#sign-in-password').press('Enter')]);
  return page;
}

export type ArticleTexts = { title: string; lead: string; body: string; slug?: string };

/** Fills one language's column of the article form. */
/**
 * Fills a field and reads it back. A fill that lands while the page is still
 * hydrating can lose its selection and insert beside the old text, as seen in
 * CI; the field must hold exactly `value` before the test goes on.
 */
export async function fillField(field: Locator, value: string): Promise<void> {
  for (let attempt = 0; attempt < 3; attempt += 1) {
    await field.fill(value);
    if ((await field.inputValue()) === value) return;
  }
  throw new Error(`the field still does not hold ${JSON.stringify(value)} after three fills`);
}

export async function fillLanguage(page: Page, language: 'de' | 'en', texts: ArticleTexts): Promise<void> {
  await fillField(page.locator(`#${language}-title`), texts.title);
  if (texts.slug !== undefined) await fillField(page.locator(`#${language}-slug`), texts.slug);
  await fillField(page.locator(`#${language}-lead`), texts.lead);
  await fillField(page.locator(`#${language}-body`), texts.body);
}

/** Presses one of the page's buttons and waits until the server has answered its POST. */
export async function press(page: Page, name: string): Promise<void> {
  const answered = page.waitForResponse((response) => response.request().method() === 'POST');
  await page.getByRole('button', { name, exact: true }).click();
  await answered;
}

/** The id of the article the page edits, from its address. */
export function editedArticleId(page: Page): number {
  const match = /\/redaktion\/artikel\/(\d+)/.exec(new URL(page.url()).pathname);
  if (!match) throw new Error(`not an article page: ${page.url()}`);
  return Number(match[1]);
}

/** A slug no other test uses. */
export function uniqueSlug(prefix: string): string {
  return `${prefix}-${randomUUID().slice(0, 8)}`;
}

/**
 * Withdraws, through the write path, every article the given people wrote
 * or changed in the desk, so that the e2e files after this one see the demo
 * content alone in listings, feeds and the sitemap (as the API tests do).
 */
export async function withdrawArticlesOf(prisma: PrismaClient, people: readonly DeskPerson[]): Promise<void> {
  const touched = await prisma.articleRevision.findMany({
    where: { author: { in: people.map((person) => person.name) } },
    select: { articleId: true },
    distinct: ['articleId'],
  });
  for (const { articleId } of touched) {
    const article = await prisma.article.findUnique({ where: { id: articleId }, select: { withdrawnAt: true } });
    if (article && !article.withdrawnAt) await withdrawArticle(prisma, articleId, { author: 'desk e2e clean-up' });
  }
}
