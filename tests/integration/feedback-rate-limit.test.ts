import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createPrismaClient, type PrismaClient } from '@/lib/prisma-client';
import { createRateLimiter } from '@/lib/rate-limit';
import { databaseHitCounter } from '@/lib/rate-limit-in-database';
import { freePort } from '../../scripts/lib/free-port';
import { freshDatabase, type FreshDatabase } from '../helpers/fresh-database';

/*
 * The barrier form's limit (five reports per client in ten minutes) counted
 * in PostgreSQL: reports sent through another instance count too, and a
 * database that cannot count gets the form's own "could not be saved".
 */

const client = { address: '198.51.100.40' };
vi.mock('next/headers', () => ({ headers: async () => new Headers({ 'x-forwarded-for': client.address }) }));

const { submitFeedback } = await import('@/app/[locale]/feedback/actions');

const processWide = globalThis as unknown as { portalPrisma?: PrismaClient };

function report(message: string): FormData {
  const form = new FormData();
  for (const [name, value] of Object.entries({ message, locale: 'en', website: '', startedAt: String(Date.now() - 5_000) })) form.set(name, value);
  return form;
}

describe('the barrier form’s rate limit over several instances', () => {
  let database: FreshDatabase;

  beforeAll(async () => {
    database = await freshDatabase();
    processWide.portalPrisma = database.prisma;
  });
  afterAll(async () => {
    delete processWide.portalPrisma;
    await database.drop();
  });

  it('counts the reports another instance took for the same client', async () => {
    const otherInstance = createRateLimiter({ bucket: 'feedback', limit: 5, windowMs: 10 * 60_000, counter: databaseHitCounter(() => database.prisma) });
    for (let i = 0; i < 3; i++) expect(await otherInstance.take(client.address)).toEqual({ allowed: true });
    const states: string[] = [];
    for (let i = 0; i < 3; i++) states.push((await submitFeedback({ status: 'idle' }, report(`Report ${i} through this instance.`))).status);
    expect(states).toEqual(['sent', 'sent', 'rate-limited']);
    expect(await database.prisma.feedback.count()).toBe(2);
  });

  it('shows the form’s error for problems, with what was typed, when the database cannot count', async () => {
    const unreachable = createPrismaClient(`postgresql://portal:portal@127.0.0.1:${await freePort()}/none`, 1);
    processWide.portalPrisma = unreachable;
    client.address = '198.51.100.41';
    try {
      const state = await submitFeedback({ status: 'idle' }, report('A report while the database is away.'));
      expect(state).toMatchObject({ status: 'failed', values: { message: 'A report while the database is away.' } });
    } finally {
      processWide.portalPrisma = database.prisma;
      await unreachable.$disconnect();
    }
  });
});
