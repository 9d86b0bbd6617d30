import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { portalSecrets } from '../../scripts/lib/local-secrets';

const KEY = Buffer.alloc(32, 7).toString('base64');
const folders: string[] = [];
const dataDir = () => {
  const folder = mkdtempSync(path.join(tmpdir(), 'portal-secrets-'));
  folders.push(folder);
  return folder;
};
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

describe('the secrets npm start runs with', () => {
  it('refuses to start on DATABASE_URL without them, naming every missing variable', () => {
    expect(() => portalSecrets({ DATABASE_URL: 'postgresql://db/portal', PREVIEW_SECRET: 'p' }, dataDir())).toThrow(
      /^REVALIDATE_SECRET, NEXT_SERVER_ACTIONS_ENCRYPTION_KEY must be set when DATABASE_URL is/,
    );
  });

  it('takes them from the environment with DATABASE_URL and writes no file', () => {
    const folder = dataDir();
    const env = { DATABASE_URL: 'postgresql://db/portal', REVALIDATE_SECRET: 'r', PREVIEW_SECRET: 'p', NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: KEY };
    expect(portalSecrets(env, folder)).toEqual({ REVALIDATE_SECRET: 'r', PREVIEW_SECRET: 'p', NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: KEY });
    expect(() => readFileSync(path.join(folder, 'secrets.json'))).toThrow();
  });

  it('refuses an encryption key Next.js could not use', () => {
    const env = { DATABASE_URL: 'postgresql://db/portal', REVALIDATE_SECRET: 'r', PREVIEW_SECRET: 'p', NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: 'not a key' };
    expect(() => portalSecrets(env, dataDir())).toThrow(/NEXT_SERVER_ACTIONS_ENCRYPTION_KEY must be 32 random bytes in base64/);
  });

  it('makes them once for the embedded database and keeps them across starts', () => {
    const folder = dataDir();
    const first = portalSecrets({}, folder);
    expect(Buffer.from(first.NEXT_SERVER_ACTIONS_ENCRYPTION_KEY, 'base64')).toHaveLength(32);
    expect(first.REVALIDATE_SECRET.length).toBeGreaterThan(20);
    expect(portalSecrets({}, folder)).toEqual(first);
  });
});
