import { readFileSync } from 'node:fs';
import http from 'node:http';

/*
 * What the soak script and the hardening tests share: a seeded random
 * generator, a bounded pool of requests in flight, an HTTP client that sends
 * exactly what it is given (hostile paths and headers that fetch() would
 * refuse or normalise), and the server process's memory.
 */

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

/** Resident memory of a process in bytes (Linux /proc). */
export function residentBytes(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kilobytes = /^VmRSS:\s+(\d+)\s+kB$/m.exec(status)?.[1];
  if (kilobytes === undefined) throw new Error(`no VmRSS for process ${pid}`);
  return Number(kilobytes) * 1024;
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
