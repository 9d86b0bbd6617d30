import { describe, expect, it } from 'vitest';
import { baseUrl } from './helpers';

/*
 * Answers a client can provoke on the barrier form are the client's errors,
 * never the server's (issue 22): a post from another site is refused with 403
 * and the localized page, a real server action with a garbage body with 400
 * (server/form-post-check.ts). Next.js answered both with a 500 and a stack trace.
 */

const FORM_PATHS = { de: '/de/barriere-melden', en: '/en/report-a-barrier' } as const;
const REFUSED = { de: 'Anfrage abgelehnt', en: 'Request refused' } as const;

function formBody(fields: Record<string, string>): FormData {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.set(name, value);
  return form;
}

/** The id of the form's server action, as the page names it for posts without JavaScript (React's bound-action field). */
async function actionId(): Promise<string> {
  const html = (await (await fetch(new URL(FORM_PATHS.en, baseUrl))).text()).replaceAll('&quot;', '"');
  const id = /name="\$ACTION_ID_([0-9a-f]{16,})"/.exec(html)?.[1] ?? /"id":"([0-9a-f]{16,})"/.exec(html)?.[1];
  if (!id) throw new Error('the barrier form names no server action');
  return id;
}

describe('client errors on the barrier form', () => {
  for (const locale of ['de', 'en'] as const) {
    it(`${locale}: a post from another site is refused with 403 and the localized page`, async () => {
      for (const origin of ['https://attacker.example', 'null']) {
        const response = await fetch(new URL(FORM_PATHS[locale], baseUrl), {
          method: 'POST',
          headers: { origin },
          body: formBody({ message: 'Ein Bericht von woanders her, lang genug.', locale }),
          redirect: 'manual',
        });
        const html = await response.text();
        expect(response.status, origin).toBe(403);
        expect(response.headers.get('content-type')).toMatch(/^text\/html/);
        expect(html).toContain(`<html lang="${locale}"`);
        expect(html).toContain(REFUSED[locale]);
      }
    });
  }

  it('leaves a post from the site itself to the form (refused for what it is, not for its origin)', async () => {
    const response = await fetch(new URL(FORM_PATHS.en, baseUrl), {
      method: 'POST',
      headers: { origin: new URL(baseUrl).origin },
      body: formBody({ message: 'x' }),
    });
    await response.arrayBuffer();
    expect(response.status).not.toBe(403);
    expect(response.status).toBeLessThan(500);
  });

  it('answers a real server action with a garbage body with 400', async () => {
    const id = await actionId();
    const garbage: [string, BodyInit, Record<string, string>][] = [
      ['plain text', 'garbage', { 'content-type': 'text/plain;charset=UTF-8' }],
      ['JSON that is no argument list', '{"a":1}', { 'content-type': 'text/plain;charset=UTF-8' }],
      ['a form without the root field', formBody({ message: 'x' }), {}],
      ['a root field that is no JSON', formBody({ '0': '[$K1' }), {}],
      ['malformed multipart', '--b\r\nbroken', { 'content-type': 'multipart/form-data; boundary=b' }],
    ];
    for (const [name, body, headers] of garbage) {
      const response = await fetch(new URL(FORM_PATHS.en, baseUrl), { method: 'POST', headers: { 'next-action': id, ...headers }, body });
      await response.arrayBuffer();
      expect(response.status, name).toBe(400);
    }
  });
});
