import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort } from '../../scripts/lib/free-port';
import { nextCommand, PROJECT_ROOT } from './build';
import type { RawResponse } from './http';
import { startServerProcess, type ServerProcess } from './process';

/*
 * The two references every throughput is divided by: the framework's floor
 * (a minimal page under `next start`) and the machine's ceiling (a bare Node
 * HTTP server answering each article URL with the bytes the portal sent for it).
 */

export async function startBaselineNext(appDir: string): Promise<ServerProcess> {
  const port = await freePort();
  return startServerProcess({
    name: 'the baseline Next.js app',
    args: nextCommand('start', appDir, '--port', String(port), '--hostname', '127.0.0.1'),
    cwd: PROJECT_ROOT,
    env: { ...process.env, NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1', NEXT_DIST_DIR: undefined },
    origin: `http://127.0.0.1:${port}`,
    readyPath: '/',
  });
}

/** What the bare server answers a path with (see bench/bare-server.ts). */
export type RecordedPage = { status: number; headers: [string, string][]; bodyBase64: string };
export type RecordedPages = Record<string, RecordedPage>;

// Hop-by-hop headers belong to one connection; the bare server sets its own length instead.
const CONNECTION_HEADERS = new Set(['connection', 'keep-alive', 'transfer-encoding', 'date', 'content-length']);

export function recordPage(response: RawResponse): RecordedPage {
  const headers: [string, string][] = [];
  for (const [name, value] of Object.entries(response.headers)) {
    if (value === undefined || CONNECTION_HEADERS.has(name)) continue;
    for (const single of Array.isArray(value) ? value : [value]) headers.push([name, single]);
  }
  return { status: response.status, headers, bodyBase64: response.body.toString('base64') };
}

export async function startBareServer(pages: RecordedPages): Promise<ServerProcess> {
  const folder = mkdtempSync(path.join(tmpdir(), 'portal-bench-bare-'));
  const removeFolder = () => rmSync(folder, { recursive: true, force: true });
  const file = path.join(folder, 'pages.json');
  writeFileSync(file, JSON.stringify(pages));
  const port = await freePort();
  try {
    const server = await startServerProcess({
      name: 'the bare Node.js server',
      args: ['--import', 'tsx', path.join('bench', 'bare-server.ts'), file, String(port)],
      cwd: PROJECT_ROOT,
      env: { ...process.env, NODE_ENV: 'production' },
      origin: `http://127.0.0.1:${port}`,
      readyPath: '/',
    });
    return { ...server, stop: () => server.stop().finally(removeFolder) };
  } catch (error) {
    removeFolder();
    throw error;
  }
}
