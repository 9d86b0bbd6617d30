import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';

/*
 * What the hardening tests and the soak script share: the security headers
 * every response must carry, a seeded random generator, a bounded pool of
 * requests in flight, an HTTP client that sends exactly what it is given
 * (hostile paths and headers that fetch() would refuse or normalise), and
 * the server process's memory. No vitest import: scripts/soak.ts uses it.
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

/** A small, fast, seeded generator (mulberry32): the same seed gives the same requests. */
export function seededRandom(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  const int = (below: number) => Math.floor(next() * below);
  const pick = <T>(items: readonly T[]): T => {
    const item = items[int(items.length)];
    if (item === undefined) throw new Error('pick from an empty list');
    return item;
  };
  const word = (length: number, alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789') =>
    Array.from({ length }, () => alphabet[int(alphabet.length)] ?? 'a').join('');
  return { next, int, pick, word, chance: (probability: number) => next() < probability };
}

export type Random = ReturnType<typeof seededRandom>;

/**
 * Runs `work` for every item with at most `concurrency` in flight; stops
 * taking new items at `deadline` (ms since the epoch). Resolves with how many were started.
 */
export async function runPool<T>(items: Iterable<T>, concurrency: number, work: (item: T) => Promise<void>, deadline = Infinity): Promise<number> {
  const iterator = items[Symbol.iterator]();
  let started = 0;
  const worker = async () => {
    for (;;) {
      if (Date.now() >= deadline) return;
      const next = iterator.next();
      if (next.done) return;
      started += 1;
      await work(next.value);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return started;
}

export type Target = { host: string; port: number; hostHeader: string };

/** Where the portal at `baseUrl` listens, for node:http and raw sockets (IPv4 loopback). */
export function targetOf(baseUrl: string): Target {
  const url = new URL(baseUrl);
  const host = url.hostname === 'localhost' ? '127.0.0.1' : url.hostname;
  return { host, port: Number(url.port), hostHeader: url.host };
}

export type Answer = { status: number; headers: http.IncomingHttpHeaders; body: Buffer; ms: number };

export type HttpRequest = {
  method: string;
  path: string;
  headers?: Record<string, string>;
  body?: Buffer;
  /** Send the body with Transfer-Encoding: chunked instead of Content-Length. */
  chunked?: boolean;
  /** A loopback address to connect from: the API rate limit counts per client address. */
  localAddress?: string;
  timeoutMs?: number;
  /** Bytes of the answer's body to keep (the rest is read and dropped). */
  keepBytes?: number;
};

/** One HTTP/1.1 request exactly as given (no path normalisation); rejects on network errors and timeouts. */
export function sendRequest(target: Target, request: HttpRequest, agent?: http.Agent): Promise<Answer> {
  const started = performance.now();
  const keepBytes = request.keepBytes ?? 1_000_000;
  return new Promise((resolve, reject) => {
    const outgoing = http.request({
      host: target.host,
      port: target.port,
      method: request.method,
      path: request.path,
      headers: { host: target.hostHeader, ...request.headers },
      localAddress: request.localAddress,
      agent: agent ?? false,
      setHost: false,
    });
    const timer = setTimeout(() => outgoing.destroy(new Error(`no answer within ${request.timeoutMs ?? 15_000} ms`)), request.timeoutMs ?? 15_000);
    outgoing.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    outgoing.on('response', (response) => {
      const chunks: Buffer[] = [];
      let kept = 0;
      response.on('data', (chunk: Buffer) => {
        if (kept < keepBytes) {
          chunks.push(chunk);
          kept += chunk.length;
        }
      });
      response.on('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
      response.on('end', () => {
        clearTimeout(timer);
        resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks), ms: performance.now() - started });
      });
    });
    if (request.body && request.chunked) {
      outgoing.write(request.body);
      outgoing.end();
    } else {
      outgoing.end(request.body);
    }
  });
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

/** Resident memory of a process in bytes (Linux /proc). */
export function residentBytes(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kilobytes = /^VmRSS:\s+(\d+)\s+kB$/m.exec(status)?.[1];
  if (kilobytes === undefined) throw new Error(`no VmRSS for process ${pid}`);
  return Number(kilobytes) * 1024;
}

/** Bytes on disk under a folder (du), 0 when it does not exist. */
export function diskBytes(folder: string): number {
  try {
    return Number(execFileSync('du', ['-sb', folder], { encoding: 'utf8' }).split('\t')[0]);
  } catch {
    return 0;
  }
}

/** The value at quantile `q` (0…1) of unsorted numbers. */
export function percentile(values: readonly number[], q: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? NaN;
}

export const MB = 1024 * 1024;

export function megabytes(bytes: number): string {
  return `${(bytes / MB).toFixed(1)} MB`;
}

/** The heading of the localized 503 page (messages/*.json, namespace Error). */
export const UNAVAILABLE_HEADING = {
  de: 'Die Seite ist gerade nicht erreichbar',
  en: 'This page is temporarily unavailable',
} as const;

/** How the localized error pages introduce the request id. */
export const REFERENCE_LABEL = { de: 'Fehlerkennung:', en: 'Error reference:' } as const;
