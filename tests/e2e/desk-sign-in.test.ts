import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { deskPaths } from '@/i18n/desk-paths';
import { createDeskAccount } from '@/lib/desk/accounts';
import type { PrismaClient } from '@/lib/prisma-client';
import { describeViolations, wcagViolations } from './accessibility-helpers';
import { launchBrowser } from './browser';
import { baseUrl, redirectTarget, request, visit } from './helpers';
import { openDatabase, uniqueSuffix } from './publishing-helpers';
import { runScript, type ScriptResult } from '../helpers/run-script';

/*
 * The editors' desk's front door, in Chromium against the production build:
 * signed-out requests go to the sign-in, a one-time password made with
 * `npm run user` must be replaced first, wrong passwords are limited, the
 * session cookie is HttpOnly, Secure, SameSite=Lax and for /redaktion only,
 * forms without their CSRF token change nothing, roles keep authors out of
 * the accounts page, and everything works without JavaScript too.
 */

const NEW_PASSWORD = 'Die Redaktion schreibt im Browser';
// Inside the page's content: Next.js's route announcer is an alert of its own.
const MAIN_ALERT = 'main [role="alert"]';
const MAIN_STATUS = 'main [role="status"]';

let browser: Browser;
let prisma: PrismaClient;
let clients = 0;

/** Each context is its own client address (the e2e portal trusts X-Forwarded-For), so the per-address sign-in limit stays out of the way. */
function newClient(javaScriptEnabled = true): Promise<BrowserContext> {
  clients += 1;
  return browser.newContext({ javaScriptEnabled, extraHTTPHeaders: { 'x-forwarded-for': `198.51.100.${100 + clients}` } });
}

function runUserCli(args: string[]): Promise<ScriptResult> {
  return runScript('scripts/user.ts', inject('databaseUrl'), args);
}

async function account(role: 'author' | 'editor' | 'admin'): Promise<{ email: string; password: string }> {
  const email = `${role}-${uniqueSuffix()}@example.org`;
  const { oneTimePassword } = await createDeskAccount(prisma, { email, role, name: `Test ${role}` });
  return { email, password: oneTimePassword };
}

async function signIn(page: Page, email: string, password: string): Promise<void> {
  await visit(page, deskPaths.signIn);
  await page.getByLabel('E-Mail-Adresse').fill(email);
  await page.getByLabel('Passwort', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Anmelden' }).click();
  // Either the desk opens (a redirect) or the form says what went wrong; with or without JavaScript.
  await Promise.race([page.waitForURL((url) => url.pathname !== deskPaths.signIn), page.locator(MAIN_ALERT).waitFor()]);
}

async function choosePassword(page: Page, password: string): Promise<void> {
  await page.getByLabel('Neues Passwort', { exact: true }).fill(password);
  await page.getByLabel('Neues Passwort wiederholen').fill(password);
  await page.getByRole('button', { name: 'Passwort speichern' }).click();
  await page.locator(MAIN_STATUS).filter({ hasText: 'Ihr Passwort ist geändert.' }).waitFor();
}

async function expectNoViolations(page: Page): Promise<void> {
  const violations = await wcagViolations(page);
  expect(violations, describeViolations(violations)).toEqual([]);
}

/** The session cookie of a context, as the browser keeps it. */
async function sessionCookie(context: BrowserContext) {
  return (await context.cookies(baseUrl + deskPaths.overview)).find((cookie) => cookie.name === 'desk_session');
}

/** The hidden fields of the first form on `html` whose action field matches, as Chromium would send them without JavaScript. */
function formFields(html: string, containing: string): Map<string, string> {
  const forms = html.match(/<form[\s\S]*?<\/form>/g) ?? [];
  const form = forms.find((candidate) => candidate.includes(containing));
  if (!form) throw new Error(`no form containing ${containing}`);
  const fields = new Map<string, string>();
  for (const input of form.match(/<input[^>]*>/g) ?? []) {
    const name = /name="([^"]*)"/.exec(input)?.[1];
    if (name) fields.set(name.replaceAll('&amp;', '&'), (/value="([^"]*)"/.exec(input)?.[1] ?? '').replaceAll('&amp;', '&'));
  }
  return fields;
}

async function postForm(pathname: string, cookie: string, fields: Map<string, string>): Promise<Response> {
  const body = new FormData();
  for (const [name, value] of fields) body.append(name, value);
  return request(pathname, { method: 'POST', body, headers: { cookie, origin: new URL(baseUrl).origin } });
}

