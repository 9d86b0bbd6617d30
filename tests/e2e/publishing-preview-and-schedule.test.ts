import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locale } from '@/i18n/routing';
import { tagPath } from './helpers';
import {
  articleAnswer,
  articleInput,
  bodyOf,
  headingOf,
  isoFromNow,
  linksTo,
  openOwnEditorSession,
  readPage,
  textOf,
  urlOf,
  waitFor,
  withText,
  type CreatedArticle,
  type EditorSession,
} from './publishing-helpers';

const LOCALES: Locale[] = ['de', 'en'];
const HOME: Record<Locale, string> = { de: '/de', en: '/en' };
const BANNER: Record<Locale, string> = { de: 'Vorschau: Dieser Beitrag ist noch nicht öffentlich.', en: 'Preview: this article is not public yet.' };
const UPDATED = /Aktualisiert am|Updated \d/;

let editor: EditorSession;

beforeAll(async () => {
  editor = await openOwnEditorSession('preview');
});

afterAll(() => editor.close());

function previewOf(created: CreatedArticle): string {
  if (created.previewUrl === undefined) throw new Error(`article ${created.id} was answered without a previewUrl`);
  return created.previewUrl;
}

function titleOf(input: ReturnType<typeof articleInput>, locale: Locale): string {
  return input.translations[locale]?.title ?? '';
}

/** The signed link to the other language's preview, as the preview page's language switch offers it. */
function otherLanguagePreview(html: string, locale: Locale): string | null {
  const match = new RegExp(`href="(/${locale}/preview/[^"]+)"`).exec(html);
  return match?.[1]?.replaceAll('&amp;', '&') ?? null;
}

/** Shows that readers cannot see the article anywhere: its URLs, the home pages, its tags' pages. */
async function expectHiddenFromReaders(created: CreatedArticle, tagSlugs: Record<Locale, string>) {
  for (const locale of LOCALES) {
    const path = urlOf(created, locale);
    expect((await readPage(path)).status, path).toBe(404);
    for (const listing of [HOME[locale], tagPath(locale, tagSlugs[locale])]) {
      const page = await readPage(listing);
      expect(page.status, listing).toBe(200);
      expect(linksTo(page.html, path), `${listing} lists ${path}`).toBe(false);
    }
  }
}

async function expectShownToReaders(created: CreatedArticle, input: ReturnType<typeof articleInput>, tagSlugs: Record<Locale, string>) {
  for (const locale of LOCALES) {
    const path = urlOf(created, locale);
    const page = await readPage(path);
    expect(page.status, path).toBe(200);
    expect(headingOf(page.html)).toBe(titleOf(input, locale));
    expect(textOf(page.html)).not.toMatch(UPDATED);
    expect(page.html).not.toContain('role="status"');
    for (const listing of [HOME[locale], tagPath(locale, tagSlugs[locale])]) {
      expect(linksTo((await readPage(listing)).html, path), `${listing} lists ${path}`).toBe(true);
    }
  }
}

