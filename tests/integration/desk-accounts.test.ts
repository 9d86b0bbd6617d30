import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  changeDeskPassword,
  createDeskAccount,
  disableDeskAccount,
  enableDeskAccount,
  findDeskAccount,
  resetDeskPassword,
  setDeskRole,
} from '@/lib/desk/accounts';
import { csrfMatches, csrfTokenFor } from '@/lib/desk/csrf';
import { hashPassword, needsRehash, parametersOf, verifyPassword } from '@/lib/desk/password-hash';
import { can } from '@/lib/desk/roles';
import { createDeskSession, endAllDeskSessions, endDeskSession, findDeskSession, SESSION_IDLE_MS, SESSION_LIFETIME_MS, sessionTokenHash } from '@/lib/desk/sessions';
import { signIn, type SignInResult } from '@/lib/desk/sign-in';
import { freshDatabase, type FreshDatabase } from '../helpers/fresh-database';
import { runScript } from '../helpers/run-script';

const NEW_PASSWORD = 'ein langer neuer Satz';

let counter = 0;
/** A fresh address per test, so that the per-address sign-in limit of one test does not reach into the next. */
const address = () => `192.0.2.${(counter += 1)}`;

function signedIn(result: SignInResult): Extract<SignInResult, { status: 'signed-in' }> {
  if (result.status !== 'signed-in') throw new Error(`expected to be signed in, got ${result.status}`);
  return result;
}

describe('desk password hashes', () => {
  it('verifies the password it was made from, and no other', async () => {
    const stored = await hashPassword('Grüße aus Berlin');
    expect(await verifyPassword('Grüße aus Berlin', stored)).toBe(true);
    expect(await verifyPassword('Grüße aus Berlin ', stored)).toBe(false);
    expect(await verifyPassword('', stored)).toBe(false);
  });

  it('names scrypt and its parameters in the stored string, with a fresh salt each time', async () => {
    const first = await hashPassword('same');
    const second = await hashPassword('same');
    expect(first).toMatch(/^\$scrypt\$ln=15,r=8,p=3\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/);
    expect(first).not.toBe(second);
    expect(parametersOf(first)).toEqual({ ln: 15, r: 8, p: 3 });
    expect(needsRehash(first)).toBe(false);
  });

  it('still verifies a hash made with weaker parameters, and says it needs to be made again', async () => {
    const weaker = await hashPassword('older', { ln: 12, r: 8, p: 1 });
    expect(await verifyPassword('older', weaker)).toBe(true);
    expect(needsRehash(weaker)).toBe(true);
  });

  it.each(['', 'plain text', '$scrypt$ln=40,r=8,p=1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', '$argon2id$v=19$m=65536,t=3,p=4$c2FsdA$aGFzaA'])(
    'refuses the stored value %j instead of failing',
    async (stored) => {
      expect(await verifyPassword('anything', stored)).toBe(false);
    },
  );
});

describe('desk roles', () => {
  it('lets each role do what the one below it does, and more', () => {
    expect(can({ role: 'author' }, 'writeDraft')).toBe(true);
    expect(can({ role: 'author' }, 'publish')).toBe(false);
    expect(can({ role: 'editor' }, 'publish')).toBe(true);
    expect(can({ role: 'editor' }, 'withdraw')).toBe(true);
    expect(can({ role: 'editor' }, 'manageAccounts')).toBe(false);
    expect(can({ role: 'admin' }, 'manageAccounts')).toBe(true);
    expect(can({ role: 'admin' }, 'manageTokens')).toBe(true);
  });
});

describe('desk CSRF tokens', () => {
  it('match the session they were made for only', () => {
    const token = csrfTokenFor('session-a');
    expect(csrfMatches('session-a', token)).toBe(true);
    expect(csrfMatches('session-b', token)).toBe(false);
    expect(csrfMatches('session-a', `${token}x`)).toBe(false);
    expect(csrfMatches('session-a', null)).toBe(false);
    expect(csrfMatches('session-a', '')).toBe(false);
  });
});