beforeAll(async () => {
  browser = await launchBrowser();
  prisma = openDatabase();
});

afterAll(async () => {
  await browser.close();
  await prisma.$disconnect();
});

describe('the desk, signed out', () => {
  it('sends every desk page to the sign-in, naming the way back', async () => {
    const overview = await request(deskPaths.overview);
    expect([303, 307]).toContain(overview.status);
    expect(redirectTarget(overview)).toBe(deskPaths.signIn);
    const accounts = await request(deskPaths.accounts);
    expect(redirectTarget(accounts)).toBe(`${deskPaths.signIn}?zurueck=${encodeURIComponent(deskPaths.accounts)}`);
  });

  it('answers the sign-in page never cached and not for search engines', async () => {
    const response = await request(deskPaths.signIn);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toMatch(/\bprivate\b/);
    expect(response.headers.get('cache-control')).toMatch(/\bno-store\b/);
    expect(response.headers.get('x-robots-tag')).toBe('noindex');
    const html = await response.text();
    expect(html).toMatch(/<html lang="de"/);
    expect(html).toMatch(/<meta name="robots" content="noindex, nofollow"\/?>/);
    expect(await (await request('/robots.txt')).text()).toMatch(/^Disallow: \/redaktion$/m);
  });

  it('has its own 404 page inside the desk', async () => {
    const response = await request('/redaktion/gibt-es-nicht');
    expect(response.status).toBe(404);
    expect(response.headers.get('cache-control')).toMatch(/\bno-store\b/);
    expect(await response.text()).toContain('Diese Seite gibt es in der Redaktion nicht.');
  });

  it('switches the desk to English and back, remembered for the sign-in page', async () => {
    const context = await newClient();
    const page = await context.newPage();
    await visit(page, deskPaths.signIn);
    await Promise.all([page.waitForURL(/\/redaktion\/anmelden$/), page.getByRole('button', { name: 'Redaktion auf Englisch anzeigen' }).click()]);
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    await expectNoViolations(page);
    await page.getByRole('button', { name: 'Show the newsroom in German' }).click();
    await page.getByRole('heading', { level: 1, name: 'Anmelden' }).waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('de');
    await context.close();
  });
});

