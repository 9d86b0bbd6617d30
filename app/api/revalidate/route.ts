import { z } from 'zod';
import { bearerToken, secretMatches } from '@/lib/auth/secret-matches';
import { revalidateContent } from '@/lib/revalidate-content';

const NO_STORE = { 'Cache-Control': 'private, no-store' };

const body = z.strictObject({
  tags: z.array(z.string().min(1).max(256)).max(500).optional(),
  paths: z.array(z.string().startsWith('/').max(1_000)).max(500).optional(),
});

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
  let json: unknown;
  try {
    json = await request.json();
  } catch {
    return Response.json({ error: 'body must be JSON' }, { status: 400, headers: NO_STORE });
  }
  const parsed = body.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`);
    return Response.json({ error: 'invalid request', problems }, { status: 400, headers: NO_STORE });
  }
  revalidateContent(parsed.data);
  return Response.json({ revalidated: { tags: parsed.data.tags ?? [], paths: parsed.data.paths ?? [] } }, { headers: NO_STORE });
}
