import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isFeedbackStatus, setFeedbackStatus } from '@/lib/feedback/set-feedback-status';
import { freshDatabase, type FreshDatabase } from '../helpers/fresh-database';

describe('setFeedbackStatus', () => {
  let database: FreshDatabase;
  beforeAll(async () => {
    database = await freshDatabase();
  });
  afterAll(() => database.drop());

  it('starts every report as new, then records the status with who set it and when', async () => {
    const report = await database.prisma.feedback.create({ data: { locale: 'de', message: 'Der Kontrast ist zu schwach.' } });
    expect(report.status).toBe('NEW');
    const at = new Date('2026-12-11T09:30:00Z');
    expect(await setFeedbackStatus(database.prisma, report.id, 'IN_PROGRESS', 'Erik Redakteur', at)).toBe(true);
    const stored = await database.prisma.feedback.findUniqueOrThrow({ where: { id: report.id } });
    expect({ status: stored.status, by: stored.statusChangedBy, at: stored.statusChangedAt }).toEqual({ status: 'IN_PROGRESS', by: 'Erik Redakteur', at });
  });

  it('answers false for a report that does not exist, and knows only the three statuses', async () => {
    expect(await setFeedbackStatus(database.prisma, 987_654, 'ANSWERED', 'Erik Redakteur')).toBe(false);
    expect(['NEW', 'IN_PROGRESS', 'ANSWERED'].every(isFeedbackStatus)).toBe(true);
    expect(['new', 'DONE', '', null].some(isFeedbackStatus)).toBe(false);
  });
});
