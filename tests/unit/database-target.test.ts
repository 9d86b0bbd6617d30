import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { databaseTarget, describeDatabase, PROJECT_ROOT } from '../../scripts/lib/database';

/* Which database `npm start` and every CLI talk to, and how they name it on standard error. */

describe('the database of npm start and the CLIs', () => {
  it('is DATABASE_URL when set, named by host, port and database, never the password', () => {
    const target = databaseTarget({ DATABASE_URL: 'postgresql://editor:s3cret@db.internal:6432/portal', EMBEDDED_PG_PORT: '1' });
    expect(target).toEqual({ kind: 'external', url: 'postgresql://editor:s3cret@db.internal:6432/portal' });
    const line = describeDatabase(target);
    expect(line).toBe('Database: db.internal:6432/portal (DATABASE_URL)');
    expect(line).not.toContain('s3cret');
  });

  it('is otherwise the embedded one of this checkout, on EMBEDDED_PG_PORT, with its data in PORTAL_DATA_DIR', () => {
    expect(databaseTarget({})).toMatchObject({ kind: 'embedded', port: 54329, dataDir: path.join(PROJECT_ROOT, '.data', 'postgres') });
    const target = databaseTarget({ EMBEDDED_PG_PORT: '55001', PORTAL_DATA_DIR: '/srv/portal-data' });
    expect(target).toEqual({
      kind: 'embedded',
      url: 'postgresql://portal:portal@127.0.0.1:55001/news_portal',
      port: 55001,
      dataDir: '/srv/portal-data/postgres',
    });
    expect(describeDatabase(target)).toBe('Database: 127.0.0.1:55001/news_portal (embedded PostgreSQL, data in /srv/portal-data/postgres)');
    expect(describeDatabase(databaseTarget({}))).toContain('data in .data/postgres');
  });

  it('refuses an EMBEDDED_PG_PORT that is no port, naming the variable', () => {
    expect(() => databaseTarget({ EMBEDDED_PG_PORT: 'abc' })).toThrow(/EMBEDDED_PG_PORT must be a port number, not "abc"/);
  });
});
