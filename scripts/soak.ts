import { existsSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import pg from 'pg';
import { getPathname, type InternalPathname } from '@/i18n/navigation';
import { routing, type Locale } from '@/i18n/routing';
import { createEditorToken } from '@/lib/auth/editor-tokens';
import { createPrismaClient } from '@/lib/prisma-client';
import { megabytes, percentile, residentBytes, runPool, seededRandom, sendRequest, targetOf, type Random, type Target } from './lib/load-tools';
import { startOwnPortal, type OwnPortal } from './lib/own-portal';
import { buildPortal, PROJECT_ROOT } from './lib/portal-instance';

/*
 * `npm run soak` (not part of `npm test`): a production build of its own,
 * its own embedded PostgreSQL with the demo content and its own portal
 * server on localhost, then SOAK_SECONDS (default 300) of load on
 * SOAK_CONNECTIONS (default 50) connections: 80 % cached pages, 15 %
 * searches, 5 % editors replacing articles through the API. It reports
 * requests, errors, latency and the server's memory, checks that every
 * acknowledged write is what readers and the database now have, and exits
 * non-zero when a criterion fails.
 */

// A name that .gitignore, ESLint and tsconfig already leave out (`.next-test*`).
const DIST_DIR = '.next-test-soak';
const SECONDS = Number(process.env.SOAK_SECONDS ?? 300);
const CONNECTIONS = Number(process.env.SOAK_CONNECTIONS ?? 50);
const WARM_UP_SECONDS = Math.min(30, Math.max(5, Math.round(SECONDS / 10)));
const MAX_RSS_GROWTH = 0.1;
const REQUEST_TIMEOUT_MS = 15_000;

const log = (line: string) => console.log(`[soak] ${line}`);

async function buildIfNeeded(): Promise<void> {
  if (existsSync(path.join(PROJECT_ROOT, DIST_DIR, 'BUILD_ID')) && process.env.SOAK_REBUILD !== '1') {
    log(`Using the build in ${DIST_DIR} (SOAK_REBUILD=1 makes a new one).`);
    return;
  }
  log(`Building into ${DIST_DIR} (a few minutes)…`);
  await buildPortal({ distDir: DIST_DIR });
}

type Kind = 'page' | 'search' | 'write';
type Sample = { kind: Kind; status: number; ms: number; error: string | null };

type Titles = Partial<Record<Locale, string>>;
type ArticleTemplate = { id: number; input: Record<string, unknown>; titles: Titles };

/** What the load needs to know about the demo content: reader URLs, search words, articles to rewrite. */
async function loadCatalog(portal: OwnPortal, token: string) {
  const prisma = createPrismaClient(portal.databaseUrl, 2);
  try {
    const translations = await prisma.articleTranslation.findMany({ select: { articleId: true, locale: true, slug: true, title: true } });
    const tags = await prisma.tagTranslation.findMany({ select: { locale: true, slug: true } });
    const articlePath = (t: { locale: Locale; slug: string }) => getPathname(t.locale, '/article/[slug]', { slug: t.slug });
    const listings: InternalPathname[] = ['/', '/speeches', '/info/imprint', '/info/privacy', '/info/accessibility', '/feed.xml'];
    const candidates = [
      ...routing.locales.flatMap((locale) => [
        ...listings.map((pathname) => getPathname(locale, pathname)),
        getPathname(locale, '/page/[page]', { page: '2' }),
      ]),
      '/sitemap.xml',
      ...translations.map(articlePath),
      ...tags.map((t) => getPathname(t.locale, '/tag/[slug]', { slug: t.slug })),
    ];
    // Only what readers can open (drafts and scheduled articles answer 404); this also warms the cache.
    const pages: string[] = [];
    await runPool(candidates, 8, async (page) => {
      const response = await fetch(new URL(page, portal.baseUrl), { redirect: 'manual' });
      await response.arrayBuffer();
      if (response.status === 200) pages.push(page);
    });
    const visible = new Set(
      translations.map((t) => t.articleId).filter((id) => translations.filter((t) => t.articleId === id).every((t) => pages.includes(articlePath(t)))),
    );
    const words = [...new Set(translations.flatMap((t) => t.title.split(/[^\p{L}]+/u).filter((word) => word.length >= 5)))];
    const searches = words.flatMap((word) => routing.locales.map((locale) => `${getPathname(locale, '/search')}?q=${encodeURIComponent(word)}`));

    const articles: ArticleTemplate[] = [];
    for (const id of visible) {
      const response = await fetch(new URL(`/api/articles/${id}`, portal.baseUrl), { headers: { authorization: `Bearer ${token}` } });
      if (!response.ok) throw new Error(`GET /api/articles/${id} answered ${response.status}`);
      const { type, status, publishedAt, tags: tagKeys, image, translations: texts } = (await response.json()) as Record<string, unknown>;
      const input = { type, status, publishedAt, tags: tagKeys, image, translations: texts };
      const byLocale = texts as Partial<Record<Locale, { title: string }>>;
      const titles = Object.fromEntries(routing.locales.map((locale) => [locale, byLocale[locale]?.title]));
      articles.push({ id, input, titles });
    }
    return { pages, searches, articles };
  } finally {
    await prisma.$disconnect();
  }
}

type Catalog = Awaited<ReturnType<typeof loadCatalog>>;

/** The title a write gives an article's text in one language. */
function soakTitle(original: string, write: number): string {
  return `${original.replace(/ · soak \d+$/, '')} · soak ${write}`;
}

function withTitles(template: ArticleTemplate, write: number): { body: Record<string, unknown>; titles: Titles } {
  const texts = { ...(template.input.translations as Record<string, Record<string, unknown>>) };
  const titles: Titles = {};
  for (const locale of routing.locales) {
    const text = texts[locale];
    const original = template.titles[locale];
    if (!text || original === undefined) continue;
    titles[locale] = soakTitle(original, write);
    texts[locale] = { ...text, title: titles[locale] };
  }
  return { body: { ...template.input, translations: texts }, titles };
}

/** The load: a fixed mix over a keep-alive pool, one write per article at a time so the last one is known. */
function createLoad(target: Target, catalog: Catalog, token: string, random: Random) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONNECTIONS });
  const inFlight = new Set<number>();
  /**
   * What each written article must show now: the titles of its last write
   * answered 200 (a refused write, 4xx or 503, changed nothing), or
   * 'unknown' when the last write got no answer at all.
   */
  const expected = new Map<number, Titles | 'unknown'>();
  /** Every write to each article, oldest first, for the report of a mismatch. */
  const history = new Map<number, string[]>();
  const loadStarted = Date.now();
  let writes = 0;
  const remember = (id: number, line: string) => history.set(id, [...(history.get(id) ?? []), `+${((Date.now() - loadStarted) / 1_000).toFixed(1)} s ${line}`]);

  const one = async (samples: Sample[]): Promise<void> => {
    const roll = random.next();
    let kind: Kind = roll < 0.8 ? 'page' : roll < 0.95 ? 'search' : 'write';
    const free = catalog.articles.filter((article) => !inFlight.has(article.id));
    if (kind === 'write' && free.length === 0) kind = 'page';
    const started = performance.now();
    try {
      if (kind === 'write') {
        const article = random.pick(free);
        inFlight.add(article.id);
        writes += 1;
        const { body, titles } = withTitles(article, writes);
        try {
          const answer = await sendRequest(
            target,
            {
              method: 'PUT',
              path: `/api/articles/${article.id}`,
              headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
              body: Buffer.from(JSON.stringify(body)),
              timeoutMs: REQUEST_TIMEOUT_MS,
            },
            agent,
          );
          if (answer.status === 200) expected.set(article.id, titles);
          else if (!expected.has(article.id)) expected.set(article.id, article.titles);
          const requestId = String(answer.headers['x-request-id'] ?? '');
          remember(article.id, `write ${writes} answered ${answer.status} after ${answer.ms.toFixed(0)} ms (X-Request-Id ${requestId}): ${JSON.stringify(titles.de ?? titles.en)}`);
          samples.push({ kind, status: answer.status, ms: answer.ms, error: answer.status === 200 ? null : answer.body.toString('utf8').slice(0, 200) });
        } catch (error) {
          expected.set(article.id, 'unknown');
          remember(article.id, `write ${writes} got no answer: ${error instanceof Error ? error.message : String(error)}`);
          throw error;
        } finally {
          inFlight.delete(article.id);
        }
        return;
      }
      const pagePath = kind === 'page' ? random.pick(catalog.pages) : random.pick(catalog.searches);
      const answer = await sendRequest(target, { method: 'GET', path: pagePath, timeoutMs: REQUEST_TIMEOUT_MS, keepBytes: 0 }, agent);
      samples.push({ kind, status: answer.status, ms: answer.ms, error: answer.status === 200 ? null : `${answer.status} for ${pagePath}` });
    } catch (error) {
      samples.push({ kind, status: 0, ms: performance.now() - started, error: error instanceof Error ? error.message : String(error) });
    }
  };

  /** Runs the mix on every connection until `seconds` have passed; resolves with what each request did. */
  const run = async (seconds: number): Promise<Sample[]> => {
    const samples: Sample[] = [];
    const deadline = Date.now() + seconds * 1_000;
    const forever = { *[Symbol.iterator]() { for (;;) yield null; } };
    await runPool(forever, CONNECTIONS, () => one(samples), deadline);
    return samples;
  };

  return { run, expected, history, close: () => agent.destroy() };
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#x27': "'", '#39': "'" };

