import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/*
 * Pages read, components render (STYLE.md): data is fetched in app/ routes
 * through lib/queries/ and handed to components as props. A component may
 * import a query's types, never the query or the database client.
 */

const COMPONENTS = path.resolve(import.meta.dirname, '..', '..', 'components');
const DATA_IMPORT = /^import (?!type )[^;]*from '@\/lib\/(queries\/|db'|prisma-client'|generated\/)/m;

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? files(full) : /\.tsx?$/.test(name) ? [full] : [];
  });
}

describe('components render what they are given', () => {
  it('no component imports a query or the database client', () => {
    const querying = files(COMPONENTS).filter((file) => DATA_IMPORT.test(readFileSync(file, 'utf8')));
    expect(querying.map((file) => path.relative(COMPONENTS, file))).toEqual([]);
  });
});
