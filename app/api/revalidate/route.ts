import { bearerToken, secretMatches } from '@/lib/auth/secret-matches';
import { revalidateContent, revalidationTargets } from '@/lib/revalidate-content';
import { readJsonBody } from '@/lib/api/read-body';

const NO_STORE = { 'Cache-Control': 'private, no-store' };

/**
 * On-demand revalidation for tools outside this server (such as
 * `npm run content -- import`): `POST {"tags": [...], "paths": [...]}` with
 * `Authorization: Bearer $REVALIDATE_SECRET`. Tag names: lib/cache-tags.ts.
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
  revalidateContent(parsed.data);
  return Response.json({ revalidated: { tags: parsed.data.tags ?? [], paths: parsed.data.paths ?? [] } }, { headers: NO_STORE });
}
