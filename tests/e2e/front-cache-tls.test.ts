import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { servedOverHttps } from '@/server/request-context';
import { startFrontCache, type FrontCache } from '../../scripts/lib/nginx-front-cache';
import { freePort } from '../../scripts/lib/free-port';

/*
 * The shipped nginx configuration with TLS (deploy/nginx/portal-tls.conf.template),
 * on a self-signed certificate for 127.0.0.1 made here: plain HTTP redirects to
 * HTTPS on the same path, HTTPS answers carry a long HSTS and Secure cookies,
 * and the editors' desk (/redaktion) is never micro-cached and keeps its cookies.
 * A stand-in portal shows what nginx forwards; the portal's own rule for HSTS
 * (server/request-context.ts) is checked on a real TLS socket too.
 */

type Seen = { path: string; cookie: string | null; forwardedProto: string | null; servedOverHttps: boolean; count: number };

let folder = '';
let certificate = '';
let front: FrontCache;
let standIn: http.Server;
let httpsPort = 0;
let count = 0;

function makeCertificate(into: string): { certificate: string; certificateKey: string } {
  const certificatePath = path.join(into, 'portal.crt');
  const keyPath = path.join(into, 'portal.key');
  execFileSync('openssl', [
    'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', '/CN=127.0.0.1',
    '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', keyPath, '-out', certificatePath,
  ], { stdio: 'ignore' });
  return { certificate: certificatePath, certificateKey: keyPath };
}

type Reply = { status: number; headers: http.IncomingHttpHeaders; body: string };

function get(url: string, headers: Record<string, string> = {}): Promise<Reply> {
  const client = url.startsWith('https:') ? https : http;
  return new Promise((resolve, reject) => {
    const request = client.get(url, { headers, ca: certificate, agent: false }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body }));
    });
    request.on('error', reject);
  });
}

beforeAll(async () => {
  folder = mkdtempSync(path.join(tmpdir(), 'portal-tls-'));
  const files = makeCertificate(folder);
  certificate = readFileSync(files.certificate, 'utf8');
  const trustProxyBefore = process.env.TRUST_PROXY;
  standIn = http.createServer((request, response) => {
    count += 1;
    process.env.TRUST_PROXY = '1';
    const seen: Seen = {
      path: request.url ?? '',
      cookie: request.headers.cookie ?? null,
      forwardedProto: (request.headers['x-forwarded-proto'] as string | undefined) ?? null,
      servedOverHttps: servedOverHttps(request),
      count,
    };
    process.env.TRUST_PROXY = trustProxyBefore;
    response.setHeader('Set-Cookie', ['NEXT_LOCALE=en; Path=/; SameSite=lax', 'desk_session=abc; Path=/redaktion; HttpOnly']);
    // What the portal does behind a trusted proxy that says https; nginx sends its own instead.
    if (seen.servedOverHttps) response.setHeader('Strict-Transport-Security', 'max-age=1');
    response.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'public, s-maxage=300' }).end(JSON.stringify(seen));
  });
  await new Promise<void>((resolve) => standIn.listen(0, '127.0.0.1', () => resolve()));
  httpsPort = await freePort();
  front = await startFrontCache({
    port: await freePort(),
    upstream: `127.0.0.1:${(standIn.address() as AddressInfo).port}`,
    tls: { port: httpsPort, ...files },
  });
}, 60_000);

afterAll(async () => {
  await front?.stop();
  await new Promise((resolve) => standIn?.close(resolve));
  if (folder) rmSync(folder, { recursive: true, force: true });
});

describe('nginx with TLS', () => {
  it('redirects plain HTTP to HTTPS with 301 on the same path and query, and sends no HSTS over HTTP', async () => {
    for (const pathAndQuery of ['/', '/de/suche?q=Irak%20Wahl', '/en/article/some-article']) {
      const reply = await get(`${front.url}${pathAndQuery}`, { host: '127.0.0.1' });
      expect(reply.status, pathAndQuery).toBe(301);
      expect(reply.headers.location).toBe(`https://127.0.0.1:${httpsPort}${pathAndQuery}`);
      expect(reply.headers['strict-transport-security']).toBeUndefined();
    }
  });

  it('answers over HTTPS with a long HSTS (once), says https to the portal, and makes every cookie Secure', async () => {
    const reply = await get(`https://127.0.0.1:${httpsPort}/de`);
    expect(reply.status).toBe(200);
    const seen = JSON.parse(reply.body) as Seen;
    expect(seen.forwardedProto).toBe('https');
    expect(seen.servedOverHttps).toBe(true);
    expect(reply.headers['strict-transport-security']).toBe('max-age=63072000; includeSubDomains');
    const cookies = reply.headers['set-cookie'] ?? [];
    expect(cookies.length).toBe(2);
    for (const cookie of cookies) expect(cookie.toLowerCase()).toMatch(/;\s*secure\b/);
  });

  it("never micro-caches the editors' desk and passes its cookies both ways", async () => {
    const first = await get(`https://127.0.0.1:${httpsPort}/redaktion/artikel`, { cookie: 'desk_session=abc' });
    const second = await get(`https://127.0.0.1:${httpsPort}/redaktion/artikel`, { cookie: 'desk_session=abc' });
    for (const reply of [first, second]) {
      expect(reply.status).toBe(200);
      expect(reply.headers['x-cache-status']).toBe('BYPASS');
      expect((JSON.parse(reply.body) as Seen).cookie).toBe('desk_session=abc');
      expect(reply.headers['set-cookie']?.some((cookie) => cookie.startsWith('desk_session=abc'))).toBe(true);
    }
    expect((JSON.parse(second.body) as Seen).count).toBeGreaterThan((JSON.parse(first.body) as Seen).count);
  });
});

describe("the portal's own HSTS rule", () => {
  it('trusts X-Forwarded-Proto only from a trusted proxy, and a TLS socket always', async () => {
    const trustProxyBefore = process.env.TRUST_PROXY;
    const fake = (encrypted: boolean, proto?: string) =>
      ({ socket: encrypted ? { encrypted: true } : {}, headers: proto ? { 'x-forwarded-proto': proto } : {} }) as unknown as http.IncomingMessage;
    try {
      delete process.env.TRUST_PROXY;
      expect(servedOverHttps(fake(false, 'https'))).toBe(false);
      expect(servedOverHttps(fake(true))).toBe(true);
      process.env.TRUST_PROXY = '1';
      expect(servedOverHttps(fake(false, 'https'))).toBe(true);
      expect(servedOverHttps(fake(false, 'http'))).toBe(false);
    } finally {
      process.env.TRUST_PROXY = trustProxyBefore;
    }
  });
});
