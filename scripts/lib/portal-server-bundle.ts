import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';

/*
 * The portal server (scripts/serve.ts and server/) is TypeScript. Run through
 * tsx, every module Next.js loads while serving passed tsx's loader hooks on a
 * thread of their own, which cost memory and CPU on every request
 * (bench/causes.md, "The server as one bundled file"). So it runs as one
 * plain JavaScript file instead, bundled by esbuild before each start, so it
 * cannot run stale code. Packages stay external and load from node_modules as before;
 * only the project's own modules (and the generated Prisma client) go in.
 * As in any ES module, the packages the bundle imports are evaluated before
 * its own code, so nothing of ours runs before `next` is loaded.
 */

const PROJECT_ROOT = path.resolve(import.meta.dirname, '..', '..');
/** Inside the project, so that the bundle's imports resolve to its node_modules. */
export const PORTAL_SERVER_BUNDLE = path.join(PROJECT_ROOT, '.portal-server', 'serve.mjs');

/** Writes the bundle; atomically, as tests and the benchmark may start servers at the same time. */
export async function bundlePortalServer(): Promise<string> {
  const result = await build({
    entryPoints: [path.join(PROJECT_ROOT, 'scripts', 'serve.ts')],
    outfile: PORTAL_SERVER_BUNDLE,
    tsconfig: path.join(PROJECT_ROOT, 'tsconfig.json'),
    bundle: true,
    packages: 'external',
    platform: 'node',
    format: 'esm',
    target: 'node20',
    write: false,
    logLevel: 'silent',
  });
  const [output] = result.outputFiles;
  if (!output || result.outputFiles.length !== 1) throw new Error('esbuild did not produce the portal server bundle');
  mkdirSync(path.dirname(PORTAL_SERVER_BUNDLE), { recursive: true });
  const temporary = `${PORTAL_SERVER_BUNDLE}.${process.pid}.tmp`;
  writeFileSync(temporary, output.contents);
  renameSync(temporary, PORTAL_SERVER_BUNDLE);
  return PORTAL_SERVER_BUNDLE;
}
