import { db } from '@/lib/db';
import { isMediaId, readResized } from '@/lib/media/storage';
import { isMediaWidth } from '@/lib/media/urls';

// Widths as written by mediaUrl: `0960.webp` is not a second name of `960.webp`.
const FILE = /^([1-9][0-9]{2,3})\.webp$/;

/** Serves an image at one of the fixed widths; the URL never changes its bytes, so it is cached for a year. */
export async function GET(_request: Request, { params }: RouteContext<'/media/[id]/[file]'>) {
  const { id, file } = await params;
  const width = Number(FILE.exec(file)?.[1]);
  if (!isMediaId(id) || !isMediaWidth(width)) return new Response('Not found', { status: 404 });
  const bytes = await readResized(db(), id, width);
  if (!bytes) return new Response('Not found', { status: 404 });
  return new Response(new Uint8Array(bytes), {
    headers: {
      'Content-Type': 'image/webp',
      'Content-Length': String(bytes.length),
      'Cache-Control': 'public, max-age=31536000, immutable',
      'X-Content-Type-Options': 'nosniff',
    },
  });
}
