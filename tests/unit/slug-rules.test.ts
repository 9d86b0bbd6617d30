import { describe, expect, it } from 'vitest';
import { isPossibleSlug, MAX_SLUG_LENGTH } from '@/lib/content/slug-rules';

describe('isPossibleSlug', () => {
  it('accepts lower-case words joined by single hyphens, up to the maximum length', () => {
    expect(isPossibleSlug('irak-konferenz-2024')).toBe(true);
    expect(isPossibleSlug('a'.repeat(MAX_SLUG_LENGTH))).toBe(true);
  });

  it('refuses what no editor could have saved, so readers get a 404 without a database query', () => {
    for (const slug of ['', 'Irak', 'a--b', '-a', 'a-', 'a b', 'ä', '../etc', 'a%2fb', 'a'.repeat(MAX_SLUG_LENGTH + 1)]) {
      expect(isPossibleSlug(slug), slug).toBe(false);
    }
  });
});
