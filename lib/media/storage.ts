import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import type { PrismaClient } from '@/lib/generated/prisma/client';
import { mediaDir } from '@/lib/site-config';
import type { MediaWidth } from '@/lib/media/urls';
import { MAX_IMAGE_PIXELS } from '@/lib/media/accept-upload';

/*
 * Uploaded originals live in PostgreSQL (media_original), so that every
 * instance behind a load balancer serves what any of them accepted, and
 * `npm run db:backup` includes them. Resized WebP copies are a cache on each
 * host's disk, MEDIA_DIR/<id>/<width>.webp, made on first request from the
 * original in the database. Files are written to a temporary name and
 * renamed, so a reader never gets half a file. A folder that takes no
 * writes (read-only, full) costs a resize per request but never an image.
 */

const MEDIA_ID = /^[a-z0-9][a-z0-9-]{0,99}$/;

export function isMediaId(value: string): boolean {
  return MEDIA_ID.test(value);
}

function folder(mediaId: string): string {
  if (!isMediaId(mediaId)) throw new Error(`invalid media id: ${mediaId}`);
  return path.resolve(mediaDir(), mediaId);
}

async function writeAtomically(file: string, bytes: Buffer): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.${Date.now()}.tmp`;
  await writeFile(temporary, bytes);
  await rename(temporary, file);
}

/** Stores (or replaces) the original of a media row that exists. */
export async function storeOriginal(prisma: PrismaClient, mediaId: string, bytes: Uint8Array): Promise<void> {
  const stored = new Uint8Array(bytes);
  await prisma.mediaOriginal.upsert({ where: { mediaId }, create: { mediaId, bytes: stored }, update: { bytes: stored } });
}

/**
 * The original from before originals moved into the database: MEDIA_DIR/<id>/original
 * of a media row that has none there yet, loaded into it the first time it is read.
 * Lazily rather than at start: a folder of many images would delay every start, and the
 * file may be on one host only; the first request on that host moves it for all of them.
 */
async function importOriginalFromMediaDir(prisma: PrismaClient, mediaId: string): Promise<Buffer | null> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path.join(folder(mediaId), 'original'));
  } catch {
    return null;
  }
  if (!(await prisma.media.findUnique({ where: { id: mediaId }, select: { id: true } }))) return null;
  // Another instance may have imported it meanwhile: the first one stays.
  await prisma.mediaOriginal.createMany({ data: [{ mediaId, bytes: new Uint8Array(bytes) }], skipDuplicates: true });
  return bytes;
}

/** The original as uploaded, from the database (or, once, from an old media folder); null when there is none. */
export async function readOriginal(prisma: PrismaClient, mediaId: string): Promise<Buffer | null> {
  const stored = await prisma.mediaOriginal.findUnique({ where: { mediaId }, select: { bytes: true } });
  if (stored) return Buffer.from(stored.bytes);
  return importOriginalFromMediaDir(prisma, mediaId);
}

/** Seconds between two log lines about a media folder that takes no writes: one is enough to act on. */
const UNWRITABLE_LOG_INTERVAL_MS = 60_000;
let lastUnwritableLog = 0;

function reportUnwritable(file: string, error: unknown): void {
  const now = Date.now();
  if (now - lastUnwritableLog < UNWRITABLE_LOG_INTERVAL_MS) return;
  lastUnwritableLog = now;
  const code = (error as { code?: unknown }).code;
  console.warn(`media: cannot keep the resized copy ${file} (${typeof code === 'string' ? code : String(error)}); serving it without keeping it`);
}

/**
 * The image at a width as WebP, made once per host and then read from disk;
 * null when there is no such image or its original cannot be rendered.
 */
export async function readResized(prisma: PrismaClient, mediaId: string, width: MediaWidth): Promise<Buffer | null> {
  const resized = path.join(folder(mediaId), `${width}.webp`);
  try {
    return await readFile(resized);
  } catch {
    // not made on this host yet
  }
  const original = await readOriginal(prisma, mediaId);
  if (!original) return null;
  let bytes: Buffer;
  try {
    // The same pixel limit as uploads, for originals stored before it existed.
    bytes = await sharp(original, { limitInputPixels: MAX_IMAGE_PIXELS }).rotate().resize({ width, withoutEnlargement: true }).webp({ quality: 78 }).toBuffer();
  } catch (error) {
    console.warn(`media: cannot render ${mediaId} at ${width} px: ${error instanceof Error ? error.message : String(error)}`);
    return null;
  }
  try {
    await writeAtomically(resized, bytes);
  } catch (error) {
    reportUnwritable(resized, error);
  }
  return bytes;
}

/**
 * Loads into the database every original that only this host's media folder has (see
 * importOriginalFromMediaDir), so that a backup made now includes them; returns how many.
 */
export async function importMissingOriginals(prisma: PrismaClient): Promise<number> {
  const missing = await prisma.media.findMany({ where: { original: null }, select: { id: true }, orderBy: { id: 'asc' } });
  let imported = 0;
  for (const { id } of missing) {
    if (isMediaId(id) && (await importOriginalFromMediaDir(prisma, id))) imported += 1;
  }
  return imported;
}
