import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { applyMigrations } from '../../prisma/migrate';
import { createPrismaClient, type PrismaClient } from '@/lib/prisma-client';

export type FreshDatabase = { url: string; prisma: PrismaClient; drop: () => Promise<void> };

/** Creates an empty database on the test server, migrated unless `migrate` is false. */
export async function freshDatabase({ migrate = true } = {}): Promise<FreshDatabase> {
  const adminUrl = inject('postgresAdminUrl');
  const name = `t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = adminUrl.replace(/\/postgres$/, `/${name}`);
  if (migrate) await applyMigrations(url);
  const prisma = createPrismaClient(url, 3);
  return {
    url,
    prisma,
    drop: async () => {
      await prisma.$disconnect();
      const dropper = new pg.Client({ connectionString: adminUrl });
      await dropper.connect();
      await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await dropper.end();
    },
  };
}
