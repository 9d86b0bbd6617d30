import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { Locale } from '@/i18n/routing';
import type { PrismaClient } from '@/lib/prisma-client';
import {
  articleAnswer,
  articleInput,
  baseUrl,
  bodyOf,
  contentCounts,
  errorAnswer,
  linksTo,
  openDatabase,
  openEditorSession,
  problemPaths,
  RawBody,
  statusWithin,
  streamed,
  readPage,
  textOf,
  urlOf,
  waitFor,
  type ApiAnswer,
  type EditorSession,
} from './publishing-helpers';
import { hugePng } from '../helpers/huge-png';

const storedMedia = z.strictObject({
  mediaId: z.string().regex(/^[a-z0-9][a-z0-9-]*$/),
  width: z.number(),
  height: z.number(),
  mimeType: z.string(),
  byteSize: z.number(),
});

const ELEVEN_MIB = 11 * 1024 * 1024;
const CREDIT_LABEL: Record<Locale, string> = { de: 'Bildnachweis', en: 'Photo credit' };

let prisma: PrismaClient;
let editor: EditorSession;
let png: Buffer;

beforeAll(async () => {
  prisma = openDatabase();
  editor = await openEditorSession(prisma, 'media');
  png = await sharp({ create: { width: 800, height: 450, channels: 3, background: '#336699' } }).png().toBuffer();
});

afterAll(async () => {
  await editor.close();
  await prisma.$disconnect();
});

async function upload(body: string | FormData | ReadableStream<Uint8Array> | Uint8Array, contentType?: string): Promise<ApiAnswer> {
  return editor.api('POST', '/api/media', new RawBody(body instanceof Uint8Array ? new Uint8Array(body) : body, contentType));
}

/** Sends a request and shows that no media (nor anything else) was recorded. */
async function expectNothingStored(send: () => Promise<ApiAnswer>): Promise<ApiAnswer> {
  const before = await contentCounts(prisma);
  const answer = await send();
  expect(await contentCounts(prisma)).toEqual(before);
  return answer;
}

async function fetchImage(path: string) {
  const response = await fetch(new URL(path, baseUrl));
  const bytes = Buffer.from(await response.arrayBuffer());
  return { status: response.status, contentType: response.headers.get('content-type'), bytes };
}

