import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { adoptBuiltNextConfig } from '@/server/built-next-config';

const KEY = '__NEXT_PRIVATE_STANDALONE_CONFIG';
const saved = { config: process.env[KEY], memory: process.env.PORTAL_ISR_MEMORY_MB };
const folders: string[] = [];

function projectWithBuild(config: Record<string, unknown>): string {
  const root = mkdtempSync(path.join(tmpdir(), 'built-config-'));
  folders.push(root);
  mkdirSync(path.join(root, '.build'));
  writeFileSync(path.join(root, '.build', 'required-server-files.json'), JSON.stringify({ version: 1, config, files: [] }));
  return root;
}

const restore = (name: string, value: string | undefined) => (value === undefined ? delete process.env[name] : (process.env[name] = value));

afterEach(() => {
  restore(KEY, saved.config);
  restore('PORTAL_ISR_MEMORY_MB', saved.memory);
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

describe('the configuration the production server hands to Next.js', () => {
  it("is the build's, with the ISR memory taken from the server's environment", () => {
    const root = projectWithBuild({ distDir: '.build', cacheMaxMemorySize: 32 * 1024 * 1024, poweredByHeader: false });
    process.env.PORTAL_ISR_MEMORY_MB = '8';
    adoptBuiltNextConfig(root, '.build');
    expect(JSON.parse(process.env[KEY] ?? '{}')).toEqual({ distDir: '.build', cacheMaxMemorySize: 8 * 1024 * 1024, poweredByHeader: false });
  });

  it('names the folder the server serves, also when that is a copy of a build made under another name', () => {
    const root = projectWithBuild({ distDir: '.original' });
    adoptBuiltNextConfig(root, '.build');
    expect(JSON.parse(process.env[KEY] ?? '{}').distDir).toBe('.build');
  });

  it('keeps 32 MB of ISR memory when the environment does not say', () => {
    const root = projectWithBuild({ cacheMaxMemorySize: 1 });
    delete process.env.PORTAL_ISR_MEMORY_MB;
    adoptBuiltNextConfig(root, '.build');
    expect(JSON.parse(process.env[KEY] ?? '{}').cacheMaxMemorySize).toBe(32 * 1024 * 1024);
  });

  it('names the variable when the ISR memory is not a whole number', () => {
    const root = projectWithBuild({});
    process.env.PORTAL_ISR_MEMORY_MB = 'lots';
    expect(() => adoptBuiltNextConfig(root, '.build')).toThrow(/PORTAL_ISR_MEMORY_MB/);
  });

  it('stops with the missing file named when there is no build', () => {
    const root = mkdtempSync(path.join(tmpdir(), 'built-config-'));
    folders.push(root);
    expect(() => adoptBuiltNextConfig(root, '.build')).toThrow(/No production build.*required-server-files\.json is missing/);
  });
});
