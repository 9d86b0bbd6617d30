import { readFileSync } from 'node:fs';
import path from 'node:path';
import { positiveIntegerFromEnv } from './env-number';

/*
 * Next.js's configuration for the production server, taken from the build
 * instead of from next.config.ts.
 *
 * Given a TypeScript config file, Next.js compiles it at every start with
 * its native SWC compiler, which then stays loaded for the life of the
 * process, tens of megabytes of machine code and resident memory (figures:
 * bench/causes.md, "The build's configuration instead of next.config.ts"),
 * for a file that the build has already turned into a finished configuration in
 * `required-server-files.json`. Next.js's own standalone server hands that
 * finished configuration over in `__NEXT_PRIVATE_STANDALONE_CONFIG`, and so
 * does this one.
 */

/** What the ISR cache keeps in memory; read when the server starts (README, `PORTAL_ISR_MEMORY_MB`). */
export function isrMemoryBytes(): number {
  return positiveIntegerFromEnv('PORTAL_ISR_MEMORY_MB', 32) * 1024 * 1024;
}

/** Makes the next `next()` in this process use the build's configuration; call it before `prepare()`. */
export function adoptBuiltNextConfig(projectRoot: string, builtInto: string): void {
  const file = path.join(projectRoot, builtInto, 'required-server-files.json');
  let written: string;
  try {
    written = readFileSync(file, 'utf8');
  } catch {
    throw new Error(`No production build in ${path.join(projectRoot, builtInto)} (${path.basename(file)} is missing): run \`npm run build\` first.`);
  }
  const { config } = JSON.parse(written) as { config: Record<string, unknown> };
  // What is the server's to choose, not the build's: the tests and the benchmark serve
  // copies of a build under other names, each with an ISR cache of its own.
  config.distDir = builtInto;
  config.cacheMaxMemorySize = isrMemoryBytes();
  process.env.__NEXT_PRIVATE_STANDALONE_CONFIG = JSON.stringify(config);
}
