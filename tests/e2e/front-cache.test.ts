import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { createEditorToken } from '@/lib/auth/editor-tokens';
import { createPrismaClient, type PrismaClient } from '@/lib/prisma-client';
import { startFrontCache, type FrontCache } from '../../scripts/lib/nginx-front-cache';
import { freePort } from '../../scripts/lib/free-port';

// The shipped nginx configuration (deploy/nginx) in front of the production server.
const upstream = new URL(inject('baseUrl')).host;
const ARTICLE = '/de/artikel/anti-terror-koalition-beraet-per-videokonferenz';

describe('nginx front cache', () => {
  let front: FrontCache;
  let prisma: PrismaClient;
  let token: string;

  beforeAll(async () => {
    front = await startFrontCache({ port: await freePort(), upstream });
    prisma = createPrismaClient(inject('databaseUrl'), 2);
    token = await createEditorToken(prisma, `front-cache-${Date.now()}`);
  });
  afterAll(async () => {
    await front.stop();
    await prisma.$disconnect();
  });

  const get = (path: string, init: RequestInit = {}) => fetch(`${front.url}${path}`, { redirect: 'manual', ...init });

  it('answers a repeated page request from its own cache', async () => {
    await get(ARTICLE);
    const second = await get(ARTICLE);
    expect(second.status).toBe(200);
    expect(second.headers.get('x-cache-status')).toMatch(/HIT|UPDATING|STALE/);
    expect(await second.text()).toContain('Anti-Terror-Koalition');
  });

  it('passes API requests, previews and the language choice on / straight through', async () => {
    for (const path of ['/api/articles/1', '/de/vorschau/1', '/']) {
      await get(path);
      const second = await get(path);
      expect(second.headers.get('x-cache-status'), path).toBe('BYPASS');
    }
    const english = await get('/', { headers: { cookie: 'NEXT_LOCALE=en' } });
    expect(english.headers.get('location')).toBe('/en');
  });

  it('shows an editor’s change within three seconds', async () => {
    const article = await prisma.article.findFirstOrThrow({ where: { translations: { some: { slug: ARTICLE.split('/').at(-1) ?? '' } } } });
    const current = await (await get(`/api/articles/${article.id}`, { headers: { authorization: `Bearer ${token}` } })).json();
    const title = `Geänderter Titel ${Date.now()}`;
    const body = { ...current, translations: { ...current.translations, de: { ...current.translations.de, title } } };
    for (const key of ['id', 'updatedAt', 'withdrawnAt', 'urls', 'previewUrl']) delete body[key];
    const written = await get(`/api/articles/${article.id}`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    expect(written.status).toBe(200);
    const started = Date.now();
    let seen = false;
    while (!seen && Date.now() - started < 3_000) {
      seen = (await (await get(ARTICLE)).text()).includes(title);
      if (!seen) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(seen).toBe(true);
  });
});
