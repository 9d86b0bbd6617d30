import { randomBytes } from 'node:crypto';
import { routing, type Locale } from '@/i18n/routing';
import type { CatalogArticle } from '../lib/catalog';
import { getPage, sleep } from '../lib/http';
import { readArticle, replaceArticle } from '../lib/portal-api';
import { percentile } from '../lib/stats';

/*
 * Publish-to-visible: an editor changes an article's title through the API;
 * from the moment the API answers, the reader's page is asked for again and
 * again until it shows the new title (on another instance than the one
 * written to, when `readerOrigin` is given).
 */

const POLL_INTERVAL_MS = 5;
const GIVE_UP_AFTER_MS = 15_000;

export type FreshnessResult = {
  updates: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  /** Updates whose page did not show the change within the time limit. */
  neverVisible: number;
  apiWriteP50Ms: number;
  samplesMs: number[];
};

export async function measureFreshness(options: {
  /** Where the editor writes, and where the reader asks unless `readerOrigin` is given. */
  origin: string;
  /** Another instance the reader asks instead, for publish-to-visible across instances. */
  readerOrigin?: string;
  editorToken: string;
  articles: readonly CatalogArticle[];
  updates: number;
  log: (line: string) => void;
}): Promise<FreshnessResult> {
  const visibleAfter: number[] = [];
  const writes: number[] = [];
  let neverVisible = 0;
  const readerOrigin = options.readerOrigin ?? options.origin;
  for (let index = 0; index < options.updates; index += 1) {
    const article = options.articles[index % options.articles.length];
    if (!article) throw new Error('the freshness scenario needs articles');
    const wanted = routing.locales[index % routing.locales.length] ?? routing.defaultLocale;
    // The other language when the article has no text in the wanted one.
    const watched: Locale = article.paths[wanted] ? wanted : (routing.locales.find((locale) => article.paths[locale]) ?? wanted);
    const path = article.paths[watched];
    if (!path) throw new Error(`article ${article.id} has no page`);

    // The reader's page is in the cache before the change, as it would be on a live site.
    await getPage(`${readerOrigin}${path}`);
    const submitted = await readArticle(options.origin, options.editorToken, article.id);
    const translation = submitted.translations[watched];
    if (!translation) throw new Error(`article ${article.id} has no ${watched} text`);
    const marker = `Stand ${randomBytes(4).toString('hex')}`;
    translation.title = `${translation.title.replace(/ Stand [0-9a-f]{8}$/, '')} ${marker}`;

    const writeStarted = performance.now();
    await replaceArticle(options.origin, options.editorToken, article.id, submitted);
    const written = performance.now();
    writes.push(written - writeStarted);

    let seenAt: number | null = null;
    while (performance.now() - written < GIVE_UP_AFTER_MS) {
      const page = await getPage(`${readerOrigin}${path}`);
      if (page.status === 200 && page.text.includes(marker)) {
        seenAt = performance.now();
        break;
      }
      await sleep(POLL_INTERVAL_MS);
    }
    if (seenAt === null) neverVisible += 1;
    visibleAfter.push((seenAt ?? performance.now()) - written);
  }
  const result = {
    updates: options.updates,
    p50Ms: percentile(visibleAfter, 0.5),
    p99Ms: percentile(visibleAfter, 0.99),
    maxMs: Math.max(...visibleAfter),
    neverVisible,
    apiWriteP50Ms: percentile(writes, 0.5),
    samplesMs: visibleAfter.map((ms) => Math.round(ms * 10) / 10),
  };
  options.log(`freshness: p50 ${result.p50Ms.toFixed(0)} ms, p99 ${result.p99Ms.toFixed(0)} ms over ${options.updates} updates`);
  return result;
}
