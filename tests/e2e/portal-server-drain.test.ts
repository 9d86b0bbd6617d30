import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { portalServerArgs, portalServerEnv } from '../../scripts/lib/portal-server-command';
import { freePort, listening } from '../../scripts/lib/free-port';
import { copyBuild } from './hardening-own-portal';
import { eventually } from './process-tree';

/*
 * The portal server told to stop (SIGTERM, as `npm start`, `docker stop` or
 * systemd send it) while it works: it stops listening at once, finishes the
 * request in flight, closes the idle keep-alive connection, and exits 0; a
 * request that never completes is cut off, so that it exits within 8 s.
 * The server runs on a copy of the e2e build and the e2e database.
 */

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const BOUNDARY = 'portal-drain-test';

let build: { distDir: string; remove: () => void };
let mediaDir: string;
const servers: ChildProcess[] = [];

beforeAll(() => {
  build = copyBuild(inject('distDir'));
  mediaDir = mkdtempSync(path.join(tmpdir(), 'portal-drain-media-'));
});

afterEach(() => {
  for (const server of servers.splice(0)) if (server.exitCode === null && server.signalCode === null) server.kill('SIGKILL');
});

afterAll(() => {
  build.remove();
  rmSync(mediaDir, { recursive: true, force: true });
});

type Served = { server: ChildProcess; port: number; exit: Promise<number | null>; log: () => string };

async function startServer(): Promise<Served> {
  const port = await freePort();
  const server = spawn(process.execPath, await portalServerArgs(), {
    cwd: ROOT,
    env: portalServerEnv({
      ...process.env,
      NODE_ENV: 'production',
      NEXT_TELEMETRY_DISABLED: '1',
      NEXT_DIST_DIR: build.distDir,
      DATABASE_URL: inject('databaseUrl'),
      MEDIA_DIR: mediaDir,
      PORT: String(port),
      HOST: 'localhost',
      REVALIDATE_SECRET: inject('revalidateSecret'),
      PREVIEW_SECRET: 'drain-preview-secret',
    }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  servers.push(server);
  let log = '';
  server.stdout?.on('data', (chunk: Buffer) => (log += chunk.toString()));
  server.stderr?.on('data', (chunk: Buffer) => (log += chunk.toString()));
  const exit = new Promise<number | null>((resolve) => server.once('exit', (code) => resolve(code)));
  const up = await eventually(async () => server.exitCode !== null || log.includes('[portal] Serving'), 90_000);
  if (!up || server.exitCode !== null) throw new Error(`the portal server did not start:\n${log}`);
  return { server, port, exit, log: () => log };
}

/** A raw connection, to send a request in pieces and read what comes back. */
async function connect(port: number): Promise<{ socket: net.Socket; received: () => string; closed: Promise<void> }> {
  const socket = net.connect(port, '127.0.0.1');
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  });
  let received = '';
  socket.on('data', (chunk: Buffer) => (received += chunk.toString()));
  socket.on('error', () => undefined);
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  return { socket, received: () => received, closed };
}

/** A plain (JavaScript-free) form post whose body the server reads before answering (server/form-post-check.ts). */
function formPost(port: number, body: string): string {
  return [
    'POST /de/barriere-melden HTTP/1.1',
    `Host: localhost:${port}`,
    `Content-Type: multipart/form-data; boundary=${BOUNDARY}`,
    `Content-Length: ${Buffer.byteLength(body)}`,
    '',
    '',
  ].join('\r\n');
}

describe('the portal server stopped while it works', () => {
  it('finishes the request in flight, refuses new connections, closes idle ones, and exits 0', async () => {
    const { server, port, exit, log } = await startServer();

    const idle = await connect(port);
    idle.socket.write(`GET /healthz HTTP/1.1\r\nHost: localhost:${port}\r\n\r\n`);
    expect(await eventually(() => idle.received().includes('\r\n\r\n'), 5_000)).toBe(true);

    // Not a form the parser accepts: the server answers 400 itself once it has the whole body.
    const body = `--${BOUNDARY}\r\nContent-Disposition: form-data; name="message"\r\n\r\n${'x'.repeat(200)}`;
    const slow = await connect(port);
    slow.socket.write(formPost(port, body) + body.slice(0, 40));
    // A keep-alive request whose headers are still arriving: answered, then its connection must not stay open.
    const arriving = await connect(port);
    arriving.socket.write(`GET /healthz HTTP/1.1\r\nHost: localhost:${port}\r\n`);
    await new Promise((resolve) => setTimeout(resolve, 300));

    server.kill('SIGTERM');
    const stoppedListening = await eventually(async () => !(await listening(port)), 3_000);
    expect(stoppedListening).toBe(true);
    await Promise.race([idle.closed, new Promise((resolve) => setTimeout(resolve, 2_000))]);
    expect(idle.socket.destroyed || idle.socket.readyState === 'closed').toBe(true);
    expect(slow.received()).toBe('');

    slow.socket.write(body.slice(40));
    await Promise.race([slow.closed, new Promise((resolve) => setTimeout(resolve, 5_000))]);
    expect(slow.received()).toMatch(/^HTTP\/1\.1 400 /);
    expect(slow.received()).toContain('Bad Request: the form');

    arriving.socket.write('\r\n');
    await Promise.race([arriving.closed, new Promise((resolve) => setTimeout(resolve, 3_000))]);
    expect(arriving.received()).toMatch(/^HTTP\/1\.1 200 [^]*\r\nConnection: close\r\n[^]*\{"status":"ok"\}$/);
    const answered = Date.now();
    expect(await exit).toBe(0);
    // Not after the 5 s keep-alive timeout.
    expect(Date.now() - answered).toBeLessThan(2_500);
    expect(log()).not.toContain('cut off');
  }, 120_000);

  it('cuts off a request that never completes and still exits 0 within 8 s', async () => {
    const { server, exit, port, log } = await startServer();
    const stalled = await connect(port);
    stalled.socket.write(formPost(port, 'x'.repeat(100)) + 'x'.repeat(10));
    await new Promise((resolve) => setTimeout(resolve, 300));

    const sent = Date.now();
    server.kill('SIGTERM');
    const code = await Promise.race([exit, new Promise<'still running'>((resolve) => setTimeout(() => resolve('still running'), 9_000))]);
    expect(code).toBe(0);
    expect(Date.now() - sent).toBeLessThan(8_500);
    expect(log()).toContain('cut off');
  }, 120_000);
});