describe('desk accounts, sign-in and sessions', () => {
  let db: FreshDatabase;
  beforeAll(async () => {
    db = await freshDatabase();
  });
  afterAll(() => db.drop());

  it('creates an account with a one-time password that must be replaced, e-mail in lower case', async () => {
    const { account, oneTimePassword } = await createDeskAccount(db.prisma, { email: ' Anna.Autorin@Example.org ', role: 'author' });
    expect(account).toMatchObject({ email: 'anna.autorin@example.org', name: 'anna.autorin', role: 'author', locale: 'de', mustChangePassword: true });
    expect(oneTimePassword).toMatch(/^[a-z2-9]{5}(-[a-z2-9]{5}){3}$/);
    const [row] = await db.prisma.$queryRaw<Array<{ password_hash: string }>>`SELECT password_hash FROM desk_account WHERE id = ${account.id}`;
    expect(row?.password_hash).toMatch(/^\$scrypt\$/);
    expect(row?.password_hash).not.toContain(oneTimePassword);
  });

  it('refuses a second account for the same address in any case, unknown roles and non-addresses, naming the problem', async () => {
    await createDeskAccount(db.prisma, { email: 'twice@example.org', role: 'editor' });
    await expect(createDeskAccount(db.prisma, { email: 'TWICE@example.org', role: 'editor' })).rejects.toMatchObject({ problem: 'emailTaken' });
    await expect(createDeskAccount(db.prisma, { email: 'new@example.org', role: 'chief' })).rejects.toMatchObject({ problem: 'invalidRole' });
    await expect(createDeskAccount(db.prisma, { email: 'not an address', role: 'author' })).rejects.toMatchObject({ problem: 'invalidEmail' });
  });

  it('signs in with the right password only, and stores only the hash of the session token', async () => {
    const { oneTimePassword } = await createDeskAccount(db.prisma, { email: 'sign-in@example.org', role: 'editor', name: 'Erika Redakteurin' });
    expect(await signIn(db.prisma, { email: 'sign-in@example.org', password: `${oneTimePassword}x`, address: address() })).toEqual({ status: 'wrong' });
    const session = signedIn(await signIn(db.prisma, { email: 'SIGN-IN@example.org', password: oneTimePassword, address: address() }));
    expect(session.mustChangePassword).toBe(true);
    expect(session.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const rows = await db.prisma.$queryRaw<Array<Record<string, unknown>>>`SELECT * FROM desk_session`;
    expect(rows.map((row) => row.token_hash)).toContain(createHash('sha256').update(session.token).digest('hex'));
    expect(JSON.stringify(rows)).not.toContain(session.token);
    expect(await findDeskSession(db.prisma, session.token)).toMatchObject({ email: 'sign-in@example.org', name: 'Erika Redakteurin', role: 'editor' });
    expect((await findDeskAccount(db.prisma, { email: 'sign-in@example.org' }))?.lastSignInAt).toBeInstanceOf(Date);
  });

  it('answers an unknown address and a disabled account exactly like a wrong password', async () => {
    const { oneTimePassword } = await createDeskAccount(db.prisma, { email: 'disabled@example.org', role: 'author' });
    await disableDeskAccount(db.prisma, { email: 'disabled@example.org' });
    expect(await signIn(db.prisma, { email: 'disabled@example.org', password: oneTimePassword, address: address() })).toEqual({ status: 'wrong' });
    expect(await signIn(db.prisma, { email: 'nobody@example.org', password: oneTimePassword, address: address() })).toEqual({ status: 'wrong' });
  });

  it('stops an account after ten wrong passwords for ten minutes, even with the right one, while others still sign in', async () => {
    const { oneTimePassword } = await createDeskAccount(db.prisma, { email: 'guessed@example.org', role: 'author' });
    const { oneTimePassword: otherPassword } = await createDeskAccount(db.prisma, { email: 'other@example.org', role: 'author' });
    const results: string[] = [];
    for (let attempt = 0; attempt < 10; attempt += 1) {
      results.push((await signIn(db.prisma, { email: 'guessed@example.org', password: `wrong ${attempt}`, address: address() })).status);
    }
    expect(results).toEqual([...Array(9).fill('wrong'), 'throttled']);
    const right = await signIn(db.prisma, { email: 'guessed@example.org', password: oneTimePassword, address: address() });
    expect(right.status).toBe('throttled');
    expect(right.status === 'throttled' && right.retryAfterSeconds).toBeGreaterThan(9 * 60);
    expect(right.status === 'throttled' && right.retryAfterSeconds).toBeLessThanOrEqual(10 * 60);
    expect((await signIn(db.prisma, { email: 'other@example.org', password: otherPassword, address: address() })).status).toBe('signed-in');
  });

  it('stops one client address after fifty failures, whichever accounts it tries', async () => {
    const { oneTimePassword } = await createDeskAccount(db.prisma, { email: 'sprayed@example.org', role: 'author' });
    const client = address();
    for (let attempt = 0; attempt < 50; attempt += 1) {
      const result = await signIn(db.prisma, { email: `spray-${attempt}@example.org`, password: 'wrong', address: client });
      expect(result.status, `attempt ${attempt + 1}`).toBe(attempt < 49 ? 'wrong' : 'throttled');
    }
    expect((await signIn(db.prisma, { email: 'sprayed@example.org', password: oneTimePassword, address: client })).status).toBe('throttled');
    expect((await signIn(db.prisma, { email: 'sprayed@example.org', password: oneTimePassword, address: address() })).status).toBe('signed-in');
  }, 60_000);

  it('ends a session that was idle too long, and one past its lifetime however active', async () => {
    const { account } = await createDeskAccount(db.prisma, { email: 'timeouts@example.org', role: 'author' });
    const start = new Date();
    const idle = await createDeskSession(db.prisma, account.id, start);
    expect(await findDeskSession(db.prisma, idle.token, new Date(start.getTime() + SESSION_IDLE_MS - 60_000))).not.toBeNull();
    // That request counted as activity: idle is measured from it.
    expect(await findDeskSession(db.prisma, idle.token, new Date(start.getTime() + 2 * SESSION_IDLE_MS - 120_000))).not.toBeNull();
    expect(await findDeskSession(db.prisma, idle.token, new Date(start.getTime() + 3 * SESSION_IDLE_MS))).toBeNull();
    // An ended session is gone from the table, not only refused.
    expect(await db.prisma.deskSession.count({ where: { tokenHash: sessionTokenHash(idle.token) } })).toBe(0);

    const active = await createDeskSession(db.prisma, account.id, start);
    for (let hours = 4; hours < 24; hours += 4) {
      expect(await findDeskSession(db.prisma, active.token, new Date(start.getTime() + hours * 3_600_000)), `${hours} h`).not.toBeNull();
    }
    expect(await findDeskSession(db.prisma, active.token, new Date(start.getTime() + SESSION_LIFETIME_MS))).toBeNull();
  });

  it('signs out one browser, or every browser of the account', async () => {
    const { account } = await createDeskAccount(db.prisma, { email: 'everywhere@example.org', role: 'author' });
    const { account: bystander } = await createDeskAccount(db.prisma, { email: 'bystander@example.org', role: 'author' });
    const [first, second, third] = [await createDeskSession(db.prisma, account.id), await createDeskSession(db.prisma, account.id), await createDeskSession(db.prisma, account.id)];
    const other = await createDeskSession(db.prisma, bystander.id);
    await endDeskSession(db.prisma, first.token);
    expect(await findDeskSession(db.prisma, first.token)).toBeNull();
    expect(await findDeskSession(db.prisma, second.token)).not.toBeNull();
    expect(await endAllDeskSessions(db.prisma, account.id)).toBe(2);
    expect(await findDeskSession(db.prisma, second.token)).toBeNull();
    expect(await findDeskSession(db.prisma, third.token)).toBeNull();
    expect(await findDeskSession(db.prisma, other.token)).not.toBeNull();
  });

  it('ends the sessions of an account that is disabled, given a new role or a new one-time password', async () => {
    const { account, oneTimePassword } = await createDeskAccount(db.prisma, { email: 'changes@example.org', role: 'author' });
    await createDeskAccount(db.prisma, { email: 'keeper@example.org', role: 'admin' });
    let session = await createDeskSession(db.prisma, account.id);
    await setDeskRole(db.prisma, { id: account.id }, 'editor');
    expect(await findDeskSession(db.prisma, session.token)).toBeNull();
    session = await createDeskSession(db.prisma, account.id);
    expect(await findDeskSession(db.prisma, session.token)).toMatchObject({ role: 'editor' });
    await disableDeskAccount(db.prisma, { email: 'changes@example.org' });
    expect(await findDeskSession(db.prisma, session.token)).toBeNull();
    await enableDeskAccount(db.prisma, { email: 'changes@example.org' });
    session = await createDeskSession(db.prisma, account.id);
    const reset = await resetDeskPassword(db.prisma, { email: 'changes@example.org' });
    expect(await findDeskSession(db.prisma, session.token)).toBeNull();
    expect(reset.account.mustChangePassword).toBe(true);
    expect(await signIn(db.prisma, { email: 'changes@example.org', password: oneTimePassword, address: address() })).toEqual({ status: 'wrong' });
    expect((await signIn(db.prisma, { email: 'changes@example.org', password: reset.oneTimePassword, address: address() })).status).toBe('signed-in');
  });

  it('never leaves the desk without an enabled admin', async () => {
    const fresh = await freshDatabase();
    try {
      const { account } = await createDeskAccount(fresh.prisma, { email: 'only-admin@example.org', role: 'admin' });
      await expect(setDeskRole(fresh.prisma, { id: account.id }, 'editor')).rejects.toMatchObject({ problem: 'lastAdmin' });
      await expect(disableDeskAccount(fresh.prisma, { id: account.id })).rejects.toMatchObject({ problem: 'lastAdmin' });
      expect(await findDeskAccount(fresh.prisma, { id: account.id })).toMatchObject({ role: 'admin', disabledAt: null });
      await createDeskAccount(fresh.prisma, { email: 'second-admin@example.org', role: 'admin' });
      expect((await setDeskRole(fresh.prisma, { id: account.id }, 'editor')).role).toBe('editor');
    } finally {
      await fresh.drop();
    }
  });

  it('replaces a one-time password with a checked new one, keeping this session and ending the others', async () => {
    const { account, oneTimePassword } = await createDeskAccount(db.prisma, { email: 'new-password@example.org', role: 'author' });
    const here = signedIn(await signIn(db.prisma, { email: 'new-password@example.org', password: oneTimePassword, address: address() }));
    const elsewhere = await createDeskSession(db.prisma, account.id);
    const change = (next: string, repeated = next, current: string | null = null) =>
      changeDeskPassword(db.prisma, { accountId: account.id, current, next, repeated, keepSessionHash: sessionTokenHash(here.token) });
    expect(await change('kurz')).toEqual({ ok: false, problem: 'tooShort' });
    expect(await change(NEW_PASSWORD, `${NEW_PASSWORD}!`)).toEqual({ ok: false, problem: 'mismatch' });
    expect(await change(oneTimePassword)).toEqual({ ok: false, problem: 'sameAsOld' });
    expect(await change('x'.repeat(201))).toEqual({ ok: false, problem: 'tooLong' });
    expect(await change(NEW_PASSWORD)).toEqual({ ok: true });
    expect(await findDeskSession(db.prisma, here.token)).toMatchObject({ mustChangePassword: false });
    expect(await findDeskSession(db.prisma, elsewhere.token)).toBeNull();
    // From now on a change needs the current password.
    expect(await change('noch ein anderer Satz')).toEqual({ ok: false, problem: 'wrongCurrent' });
    expect(await change('noch ein anderer Satz', 'noch ein anderer Satz', 'falsch')).toEqual({ ok: false, problem: 'wrongCurrent' });
    expect(await change('noch ein anderer Satz', 'noch ein anderer Satz', NEW_PASSWORD)).toEqual({ ok: true });
    expect(await signIn(db.prisma, { email: 'new-password@example.org', password: oneTimePassword, address: address() })).toEqual({ status: 'wrong' });
    expect((await signIn(db.prisma, { email: 'new-password@example.org', password: 'noch ein anderer Satz', address: address() })).status).toBe('signed-in');
  });
});

const runUserCli = (databaseUrl: string, args: string[]) => runScript('scripts/user.ts', databaseUrl, args);

const lastLine = (text: string) => text.trimEnd().split('\n').at(-1) ?? '';

// Each run starts Node, tsx and a migration check (about two seconds), so these tests get more time.
describe('npm run user', { timeout: 60_000 }, () => {
  let db: FreshDatabase;
  beforeAll(async () => {
    db = await freshDatabase();
  });
  afterAll(() => db.drop());

  it('adds an account and prints its one-time password as the last line, which signs in once', async () => {
    const added = await runUserCli(db.url, ['add', 'cli@example.org', '--role', 'editor', '--name', 'Clara Kommandozeile']);
    expect(added.code, added.stderr).toBe(0);
    const password = lastLine(added.stdout);
    expect(password).toMatch(/^[a-z2-9]{5}(-[a-z2-9]{5}){3}$/);
    expect(added.stderr).toContain('Created cli@example.org (editor, "Clara Kommandozeile")');
    const session = signedIn(await signIn(db.prisma, { email: 'cli@example.org', password, address: address() }));
    expect(session.mustChangePassword).toBe(true);
  });

  it('lists, changes the role of, resets and disables accounts; mistakes get one plain line', async () => {
    expect((await runUserCli(db.url, ['add', 'list@example.org', '--role', 'author'])).code).toBe(0);
    const role = await runUserCli(db.url, ['role', 'list@example.org', 'editor']);
    expect(role.code, role.stderr).toBe(0);
    const listed = await runUserCli(db.url, ['list']);
    expect(listed.stdout).toMatch(/^list@example\.org {2}editor {2}one-time password {2}last sign-in never {2}"list"$/m);
    const reset = await runUserCli(db.url, ['reset-password', 'list@example.org']);
    expect(reset.code).toBe(0);
    expect((await signIn(db.prisma, { email: 'list@example.org', password: lastLine(reset.stdout), address: address() })).status).toBe('signed-in');
    expect((await runUserCli(db.url, ['disable', 'list@example.org'])).code).toBe(0);
    expect(await signIn(db.prisma, { email: 'list@example.org', password: lastLine(reset.stdout), address: address() })).toEqual({ status: 'wrong' });

    const twice = await runUserCli(db.url, ['add', 'LIST@example.org', '--role', 'author']);
    expect(twice.code).toBe(1);
    expect(lastLine(twice.stderr)).toBe('an account for list@example.org already exists');
    const missing = await runUserCli(db.url, ['disable', 'nobody@example.org']);
    expect(missing.code).toBe(1);
    expect(lastLine(missing.stderr)).toBe('there is no account nobody@example.org');
    expect(missing.stderr).not.toMatch(/\n\s+at /);
    expect((await runUserCli(db.url, ['add', 'chief@example.org', '--role', 'admin'])).code).toBe(0);
    const lastAdmin = await runUserCli(db.url, ['disable', 'chief@example.org']);
    expect(lastAdmin.code).toBe(1);
    expect(lastLine(lastAdmin.stderr)).toBe('chief@example.org is the last enabled admin; make another admin first');
  });

  it('prints usage and exits with 2 on wrong arguments', async () => {
    for (const args of [[], ['add', 'x@example.org'], ['add', 'x@example.org', '--role'], ['role', 'x@example.org'], ['fly']]) {
      const result = await runUserCli(db.url, args);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr).toContain('usage: npm run user -- add <email> --role <author|editor|admin>');
    }
  });
});
