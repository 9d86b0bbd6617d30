import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { PrismaClient } from '@/lib/generated/prisma/client';
import { importContent } from '@/lib/content/import-content';
import { storeOriginal } from '@/lib/media/storage';
import { renderDemoImage, type DemoImage } from './demo-images';

const DEMO_DIR = path.join(import.meta.dirname, '..', '..', 'content', 'demo');

/**
 * Whether `npm start` loads the demo content into an empty database
 * (`DEMO_CONTENT`): by default only into the embedded one, the database of
 * someone trying the portal out. A production database named by
 * DATABASE_URL starts empty too, and made-up articles must not appear on a
 * public site because nobody had published anything yet when it restarted.
 */
export function demoContentWanted(env: Readonly<Record<string, string | undefined>>): boolean {
  const setting = env.DEMO_CONTENT ?? '';
  if (setting === '') return !env.DATABASE_URL;
  if (setting === '1') return true;
  if (setting === '0') return false;
  throw new Error(`DEMO_CONTENT must be 1 (load the demo content into an empty database) or 0 (never), not "${setting}"`);
}

/** Loads the demo images and articles into an empty database; does nothing when articles exist. */
export async function seedDemoContent(client: PrismaClient): Promise<{ seeded: boolean; articles: number }> {
  if ((await client.article.count()) > 0) return { seeded: false, articles: 0 };
  const images = JSON.parse(await readFile(path.join(DEMO_DIR, 'images.json'), 'utf8')) as DemoImage[];
  for (const image of images) {
    const bytes = await renderDemoImage(image);
    await client.media.upsert({
      where: { id: image.id },
      create: { id: image.id, mimeType: 'image/jpeg', width: image.width, height: image.height, byteSize: bytes.length },
      update: {},
    });
    // In the database, like an editor's upload: every instance serves it and backups include it.
    await storeOriginal(client, image.id, bytes);
  }
  // The demo goes through the same import path editors use.
  const result = await importContent(client, [path.join(DEMO_DIR, 'tags.json'), path.join(DEMO_DIR, 'articles')]);
  return { seeded: true, articles: result.articles };
}
