import net from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { deskPaths } from '@/i18n/desk-paths';
import { SESSION_COOKIE } from '@/lib/desk/cookie-names';
import { articlePath, baseUrl, demoArticle, translationOf } from './helpers';

/*
 * Slow request bodies (issue 22): 40 connections posting a barrier report at
 * one byte every five seconds must not take the request gate's work slots
 * (32) from readers. A form's body is read, within a time and size limit,
 * before it takes a slot (server/form-post-check.ts).
 */

const SLOW_UPLOADS = 40;
const PAGE_REQUESTS = 50;
/** The bound for each reader's request while the uploads trickle in: generous, not a timing measurement. */
const READER_LIMIT_MS = 2_000;

const sockets: net.Socket[] = [];
const timers: NodeJS.Timeout[] = [];

afterAll(() => {
  for (const timer of timers) clearInterval(timer);
  for (const socket of sockets) socket.destroy();
});

/** Starts a multipart post that sends its headers at once and then one byte of its body every five seconds. */
function startSlowUpload(): Promise<void> {
  const { hostname, port } = new URL(baseUrl);
  const boundary = 'slowboundary0123456789';
  const body = `--${boundary}\r\nContent-Disposition: form-data; name="message"\r\n\r\n${'x'.repeat(900)}\r\n--${boundary}--\r\n`;
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: hostname === 'localhost' ? '127.0.0.1' : hostname, port: Number(port) }, () => {
      socket.write(
        `POST /en/report-a-barrier HTTP/1.1\r\nHost: ${hostname}:${port}\r\nContent-Type: multipart/form-data; boundary=${boundary}\r\n` +
          `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body[0]}`,
      );
      let sent = 1;
      timers.push(
        setInterval(() => {
          if (!socket.writable || sent >= body.length) return;
          socket.write(body[sent] ?? '');
          sent += 1;
        }, 5_000),
      );
      resolve();
    });
    socket.on('error', () => undefined);
    socket.once('error', reject);
    sockets.push(socket);
  });
}

const ARTICLE = demoArticle('01');
// Cached pages (from the ISR cache or the server's kept answers) and pages rendered for each request (search).
const PAGES = ['/de', '/en', articlePath('en', translationOf(ARTICLE, 'en').slug), '/de/impressum', '/en/privacy', '/de/suche?q=Irak', '/en/search?q=press', '/de/leichte-sprache'];

describe('slow form bodies', () => {
  it(`${SLOW_UPLOADS} uploads at one byte every 5 s leave readers of cached and uncached pages unaffected`, async () => {
    await Promise.all(Array.from({ length: SLOW_UPLOADS }, () => startSlowUpload()));
    // Let every upload's headers reach the server before the readers come.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const answers: string[] = [];
    for (let start = 0; start < PAGE_REQUESTS; start += 10) {
      const batch = Array.from({ length: Math.min(10, PAGE_REQUESTS - start) }, async (_, offset) => {
        const index = start + offset;
        // A query of its own for every search, so that none of them can come from a cache.
        const path = PAGES[index % PAGES.length] ?? '/de';
        const unique = path.includes('?q=') ? `${path}+${index}` : path;
        try {
          const response = await fetch(new URL(unique, baseUrl), { signal: AbortSignal.timeout(READER_LIMIT_MS) });
          await response.arrayBuffer();
          return `${unique}: ${response.status}`;
        } catch (error) {
          return `${unique}: no answer within ${READER_LIMIT_MS} ms (${(error as Error).name})`;
        }
      });
      answers.push(...(await Promise.all(batch)));
    }
    expect(answers.filter((answer) => !answer.endsWith(': 200'))).toEqual([]);
  }, 60_000);

  it('answers a body that does not arrive in time with 408, and one over the limit with 413', async () => {
    const { hostname, port } = new URL(baseUrl);
    const reply = await new Promise<string>((resolve) => {
      const socket = net.connect({ host: hostname === 'localhost' ? '127.0.0.1' : hostname, port: Number(port) }, () => {
        socket.write(`POST /en/report-a-barrier HTTP/1.1\r\nHost: ${hostname}:${port}\r\nContent-Type: multipart/form-data; boundary=b\r\nContent-Length: 100\r\n\r\n-`);
      });
      let text = '';
      socket.on('data', (chunk) => (text += chunk.toString('latin1')));
      socket.on('close', () => resolve(text));
      socket.on('error', () => resolve(text));
      sockets.push(socket);
    });
    expect(reply.split('\r\n')[0]).toBe('HTTP/1.1 408 Request Timeout');
    const large = await fetch(new URL('/en/report-a-barrier', baseUrl), {
      method: 'POST',
      headers: { 'content-type': 'multipart/form-data; boundary=b' },
      body: 'x'.repeat(300 * 1024),
    });
    expect(large.status).toBe(413);
  }, 30_000);

  it('gives the large allowance of the article form (a lead image) only to desk posts that carry a session', async () => {
    const post = (cookie?: string) =>
      fetch(new URL(deskPaths.newArticle, baseUrl), {
        method: 'POST',
        redirect: 'manual',
        headers: { 'content-type': 'multipart/form-data; boundary=b', ...(cookie ? { cookie } : {}) },
        body: `--b\r\nContent-Disposition: form-data; name="note"\r\n\r\n${'x'.repeat(1024 * 1024)}\r\n--b--\r\n`,
      });
    const signedOut = await post();
    expect(signedOut.status).toBe(413);
    expect(await signedOut.text()).toContain('at most 256 KB');
    // A session the app does not know gets past the size check only; the desk then sends it to the sign-in.
    const withSession = await post(`${SESSION_COOKIE}=${'a'.repeat(43)}`);
    expect(withSession.status).not.toBe(413);
    expect(withSession.status).toBeLessThan(500);
  });
});
