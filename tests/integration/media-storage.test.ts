import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createPrismaClient, type PrismaClient } from '@/lib/prisma-client';
import { acceptUpload } from '@/lib/media/accept-upload';
import { readOriginal, readResized } from '@/lib/media/storage';
import { seedDemoContent } from '../../scripts/lib/seed-demo';
import { freshDatabase, type FreshDatabase } from '../helpers/fresh-database';

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
