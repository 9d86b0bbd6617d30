import { describe, expect, it } from 'vitest';
import { demoContentWanted } from '../../scripts/lib/seed-demo';

const PRODUCTION = 'postgresql://portal:secret@db.internal:5432/portal';

describe('whether npm start loads the demo content into an empty database', () => {
  it('does into the embedded database, the one of someone trying the portal out', () => {
    expect(demoContentWanted({})).toBe(true);
  });

  it('does not into a database named by DATABASE_URL, which may be a public site about to start', () => {
    expect(demoContentWanted({ DATABASE_URL: PRODUCTION })).toBe(false);
  });

  it('follows DEMO_CONTENT either way', () => {
    expect(demoContentWanted({ DATABASE_URL: PRODUCTION, DEMO_CONTENT: '1' })).toBe(true);
    expect(demoContentWanted({ DEMO_CONTENT: '0' })).toBe(false);
    expect(demoContentWanted({ DATABASE_URL: PRODUCTION, DEMO_CONTENT: '' })).toBe(false);
  });

  it('names the variable and its values for anything else', () => {
    expect(() => demoContentWanted({ DEMO_CONTENT: 'yes' })).toThrow(/DEMO_CONTENT must be 1 .* or 0 .*, not "yes"/);
  });
});