describe('a draft', () => {
  it('is hidden from readers and shown by its signed preview, marked, noindex and never cached', async () => {
    const tag = await editor.createTag('draft');
    const tagSlugs = { de: tag.input.de.slug, en: tag.input.en.slug };
    const input = articleInput({ status: 'draft', tags: [tag.key] });
    const created = await editor.createArticle(input);
    const previewUrl = previewOf(created);
    expect(previewUrl).toMatch(new RegExp(`^/de/vorschau/${created.id}\\?expires=\\d+&signature=[\\w-]+$`));
    expect(Object.keys(created.urls).sort()).toEqual(['de', 'en']);
    expect(bodyOf(await editor.api('GET', `/api/articles/${created.id}`), articleAnswer).previewUrl).toMatch(/^\/de\/vorschau\//);

    await expectHiddenFromReaders(created, tagSlugs);

    const first = await readPage(previewUrl);
    expect(first.status).toBe(200);
    expect(headingOf(first.html)).toBe(titleOf(input, 'de'));
    expect(first.html).toContain(input.translations.de?.lead);
    expect(first.html).toMatch(new RegExp(`<p role="status"[^>]*>${BANNER.de}</p>`));
    expect(first.html).toMatch(/<meta name="robots" content="[^"]*noindex/);
    expect(first.headers.get('cache-control')).toMatch(/no-store|private/);
    const second = await readPage(previewUrl);
    expect(second.status).toBe(200);
    expect(second.headers.get('x-nextjs-cache') ?? '').not.toMatch(/HIT/);

    const english = otherLanguagePreview(first.html, 'en');
    expect(english).not.toBeNull();
    const englishPage = await readPage(english ?? '', 'follow');
    expect(englishPage.status).toBe(200);
    expect(headingOf(englishPage.html)).toBe(titleOf(input, 'en'));
    expect(englishPage.html).toContain(BANNER.en);
    expect(englishPage.html).toMatch(/<html[^>]*\blang="en"/);

    // Having been previewed does not let the draft into the public cache.
    await expectHiddenFromReaders(created, tagSlugs);
  });

  it('has no preview any more once it is withdrawn', async () => {
    const created = await editor.createArticle(articleInput({ status: 'draft' }));
    expect((await readPage(previewOf(created))).status).toBe(200);
    expect((await editor.api('DELETE', `/api/articles/${created.id}`)).status).toBe(200);
    expect((await readPage(previewOf(created))).status).toBe(404);
  });

  it('shows each change in its preview at once', async () => {
    const input = articleInput({ status: 'draft' });
    const created = await editor.createArticle(input);
    await readPage(previewOf(created));
    const changed = withText(input, 'de', { title: `${titleOf(input, 'de')} (zweite Fassung)` });
    expect((await editor.api('PUT', `/api/articles/${created.id}`, changed)).status).toBe(200);
    expect(headingOf((await readPage(previewOf(created))).html)).toBe(titleOf(changed, 'de'));
  });

  it('answers a preview link with a missing, altered or borrowed signature with 404', async () => {
    const draftInput = articleInput({ status: 'draft' });
    const draft = await editor.createArticle(draftInput);
    const other = await editor.createArticle(articleInput({ status: 'draft' }));
    const url = new URL(previewOf(draft), 'http://portal');
    const expires = url.searchParams.get('expires') ?? '';
    const signature = url.searchParams.get('signature') ?? '';
    const otherSignature = new URL(previewOf(other), 'http://portal').searchParams.get('signature') ?? '';
    const flipped = `${signature.slice(0, -1)}${signature.endsWith('A') ? 'B' : 'A'}`;
    const path = url.pathname;
    const refused = [
      path,
      `${path}?expires=${expires}`,
      `${path}?signature=${signature}`,
      `${path}?expires=${expires}&signature=${flipped}`,
      `${path}?expires=${expires}&signature=`,
      `${path}?expires=${Number(expires) + 1}&signature=${signature}`,
      `${path}?expires=${expires}&signature=${otherSignature}`,
      `${new URL(previewOf(other), 'http://portal').pathname}?expires=${expires}&signature=${signature}`,
    ];
    expect((await readPage(previewOf(draft))).status).toBe(200);
    for (const refusedUrl of refused) {
      const page = await readPage(refusedUrl);
      expect(page.status, refusedUrl).toBe(404);
      expect(page.html).not.toContain(titleOf(draftInput, 'de'));
    }
  });

  it('appears for readers within two seconds once it is published, without an “updated” note', async () => {
    const tag = await editor.createTag('drafted');
    const tagSlugs = { de: tag.input.de.slug, en: tag.input.en.slug };
    const input = articleInput({ status: 'draft', tags: [tag.key] });
    const created = await editor.createArticle(input);
    await expectHiddenFromReaders(created, tagSlugs);
    await expectHiddenFromReaders(created, tagSlugs);

    const answer = await editor.api('PUT', `/api/articles/${created.id}`, { ...input, status: 'published' });
    expect(answer.status).toBe(200);
    expect(bodyOf(answer, articleAnswer.pick({ previewUrl: true })).previewUrl).toBeUndefined();
    await waitFor(() => expectShownToReaders(created, input, tagSlugs));
  });
});

describe('a published article set back to draft', () => {
  it('disappears from its pages and the listings within two seconds', async () => {
    const tag = await editor.createTag('unpublished');
    const tagSlugs = { de: tag.input.de.slug, en: tag.input.en.slug };
    const input = articleInput({ tags: [tag.key] });
    const created = await editor.createArticle(input);
    await waitFor(() => expectShownToReaders(created, input, tagSlugs));

    const answer = await editor.api('PUT', `/api/articles/${created.id}`, { ...input, status: 'draft' });
    expect(answer.status).toBe(200);
    expect(bodyOf(answer, articleAnswer.pick({ previewUrl: true })).previewUrl).toMatch(/^\/de\/vorschau\//);
    await waitFor(() => expectHiddenFromReaders(created, tagSlugs));
  });
});

describe('a scheduled article', () => {
  it('stays hidden until its time and then appears by itself within a minute', async () => {
    const tag = await editor.createTag('scheduled');
    const tagSlugs = { de: tag.input.de.slug, en: tag.input.en.slug };
    const publishedAt = isoFromNow(8_000);
    const input = articleInput({ publishedAt, tags: [tag.key] });
    const created = await editor.createArticle(input);
    expect(previewOf(created)).toMatch(/^\/de\/vorschau\//);
    await expectHiddenFromReaders(created, tagSlugs);
    expect((await readPage(previewOf(created))).status).toBe(200);

    let firstSeen = 0;
    await waitFor(
      async () => {
        const page = await readPage(urlOf(created, 'de'));
        expect(page.status).toBe(200);
        firstSeen = Date.now();
      },
      60_000,
      250,
    );
    expect(firstSeen).toBeGreaterThanOrEqual(Date.parse(publishedAt));
    await waitFor(() => expectShownToReaders(created, input, tagSlugs));
  }, 90_000);
});
