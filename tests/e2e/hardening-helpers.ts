import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import type { Target } from '../../scripts/lib/load-tools';

/*
 * What the hardening tests share: the security headers every response must
 * carry, raw requests node:http will not send, who listens on a port and how
 * much disk a folder takes. The load tools the soak script uses as well
 * (seeded randomness, a pool of requests, memory) are in scripts/lib/load-tools.ts.
 */

export type HeaderSource = Headers | http.IncomingHttpHeaders;

function headerOf(headers: HeaderSource, name: string): string | null {
  if (headers instanceof Headers) return headers.get(name);
  const value = headers[name.toLowerCase()];
  if (value === undefined) return null;
  return Array.isArray(value) ? value.join(', ') : String(value);
}

/** The directives of a Content-Security-Policy header, each with its sources. */
export function cspDirectives(policy: string): Map<string, string[]> {
  const directives = new Map<string, string[]>();
  for (const part of policy.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name) directives.set(name.toLowerCase(), sources);
  }
  return directives;
}

// Sources that name no other origin: keywords, data: for inline images only, inline styles, and a page's own scripts by hash or nonce.
const FIRST_PARTY_SOURCES = new Set(["'self'", "'none'"]);
const OWN_SCRIPTS = /^'(?:sha256|nonce)-[A-Za-z0-9+/_-]+={0,2}'$/;

const REQUIRED_DIRECTIVES: Record<string, string> = {
  'default-src': "'self'",
  'object-src': "'none'",
  'base-uri': "'none'",
  'frame-ancestors': "'none'",
  'form-action': "'self'",
};

const DENIED_FEATURES = ['camera', 'microphone', 'geolocation', 'payment', 'usb', 'display-capture', 'interest-cohort', 'browsing-topics'];

const REQUEST_ID = /^[A-Za-z0-9._-]{8,64}$/;

/**
 * Every problem with a response's security headers, as readable lines (an
 * empty list means all is well). `https`: whether the request said it came
 * over TLS (X-Forwarded-Proto: https), the only case that gets HSTS.
 */
export function securityHeaderProblems(headers: HeaderSource, { https }: { https: boolean }): string[] {
  const problems: string[] = [];
  const csp = headerOf(headers, 'content-security-policy');
  if (csp === null) {
    problems.push('no Content-Security-Policy');
  } else {
    const directives = cspDirectives(csp);
    for (const [directive, source] of Object.entries(REQUIRED_DIRECTIVES)) {
      const sources = directives.get(directive);
      if (!sources || sources.length !== 1 || sources[0] !== source) {
        problems.push(`CSP ${directive} is ${JSON.stringify(sources?.join(' ') ?? null)}, expected ${source}`);
      }
    }
    for (const [directive, sources] of directives) {
      for (const source of sources) {
        const allowed =
          FIRST_PARTY_SOURCES.has(source) ||
          (directive === 'img-src' && source === 'data:') ||
          (directive === 'style-src' && source === "'unsafe-inline'") ||
          (directive === 'script-src' && OWN_SCRIPTS.test(source));
        if (!allowed) problems.push(`CSP ${directive} allows ${source}`);
      }
    }
  }
  if (headerOf(headers, 'x-content-type-options') !== 'nosniff') problems.push('X-Content-Type-Options is not nosniff');
  const referrer = headerOf(headers, 'referrer-policy');
  if (referrer !== 'strict-origin-when-cross-origin') problems.push(`Referrer-Policy is ${referrer}`);
  const permissions = headerOf(headers, 'permissions-policy') ?? '';
  const denied = new Set(permissions.split(',').map((entry) => entry.trim()));
  for (const feature of DENIED_FEATURES) {
    if (!denied.has(`${feature}=()`)) problems.push(`Permissions-Policy does not deny ${feature}`);
  }
  const opener = headerOf(headers, 'cross-origin-opener-policy');
  if (opener !== 'same-origin') problems.push(`Cross-Origin-Opener-Policy is ${opener}`);
  const poweredBy = headerOf(headers, 'x-powered-by');
  if (poweredBy !== null) problems.push(`X-Powered-By is sent: ${poweredBy}`);
  const requestId = headerOf(headers, 'x-request-id');
  if (requestId === null || !REQUEST_ID.test(requestId)) problems.push(`X-Request-Id is ${requestId}`);
  const hsts = headerOf(headers, 'strict-transport-security');
  if (https) {
    const maxAge = Number(/max-age=(\d+)/.exec(hsts ?? '')?.[1] ?? 0);
    if (maxAge < 31_536_000) problems.push(`Strict-Transport-Security over https is ${hsts}`);
  } else if (hsts !== null) {
    problems.push(`Strict-Transport-Security sent over plain http: ${hsts}`);
  }
  return problems;
}

