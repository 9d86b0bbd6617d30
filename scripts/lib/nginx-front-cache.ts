import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { localizedPrefixes, type InternalPathname } from '../../i18n/navigation';

/*
 * Runs nginx (from Debian's packages) with deploy/nginx/portal.conf.template
 * in front of a portal server, for the front-cache test and the benchmark,
 * and, as the benchmark's reference, nginx serving the same pages as files.
 */

const TEMPLATE = path.resolve(import.meta.dirname, '..', '..', 'deploy', 'nginx', 'portal.conf.template');
const TLS_TEMPLATE = path.resolve(import.meta.dirname, '..', '..', 'deploy', 'nginx', 'portal-tls.conf.template');

/** Where nginx takes HTTPS: its address (host:port), certificate and key files, and the port readers name (443 is left out of redirects). */
export type TlsSettings = { listen: string; certificate: string; certificateKey: string; port: number };

/** The TLS part of the server block (deploy/nginx/portal-tls.conf.template), or nothing without TLS. */
export function tlsServerLines(tls: TlsSettings | undefined): string {
  if (!tls) return '';
  return readFileSync(TLS_TEMPLATE, 'utf8')
    .replaceAll('{{TLS_LISTEN}}', tls.listen)
    .replaceAll('{{TLS_CERTIFICATE}}', tls.certificate)
    .replaceAll('{{TLS_CERTIFICATE_KEY}}', tls.certificateKey)
    .replaceAll('{{TLS_PORT_SUFFIX}}', tls.port === 443 ? '' : `:${tls.port}`)
    .trimEnd();
}
const NGINX = process.env.NGINX_PATH ?? '/usr/sbin/nginx';

export type FrontCache = { url: string; stop: () => Promise<void> };

/** A portal instance's address as nginx names it (host:port); nothing that could end the directive. */
const UPSTREAM_ADDRESS = /^[A-Za-z0-9.[\]:-]+$/;

/** The upstream block's `server` lines, one per portal instance. */
export function upstreamServerLines(upstreams: readonly string[]): string {
  if (upstreams.length === 0) throw new Error('the front cache needs at least one portal instance');
  const invalid = upstreams.find((address) => !UPSTREAM_ADDRESS.test(address));
  if (invalid !== undefined) throw new Error(`not an upstream address (host:port): ${JSON.stringify(invalid)}`);
  return upstreams.map((address) => `    server ${address};`).join('\n');
}

/** An nginx regex alternative of a page's path prefixes in every language (localizedPrefixes), without the leading slash. */
export function localizedPathAlternatives(pathname: InternalPathname): string {
  return localizedPrefixes(pathname)
    .map((prefix) => prefix.replace(/^\/|\/$/g, '').replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('|');
}

export function renderFrontCacheConfig(values: { prefix: string; upstreams: readonly string[]; listen: string; tls?: TlsSettings }): string {
  return readFileSync(TEMPLATE, 'utf8')
    .replaceAll('{{TLS}}', tlsServerLines(values.tls))
    .replaceAll('{{PREFIX}}', values.prefix)
    .replaceAll('{{UPSTREAM_SERVERS}}', upstreamServerLines(values.upstreams))
    .replaceAll('{{LISTEN}}', values.listen)
    .replaceAll('{{PREVIEW_PATHS}}', localizedPathAlternatives('/preview/[id]'))
    .replaceAll('{{SEARCH_PATHS}}', localizedPathAlternatives('/search'));
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

/** Runs nginx with the configuration `configFor(prefix)` in a fresh folder; `prepare` may add files first. */
async function startNginx(port: number, configFor: (prefix: string) => string, prepare: (prefix: string) => void = () => {}): Promise<FrontCache> {
  const prefix = mkdtempSync(path.join(tmpdir(), 'portal-nginx-'));
  // nginx's workers run as an unprivileged user when started as root; they must reach what is in here.
  chmodSync(prefix, 0o777);
  prepare(prefix);
  const config = path.join(prefix, 'nginx.conf');
  writeFileSync(config, configFor(prefix));
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

/**
 * Starts nginx on 127.0.0.1:<port> balancing over `upstream`, one portal instance's host:port or several;
 * with `tls`, HTTPS on 127.0.0.1:<tls.port> too, to which plain HTTP then redirects.
 */
export function startFrontCache({
  port,
  upstream,
  tls,
}: {
  port: number;
  upstream: string | readonly string[];
  tls?: { port: number; certificate: string; certificateKey: string };
}): Promise<FrontCache> {
  const upstreams = typeof upstream === 'string' ? [upstream] : upstream;
  const tlsSettings = tls && { ...tls, listen: `127.0.0.1:${tls.port}` };
  return startNginx(
    port,
    (prefix) => renderFrontCacheConfig({ prefix, upstreams, listen: `127.0.0.1:${port}`, tls: tlsSettings }),
    (prefix) => {
      // The workers write the cache.
      mkdirSync(path.join(prefix, 'cache'), { mode: 0o777 });
      chmodSync(path.join(prefix, 'cache'), 0o777);
    },
  );
}

/**
 * nginx answering each path with the bytes given for it, from a file of its own, with the given
 * content type and encoding: what the front cache could at best do with the same pages.
 */
export function startStaticPages({
  port,
  pages,
  contentType,
  contentEncoding,
}: {
  port: number;
  pages: ReadonlyMap<string, Buffer>;
  contentType: string;
  contentEncoding: string | null;
}): Promise<FrontCache> {
  const configFor = (prefix: string) => `worker_processes auto;
pid ${prefix}/nginx.pid;
error_log ${prefix}/error.log warn;
daemon off;
events { worker_connections 4096; }
http {
  access_log off;
  server_tokens off;
  client_body_temp_path ${prefix}/client_body;
  proxy_temp_path ${prefix}/proxy_temp;
  fastcgi_temp_path ${prefix}/fastcgi_temp;
  uwsgi_temp_path ${prefix}/uwsgi_temp;
  scgi_temp_path ${prefix}/scgi_temp;
  server {
    listen 127.0.0.1:${port};
    root ${prefix}/static;
    location / {
      default_type "${contentType}";
      ${contentEncoding ? `add_header Content-Encoding ${contentEncoding};` : ''}
      try_files $uri =404;
    }
  }
}
`;
  return startNginx(port, configFor, (prefix) => {
    const root = path.join(prefix, 'static');
    for (const [urlPath, body] of pages) {
      // nginx looks files up by the decoded path.
      const file = path.join(root, decodeURIComponent(urlPath));
      if (!file.startsWith(`${root}${path.sep}`)) throw new Error(`${urlPath} is not a path under the static root`);
      mkdirSync(path.dirname(file), { recursive: true, mode: 0o755 });
      writeFileSync(file, body, { mode: 0o644 });
    }
  });
}
