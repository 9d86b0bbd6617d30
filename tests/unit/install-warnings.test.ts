import { readFileSync } from 'node:fs';
import path from 'node:path';
import semver from 'semver';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';

/*
 * `npm ci` warns about two things we decide once and write down: dependency
 * install scripts that allowScripts neither approves nor denies, and packages
 * whose `engines.node` excludes the Node we run on (EBADENGINE). Reading the
 * lockfile catches both before an install does, for every platform's packages.
 */

const root = path.resolve(import.meta.dirname, '..', '..');
const readJson = (file: string): unknown => JSON.parse(readFileSync(path.join(root, file), 'utf8'));

const manifest = z
  .object({ engines: z.object({ node: z.string() }), allowScripts: z.record(z.string(), z.boolean()).default({}) })
  .parse(readJson('package.json'));
const lockfile = z
  .object({
    packages: z.record(
      z.string(),
      z.object({ version: z.string().optional(), hasInstallScript: z.boolean().optional(), engines: z.unknown().optional() }),
    ),
  })
  .parse(readJson('package-lock.json'));

// The root entry ('') is the project itself; its own postinstall is not a dependency's.
const installed = Object.entries(lockfile.packages)
  .filter(([key]) => key.startsWith('node_modules/') || key.includes('/node_modules/'))
  .map(([key, entry]) => ({ ...entry, name: key.slice(key.lastIndexOf('node_modules/') + 'node_modules/'.length) }));

/** The allowScripts keys that speak for a package: its bare name, or `name@range` with its version in range. */
function decisionsFor(name: string, version: string | undefined): string[] {
  return Object.keys(manifest.allowScripts).filter((key) => {
    if (key === name) return true;
    if (!key.startsWith(`${name}@`)) return false;
    return version !== undefined && semver.satisfies(version, key.slice(name.length + 1));
  });
}

function nodeRange(engines: unknown): string | undefined {
  if (typeof engines !== 'object' || engines === null || !('node' in engines)) return undefined;
  return typeof engines.node === 'string' ? engines.node : undefined;
}

describe('npm ci on a fresh clone', () => {
  it('runs or skips each dependency install script by a decision written in allowScripts', () => {
    const undecided = installed
      .filter((entry) => entry.hasInstallScript && decisionsFor(entry.name, entry.version).length === 0)
      .map((entry) => `${entry.name}@${entry.version}`);
    expect(undecided).toEqual([]);
  });

  it('keeps no allowScripts decision for a package that is no longer installed', () => {
    const names = new Set(installed.map((entry) => entry.name));
    const stale = Object.keys(manifest.allowScripts).filter((key) => !names.has(key.replace(/(?<=.)@.*$/, '')));
    expect(stale).toEqual([]);
  });

  it("installs no package that wants a newer Node than the oldest package.json's engines allows", () => {
    const oldest = semver.minVersion(manifest.engines.node);
    expect(oldest, `engines.node "${manifest.engines.node}" names no version`).not.toBeNull();
    const wantsNewer = installed
      .map((entry) => ({ ...entry, range: nodeRange(entry.engines) }))
      .filter((entry) => entry.range !== undefined && oldest !== null && !semver.satisfies(oldest, entry.range))
      .map((entry) => `${entry.name}@${entry.version} wants node ${entry.range}`);
    expect(wantsNewer).toEqual([]);
  });
});