describe('signing in', () => {
  it('takes a one-time password from npm run user, then asks for a new password before anything else', async () => {
    const email = `cli-${uniqueSuffix()}@example.org`;
    const added = await runUserCli(['add', email, '--role', 'admin', '--name', 'Ada Admin']);
    expect(added.code, added.stderr).toBe(0);
    expect(added.stderr).toContain('Created');
    const oneTimePassword = added.stdout.trimEnd().split('\n').at(-1) ?? '';

    const context = await newClient();
    const page = await context.newPage();
    await signIn(page, email, oneTimePassword);
    expect(new URL(page.url()).pathname).toBe(deskPaths.password);
    await page.getByText('Sie haben sich mit einem Einmalpasswort angemeldet.').waitFor();
    await expectNoViolations(page);

    // Other desk pages wait until the password is chosen.
    expect(await visit(page, deskPaths.accounts)).toBe(200);
    expect(new URL(page.url()).pathname).toBe(deskPaths.password);

    // The browser itself refuses short passwords (minlength); without that check the server answers in words.
    await page.locator('input[minlength]').evaluateAll((inputs) => inputs.forEach((input) => input.removeAttribute('minlength')));
    await page.getByLabel('Neues Passwort', { exact: true }).fill('zu kurz');
    await page.getByLabel('Neues Passwort wiederholen').fill('zu kurz');
    await page.getByRole('button', { name: 'Passwort speichern' }).click();
    await page.locator(MAIN_ALERT).filter({ hasText: 'Das neue Passwort ist zu kurz: Es braucht mindestens 12 Zeichen.' }).waitFor();
    await page.getByLabel('Neues Passwort', { exact: true }).fill(oneTimePassword);
    await page.getByLabel('Neues Passwort wiederholen').fill(oneTimePassword);
    await page.getByRole('button', { name: 'Passwort speichern' }).click();
    await page.locator(MAIN_ALERT).filter({ hasText: 'Das neue Passwort muss sich vom bisherigen unterscheiden.' }).waitFor();
    await choosePassword(page, NEW_PASSWORD);

    expect(await visit(page, deskPaths.accounts)).toBe(200);
    await page.getByRole('heading', { level: 1, name: 'Konten' }).waitFor();
    expect(await page.getByRole('rowheader', { name: new RegExp(email) }).count()).toBe(1);
    await expectNoViolations(page);
    await context.close();

    // The new password signs in straight to where the person wanted to go.
    const again = await (await newClient()).newPage();
    await visit(again, `${deskPaths.signIn}?zurueck=${encodeURIComponent(deskPaths.accounts)}`);
    await again.getByLabel('E-Mail-Adresse').fill(email.toUpperCase());
    await again.getByLabel('Passwort', { exact: true }).fill(NEW_PASSWORD);
    await Promise.all([again.waitForURL(`**${deskPaths.accounts}`), again.getByRole('button', { name: 'Anmelden' }).click()]);
    await again.context().close();
  });

  it('sets the session cookie HttpOnly, Secure, SameSite=Lax, for /redaktion only', async () => {
    const { email, password } = await account('author');
    const context = await newClient();
    const page = await context.newPage();
    await signIn(page, email, password);
    const cookie = await sessionCookie(context);
    expect(cookie).toMatchObject({ httpOnly: true, secure: true, sameSite: 'Lax', path: '/redaktion' });
    expect(cookie?.value).toMatch(/^[A-Za-z0-9_-]{43}$/);
    // Not sent to the readers' pages.
    expect((await context.cookies(`${baseUrl}/de`)).map((sent) => sent.name)).not.toContain('desk_session');
    await context.close();
  });

  it('answers a wrong password and an unknown address alike, and the tenth wrong password with the limit', async () => {
    const { email, password } = await account('editor');
    const context = await newClient();
    const page = await context.newPage();
    await signIn(page, `nobody-${uniqueSuffix()}@example.org`, password);
    await page.locator(MAIN_ALERT).filter({ hasText: 'E-Mail-Adresse oder Passwort ist falsch.' }).waitFor();
    for (let attempt = 1; attempt <= 10; attempt += 1) {
      await signIn(page, email, `falsch-${attempt}`);
      const alert = squash(await page.locator(MAIN_ALERT).textContent());
      if (attempt < 10) expect(alert, `attempt ${attempt}`).toContain('E-Mail-Adresse oder Passwort ist falsch.');
      else expect(alert).toContain('Zu viele Anmeldeversuche. Bitte warten Sie 10 Minuten.');
    }
    // Now even the right password waits, from any address.
    const other = await (await newClient()).newPage();
    await signIn(other, email, password);
    await other.locator(MAIN_ALERT).filter({ hasText: 'Zu viele Anmeldeversuche.' }).waitFor();
    expect(new URL(other.url()).pathname).toBe(deskPaths.signIn);
    await other.context().close();
    await context.close();
  });

  it('works without JavaScript: sign in, choose a password, sign out', async () => {
    const { email, password } = await account('author');
    const context = await newClient(false);
    const page = await context.newPage();
    await signIn(page, email, password);
    expect(new URL(page.url()).pathname).toBe(deskPaths.password);
    await page.getByLabel('Neues Passwort', { exact: true }).fill(NEW_PASSWORD);
    await page.getByLabel('Neues Passwort wiederholen').fill(`${NEW_PASSWORD}?`);
    await Promise.all([page.waitForLoadState('load'), page.getByRole('button', { name: 'Passwort speichern' }).click()]);
    await page.locator(MAIN_ALERT).filter({ hasText: 'Die beiden neuen Passwörter stimmen nicht überein.' }).waitFor();
    await page.getByLabel('Neues Passwort', { exact: true }).fill(NEW_PASSWORD);
    await page.getByLabel('Neues Passwort wiederholen').fill(NEW_PASSWORD);
    await Promise.all([page.waitForLoadState('load'), page.getByRole('button', { name: 'Passwort speichern' }).click()]);
    await page.locator(MAIN_STATUS).filter({ hasText: 'Ihr Passwort ist geändert.' }).waitFor();
    await Promise.all([page.waitForURL(/abgemeldet=1/), page.getByRole('button', { name: 'Abmelden' }).click()]);
    await page.locator(MAIN_STATUS).filter({ hasText: 'Sie sind abgemeldet.' }).waitFor();
    expect(await sessionCookie(context)).toBeUndefined();
    await context.close();
  });
});

