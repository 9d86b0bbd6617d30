import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { mediaDir } from '@/lib/site-config';
import type { MediaWidth } from '@/lib/media/urls';

/*
 * Images live on disk as MEDIA_DIR/<id>/original, with resized WebP copies
 * made on first request beside it. Files are written to a temporary name and
 * renamed, so a reader never gets half a file.
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

export async function storeOriginal(mediaId: string, bytes: Buffer): Promise<void> {
  await writeAtomically(path.join(folder(mediaId), 'original'), bytes);
}

/** The image at a width as WebP, made once and then read from disk; null when there is no such image. */
export async function readResized(mediaId: string, width: MediaWidth): Promise<Buffer | null> {
  const resized = path.join(folder(mediaId), `${width}.webp`);
  try {
    return await readFile(resized);
  } catch {
    // not made yet
  }
  let original: Buffer;
  try {
    original = await readFile(path.join(folder(mediaId), 'original'));
  } catch {
    return null;
  }
  const bytes = await sharp(original).rotate().resize({ width, withoutEnlargement: true }).webp({ quality: 78 }).toBuffer();
  await writeAtomically(resized, bytes);
  return bytes;
}
