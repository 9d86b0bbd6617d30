import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { PrismaClient } from '@/lib/generated/prisma/client';
import { importContent } from '@/lib/content/import-content';
import { storeOriginal } from '@/lib/media/storage';
import { renderDemoImage, type DemoImage } from './demo-images';

const DEMO_DIR = path.join(import.meta.dirname, '..', '..', 'content', 'demo');

/** Loads the demo images and articles into an empty database; does nothing when articles exist. */
export async function seedDemoContent(client: PrismaClient): Promise<{ seeded: boolean; articles: number }> {
  if ((await client.article.count()) > 0) return { seeded: false, articles: 0 };
  const images = JSON.parse(await readFile(path.join(DEMO_DIR, 'images.json'), 'utf8')) as DemoImage[];
  for (const image of images) {
    const bytes = await renderDemoImage(image);
    await storeOriginal(image.id, bytes);
    await client.media.upsert({
      where: { id: image.id },
      create: { id: image.id, mimeType: 'image/jpeg', width: image.width, height: image.height, byteSize: bytes.length },
      update: {},
    });
  }
  // The demo goes through the same import path editors use.
  const result = await importContent(client, [path.join(DEMO_DIR, 'tags.json'), path.join(DEMO_DIR, 'articles')]);
  return { seeded: true, articles: result.articles };
}