describe('signed in', () => {
  it('signs out this browser, and out everywhere', async () => {
    const { email, password } = await account('author');
    const first = await newClient();
    const second = await newClient();
    const [one, two] = [await first.newPage(), await second.newPage()];
    await signIn(one, email, password);
    await choosePassword(one, NEW_PASSWORD);
    await signIn(two, email, NEW_PASSWORD);
    expect(new URL(two.url()).pathname).not.toBe(deskPaths.signIn);

    await visit(one, deskPaths.signOut);
    await expectNoViolations(one);
    await Promise.all([one.waitForURL(/abgemeldet=ueberall/), one.getByRole('button', { name: 'Überall abmelden' }).click()]);
    await one.locator(MAIN_STATUS).filter({ hasText: 'Sie sind auf allen Geräten abgemeldet.' }).waitFor();
    // The other browser still holds its cookie, but the session behind it is gone.
    expect(await sessionCookie(second)).toBeDefined();
    await visit(two, deskPaths.password);
    expect(new URL(two.url()).pathname).toBe(deskPaths.signIn);
    await first.close();
    await second.close();
  });

  it('refuses a form without its CSRF token and changes nothing; with the token the same form works', async () => {
    const { email, password } = await account('author');
    const context = await newClient();
    const page = await context.newPage();
    await signIn(page, email, password);
    await choosePassword(page, NEW_PASSWORD);
    const cookie = `desk_session=${(await sessionCookie(context))?.value}`;
    const html = await (await request(deskPaths.signOut, { headers: { cookie } })).text();
    const fields = formFields(html, 'Hier abmelden');
    expect(fields.get('csrf')).toMatch(/^[A-Za-z0-9_-]{43}$/);

    const withoutToken = new Map([...fields].filter(([name]) => name !== 'csrf'));
    const refused = await postForm(deskPaths.signOut, cookie, withoutToken);
    expect(refused.status).toBe(303);
    expect(redirectTarget(refused)).toBe(deskPaths.refused);
    const explained = await request(deskPaths.refused, { headers: { cookie } });
    expect(explained.status).toBe(403);
    expect(await explained.text()).toContain('Keine Berechtigung');
    const forged = await postForm(deskPaths.signOut, cookie, new Map([...fields, ['csrf', 'x'.repeat(43)]]));
    expect(redirectTarget(forged)).toBe(deskPaths.refused);
    expect((await request(deskPaths.password, { headers: { cookie } })).status).toBe(200);

    const accepted = await postForm(deskPaths.signOut, cookie, fields);
    expect(accepted.status).toBe(303);
    expect(redirectTarget(accepted)).toBe(`${deskPaths.signIn}?abgemeldet=1`);
    expect(redirectTarget(await request(deskPaths.password, { headers: { cookie } }))).toBe(`${deskPaths.signIn}?zurueck=${encodeURIComponent(deskPaths.password)}`);
    await context.close();
  });

  it('keeps authors out of the accounts page with a 403 page in the desk', async () => {
    const { email, password } = await account('author');
    const context = await newClient();
    const page = await context.newPage();
    await signIn(page, email, password);
    await choosePassword(page, NEW_PASSWORD);
    expect(await page.getByRole('navigation').getByRole('link', { name: 'Konten' }).count()).toBe(0);
    expect(await visit(page, deskPaths.accounts)).toBe(403);
    await page.getByRole('heading', { level: 1, name: 'Keine Berechtigung' }).waitFor();
    await expectNoViolations(page);
    expect(await page.getByText('Angemeldet als Test author').count()).toBe(1);
    await context.close();
  });

  it('lets an admin create an account whose one-time password is shown once and signs in', async () => {
    const admin = await account('admin');
    const context = await newClient();
    const page = await context.newPage();
    await signIn(page, admin.email, admin.password);
    await choosePassword(page, NEW_PASSWORD);
    await visit(page, deskPaths.accounts);
    const email = `made-${uniqueSuffix()}@example.org`;
    await page.locator('#new-email').fill(email);
    await page.locator('#new-name').fill('Neue Autorin');
    await page.getByRole('button', { name: 'Konto anlegen' }).click();
    const shown = page.locator(MAIN_STATUS).filter({ hasText: `Einmalpasswort für ${email}` });
    await shown.waitFor();
    const oneTimePassword = squash(await shown.locator('[data-secret]').textContent());
    expect(oneTimePassword).toMatch(/^[a-z2-9]{5}(-[a-z2-9]{5}){3}$/);
    await expectNoViolations(page);
    await visit(page, deskPaths.accounts);
    expect(await page.content()).not.toContain(oneTimePassword);

    const newcomer = await (await newClient()).newPage();
    await signIn(newcomer, email, oneTimePassword);
    expect(new URL(newcomer.url()).pathname).toBe(deskPaths.password);
    await newcomer.context().close();
    await context.close();
  });
});

function squash(text: string | null): string {
  return (text ?? '').replace(/\s+/g, ' ').trim();
}
