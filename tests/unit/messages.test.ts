import { describe, expect, it } from 'vitest';
import de from '@/messages/de.json';
import en from '@/messages/en.json';

function keyPaths(messages: object, prefix = ''): string[] {
  return Object.entries(messages).flatMap(([key, value]) =>
    typeof value === 'object' && value !== null ? keyPaths(value, `${prefix}${key}.`) : [`${prefix}${key}`],
  );
}

function placeholders(text: string): string[] {
  return [...text.matchAll(/\{(\w+)(?=[,}])/g)].map((match) => match[1] ?? '').sort();
}

describe('messages', () => {
  it('have the same keys in German and English', () => {
    expect(keyPaths(de).sort()).toEqual(keyPaths(en).sort());
  });

  it('use the same placeholders in both languages', () => {
    const lookup = (messages: object, path: string): string =>
      String(path.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], messages));
    for (const path of keyPaths(en)) {
      expect(placeholders(lookup(de, path)), path).toEqual(placeholders(lookup(en, path)));
    }
  });

  it('have no empty texts', () => {
    for (const messages of [de, en]) {
      expect(JSON.stringify(messages)).not.toContain('""');
    }
  });
});
