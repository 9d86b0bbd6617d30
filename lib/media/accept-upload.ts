import { randomBytes } from 'node:crypto';
import sharp from 'sharp';
import type { PrismaClient } from '@/lib/generated/prisma/client';
import { ContentError } from '@/lib/content/content-error';
import { isDatabaseRefusingWrites } from '@/lib/database-unavailable';

/** Largest image an editor may upload. */
export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

/**
 * Most pixels an image may have. Decoding costs memory by pixels, not bytes: a small
 * PNG of 16,000 × 16,000 pixels kept hundreds of megabytes (bench/causes.md, "Image pixel limit").
 */
export const MAX_IMAGE_PIXELS = 40_000_000;

/** Raised when the store of originals (PostgreSQL) takes no writes: read-only or full. Nothing was stored. */
export class MediaStoreUnavailableError extends Error {
  constructor(options: { cause: unknown }) {
    super('the media store takes no new images right now (it is read-only or full)', options);
    this.name = 'MediaStoreUnavailableError';
  }
}

/** Recognises the formats we accept by their first bytes, whatever the client claims. */
export function detectImageType(bytes: Uint8Array): 'image/jpeg' | 'image/png' | 'image/webp' | null {
  const starts = (...signature: number[]) => signature.every((byte, index) => bytes[index] === byte);
  if (starts(0xff, 0xd8, 0xff)) return 'image/jpeg';
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'image/png';
  const ascii = (from: number, to: number) => String.fromCharCode(...bytes.subarray(from, to));
  if (bytes.length > 12 && ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return 'image/webp';
  return null;
}

export type StoredMedia = { mediaId: string; mimeType: string; width: number; height: number; byteSize: number };

/** Width and height from the file's header alone: nothing is decoded yet. */
async function dimensionsOf(bytes: Buffer): Promise<{ width: number; height: number } | null> {
  try {
    const { width, height } = await sharp(bytes, { limitInputPixels: false }).metadata();
    return width && height ? { width, height } : null;
  } catch {
    return null;
  }
}

/**
 * Checks, stores and records an uploaded image; throws ContentError naming
 * what is wrong, or MediaStoreUnavailableError when the store takes no writes.
 */
export async function acceptUpload(prisma: PrismaClient, bytes: Buffer): Promise<StoredMedia> {
  const mimeType = detectImageType(bytes);
  if (!mimeType) throw new ContentError('invalid', [{ path: 'file', message: 'not a JPEG, PNG or WebP image' }]);
  const size = await dimensionsOf(bytes);
  if (!size) throw new ContentError('invalid', [{ path: 'file', message: 'the image cannot be decoded' }]);
  const { width, height } = size;
  if (width * height > MAX_IMAGE_PIXELS) {
    const megapixels = Math.round((width * height) / 1e6);
    throw new ContentError('invalid', [
      { path: 'file', message: `the image has ${width} × ${height} pixels (${megapixels} megapixels); at most ${MAX_IMAGE_PIXELS / 1e6} megapixels are accepted` },
    ]);
  }
  const mediaId = `m-${randomBytes(9).toString('hex')}`;
  try {
    // Row and original in one statement: no instance ever sees an image without its bytes.
    await prisma.media.create({ data: { id: mediaId, mimeType, width, height, byteSize: bytes.length, original: { create: { bytes: new Uint8Array(bytes) } } } });
  } catch (error) {
    if (isDatabaseRefusingWrites(error)) throw new MediaStoreUnavailableError({ cause: error });
    throw error;
  }
  return { mediaId, mimeType, width, height, byteSize: bytes.length };
}
