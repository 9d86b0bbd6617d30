import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/*
 * Runs nginx (from Debian's packages) with deploy/nginx/portal.conf.template
 * in front of a portal server, for the front-cache test and the benchmark.
 */

const TEMPLATE = path.resolve(import.meta.dirname, '..', '..', 'deploy', 'nginx', 'portal.conf.template');
const NGINX = process.env.NGINX_PATH ?? '/usr/sbin/nginx';

export type FrontCache = { url: string; stop: () => Promise<void> };

export function renderFrontCacheConfig(values: { prefix: string; upstream: string; listen: string }): string {
  return readFileSync(TEMPLATE, 'utf8')
    .replaceAll('{{PREFIX}}', values.prefix)
    .replaceAll('{{UPSTREAM}}', values.upstream)
    .replaceAll('{{LISTEN}}', values.listen);
}

async function waitForPort(url: string, process: ChildProcess, errorLog: string): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    if (process.exitCode !== null) throw new Error(`nginx exited: ${readFileSync(errorLog, 'utf8')}`);
    try {
      await fetch(url, { redirect: 'manual' });
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  throw new Error('nginx did not start within 15 s');
}

/** Starts nginx on 127.0.0.1:<port> proxying to `upstream` (host:port). */
export async function startFrontCache({ port, upstream }: { port: number; upstream: string }): Promise<FrontCache> {
  const prefix = mkdtempSync(path.join(tmpdir(), 'portal-nginx-'));
  // nginx's workers run as an unprivileged user when started as root; they must reach the cache.
  chmodSync(prefix, 0o777);
  mkdirSync(path.join(prefix, 'cache'), { mode: 0o777 });
  chmodSync(path.join(prefix, 'cache'), 0o777);
  const config = path.join(prefix, 'nginx.conf');
  writeFileSync(config, renderFrontCacheConfig({ prefix, upstream, listen: `127.0.0.1:${port}` }));
  const errorLog = path.join(prefix, 'error.log');
  writeFileSync(errorLog, '');
  chmodSync(errorLog, 0o666);
  const nginx = spawn(NGINX, ['-p', prefix, '-c', config], { stdio: 'ignore' });
  const url = `http://127.0.0.1:${port}`;
  await waitForPort(url, nginx, errorLog);
  return {
    url,
    stop: async () => {
      if (nginx.exitCode === null) {
        nginx.kill('SIGQUIT');
        await new Promise((resolve) => nginx.once('exit', resolve));
      }
      rmSync(prefix, { recursive: true, force: true });
    },
  };
}
