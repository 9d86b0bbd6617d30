import type http from 'node:http';
import pg from 'pg';

/*
 * `GET /healthz`: the process lives. `GET /readyz`: it can serve, meaning the
 * build is loaded (the server listens only once Next.js has prepared it), the
 * database answers `SELECT 1` within a second, and the server is not
 * stopping. Both are answered before Next.js, the request gate and the rate
 * limits, so that a probe is never queued or refused like a reader, and
 * never cached.
 */

export type Unreadiness = 'database' | 'stopping';

const PATHS = new Set(['/healthz', '/readyz']);
const DATABASE_TIMEOUT_MS = 1_000;

/**
 * Whether the database answers `SELECT 1` within `timeoutMs`, on a connection
 * of its own: behind the readers in a busy pool a probe would time out and
 * take a healthy server out of rotation. Probes arriving together share one.
 */
export function databaseAnswers(databaseUrl: string | undefined, timeoutMs = DATABASE_TIMEOUT_MS): () => Promise<boolean> {
  let pending: Promise<boolean> | null = null;
  const probe = async (): Promise<boolean> => {
    if (!databaseUrl) return false;
    const client = new pg.Client({ connectionString: databaseUrl, connectionTimeoutMillis: timeoutMs, query_timeout: timeoutMs });
    // A connection that breaks later must not become an uncaught error.
    client.on('error', () => undefined);
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(false), timeoutMs);
    });
    const answered = client
      .connect()
      .then(() => client.query('SELECT 1'))
      .then(() => true, () => false);
    try {
      return await Promise.race([answered, late]);
    } finally {
      clearTimeout(timer);
      void client.end().catch(() => undefined);
    }
  };
  return () => {
    pending ??= probe().finally(() => {
      pending = null;
    });
    return pending;
  };
}

function send(request: http.IncomingMessage, response: http.ServerResponse, status: number, body: object, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
    ...headers,
  });
  response.end(request.method === 'HEAD' ? undefined : text);
}

export type HealthEndpoints = {
  /** Answers /healthz and /readyz and returns true; returns false for any other URL. */
  answer: (request: http.IncomingMessage, response: http.ServerResponse) => boolean;
  /** From now on /readyz answers 503 (the server drains). */
  markStopping: () => void;
};

export function createHealthEndpoints(databaseReady: () => Promise<boolean>): HealthEndpoints {
  let stopping = false;
  const readiness = async (): Promise<Unreadiness | null> => {
    if (stopping) return 'stopping';
    return (await databaseReady()) ? null : 'database';
  };
  return {
    markStopping: () => {
      stopping = true;
    },
    answer: (request, response) => {
      const pathname = (request.url ?? '').split('?', 1)[0] ?? '';
      if (!PATHS.has(pathname)) return false;
      if (request.method !== 'GET' && request.method !== 'HEAD') {
        send(request, response, 405, { error: 'method not allowed' }, { Allow: 'GET, HEAD' });
        return true;
      }
      if (pathname === '/healthz') {
        send(request, response, 200, { status: 'ok' });
        return true;
      }
      void readiness().then((reason) =>
        reason === null ? send(request, response, 200, { status: 'ok' }) : send(request, response, 503, { status: 'unavailable', reason }),
      );
      return true;
    },
  };
}
