import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createPrismaClient, type PrismaClient } from '@/lib/prisma-client';
import { acceptUpload, MAX_IMAGE_PIXELS, MediaStoreUnavailableError } from '@/lib/media/accept-upload';
import { ContentError } from '@/lib/content/content-error';
import { readOriginal, readResized } from '@/lib/media/storage';
import { seedDemoContent } from '../../scripts/lib/seed-demo';
import { freshDatabase, type FreshDatabase } from '../helpers/fresh-database';
import { hugePng } from '../helpers/huge-png';

/*
 * Behind a load balancer, an image uploaded through one instance must be
 * served by all: the original is in PostgreSQL, the resized copies are each
 * host's own cache. Two Prisma clients with two media folders play two hosts.
 */

const png = (width: number, height: number) =>
  sharp({ create: { width, height, channels: 3, background: { r: 200, g: 40, b: 90 } } }).png().toBuffer();

describe('media originals in the database', () => {
  let database: FreshDatabase;
  let otherHost: PrismaClient;
  let scratch: string;
  const mediaDirBefore = process.env.MEDIA_DIR;
  /** Switches the media folder, as code on another host would see it. */
  const onHost = (name: string) => {
    process.env.MEDIA_DIR = path.join(scratch, name);
    return process.env.MEDIA_DIR;
  };

  beforeAll(async () => {
    database = await freshDatabase();
    otherHost = createPrismaClient(database.url, 2);
    scratch = mkdtempSync(path.join(tmpdir(), 'portal-media-hosts-'));
  });
  afterAll(async () => {
    process.env.MEDIA_DIR = mediaDirBefore;
    rmSync(scratch, { recursive: true, force: true });
    await otherHost.$disconnect();
    await database.drop();
  });
  beforeEach(() => onHost('a'));

  it('serves an image uploaded through one host from another, resized there from the original in the database', async () => {
    const upload = await png(900, 600);
    const stored = await acceptUpload(database.prisma, upload);
    expect(existsSync(path.join(scratch, 'a', stored.mediaId))).toBe(false);

    const folderB = onHost('b');
    const resized = await readResized(otherHost, stored.mediaId, 640);
    expect(resized).not.toBeNull();
    expect(await sharp(resized ?? Buffer.alloc(0)).metadata()).toMatchObject({ format: 'webp', width: 640, height: 427 });
    // Made once on that host, then read from its disk.
    expect(existsSync(path.join(folderB, stored.mediaId, '640.webp'))).toBe(true);
    expect(Buffer.from(await readOriginal(otherHost, stored.mediaId) ?? Buffer.alloc(0)).equals(upload)).toBe(true);
  });

  it('answers null for an image that does not exist', async () => {
    expect(await readResized(database.prisma, 'm-unknown', 320)).toBeNull();
  });

  it('loads an original that only an old media folder has into the database on first read, for every host', async () => {
    const bytes = await png(500, 300);
    await database.prisma.media.create({ data: { id: 'from-before', mimeType: 'image/png', width: 500, height: 300, byteSize: bytes.length } });
    const folderA = onHost('a');
    mkdirSync(path.join(folderA, 'from-before'), { recursive: true });
    writeFileSync(path.join(folderA, 'from-before', 'original'), bytes);

    expect(await readResized(database.prisma, 'from-before', 320)).not.toBeNull();
    const row = await otherHost.mediaOriginal.findUnique({ where: { mediaId: 'from-before' } });
    expect(Buffer.from(row?.bytes ?? new Uint8Array()).equals(bytes)).toBe(true);

    onHost('b');
    expect(await sharp((await readResized(otherHost, 'from-before', 480)) ?? Buffer.alloc(0)).metadata()).toMatchObject({ width: 480 });
  });

  it('does not load a file from the media folder for which there is no media row', async () => {
    const folderA = onHost('a');
    mkdirSync(path.join(folderA, 'stray'), { recursive: true });
    writeFileSync(path.join(folderA, 'stray', 'original'), await png(400, 400));
    expect(await readOriginal(database.prisma, 'stray')).toBeNull();
    expect(await database.prisma.mediaOriginal.count({ where: { mediaId: 'stray' } })).toBe(0);
  });

  it('deletes the original with its media row', async () => {
    const stored = await acceptUpload(database.prisma, await png(320, 200));
    await database.prisma.media.delete({ where: { id: stored.mediaId } });
    expect(await database.prisma.mediaOriginal.count({ where: { mediaId: stored.mediaId } })).toBe(0);
  });

  it('puts the demo content’s images into the database, none into the media folder', async () => {
    const demo = await freshDatabase();
    try {
      const folder = onHost('demo');
      await seedDemoContent(demo.prisma);
      const media = await demo.prisma.media.findMany({ select: { id: true, original: { select: { mediaId: true } } } });
      expect(media.length).toBeGreaterThan(0);
      expect(media.filter((row) => row.original === null)).toEqual([]);
      expect(existsSync(folder)).toBe(false);
    } finally {
      await demo.drop();
    }
  });
});

