import { cpSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { buildPortal as buildPortalOnce } from '../../scripts/lib/portal-instance';
import { runToEnd } from './process';

/*
 * Production builds for the benchmark: the portal's own, and the minimal
 * Next.js app of bench/baseline-next. Both live in `.next-test*` folders,
 * which git, ESLint and the project's type check already leave alone.
 */

export const PROJECT_ROOT = path.resolve(import.meta.dirname, '..', '..');
const NEXT_BIN = path.join(PROJECT_ROOT, 'node_modules', 'next', 'dist', 'bin', 'next');
const TSCONFIG = path.join(PROJECT_ROOT, 'tsconfig.json');

export function nextCommand(...args: string[]): string[] {
  return [NEXT_BIN, ...args];
}

function buildEnv(extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  return { ...process.env, NEXT_TELEMETRY_DISABLED: '1', ...extra };
}

/**
 * `next build` adds its output folder's type folders to tsconfig.json's
 * `include` (they are excluded again by `.next-test*`); a benchmark should
 * leave no trace in the project's configuration, so the entries it added go again.
 */
function withTsconfigIncludesKept<T>(distDir: string, build: () => Promise<T>): Promise<T> {
  const before = JSON.parse(readFileSync(TSCONFIG, 'utf8')) as { include?: string[] };
  const hadEntry = new Set(before.include ?? []);
  return build().finally(() => {
    const text = readFileSync(TSCONFIG, 'utf8');
    const after = JSON.parse(text) as { include?: string[] };
    // Only a file in the plain JSON layout Next.js itself writes is rewritten, so no comment or formatting is lost.
    if (!after.include || `${JSON.stringify(after, null, 2)}\n` !== text) return;
    const added = after.include.filter((entry) => entry.startsWith(`${distDir}/`) && !hadEntry.has(entry));
    if (added.length === 0) return;
    after.include = after.include.filter((entry) => !added.includes(entry));
    writeFileSync(TSCONFIG, `${JSON.stringify(after, null, 2)}\n`);
  });
}

/** Builds the portal into `distDir` unless `reuse` is set and a build is there. */
export async function buildPortal({ distDir, reuse, log }: { distDir: string; reuse: boolean; log: (line: string) => void }): Promise<'built' | 'reused'> {
  if (reuse && existsSync(path.join(PROJECT_ROOT, distDir, 'BUILD_ID'))) return 'reused';
  log(`next build into ${distDir} …`);
  await withTsconfigIncludesKept(distDir, () => buildPortalOnce({ distDir }));
  return 'built';
}

/**
 * A copy of the build to serve from: pages rendered at run time land in the
 * build folder, and a second run must not find the first run's pages (made
 * from another database) already cached. Each instance of the instances
 * scenario gets a copy of its own (`suffix`), as separate hosts would.
 */
export function freshServingCopy(distDir: string, suffix = 'run'): string {
  const servingDir = `${distDir}-${suffix}`;
  const source = path.join(PROJECT_ROOT, distDir);
  const target = path.join(PROJECT_ROOT, servingDir);
  rmSync(target, { recursive: true, force: true });
  cpSync(source, target, { recursive: true, filter: (file) => path.relative(source, file) !== 'cache' });
  return servingDir;
}

const BASELINE_SOURCE = path.join(PROJECT_ROOT, 'bench', 'baseline-next');

/**
 * Builds bench/baseline-next in a copy inside an ignored folder, where Next.js
 * may write its next-env.d.ts and build output without the project's type
 * check or lint seeing them. Returns the app folder for `next start`.
 */
export async function buildBaselineNext({ reuse, log }: { reuse: boolean; log: (line: string) => void }): Promise<string> {
  const appDir = path.join(PROJECT_ROOT, '.next-test-bench-baseline');
  if (reuse && existsSync(path.join(appDir, '.next', 'BUILD_ID'))) return appDir;
  log('next build of the baseline app (bench/baseline-next) …');
  rmSync(appDir, { recursive: true, force: true });
  cpSync(BASELINE_SOURCE, appDir, { recursive: true });
  // Turbopack (16.4.6) compiles the enclosing project's proxy.ts into an app
  // built from a subfolder; webpack does not. Serving from the ISR cache, which
  // is what the floor measures, is the same `next start` code either way.
  await runToEnd('next build (baseline)', nextCommand('build', '--webpack', appDir), buildEnv({ NEXT_DIST_DIR: undefined }), PROJECT_ROOT);
  return appDir;
}
