import autocannon from 'autocannon';
import { BROWSER_ACCEPT_ENCODING, header } from './http';
import { processCpuMs } from './process';
import { median } from './stats';

/*
 * Load with autocannon against loopback: a rotating list of paths, the
 * headers a browser sends, and per-run numbers that the scenarios reduce to
 * medians over several runs.
 */

export type LoadRun = {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  requests: number;
  /** Average response size as transferred (headers and compressed body). */
  bytesPerRequest: number;
  /** CPU time the server process spent per answered request (user + system), ms; NaN when not measured. */
  serverCpuMsPerRequest: number;
  non2xx: number;
  errors: number;
  seconds: number;
};

export type LoadOptions = {
  origin: string;
  paths: readonly string[];
  connections: number;
  /** Run for this long… */
  seconds?: number;
  /** …or until this many requests were answered (each path once when it equals paths.length). */
  amount?: number;
  /** Counts the values of this response header (e.g. x-nextjs-cache); costs the load generator some time. */
  countHeader?: string;
  /** The server's process, to measure the CPU time it spends per request. */
  serverPid?: number;
  /** What the client accepts; a browser's list unless given ('identity' for none). */
  acceptEncoding?: string;
};

export type LoadOutcome = LoadRun & { headerCounts: Record<string, number> };

export function runLoad(options: LoadOptions): Promise<LoadOutcome> {
  if (options.paths.length === 0) throw new Error('a load run needs at least one path');
  let next = 0;
  const nextPath = () => {
    const path = options.paths[next % options.paths.length] ?? '/';
    next += 1;
    return path;
  };
  const headerCounts: Record<string, number> = {};
  const countHeader = options.countHeader;
  const started = performance.now();
  const cpuBefore = options.serverPid === undefined ? Number.NaN : processCpuMs(options.serverPid);
  return new Promise((resolve, reject) => {
    autocannon(
      {
        url: options.origin,
        connections: options.connections,
        ...(options.amount !== undefined ? { amount: options.amount } : { duration: options.seconds ?? 10 }),
        timeout: 30,
        headers: { 'accept-encoding': options.acceptEncoding ?? BROWSER_ACCEPT_ENCODING, accept: 'text/html,application/xhtml+xml' },
        requests: [
          {
            setupRequest: (request) => ({ ...request, path: nextPath() }),
            ...(countHeader
              ? {
                  onResponse: (_status: number, _body: string, _context: object, headers: Record<string, string | string[] | undefined> = {}) => {
                    const lowerCased = Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]));
                    const value = header(lowerCased, countHeader) || '(none)';
                    headerCounts[value] = (headerCounts[value] ?? 0) + 1;
                  },
                }
              : {}),
          },
        ],
      },
      (error, result) => {
        if (error) {
          reject(error instanceof Error ? error : new Error(String(error)));
          return;
        }
        const seconds = options.amount !== undefined ? (performance.now() - started) / 1_000 : result.duration;
        const answered = result['1xx'] + result['2xx'] + result['3xx'] + result['4xx'] + result['5xx'];
        resolve({
          requestsPerSecond: answered / seconds,
          p50Ms: result.latency.p50,
          p99Ms: result.latency.p99,
          requests: answered,
          bytesPerRequest: answered > 0 ? result.throughput.total / answered : 0,
          serverCpuMsPerRequest: options.serverPid === undefined ? Number.NaN : (processCpuMs(options.serverPid) - cpuBefore) / answered,
          non2xx: result.non2xx,
          errors: result.errors,
          seconds,
          headerCounts,
        });
      },
    );
  });
}

/** The median of every number over several runs (each field on its own). */
export function medianRun(runs: readonly LoadRun[]): LoadRun {
  const of = (field: keyof LoadRun) => median(runs.map((run) => run[field]));
  return {
    requestsPerSecond: of('requestsPerSecond'),
    p50Ms: of('p50Ms'),
    p99Ms: of('p99Ms'),
    requests: of('requests'),
    bytesPerRequest: of('bytesPerRequest'),
    serverCpuMsPerRequest: of('serverCpuMsPerRequest'),
    non2xx: runs.reduce((sum, run) => sum + run.non2xx, 0),
    errors: runs.reduce((sum, run) => sum + run.errors, 0),
    seconds: of('seconds'),
  };
}

export function withoutHeaderCounts(outcome: LoadOutcome): LoadRun {
  const { requestsPerSecond, p50Ms, p99Ms, requests, bytesPerRequest, serverCpuMsPerRequest, non2xx, errors, seconds } = outcome;
  return { requestsPerSecond, p50Ms, p99Ms, requests, bytesPerRequest, serverCpuMsPerRequest, non2xx, errors, seconds };
}
