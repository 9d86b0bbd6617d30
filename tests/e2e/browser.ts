import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Headless Debian Chromium, with the background traffic our closed network refuses switched off. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

/**
 * The browser of the calling test file (or describe block): launched before
 * its tests and closed after them. What it returns stands for the browser
 * once launched, so it is passed on as one (to openPage, say) inside tests
 * and hooks.
 */
export function sharedBrowser(): Browser {
  let launched: Browser | undefined;
  beforeAll(async () => {
    launched = await launchBrowser();
  });
  afterAll(async () => {
    await launched?.close();
  });
  return new Proxy({} as Browser, {
    get(_target, property) {
      if (!launched) throw new Error('The browser is launched in beforeAll: use it inside tests and hooks.');
      const value: unknown = Reflect.get(launched, property, launched);
      return typeof value === 'function' ? value.bind(launched) : value;
    },
  });
}

/** A fresh page in its own context (cookies, JavaScript switch, colour scheme, viewport). */
export async function openPage(browser: Browser, options: BrowserContextOptions = {}): Promise<Page> {
  const context = await browser.newContext(options);
  return context.newPage();
}

/** A fresh page (as openPage) that dismisses every dialog a script opens and lists their messages, so that a test can say none opened. */
export async function openPageRecordingDialogs(browser: Browser): Promise<{ page: Page; dialogs: string[] }> {
  const page = await openPage(browser);
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  return { page, dialogs };
}
