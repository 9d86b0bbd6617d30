import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/*
 * The entries of a build's ISR cache as lib/cache/isr-cache-handler.mjs
 * stores them: one folder per build and database under
 * <distDir>/cache/portal-isr, one JSON file per entry.
 */

const ROOT = path.resolve(import.meta.dirname, '..', '..');

export type StoredEntry = {
  key: string;
  stamp: number;
  tags: string[];
  value: { kind: string; html?: string; rscData?: unknown; segmentData?: unknown };
};

/** The folders of a build's ISR cache, one per database it served. */
export function cacheFolders(distDir: string): string[] {
  const root = path.join(ROOT, distDir, 'cache', 'portal-isr');
  return existsSync(root) ? readdirSync(root).map((name) => path.join(root, name)) : [];
}

/** Every entry in a cache folder. */
export function entriesIn(folder: string): StoredEntry[] {
  return readdirSync(folder)
    .filter((name) => name.endsWith('.json'))
    .map((name) => JSON.parse(readFileSync(path.join(folder, name), 'utf8')) as StoredEntry);
}

/** The route an entry file caches, for messages: `de/article` for an article page, `fetch` for a cached query. */
export function routeOfEntryFile(file: string): string {
  if (!file.endsWith('.json')) return path.basename(path.dirname(file));
  try {
    const entry = JSON.parse(readFileSync(file, 'utf8')) as StoredEntry;
    if (entry.value.kind === 'FETCH') return 'fetch';
    const [first = '', second = ''] = (entry.key.split('/$/')[1] ?? entry.key).split('/');
    return first === 'de' || first === 'en' ? `${first}/${second}` : '[locale]';
  } catch {
    return 'unreadable';
  }
}
