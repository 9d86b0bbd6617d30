import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

/*
 * What the instances scenario asks of the Redis its portal instances share
 * their ISR cache in (started with scripts/lib/redis-server.ts).
 */

const REDIS_CLI = process.env.REDIS_CLI_PATH ?? '/usr/bin/redis-cli';
const runFile = promisify(execFile);

/** How many SET commands Redis has run so far: every entry an instance rendered and shared is one. */
export async function redisSetCalls(port: number): Promise<number> {
  const { stdout } = await runFile(REDIS_CLI, ['-h', '127.0.0.1', '-p', String(port), 'INFO', 'commandstats']);
  return Number(/^cmdstat_set:calls=(\d+)/m.exec(stdout)?.[1] ?? 0);
}
