import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { freePort, listening } from '../../scripts/lib/free-port';
import { copyBuild } from './hardening-own-portal';
import { descendants, eventually, killAll, running } from './process-tree';

/*
 * `npm start` as operators run it: stopped by a signal to the npm process
 * alone (as `docker stop`, systemd or `kill <pid>` send it), or by npm being
 * killed outright, it leaves no process and no listening port within 10 s;
 * a port already taken stops it at once with one line. Each start serves a
 * copy of the e2e build (so start.ts does not build), with its own embedded
 * PostgreSQL on a free port and its data in a temporary PORTAL_DATA_DIR.
 */

const ROOT = path.resolve(import.meta.dirname, '..', '..');

let build: { distDir: string; remove: () => void };
let dataDir: string;
const started: number[] = [];

beforeAll(() => {
  build = copyBuild(inject('distDir'));
  dataDir = mkdtempSync(path.join(tmpdir(), 'portal-npm-start-'));
  // PostgreSQL runs as the `postgres` user when we are root; it must reach the folder.
  chmodSync(dataDir, 0o755);
});

afterAll(() => {
  killAll(started);
  build.remove();
  rmSync(dataDir, { recursive: true, force: true });
});

type NpmStart = { npm: ChildProcess; output: () => string; exit: Promise<number | null> };

function npmStart(port: number, pgPort: number): NpmStart {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NEXT_DIST_DIR: build.distDir,
    PORT: String(port),
    HOST: 'localhost',
    EMBEDDED_PG_PORT: String(pgPort),
    PORTAL_DATA_DIR: dataDir,
    NEXT_TELEMETRY_DISABLED: '1',
  };
  // The embedded database of its own, media and secrets in its data folder.
  delete env.DATABASE_URL;
  delete env.MEDIA_DIR;
  delete env.REVALIDATE_SECRET;
  delete env.PREVIEW_SECRET;
  const npm = spawn('npm', ['start'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  if (npm.pid !== undefined) started.push(npm.pid);
  let output = '';
  npm.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  npm.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exit = new Promise<number | null>((resolve) => npm.once('exit', (code) => resolve(code)));
  return { npm, output: () => output, exit };
}

async function serving(port: number, start: NpmStart): Promise<void> {
  const up = await eventually(async () => {
    if (start.npm.exitCode !== null) return true;
    try {
      const response = await fetch(`http://localhost:${port}/de`, { redirect: 'manual', signal: AbortSignal.timeout(5_000) });
      await response.body?.cancel();
      return response.status < 500;
    } catch {
      return false;
    }
  }, 120_000);
  if (!up || start.npm.exitCode !== null) throw new Error(`npm start did not serve:\n${start.output()}`);
}

/** Occupies 127.0.0.1:`port` with a server that accepts connections and never answers. */
async function occupy(port: number, host: string): Promise<net.Server> {
  const server = net.createServer(() => {});
  await new Promise<void>((resolve) => server.listen(port, host, resolve));
  return server;
}

describe('npm start stopped by a signal to the npm process alone', () => {
  it.each(['SIGTERM', 'SIGINT', 'SIGKILL'] as const)(
    'leaves no process and no listening port within 10 s after %s',
    async (signal) => {
      const port = await freePort();
      const pgPort = await freePort();
      const start = npmStart(port, pgPort);
      await serving(port, start);
      const tree = descendants(start.npm.pid ?? -1);
      started.push(...tree);
      // start.ts, the portal server and PostgreSQL (with its own processes) at least.
      expect(tree.length).toBeGreaterThanOrEqual(3);
      expect(await listening(pgPort)).toBe(true);

      const sent = Date.now();
      start.npm.kill(signal);
      const allGone = await eventually(async () => {
        if ([start.npm.pid ?? -1, ...tree].some(running)) return false;
        return !(await listening(port)) && !(await listening(pgPort));
      }, 10_000);
      const left = tree.filter(running);
      expect({ allGone, left, output: allGone ? '' : start.output() }).toEqual({ allGone: true, left: [], output: '' });
      expect(Date.now() - sent).toBeLessThan(10_500);
    },
    180_000,
  );
});

describe('npm start with a port already in use', () => {
  it('stops with exit code 1 and one line naming PORT', async () => {
    const port = await freePort();
    const blocker = await occupy(port, 'localhost');
    try {
      const start = npmStart(port, await freePort());
      const code = await start.exit;
      const lines = start.output().split('\n');
      expect(code).toBe(1);
      expect(lines.filter((line) => line.includes(String(port)))).toEqual([
        `[portal] Port ${port} on localhost is already in use; set PORT to another one.`,
      ]);
      expect(lines.filter((line) => /^\s+at /.test(line))).toEqual([]);
    } finally {
      blocker.close();
    }
  }, 60_000);

  it('stops with exit code 1 and one line naming EMBEDDED_PG_PORT when something else holds it', async () => {
    const pgPort = await freePort();
    const blocker = await occupy(pgPort, '127.0.0.1');
    try {
      const start = npmStart(await freePort(), pgPort);
      const code = await start.exit;
      const lines = start.output().split('\n');
      expect(code).toBe(1);
      expect(lines.filter((line) => line.includes('in use') || line.includes('taken'))).toEqual([
        `[portal] Port ${pgPort} on 127.0.0.1 (EMBEDDED_PG_PORT) is in use by something that is not this checkout's embedded PostgreSQL; stop it or set EMBEDDED_PG_PORT to another port.`,
      ]);
      expect(lines.filter((line) => /^\s+at /.test(line))).toEqual([]);
    } finally {
      blocker.close();
    }
  }, 60_000);
});
