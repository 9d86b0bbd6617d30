import { randomBytes } from 'node:crypto';
import sharp from 'sharp';
import type { PrismaClient } from '@/lib/generated/prisma/client';
import { ContentError } from '@/lib/content/content-error';

/** Largest image an editor may upload. */
export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

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

/** Checks, stores and records an uploaded image; throws ContentError naming what is wrong. */
export async function acceptUpload(prisma: PrismaClient, bytes: Buffer): Promise<StoredMedia> {
  const mimeType = detectImageType(bytes);
  if (!mimeType) throw new ContentError('invalid', [{ path: 'file', message: 'not a JPEG, PNG or WebP image' }]);
  let width: number | undefined;
  let height: number | undefined;
  try {
    ({ width, height } = await sharp(bytes).metadata());
  } catch {
    // handled below: a damaged file has no dimensions
  }
  if (!width || !height) throw new ContentError('invalid', [{ path: 'file', message: 'the image cannot be decoded' }]);
  const mediaId = `m-${randomBytes(9).toString('hex')}`;
  // Row and original in one statement: no instance ever sees an image without its bytes.
  await prisma.media.create({ data: { id: mediaId, mimeType, width, height, byteSize: bytes.length, original: { create: { bytes: new Uint8Array(bytes) } } } });
  return { mediaId, mimeType, width, height, byteSize: bytes.length };
}
