import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { median } from '../lib/stats';

/*
 * Lighthouse 12.2 (the last line that runs on Node 20) with its default
 * mobile settings (Moto G Power emulation, simulated slow 4G, 4× CPU
 * slowdown) against Debian's Chromium, several runs per page; the median of
 * every category and metric is reported, with the audits that cost points.
 */

const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'] as const;
type Category = (typeof CATEGORIES)[number];

const METRICS = {
  firstContentfulPaintMs: 'first-contentful-paint',
  largestContentfulPaintMs: 'largest-contentful-paint',
  totalBlockingTimeMs: 'total-blocking-time',
  cumulativeLayoutShift: 'cumulative-layout-shift',
  speedIndexMs: 'speed-index',
  totalByteWeight: 'total-byte-weight',
} as const;
type Metric = keyof typeof METRICS;

export type LighthousePage = {
  url: string;
  scores: Record<Category, number>;
  metrics: Record<Metric, number>;
  runs: { scores: Record<Category, number> }[];
  /** Audits that lost points in any run, with the category they count towards. */
  missedAudits: { category: Category; id: string; title: string; score: number | null; displayValue?: string; items: string[] }[];
};

const CHROME_FLAGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** The first few items an audit names (console messages, elements, URLs), shortened, to say what cost the points. */
function auditItems(details: unknown): string[] {
  if (typeof details !== 'object' || details === null || !('items' in details) || !Array.isArray(details.items)) return [];
  return details.items.slice(0, 5).map((item: unknown) => {
    const text = JSON.stringify(item) ?? '';
    return text.length > 400 ? `${text.slice(0, 400)}…` : text;
  });
}

/** Tries that Lighthouse gets per run: now and then it fails to record a trace (NO_NAVSTART) and simply needs another go. */
const ATTEMPTS = 3;

async function auditWithRetries(url: string, port: number, log: (line: string) => void) {
  let lastError = '';
  for (let attempt = 1; attempt <= ATTEMPTS; attempt += 1) {
    const result = await lighthouse(url, { port, output: 'json', logLevel: 'error', onlyCategories: [...CATEGORIES] });
    const problem = !result ? 'no result' : result.lhr.runtimeError?.message;
    if (result && !problem) return result.lhr;
    lastError = problem ?? 'no result';
    log(`lighthouse attempt ${attempt}/${ATTEMPTS} on ${url} failed: ${lastError}`);
  }
  throw new Error(`Lighthouse failed ${ATTEMPTS} times on ${url}: ${lastError}`);
}

export async function runLighthouse(options: { chromiumPath: string; urls: readonly string[]; runs: number; log: (line: string) => void }): Promise<LighthousePage[]> {
  const chrome = await chromeLauncher.launch({ chromePath: options.chromiumPath, chromeFlags: CHROME_FLAGS, logLevel: 'silent' });
  try {
    const pages: LighthousePage[] = [];
    for (const url of options.urls) {
      const runs: { scores: Record<Category, number>; metrics: Record<Metric, number> }[] = [];
      const missed = new Map<string, LighthousePage['missedAudits'][number]>();
      for (let round = 1; round <= options.runs; round += 1) {
        const lhr = await auditWithRetries(url, chrome.port, options.log);
        const scores = Object.fromEntries(CATEGORIES.map((id) => [id, Math.round((lhr.categories[id]?.score ?? 0) * 100)])) as Record<Category, number>;
        const metrics = Object.fromEntries(
          Object.entries(METRICS).map(([name, auditId]) => [name, lhr.audits[auditId]?.numericValue ?? Number.NaN]),
        ) as Record<Metric, number>;
        runs.push({ scores, metrics });
        for (const category of CATEGORIES) {
          for (const ref of lhr.categories[category]?.auditRefs ?? []) {
            const audit = lhr.audits[ref.id];
            if (!audit || ref.weight === 0 || audit.score === null || audit.score >= 0.9) continue;
            missed.set(`${category}:${ref.id}`, {
              category,
              id: ref.id,
              title: audit.title,
              score: audit.score,
              ...(audit.displayValue ? { displayValue: audit.displayValue } : {}),
              items: auditItems(audit.details),
            });
          }
        }
        options.log(`lighthouse ${round}/${options.runs} ${url}: ${CATEGORIES.map((id) => `${id} ${scores[id]}`).join(', ')}`);
      }
      pages.push({
        url,
        scores: Object.fromEntries(CATEGORIES.map((id) => [id, median(runs.map((run) => run.scores[id]))])) as Record<Category, number>,
        metrics: Object.fromEntries(
          (Object.keys(METRICS) as Metric[]).map((name) => [name, median(runs.map((run) => run.metrics[name]))]),
        ) as Record<Metric, number>,
        runs: runs.map((run) => ({ scores: run.scores })),
        missedAudits: [...missed.values()],
      });
    }
    return pages;
  } finally {
    chrome.kill();
  }
}
