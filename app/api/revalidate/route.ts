import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { bearerToken, secretMatches } from '@/lib/auth/secret-matches';
import { revalidateTags } from '@/lib/content/record-revalidation';
import { db } from '@/lib/db';
import { readJsonBody } from '@/lib/api/read-body';
import { contentErrorResponse } from '@/lib/api/responses';

const NO_STORE = { 'Cache-Control': 'private, no-store' };

/** What a revalidation request names: cache tags (lib/cache-tags.ts) and paths. */
const revalidationTargets = z.strictObject({
  tags: z.array(z.string().min(1).max(256)).max(500).optional(),
  paths: z.array(z.string().startsWith('/').max(1_000)).max(500).optional(),
});

/**
 * On-demand revalidation for tools outside this server: `POST {"tags": [...],
 * "paths": [...]}` with `Authorization: Bearer $REVALIDATE_SECRET`. Tag
 * names: lib/cache-tags.ts. Content writes need none of this: they record
 * their own revalidation (lib/content/record-revalidation.ts).
 */
export async function POST(request: Request) {
  const secret = process.env.REVALIDATE_SECRET;
  const token = bearerToken(request);
  if (!secret || !token || !secretMatches(token, secret)) {
    return Response.json({ error: 'unauthorized' }, { status: 401, headers: NO_STORE });
  }
  const json = await readJsonBody(request);
  if (!json.ok) return json.response;
  const parsed = revalidationTargets.safeParse(json.value);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`);
    return Response.json({ error: 'invalid request', problems }, { status: 400, headers: NO_STORE });
  }
  const { tags = [], paths = [] } = parsed.data;
  try {
    if (tags.length > 0) await revalidateTags(db(), tags);
  } catch (error) {
    return contentErrorResponse(error);
  }
  // Next.js turns paths into tags of its own and hands them to the cache handler, which records them (lib/cache/isr-cache-handler.mjs).
  for (const path of new Set(paths)) revalidatePath(path);
  return Response.json({ revalidated: { tags, paths } }, { headers: NO_STORE });
}