/**
 * Bytes written to a fresh connection as they are, for requests node:http
 * will not send (raw non-ASCII, spaces, `*`); the status is read from the
 * answer's first line. The request should say `Connection: close`: the
 * answer is read until the server closes. Rejects when it closes without one.
 */
export function sendRawRequest(target: Target, bytes: Buffer, timeoutMs = 15_000): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: target.host, port: target.port });
    const chunks: Buffer[] = [];
    let size = 0;
    const timer = setTimeout(() => socket.destroy(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
    // Written without closing our side: Node's server drops a slow answer to a client that half-closes.
    socket.on('connect', () => socket.write(bytes));
    socket.on('data', (chunk: Buffer) => {
      if (size < 1_000_000) chunks.push(chunk);
      size += chunk.length;
    });
    socket.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    socket.on('close', () => {
      clearTimeout(timer);
      const text = Buffer.concat(chunks).toString('latin1');
      const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(text)?.[1] ?? 0);
      if (status === 0) reject(new Error(`closed without an HTTP answer (${size} bytes: ${JSON.stringify(text.slice(0, 80))})`));
      else resolve({ status, text });
    });
  });
}

/** Process id of whatever listens on a local TCP port (ss first, /proc as the fallback). */
export function pidListeningOn(port: number): number {
  try {
    const listing = execFileSync('ss', ['-Hltnp', `sport = :${port}`], { encoding: 'utf8' });
    const pid = /pid=(\d+)/.exec(listing)?.[1];
    if (pid !== undefined) return Number(pid);
  } catch {
    // no ss on this machine: look through /proc
  }
  const hexPort = port.toString(16).toUpperCase().padStart(4, '0');
  const inodes = new Set<string>();
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    for (const line of readFileSync(table, 'utf8').split('\n').slice(1)) {
      const fields = line.trim().split(/\s+/);
      // state 0A is LISTEN
      if (fields[1]?.endsWith(`:${hexPort}`) && fields[3] === '0A' && fields[9] !== undefined) inodes.add(fields[9]);
    }
  }
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      for (const fd of readdirSync(`/proc/${entry}/fd`)) {
        const socket = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${entry}/fd/${fd}`))?.[1];
        if (socket !== undefined && inodes.has(socket)) return Number(entry);
      }
    } catch {
      // a process that ended or is not ours to read
    }
  }
  throw new Error(`no process listens on port ${port}`);
}


/** Bytes on disk under a folder (du), 0 when it does not exist. */
export function diskBytes(folder: string): number {
  try {
    return Number(execFileSync('du', ['-sb', folder], { encoding: 'utf8' }).split('\t')[0]);
  } catch {
    return 0;
  }
}


/** The heading of the localized 503 page (messages/*.json, namespace Error). */
export const UNAVAILABLE_HEADING = {
  de: 'Die Seite ist gerade nicht erreichbar',
  en: 'This page is temporarily unavailable',
} as const;

/** How the localized error pages introduce the request id. */
export const REFERENCE_LABEL = { de: 'Fehlerkennung:', en: 'Error reference:' } as const;
