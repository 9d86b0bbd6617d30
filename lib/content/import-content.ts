import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { PrismaClient } from '@/lib/generated/prisma/client';
import { articleInput, parseOrThrow, tagInput } from '@/lib/content/article-input';
import { ContentError, type ContentProblem } from '@/lib/content/content-error';
import { createArticleInTransaction } from '@/lib/content/save-article';
import { upsertTagInTransaction } from '@/lib/content/save-tag';
import { commitContentChange } from '@/lib/content/record-revalidation';
import { z } from 'zod';

/*
 * Imports JSON files in the API's shape: a file named `tags.json` maps tag
 * keys to their names and slugs; every other file is one article. Everything
 * is written in one transaction, so a bad file leaves the database untouched,
 * and every problem is reported with its file and field.
 */

export type ImportResult = { tags: number; articles: number; cacheTags: string[] };

async function listJsonFiles(target: string): Promise<string[]> {
  const info = await stat(target);
  if (info.isFile()) return [target];
  const entries = await readdir(target, { withFileTypes: true, recursive: true });
  return entries
    .filter((entry) => entry.isFile() && entry.name.endsWith('.json'))
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort((a, b) => (path.basename(a) === 'tags.json' ? -1 : path.basename(b) === 'tags.json' ? 1 : a.localeCompare(b)));
}

function prefixed(file: string, problems: ContentProblem[]): ContentProblem[] {
  return problems.map((p) => ({ path: p.path ? `${file}: ${p.path}` : file, message: p.message }));
}

export async function importContent(client: PrismaClient, targets: string[]): Promise<ImportResult> {
  const files = (await Promise.all(targets.map(listJsonFiles))).flat();
  const problems: ContentProblem[] = [];
  const tagFiles: { file: string; tags: Record<string, z.infer<typeof tagInput>> }[] = [];
  const articleFiles: { file: string; article: z.infer<typeof articleInput> }[] = [];

  for (const file of files) {
    let json: unknown;
    try {
      json = JSON.parse(await readFile(file, 'utf8'));
    } catch (error) {
      problems.push({ path: file, message: `not valid JSON (${(error as Error).message})` });
      continue;
    }
    try {
      if (path.basename(file) === 'tags.json') tagFiles.push({ file, tags: parseOrThrow(z.record(z.string(), tagInput), json) });
      else articleFiles.push({ file, article: parseOrThrow(articleInput, json) });
    } catch (error) {
      if (error instanceof ContentError) problems.push(...prefixed(file, error.problems));
      else throw error;
    }
  }
  if (problems.length > 0) throw new ContentError('invalid', problems);

  return commitContentChange(
    client,
    async (tx) => {
      const cacheTags = new Set<string>();
      let tagCount = 0;
      const failures: ContentProblem[] = [];
      for (const { file, tags } of tagFiles) {
        for (const [key, tag] of Object.entries(tags)) {
          try {
            (await upsertTagInTransaction(tx, key, tag)).forEach((t) => cacheTags.add(t));
            tagCount += 1;
          } catch (error) {
            if (error instanceof ContentError) failures.push(...prefixed(`${file}: ${key}`, error.problems));
            else throw error;
          }
        }
      }
      for (const { file, article } of articleFiles) {
        try {
          (await createArticleInTransaction(tx, article, { author: 'import' })).cacheTags.forEach((t) => cacheTags.add(t));
        } catch (error) {
          if (error instanceof ContentError) failures.push(...prefixed(file, error.problems));
          else throw error;
        }
      }
      if (failures.length > 0) throw new ContentError('invalid', failures);
      return { tags: tagCount, articles: articleFiles.length, cacheTags: [...cacheTags] };
    },
    { timeout: 60_000 },
  );
}
