import { describe, expect, it } from 'vitest';
import { suggestSlug } from '@/lib/content/suggest-slug';
import { SLUG } from '@/lib/content/slug-rules';
import { fromBerlinInput, toBerlinInput, toBerlinIso } from '@/lib/desk/editor/berlin-time';
import { parseArticleForm } from '@/lib/desk/editor/parse-article-form';

/*
 * The editing form's plain POST as lib/content receives it: slugs suggested
 * the German way, times on Berlin's clock across both clock changes, empty
 * languages left out, and nothing the editor typed dropped from the values.
 */

describe('suggestSlug', () => {
  it('spells out umlauts and ß and keeps to the slug rules', () => {
    expect(suggestSlug('Außenministerin äußert sich zu Übergängen')).toBe('aussenministerin-aeussert-sich-zu-uebergaengen');
    expect(suggestSlug('  Café – „Élan“ 2026!  ')).toBe('cafe-elan-2026');
    for (const title of ['ÄÖÜ ẞ', '---', 'a'.repeat(400)]) {
      const slug = suggestSlug(title);
      if (slug !== '') expect(slug).toMatch(SLUG);
      expect(slug.length).toBeLessThanOrEqual(160);
    }
  });
});

describe('Berlin time', () => {
  it('reads winter and summer times with their own offsets', () => {
    expect(fromBerlinInput('2026-12-11T09:30')?.toISOString()).toBe('2026-12-11T08:30:00.000Z');
    expect(fromBerlinInput('2026-07-01T09:30')?.toISOString()).toBe('2026-07-01T07:30:00.000Z');
  });

  it('takes the hour skipped in spring as the hour after it, and the repeated autumn hour as summer time', () => {
    expect(fromBerlinInput('2026-03-29T02:30')?.toISOString()).toBe('2026-03-29T01:30:00.000Z');
    expect(fromBerlinInput('2026-10-25T02:30')?.toISOString()).toBe('2026-10-25T00:30:00.000Z');
    expect(fromBerlinInput('2026-10-25T03:30')?.toISOString()).toBe('2026-10-25T02:30:00.000Z');
  });

  it('refuses what is not a time', () => {
    for (const value of ['', 'morgen', '2026-02-30T10:00', '2026-01-01T24:00', '2026-01-01']) expect(fromBerlinInput(value)).toBeNull();
  });

  it('writes instants back on Berlin’s clock with the offset', () => {
    const summer = new Date('2026-07-01T07:30:00Z');
    expect(toBerlinInput(summer)).toBe('2026-07-01T09:30');
    expect(toBerlinIso(summer)).toBe('2026-07-01T09:30:00+02:00');
    expect(toBerlinIso(new Date('2026-12-11T08:30:00Z'))).toBe('2026-12-11T09:30:00+01:00');
  });
});

function form(fields: Record<string, string | string[]>): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) for (const v of [value].flat()) data.append(name, v);
  return data;
}

describe('parseArticleForm', () => {
  const now = new Date('2026-12-02T12:00:00Z');

  it('leaves an empty language out and suggests the slug when none was given', () => {
    const parsed = parseArticleForm(form({ type: 'speech', 'de-title': 'Grüße aus Köln', 'de-lead': 'Vorspann', 'de-body': 'Text', 'en-title': ' ', intent: 'draft' }), now);
    expect(parsed.input).toEqual({
      type: 'speech',
      status: 'draft',
      tags: [],
      translations: { de: { title: 'Grüße aus Köln', slug: 'gruesse-aus-koeln', lead: 'Vorspann', body: 'Text' } },
    });
    expect(parsed.values.translations.en.title).toBe(' ');
  });

  it('schedules on Berlin’s clock and refuses a time in the past by field', () => {
    const scheduled = parseArticleForm(form({ 'de-title': 'T', intent: 'schedule', scheduleAt: '2026-12-24T18:00', tags: ['a', 'b'] }), now);
    expect(scheduled.input).toMatchObject({ status: 'published', publishedAt: '2026-12-24T18:00:00+01:00', tags: ['a', 'b'] });
    const past = parseArticleForm(form({ 'de-title': 'T', intent: 'schedule', scheduleAt: '2026-12-01T18:00' }), now);
    expect(past.problems).toEqual([{ path: 'scheduleAt', message: 'schedulePast' }]);
  });

  it('publishes now, keeping a past date but never a future one', () => {
    expect(parseArticleForm(form({ 'de-title': 'T', intent: 'publish', date: '2026-11-30T08:00' }), now).input.publishedAt).toBe('2026-11-30T08:00:00+01:00');
    expect(parseArticleForm(form({ 'de-title': 'T', intent: 'publish', date: '2027-01-01T08:00' }), now).input.publishedAt).toBeUndefined();
  });

  it('keeps a lead image with the alt texts of the languages written, and asks for both names of a new tag', () => {
    const parsed = parseArticleForm(
      form({ 'de-title': 'T', imageMediaId: 'm-1', 'image-alt-de': 'Bild', 'image-alt-en': 'Picture', imageCredit: 'Foto: A', 'newTag-de': 'Klima' }),
      now,
    );
    expect(parsed.input.image).toEqual({ mediaId: 'm-1', alt: { de: 'Bild' }, credit: 'Foto: A' });
    expect(parsed.newTag).toBeNull();
    expect(parsed.problems).toEqual([{ path: 'newTag.en', message: 'newTagBothNames' }]);
  });
});