describe('uploading an image', () => {
  it('stores a PNG sent as the raw body and serves it resized as WebP', async () => {
    const answer = await upload(png, 'image/png');
    expect(answer.status).toBe(201);
    const media = bodyOf(answer, storedMedia);
    expect(media).toEqual({ mediaId: media.mediaId, width: 800, height: 450, mimeType: 'image/png', byteSize: png.length });

    const resized = await fetchImage(`/media/${media.mediaId}/480.webp`);
    expect(resized.status).toBe(200);
    expect(resized.contentType).toBe('image/webp');
    const metadata = await sharp(resized.bytes).metadata();
    expect({ format: metadata.format, width: metadata.width, height: metadata.height }).toEqual({ format: 'webp', width: 480, height: 270 });
  });

  it('stores an image sent as the field "file" of a form, whatever type the client names', async () => {
    const jpeg = await sharp({ create: { width: 320, height: 200, channels: 3, background: '#aa3300' } }).jpeg().toBuffer();
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(jpeg)], { type: 'application/octet-stream' }), 'photo.bin');
    const answer = await editor.api('POST', '/api/media', new RawBody(form));
    expect(answer.status).toBe(201);
    expect(bodyOf(answer, storedMedia)).toMatchObject({ width: 320, height: 200, mimeType: 'image/jpeg', byteSize: jpeg.length });
  });

  it('answers a text file with 400 naming file, even when it claims to be a PNG', async () => {
    for (const contentType of ['text/plain', 'image/png']) {
      const answer = await expectNothingStored(() => upload('Dies ist kein Bild.\n', contentType));
      expect(answer.status).toBe(400);
      expect(problemPaths(answer)).toEqual(['file']);
    }
  });

  it('answers an image that cannot be decoded with 400 naming file', async () => {
    const answer = await expectNothingStored(() => upload(png.subarray(0, 40), 'image/png'));
    expect(answer.status).toBe(400);
    expect(problemPaths(answer)).toEqual(['file']);
  });

  it('answers an empty body and a form without "file" with 400 naming file', async () => {
    const form = new FormData();
    form.append('image', new Blob([new Uint8Array(png)]), 'photo.png');
    for (const body of [new Uint8Array(0), form]) {
      const answer = await expectNothingStored(() => upload(body));
      expect(answer.status).toBe(400);
      expect(problemPaths(answer)).toEqual(['file']);
    }
  });

  it('answers an image of more than 40 megapixels with 400 naming the limit, before decoding it', async () => {
    const answer = await expectNothingStored(() => upload(hugePng(16_000, 16_000), 'image/png'));
    expect(answer.status).toBe(400);
    expect(bodyOf(answer, errorAnswer).problems).toEqual([
      { path: 'file', message: 'the image has 16000 × 16000 pixels (256 megapixels); at most 40 megapixels are accepted' },
    ]);
  });

  it('answers an image over 10 MiB with 413', async () => {
    const huge = Buffer.concat([png, Buffer.alloc(ELEVEN_MIB - png.length)]);
    const answer = await expectNothingStored(() => upload(huge, 'image/png'));
    expect(answer.status).toBe(413);
    bodyOf(answer, errorAnswer);
  });

  it('answers an image over 10 MiB sent without Content-Length with 413 and stays usable', async () => {
    const chunk = new Uint8Array(1024 * 1024);
    const body = streamed([new Uint8Array(png), ...Array.from({ length: 11 }, () => chunk)]);
    const answer = await expectNothingStored(() => upload(body, 'image/png'));
    expect(answer.status).toBe(413);
    // The editor's client sends its next request over the same keep-alive connection.
    expect(await statusWithin(() => upload(png))).toBe(201);
  });

  it('serves no other widths and no unknown images, and no resizing through Next.js\'s image optimizer', async () => {
    const media = bodyOf(await upload(png), storedMedia);
    const optimizer = `/_next/image?url=${encodeURIComponent(`/media/${media.mediaId}/480.webp`)}&w=64&q=75`;
    for (const path of [`/media/${media.mediaId}/500.webp`, `/media/${media.mediaId}/0480.webp`, `/media/${media.mediaId}/480.png`, `/media/m-${'0'.repeat(18)}/480.webp`, optimizer]) {
      expect((await fetchImage(path)).status, path).toBe(404);
    }
  });
});

describe('an article with a lead image', () => {
  it('shows the image with its alt text, caption and credit in each language', async () => {
    const media = bodyOf(await upload(png), storedMedia);
    const image = {
      mediaId: media.mediaId,
      alt: { de: 'Blaue Fläche als Testbild', en: 'A blue area as test picture' },
      caption: { de: 'Bildunterschrift auf Deutsch', en: 'Caption in English' },
      credit: '© Anna Beispiel/Bildagentur Nord',
    };
    const input = articleInput({ image });
    const created = await editor.createArticle(input);
    expect(bodyOf(await editor.api('GET', `/api/articles/${created.id}`), articleAnswer).image).toEqual(image);

    await waitFor(async () => {
      for (const locale of ['de', 'en'] as const) {
        const { status, html } = await readPage(urlOf(created, locale));
        expect(status).toBe(200);
        const img = /<img\b[^>]*>/.exec(html)?.[0] ?? '';
        expect(img).toContain(`src="/media/${media.mediaId}/480.webp"`);
        expect(img).toContain(`alt="${image.alt[locale]}"`);
        expect(img).toContain('width="800"');
        expect(img).toContain('height="450"');
        const caption = textOf(/<figcaption\b[^>]*>([\s\S]*?)<\/figcaption>/.exec(html)?.[1] ?? '');
        expect(caption).toBe(`${image.caption[locale]} ${CREDIT_LABEL[locale]}: ${image.credit}`);
        const srcset = /srcset="([^"]*)"/i.exec(img)?.[1] ?? '';
        expect(srcset.split(', ').map((entry) => entry.split(' ')[0])).toEqual([320, 480, 640].map((w) => `/media/${media.mediaId}/${w}.webp`));
        expect(linksTo((await readPage(`/${locale}`)).html, urlOf(created, locale))).toBe(true);
      }
    });
    for (const width of [320, 640]) expect((await fetchImage(`/media/${media.mediaId}/${width}.webp`)).status).toBe(200);
  });
});
