import { spawn } from 'node:child_process';
import { freePort, listening } from './free-port';

/*
 * A Redis for tests and the benchmark: Debian's redis-server on loopback,
 * nothing written to disk, started and stopped by whoever needs it. It can
 * be started again on the same port, as an operator restarts theirs.
 */

const REDIS_SERVER = process.env.REDIS_SERVER_PATH ?? '/usr/bin/redis-server';

export type RunningRedis = { url: string; port: number; stop: () => Promise<void> };

/** Starts redis-server on 127.0.0.1 (on `port`, or a free one) and resolves once it accepts connections. */
export async function startRedisServer(port?: number): Promise<RunningRedis> {
  const chosen = port ?? (await freePort());
  const child = spawn(REDIS_SERVER, ['--port', String(chosen), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  };
  for (let attempt = 0; attempt < 100; attempt += 1) {
    if (child.exitCode !== null) throw new Error(`redis-server exited with ${child.exitCode}`);
    if (await listening(chosen)) return { url: `redis://127.0.0.1:${chosen}`, port: chosen, stop };
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  await stop();
  throw new Error('redis-server did not listen within 5 s');
}
