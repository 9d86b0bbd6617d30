import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEditorToken, listEditorTokens, revokeEditorToken, verifyEditorToken } from '@/lib/auth/editor-tokens';
import { freshDatabase, type FreshDatabase } from '../helpers/fresh-database';
import { runScript } from '../helpers/run-script';

describe('editor tokens', () => {
  let db: FreshDatabase;
  beforeAll(async () => {
    db = await freshDatabase();
  });
  afterAll(() => db.drop());

  it('creates a recognisable token that verifies to its name', async () => {
    const token = await createEditorToken(db.prisma, 'verifies');
    expect(token).toMatch(/^np_[A-Za-z0-9_-]{43}$/);
    expect(await verifyEditorToken(db.prisma, token)).toBe('verifies');
  });

  it('stores only the SHA-256 of the token', async () => {
    const token = await createEditorToken(db.prisma, 'stored');
    const rows = await db.prisma.$queryRaw<Record<string, unknown>[]>`SELECT * FROM editor_token WHERE name = 'stored'`;
    expect(rows).toHaveLength(1);
    expect(rows[0]?.token_hash).toBe(createHash('sha256').update(token).digest('hex'));
    const secret = token.slice('np_'.length);
    expect(JSON.stringify(rows)).not.toContain(secret);
  });

  it('rejects a wrong token', async () => {
    const token = await createEditorToken(db.prisma, 'wrong');
    expect(await verifyEditorToken(db.prisma, `${token}x`)).toBeNull();
    expect(await verifyEditorToken(db.prisma, token.slice(0, -1))).toBeNull();
    expect(await verifyEditorToken(db.prisma, '')).toBeNull();
  });

  it('rejects a revoked token and revokes only once', async () => {
    const token = await createEditorToken(db.prisma, 'revoked');
    expect(await revokeEditorToken(db.prisma, 'revoked')).toBe(true);
    expect(await verifyEditorToken(db.prisma, token)).toBeNull();
    expect(await revokeEditorToken(db.prisma, 'revoked')).toBe(false);
    expect(await revokeEditorToken(db.prisma, 'never-created')).toBe(false);
  });

  it('refuses a second active token with the same name', async () => {
    const first = await createEditorToken(db.prisma, 'twice');
    await expect(createEditorToken(db.prisma, 'twice')).rejects.toThrow('a token named twice already exists');
    expect(await verifyEditorToken(db.prisma, first)).toBe('twice');
  });

  it('re-creates a revoked name with a new token while the old one stays invalid', async () => {
    const old = await createEditorToken(db.prisma, 'again');
    await revokeEditorToken(db.prisma, 'again');
    const renewed = await createEditorToken(db.prisma, 'again');
    expect(renewed).not.toBe(old);
    expect(await verifyEditorToken(db.prisma, renewed)).toBe('again');
    expect(await verifyEditorToken(db.prisma, old)).toBeNull();
    const listed = (await listEditorTokens(db.prisma)).find((token) => token.name === 'again');
    expect(listed?.revokedAt).toBeNull();
  });

  it('lists tokens by name with their revocation dates', async () => {
    await createEditorToken(db.prisma, 'list-b');
    await createEditorToken(db.prisma, 'list-a');
    await revokeEditorToken(db.prisma, 'list-b');
    const listed = (await listEditorTokens(db.prisma)).filter((token) => token.name.startsWith('list-'));
    expect(listed.map((token) => token.name)).toEqual(['list-a', 'list-b']);
    expect(listed[0]?.revokedAt).toBeNull();
    expect(listed[1]?.revokedAt).toBeInstanceOf(Date);
    expect(listed[1]?.createdAt).toBeInstanceOf(Date);
    const names = (await listEditorTokens(db.prisma)).map((token) => token.name);
    expect(names).toEqual([...names].sort());
  });

  it.each(['', 'Alice', 'has space', 'ümlaut', 'a/b', 'x'.repeat(65)])('refuses the name %j', async (name) => {
    await expect(createEditorToken(db.prisma, name)).rejects.toThrow(/1–64 characters from a-z, 0-9/);
  });

  it('accepts a name of 64 allowed characters', async () => {
    const name = `a.b_c-9${'z'.repeat(57)}`;
    expect(name).toHaveLength(64);
    expect(await verifyEditorToken(db.prisma, await createEditorToken(db.prisma, name))).toBe(name);
  });
});

const runTokenCli = (databaseUrl: string, args: string[]) => runScript('scripts/token.ts', databaseUrl, args);

// Each run starts Node, tsx and a migration check (about two seconds), so these tests get more time.
describe('npm run token', { timeout: 60_000 }, () => {
  let db: FreshDatabase;
  beforeAll(async () => {
    db = await freshDatabase();
  });
  afterAll(() => db.drop());

  it('creates, lists and revokes a token', async () => {
    const created = await runTokenCli(db.url, ['create', 'alice']);
    expect(created.code).toBe(0);
    expect(created.stdout).toMatch(/^np_[A-Za-z0-9_-]{43}\n$/);
    const token = created.stdout.trim();
    expect(await verifyEditorToken(db.prisma, token)).toBe('alice');

    const listed = await runTokenCli(db.url, ['list']);
    expect(listed.code).toBe(0);
    expect(listed.stdout).toMatch(/^alice\s+\d{4}-\d{2}-\d{2}T[\d:.]+Z\n$/);

    const revoked = await runTokenCli(db.url, ['revoke', 'alice']);
    expect(revoked.code).toBe(0);
    expect(await verifyEditorToken(db.prisma, token)).toBeNull();

    const listedAfter = await runTokenCli(db.url, ['list']);
    expect(listedAfter.stdout).toMatch(/^alice\s+\S+\s+revoked \d{4}-\d{2}-\d{2}T[\d:.]+Z\n$/);
  });

  it('reports errors on stderr with exit code 1', async () => {
    const duplicate = await runTokenCli(db.url, ['create', 'bob']);
    expect(duplicate.code).toBe(0);
    const again = await runTokenCli(db.url, ['create', 'bob']);
    expect(again).toMatchObject({ code: 1, stdout: '' });
    expect(again.stderr).toContain('a token named bob already exists');
    const invalid = await runTokenCli(db.url, ['create', 'Bob Smith']);
    expect(invalid).toMatchObject({ code: 1, stdout: '' });
    expect(invalid.stderr).toContain('invalid token name');
  });

  it('prints usage and exits with 2 on an unknown command', async () => {
    const result = await runTokenCli(db.url, ['frobnicate']);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('usage: npm run token');
  });
});
