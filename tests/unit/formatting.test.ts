import { describe, expect, it } from 'vitest';
import { formatArticleDate } from '@/lib/format-date';
import { parsePageParam } from '@/lib/page-param';
import { isSafeHref } from '@/lib/content/body-schema';

describe('formatArticleDate', () => {
  it('writes dates the way each language expects', () => {
    expect(formatArticleDate('de', '2020-06-04T09:30:00Z')).toBe('04.06.2020');
    expect(formatArticleDate('en', '2020-06-04T09:30:00Z')).toBe('4 June 2020');
  });

  it('uses Berlin time, so a late-evening article keeps its German date', () => {
    // 23:30 UTC on 3 June is 01:30 on 4 June in Berlin (summer time).
    expect(formatArticleDate('de', '2020-06-03T23:30:00Z')).toBe('04.06.2020');
  });
});

describe('parsePageParam', () => {
  it('accepts page numbers from 2 and refuses everything else', () => {
    expect(parsePageParam('2')).toBe(2);
    expect(parsePageParam('120')).toBe(120);
    for (const bad of ['1', '0', '-3', '02', 'abc', '2.5', '', '9999999', '1e3']) {
      expect(parsePageParam(bad), bad).toBeNull();
    }
  });
});

describe('isSafeHref', () => {
  it('allows web, mail and site-relative links only', () => {
    for (const ok of ['https://example.org/a', 'http://example.org', 'mailto:presse@example.org', '/de/artikel/x']) {
      expect(isSafeHref(ok), ok).toBe(true);
    }
    for (const bad of ['javascript:alert(1)', 'JAVASCRIPT:alert(1)', 'data:text/html,x', '//evil.example', 'vbscript:x', 'ftp://x']) {
      expect(isSafeHref(bad), bad).toBe(false);
    }
  });
});
