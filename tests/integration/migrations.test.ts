import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { applyMigrations, readMigrations } from '../../prisma/migrate';
import { freshDatabase, type FreshDatabase } from '../helpers/fresh-database';

describe('migration runner', () => {
  let database: FreshDatabase;
  beforeAll(async () => {
    database = await freshDatabase({ migrate: false });
  });
  afterAll(() => database.drop());

  it('applies every migration once and records it as Prisma Migrate does', async () => {
    const migrations = readMigrations();
    expect(await applyMigrations(database.url)).toEqual(migrations.map((m) => m.name));
    expect(await applyMigrations(database.url)).toEqual([]);
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    const rows = await client.query('SELECT migration_name, checksum, finished_at, applied_steps_count FROM "_prisma_migrations" ORDER BY migration_name');
    await client.end();
    expect(rows.rows).toHaveLength(migrations.length);
    rows.rows.forEach((row, index) => {
      expect(row.migration_name).toBe(migrations[index]?.name);
      expect(row.checksum).toMatch(/^[0-9a-f]{64}$/);
      expect(row.checksum).toBe(migrations[index]?.checksum);
      expect(row.finished_at).not.toBeNull();
      expect(row.applied_steps_count).toBe(1);
    });
  });

  it('refuses to run when an applied migration was edited afterwards', async () => {
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    await client.query(`UPDATE "_prisma_migrations" SET checksum = repeat('0', 64)`);
    await client.end();
    await expect(applyMigrations(database.url)).rejects.toThrow(/checksum mismatch/);
  });
});