describe('media limits and stores that take no writes', () => {
  let database: FreshDatabase;
  let scratch: string;
  const mediaDirBefore = process.env.MEDIA_DIR;

  beforeAll(async () => {
    database = await freshDatabase();
    scratch = mkdtempSync(path.join(tmpdir(), 'portal-media-limits-'));
    process.env.MEDIA_DIR = path.join(scratch, 'media');
  });
  afterAll(async () => {
    process.env.MEDIA_DIR = mediaDirBefore;
    rmSync(scratch, { recursive: true, force: true });
    await database.drop();
  });

  it('refuses an image of more than 40 megapixels by its header, naming its size and the limit, and stores nothing', async () => {
    const bomb = hugePng(16_000, 16_000);
    expect(bomb.length).toBeLessThan(1024 * 1024);
    const refusal = await acceptUpload(database.prisma, bomb).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(ContentError);
    expect((refusal as ContentError).problems).toEqual([
      { path: 'file', message: 'the image has 16000 × 16000 pixels (256 megapixels); at most 40 megapixels are accepted' },
    ]);
    expect(await database.prisma.media.count()).toBe(0);
  });

  it('takes an image of exactly 40 megapixels', async () => {
    const stored = await acceptUpload(database.prisma, hugePng(8_000, MAX_IMAGE_PIXELS / 8_000));
    expect(stored).toMatchObject({ width: 8_000, height: 5_000 });
  });

  it('serves a resized copy that this host cannot keep on disk, and again on the next request', async () => {
    const stored = await acceptUpload(database.prisma, await png(700, 400));
    // A file where the media folder should be: no folder can be made in it (root ignores permission bits).
    writeFileSync(path.join(scratch, 'blocked'), 'not a folder');
    process.env.MEDIA_DIR = path.join(scratch, 'blocked');
    try {
      for (const attempt of [1, 2]) {
        const resized = await readResized(database.prisma, stored.mediaId, 480);
        expect(resized, `attempt ${attempt}`).not.toBeNull();
        expect(await sharp(resized ?? Buffer.alloc(0)).metadata()).toMatchObject({ format: 'webp', width: 480 });
      }
    } finally {
      process.env.MEDIA_DIR = path.join(scratch, 'media');
    }
  });

  it('answers an upload to a database that takes no writes with MediaStoreUnavailableError, storing nothing, and takes it again afterwards', async () => {
    const name = new URL(database.url).pathname.slice(1);
    const before = await database.prisma.media.count();
    await database.prisma.$executeRawUnsafe(`ALTER DATABASE ${name} SET default_transaction_read_only = on`);
    // Settings reach new sessions only: a client of its own sees the database as a standby would be seen.
    const readOnly = createPrismaClient(database.url, 1);
    try {
      const refusal = await acceptUpload(readOnly, await png(300, 200)).catch((error: unknown) => error);
      expect(refusal).toBeInstanceOf(MediaStoreUnavailableError);
      expect((refusal as Error).message).toBe('the media store takes no new images right now (it is read-only or full)');
    } finally {
      await readOnly.$disconnect();
      await database.prisma.$executeRawUnsafe(`ALTER DATABASE ${name} SET default_transaction_read_only = off`);
    }
    expect(await database.prisma.media.count()).toBe(before);
    const writable = createPrismaClient(database.url, 1);
    try {
      expect((await acceptUpload(writable, await png(300, 200))).width).toBe(300);
    } finally {
      await writable.$disconnect();
    }
  });
});
