import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { sleep } from './http';

/*
 * Servers the benchmark starts: each a child process we stop ourselves (by
 * its own pid), with its output kept for error messages.
 */

export type ServerProcess = {
  pid: number;
  origin: string;
  log: () => string;
  stop: () => Promise<void>;
};

const LOG_LIMIT = 200_000;

export async function startServerProcess(options: {
  name: string;
  args: string[];
  env: NodeJS.ProcessEnv;
  cwd: string;
  origin: string;
  /** A path that answers (any status below 500) once the server is ready. */
  readyPath: string;
  timeoutMs?: number;
}): Promise<ServerProcess> {
  const child = spawn(process.execPath, options.args, { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const keep = (chunk: Buffer) => {
    output += chunk.toString();
    if (output.length > LOG_LIMIT) output = output.slice(-LOG_LIMIT);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const pid = child.pid;
  if (pid === undefined) throw new Error(`${options.name} did not start`);
  const server: ServerProcess = { pid, origin: options.origin, log: () => output, stop: () => stopChild(child) };

  const deadline = Date.now() + (options.timeoutMs ?? 90_000);
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${options.name} exited early (code ${child.exitCode}):\n${output}`);
    try {
      const response = await fetch(`${options.origin}${options.readyPath}`, { redirect: 'manual' });
      await response.body?.cancel();
      if (response.status < 500) return server;
    } catch {
      // not listening yet
    }
    await sleep(200);
  }
  await server.stop();
  throw new Error(`${options.name} did not answer within ${options.timeoutMs ?? 90_000} ms:\n${output}`);
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const stopped = await Promise.race([exited.then(() => true), sleep(10_000).then(() => false)]);
  if (!stopped) {
    child.kill('SIGKILL');
    await Promise.race([exited, sleep(5_000)]);
  }
}

/** Runs a command to its end; rejects with its output when it fails. */
export function runToEnd(name: string, args: string[], env: NodeJS.ProcessEnv, cwd: string, timeoutMs = 15 * 60_000): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve(output);
      else reject(new Error(`${name} failed (${signal ?? `code ${code ?? '?'}`}):\n${output.slice(-20_000)}`));
    });
  });
}

export type MemoryReading = { peakKb: number; residentKb: number };

/** VmHWM (the most the process ever had resident) and VmRSS (now) from /proc; null once it is gone. */
export function readMemory(pid: number): MemoryReading | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const field = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? Number.NaN);
    return { peakKb: field('VmHWM'), residentKb: field('VmRSS') };
  } catch {
    return null;
  }
}

/** Samples a process's memory until stopped; the highest readings seen. */
export function watchMemory(pid: number, intervalMs = 250): { current: () => MemoryReading; stop: () => MemoryReading } {
  const highest: MemoryReading = { peakKb: 0, residentKb: 0 };
  const sample = () => {
    const reading = readMemory(pid);
    if (!reading) return;
    highest.peakKb = Math.max(highest.peakKb, reading.peakKb);
    highest.residentKb = Math.max(highest.residentKb, reading.residentKb);
  };
  sample();
  const timer = setInterval(sample, intervalMs);
  timer.unref();
  return {
    current: () => ({ ...highest }),
    stop: () => {
      sample();
      clearInterval(timer);
      return { ...highest };
    },
  };
}

/** Clock ticks per second of /proc/<pid>/stat times (USER_HZ, 100 on Linux). */
const TICKS_PER_SECOND = 100;

/** CPU time (user + system) a process has used so far, in milliseconds; NaN once it is gone. */
export function processCpuMs(pid: number): number {
  try {
    // The command name in parentheses may contain spaces; the fields after it are fixed.
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    return ((Number(fields[11]) + Number(fields[12])) * 1_000) / TICKS_PER_SECOND;
  } catch {
    return Number.NaN;
  }
}
