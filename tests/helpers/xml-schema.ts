import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

/** The sitemaps.org schemas, kept in the repository (see the comment in each). */
export const SITEMAP_SCHEMAS = {
  urlset: path.resolve(import.meta.dirname, '..', 'fixtures', 'sitemaps', 'sitemap.xsd'),
  sitemapindex: path.resolve(import.meta.dirname, '..', 'fixtures', 'sitemaps', 'siteindex.xsd'),
} as const;

/** What `xmllint --schema` says against a document: an empty list when it validates. */
export async function schemaErrors(xml: string, schema: string): Promise<string[]> {
  const folder = mkdtempSync(path.join(tmpdir(), 'portal-xml-'));
  const file = path.join(folder, 'document.xml');
  try {
    writeFileSync(file, xml);
    const outcome = await promisify(execFile)('xmllint', ['--noout', '--schema', schema, file]).then(
      () => ({ code: 0, stderr: '' }),
      (error: { code?: number; stderr?: string }) => ({ code: error.code ?? 1, stderr: error.stderr ?? '' }),
    );
    if (outcome.code === 0) return [];
    const lines = outcome.stderr.split('\n').filter((line) => line.trim() !== '' && !line.endsWith('fails to validate'));
    return lines.length > 0 ? lines.map((line) => line.replace(`${file}:`, 'line ')) : [`xmllint exited with ${outcome.code}`];
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