/** The text of a page's first <h1>, entities decoded. */
function headingOf(html: string): string | null {
  const inner = /<h1\b[^>]*>([\s\S]*?)<\/h1>/i.exec(html)?.[1];
  if (inner === undefined) return null;
  return inner
    .replace(/<[^>]+>/g, '')
    .replace(/&(#x27|#39|amp|lt|gt|quot);/g, (entity, name: string) => ENTITIES[name] ?? entity)
    .trim();
}

type Row = { label: string; requests: number; errors: number; p50: number; p99: number; max: number };

function row(label: string, samples: Sample[]): Row {
  const ms = samples.map((sample) => sample.ms);
  return {
    label,
    requests: samples.length,
    errors: samples.filter((sample) => sample.error !== null).length,
    p50: percentile(ms, 0.5),
    p99: percentile(ms, 0.99),
    max: ms.length === 0 ? NaN : Math.max(...ms),
  };
}

function table(rows: Row[]): string {
  const header = ['', 'requests', 'errors', 'p50 ms', 'p99 ms', 'max ms'];
  const lines = rows.map((r) => [r.label, String(r.requests), String(r.errors), r.p50.toFixed(1), r.p99.toFixed(1), r.max.toFixed(1)]);
  const widths = header.map((title, column) => Math.max(title.length, ...lines.map((line) => (line[column] ?? '').length)));
  const format = (cells: string[]) => cells.map((cell, column) => (column === 0 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0))).join('  ');
  return [format(header), ...lines.map(format)].join('\n');
}

/** A page being re-rendered may be served stale once or twice; a stuck one stays stale. */
async function headingReaderSees(baseUrl: string, pagePath: string, title: string | undefined) {
  let seen: { heading: string | null; cache: string | null } = { heading: null, cache: null };
  for (let attempt = 0; attempt < 10; attempt++) {
    const response = await fetch(new URL(pagePath, baseUrl));
    seen = { heading: headingOf(await response.text()), cache: response.headers.get('x-nextjs-cache') };
    if (seen.heading === title) break;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  return seen;
}

/**
 * Every acknowledged write is what the database and the readers' pages now
 * show. For each mismatch the evidence follows: what the load sent and got,
 * and the revisions the database recorded.
 */
async function verifyWrites(portal: OwnPortal, expected: Map<number, Titles | 'unknown'>, history: Map<number, string[]>) {
  const problems: string[] = [];
  const evidence: string[] = [];
  const prisma = createPrismaClient(portal.databaseUrl, 2);
  try {
    for (const [id, last] of expected) {
      const found: string[] = [];
      if (last === 'unknown') {
        found.push(`article ${id}: its last write got no answer, so what it should show is unknown`);
      } else {
        const stored = await prisma.articleTranslation.findMany({ where: { articleId: id }, select: { locale: true, slug: true, title: true } });
        for (const { locale, slug, title } of stored) {
          const sent = last[locale];
          if (title !== sent) found.push(`article ${id} (${locale}): the database has ${JSON.stringify(title)}, the last acknowledged write sent ${JSON.stringify(sent)}`);
          const pagePath = getPathname(locale, '/article/[slug]', { slug });
          const seen = await headingReaderSees(portal.baseUrl, pagePath, sent);
          if (seen.heading !== sent) {
            found.push(`article ${id} (${locale}): readers still see ${JSON.stringify(seen.heading)} at ${pagePath} (x-nextjs-cache: ${seen.cache}) 5 s after the load; the last acknowledged write sent ${JSON.stringify(sent)}`);
          }
        }
      }
      if (found.length === 0) continue;
      problems.push(...found);
      // The last few are what matters: the writes around the one readers do not see.
      evidence.push(`article ${id} (its last writes and revisions):`, ...(history.get(id) ?? []).slice(-5).map((line) => `    ${line}`));
      const revisions = await prisma.articleRevision.findMany({ where: { articleId: id }, orderBy: { id: 'desc' }, take: 3, select: { action: true, createdAt: true, snapshot: true } });
      for (const revision of revisions.reverse()) {
        const texts = (revision.snapshot as { translations?: Record<string, { title?: string }> }).translations ?? {};
        evidence.push(`    revision "${revision.action}" of ${revision.createdAt.toISOString()}: ${JSON.stringify(texts.de?.title ?? texts.en?.title)}`);
      }
    }
  } finally {
    await prisma.$disconnect();
  }
  return { articles: expected.size, problems, evidence };
}

/**
 * Samples the database each second for connections idle inside a
 * transaction. A write's transaction is briefly idle between its statements
 * and lasts at most Prisma's 5 s timeout; one open much longer was left
 * behind, holds its locks and shows its uncommitted rows to whoever reuses
 * the connection.
 */
async function watchOpenTransactions(databaseUrl: string) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const seen = { samples: 0, samplesWithAny: 0, most: 0, longestSeconds: 0 };
  let pending = Promise.resolve();
  const sample = async () => {
    const { rows } = await client.query<{ open: string; longest: number | null }>(
      `SELECT count(*) AS open, max(extract(epoch FROM now() - xact_start))::float AS longest
       FROM pg_stat_activity WHERE datname = current_database() AND state = 'idle in transaction' AND pid <> pg_backend_pid()`,
    );
    const open = Number(rows[0]?.open ?? 0);
    seen.samples += 1;
    if (open > 0) seen.samplesWithAny += 1;
    seen.most = Math.max(seen.most, open);
    seen.longestSeconds = Math.max(seen.longestSeconds, rows[0]?.longest ?? 0);
  };
  const timer = setInterval(() => (pending = pending.then(sample).catch(() => undefined)), 1_000);
  return {
    stop: async () => {
      clearInterval(timer);
      await pending;
      await client.end();
      return seen;
    },
  };
}

async function main(): Promise<number> {
  if (!Number.isFinite(SECONDS) || SECONDS <= 0) throw new Error('SOAK_SECONDS must be a positive number');
  await buildIfNeeded();
  log('Starting PostgreSQL with the demo content and the portal server…');
  const portal = await startOwnPortal({
    distDir: DIST_DIR,
    revalidateSecret: 'soak-revalidate-secret',
    previewSecret: 'soak-preview-secret',
    // The soak measures the portal under editors' writes, not the API's rate limit.
    env: { API_RATE_LIMIT_PER_MINUTE: '1000000' },
  });
  try {
    const prisma = createPrismaClient(portal.databaseUrl, 2);
    const token = await createEditorToken(prisma, 'soak');
    await prisma.$disconnect();
    const catalog = await loadCatalog(portal, token);
    log(`${portal.baseUrl}: ${catalog.pages.length} page URLs, ${catalog.searches.length} searches, ${catalog.articles.length} articles to rewrite.`);

    const target = targetOf(portal.baseUrl);
    const load = createLoad(target, catalog, token, seededRandom(Number(process.env.SOAK_SEED ?? 5_000)));
    log(`Warming up for ${WARM_UP_SECONDS} s at ${CONNECTIONS} connections…`);
    const warmUp = await load.run(WARM_UP_SECONDS);
    const rssAfterWarmUp = residentBytes(portal.serverPid);
    log(`Warm-up: ${warmUp.length} requests; server RSS ${megabytes(rssAfterWarmUp)}. Load for ${SECONDS} s…`);

    let rssPeak = rssAfterWarmUp;
    let serverGone = false;
    const sampler = setInterval(() => {
      try {
        rssPeak = Math.max(rssPeak, residentBytes(portal.serverPid));
      } catch {
        // The server process ended; said below with its last words.
        serverGone = true;
      }
    }, 1_000);
    const transactions = await watchOpenTransactions(portal.databaseUrl);
    const started = Date.now();
    const samples = await load.run(SECONDS);
    const elapsed = (Date.now() - started) / 1_000;
    clearInterval(sampler);
    const openTransactions = await transactions.stop();
    // Also when it ended between the last sample and the end of the load.
    if (serverGone || !existsSync(`/proc/${portal.serverPid}`)) {
      console.log(`\nThe portal server ended during the load. Its last output:\n${portal.serverLog().split('\n').slice(-40).join('\n')}`);
      return 1;
    }
    const rssAtEnd = residentBytes(portal.serverPid);
    load.close();

    const verified = await verifyWrites(portal, load.expected, load.history);
    const rows = [
      row('cached pages', samples.filter((s) => s.kind === 'page')),
      row('search', samples.filter((s) => s.kind === 'search')),
      row('API writes', samples.filter((s) => s.kind === 'write')),
      row('all', samples),
    ];
    const all = rows.at(-1) ?? row('all', samples);
    const growth = (rssAtEnd - rssAfterWarmUp) / rssAfterWarmUp;
    const errorExamples = [...new Set(samples.filter((s) => s.error !== null).map((s) => `${s.kind}: ${s.error}`))].slice(0, 10);

    console.log('');
    console.log(`Soak: ${elapsed.toFixed(0)} s at ${CONNECTIONS} connections, ${(all.requests / elapsed).toFixed(0)} requests/s`);
    console.log(table(rows));
    console.log('');
    console.log(`server RSS after warm-up ${megabytes(rssAfterWarmUp)}, at the end ${megabytes(rssAtEnd)} (${(growth * 100).toFixed(1)} %), peak ${megabytes(rssPeak)}`);
    console.log(
      `connections idle in a transaction (sampled each second): at most ${openTransactions.most} at once, ` +
        `seen in ${openTransactions.samplesWithAny} of ${openTransactions.samples} samples, longest open ${openTransactions.longestSeconds.toFixed(1)} s`,
    );
    console.log(`writes: ${verified.articles} of ${catalog.articles.length} articles written; ${verified.problems.length} problems`);
    for (const example of errorExamples) console.log(`  error: ${example}`);
    for (const problem of verified.problems.slice(0, 20)) console.log(`  ${problem}`);
    if (verified.evidence.length > 0) console.log(`\nWrites to the articles above, as the load saw them, and the revisions in the database:\n${verified.evidence.slice(0, 120).join('\n')}`);

    const criteria: [string, boolean][] = [
      ['no errors (non-2xx answers or failed requests)', all.errors === 0],
      [`server RSS grows less than ${MAX_RSS_GROWTH * 100} % after warm-up`, growth < MAX_RSS_GROWTH],
      ['every written article shows its last title (database and page)', verified.problems.length === 0 && verified.articles > 0],
    ];
    console.log('');
    for (const [criterion, ok] of criteria) console.log(`${ok ? 'PASS' : 'FAIL'}  ${criterion}`);
    const passed = criteria.every(([, ok]) => ok);
    if (!passed) {
      const serverLines = portal.serverLog().split('\n').filter((line) => /error|answered 5\d\d/i.test(line));
      if (serverLines.length > 0) console.log(`\nThe server's error lines (last 30 of ${serverLines.length}):\n${serverLines.slice(-30).join('\n')}`);
    }
    return passed ? 0 : 1;
  } finally {
    await portal.close();
  }
}

main()
  .then((code) => process.exit(code))
  .catch((error: unknown) => {
    console.error(`[soak] ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exit(1);
  });

