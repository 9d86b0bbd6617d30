import { readdirSync, readFileSync } from 'node:fs';

/*
 * What a process left behind, for the tests of how `npm start` and the
 * portal server stop (Linux /proc). A process counts as gone once it has
 * exited, also while it waits as a zombie for its parent to collect it.
 */

function stat(pid: number): { ppid: number; state: string } | null {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name, in parentheses, may itself contain spaces and parentheses.
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return { state: fields[0] ?? '', ppid: Number(fields[1]) };
  } catch {
    return null;
  }
}

/** Every process below `pid` right now (children, their children …). */
export function descendants(pid: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    const child = Number(entry);
    if (!Number.isInteger(child)) continue;
    const info = stat(child);
    if (!info) continue;
    children.set(info.ppid, [...(children.get(info.ppid) ?? []), child]);
  }
  const found: number[] = [];
  const queue = [pid];
  while (queue.length > 0) {
    for (const child of children.get(queue.shift() ?? -1) ?? []) {
      found.push(child);
      queue.push(child);
    }
  }
  return found;
}

export function running(pid: number): boolean {
  const info = stat(pid);
  return info !== null && info.state !== 'Z' && info.state !== 'X';
}

/** Waits up to `ms` until `condition` holds; resolves with whether it did. */
export async function eventually(condition: () => boolean | Promise<boolean>, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await condition()) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return condition();
}

/** Ends what a test started and left running, by pid (a failed test's leftovers). */
export function killAll(pids: number[]): void {
  for (const pid of pids) {
    try {
      if (running(pid)) process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
}
