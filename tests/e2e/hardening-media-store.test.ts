import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import pg from 'pg';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createEditorToken } from '@/lib/auth/editor-tokens';
import type { PrismaClient } from '@/lib/prisma-client';
import { startOwnPortal, type OwnPortal } from '../../scripts/lib/own-portal';
import { copyBuild, withPortalDatabase } from './hardening-own-portal';
import { articlePath, demoArticle, translationOf } from './helpers';
import { articleInput } from './publishing-helpers';

/*
 * The stores behind the images stop taking writes, as an operator meets it:
 * a host's media folder (resized copies) read-only or full, and PostgreSQL
 * (the originals) read-only or full. On a portal of its own, so the shared
 * e2e server keeps its stores. Existing images are served all along; an
 * upload either succeeds or answers 503 saying why, and nothing half-stored
 * is left behind.
 */

const REQUEST_TIMEOUT_MS = 15_000;
const STORE_REFUSES = 'the media store takes no new images right now (it is read-only or full); nothing was stored, try again later';

let build: ReturnType<typeof copyBuild> | null = null;
let portal: OwnPortal | null = null;
let token = '';
let uploaded = '';

function own(): OwnPortal {
  if (!portal) throw new Error('the portal did not start');
  return portal;
}

function withDatabase<T>(work: (prisma: PrismaClient) => Promise<T>): Promise<T> {
  return withPortalDatabase(own(), work);
}

type Reply = { status: number; headers: Headers; bytes: Buffer };

async function get(path: string): Promise<Reply> {
  const response = await fetch(new URL(path, own().baseUrl), { redirect: 'manual', signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
  return { status: response.status, headers: response.headers, bytes: Buffer.from(await response.arrayBuffer()) };
}

async function send(method: string, path: string, body: Uint8Array<ArrayBuffer> | string, contentType: string): Promise<Reply> {
  const response = await fetch(new URL(path, own().baseUrl), {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': contentType },
    body,
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
  });
  return { status: response.status, headers: response.headers, bytes: Buffer.from(await response.arrayBuffer()) };
}

const png = (width: number, height: number) =>
  sharp({ create: { width, height, channels: 3, background: '#225588' } }).png().toBuffer();

async function upload(): Promise<Reply> {
  return send('POST', '/api/media', new Uint8Array(await png(640, 360)), 'image/png');
}

async function expectWebp(path: string, width: number): Promise<void> {
  const reply = await get(path);
  expect(reply.status, path).toBe(200);
  expect(await sharp(reply.bytes).metadata()).toMatchObject({ format: 'webp', width });
}

/** Sets the database's read-only default and ends every other session, so the portal's next connections get it. */
async function setReadOnly(on: boolean): Promise<void> {
  const client = new pg.Client({ connectionString: own().databaseUrl });
  await client.connect();
  try {
    // This session may have started read-only itself; it must be able to undo the setting.
    await client.query('SET default_transaction_read_only = off');
    const { rows } = await client.query<{ name: string }>('SELECT current_database() AS name');
    await client.query(`ALTER DATABASE "${rows[0]?.name ?? ''}" SET default_transaction_read_only = ${on ? 'on' : 'off'}`);
    await client.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()');
  } finally {
    await client.end();
  }
}

/** Repeats `attempt` until `done` holds for its answer (the portal reconnects first), up to 10 s. */
async function until(attempt: () => Promise<Reply>, done: (reply: Reply) => boolean): Promise<Reply> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const reply = await attempt();
    if (done(reply) || Date.now() > deadline) return reply;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

beforeAll(async () => {
  build = copyBuild(inject('distDir'));
  portal = await startOwnPortal({ distDir: build.distDir, revalidateSecret: 'media-store-revalidate-secret', previewSecret: 'media-store-preview-secret' });
  token = await withDatabase((prisma) => createEditorToken(prisma, 'media-store'));
  const first = await upload();
  if (first.status !== 201) throw new Error(`the first upload failed with ${first.status}: ${first.bytes.toString()}`);
  uploaded = (JSON.parse(first.bytes.toString()) as { mediaId: string }).mediaId;
  await expectWebp(`/media/${uploaded}/320.webp`, 320);
}, 300_000);

afterAll(async () => {
  await portal?.close();
  build?.remove();
});

describe('a media folder that takes no writes', () => {
  it('still serves every image, made anew per request, and still takes uploads, whose originals live in PostgreSQL', async () => {
    const { mediaDir } = own();
    // A file where the folder was: nothing can be written below it, even by root.
    rmSync(mediaDir, { recursive: true, force: true });
    writeFileSync(mediaDir, 'not a folder');
    try {
      for (const width of [320, 480, 480]) await expectWebp(`/media/${uploaded}/${width}.webp`, width);
      const article = demoArticle('01');
      expect((await get(articlePath('de', translationOf(article, 'de').slug))).status).toBe(200);
      const another = await upload();
      expect(another.status).toBe(201);
      await expectWebp(`/media/${(JSON.parse(another.bytes.toString()) as { mediaId: string }).mediaId}/640.webp`, 640);
      expect(own().serverLog()).toMatch(/media: cannot keep the resized copy .*ENOTDIR/);
    } finally {
      rmSync(mediaDir, { force: true });
      mkdirSync(mediaDir);
    }
  });
});

describe('a database that takes no writes', () => {
  it('answers uploads and article writes with 503 saying why, stores nothing, keeps serving images, pages and API reads, and takes writes again afterwards', async () => {
    const before = await withDatabase((prisma) => prisma.media.count());
    await setReadOnly(true);
    try {
      const refused = await until(upload, (reply) => reply.bytes.toString().includes('read-only'));
      expect(refused.status).toBe(503);
      expect(refused.headers.get('content-type')).toMatch(/^application\/json/);
      expect(refused.headers.get('retry-after')).toMatch(/^\d+$/);
      expect(JSON.parse(refused.bytes.toString())).toEqual({ error: STORE_REFUSES });

      const write = await send('POST', '/api/articles', JSON.stringify(articleInput()), 'application/json');
      expect(write.status).toBe(503);
      expect((JSON.parse(write.bytes.toString()) as { error: string }).error).toMatch(/takes no writes right now \(it is read-only or full\); nothing was changed/);

      await expectWebp(`/media/${uploaded}/640.webp`, 640);
      expect((await get('/en')).status).toBe(200);
      // The API's reads go on (its rate limit counts in the process meanwhile).
      const list = await fetch(new URL('/api/articles', own().baseUrl), { headers: { authorization: `Bearer ${token}` } });
      expect(list.status).toBe(200);
    } finally {
      await setReadOnly(false);
    }
    expect(await withDatabase((prisma) => prisma.media.count())).toBe(before);
    expect((await until(upload, (reply) => reply.status === 201)).status).toBe(201);
  });
});
