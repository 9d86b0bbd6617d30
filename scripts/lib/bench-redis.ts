import { execFile, spawn } from 'node:child_process';
import { connect } from 'node:net';
import { promisify } from 'node:util';
import { freePort } from '../../tests/helpers/free-port';
import { sleep } from './bench-http';

/*
 * The Redis the instances scenario's portal instances share their ISR cache
 * in (REDIS_URL): Debian's redis-server on loopback, nothing written to
 * disk, started and stopped by the scenario itself.
 */

const REDIS_SERVER = process.env.REDIS_SERVER_PATH ?? '/usr/bin/redis-server';
const REDIS_CLI = process.env.REDIS_CLI_PATH ?? '/usr/bin/redis-cli';
const runFile = promisify(execFile);

export type BenchRedis = { url: string; port: number; stop: () => Promise<void> };

function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

export async function startRedis(): Promise<BenchRedis> {
  const port = await freePort();
  const child = spawn(REDIS_SERVER, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  };
  for (let attempt = 0; attempt < 100; attempt += 1) {
    if (child.exitCode !== null) throw new Error(`redis-server exited with ${child.exitCode}`);
    if (await listening(port)) return { url: `redis://127.0.0.1:${port}`, port, stop };
    await sleep(50);
  }
  await stop();
  throw new Error('redis-server did not listen within 5 s');
}

/** How many SET commands Redis has run so far: every entry an instance rendered and shared is one. */
export async function redisSetCalls(port: number): Promise<number> {
  const { stdout } = await runFile(REDIS_CLI, ['-h', '127.0.0.1', '-p', String(port), 'INFO', 'commandstats']);
  return Number(/^cmdstat_set:calls=(\d+)/m.exec(stdout)?.[1] ?? 0);
}
