import type { BenchResults } from './results';
import type { FrontCacheResult } from '../scenarios/front-cache';
import { HEARD_WITHIN_MS, type InstancesResult } from '../scenarios/instances';
import type { TargetResult } from '../scenarios/cached';
import type { LighthousePage } from '../scenarios/lighthouse';
import type { PageWeight } from '../scenarios/weight';
import { ratio } from './stats';

/*
 * The results as a Markdown table with the issue's targets beside them, every
 * throughput also as a ratio to the two baselines measured in the same run,
 * and the evidence behind every missed target.
 */

export const TARGETS = {
  cachedArticlesFloorRatio: 0.8,
  cachedArticlesP99Ms: 40,
  coldRendersPerSecond: 100,
  searchRequestsPerSecond: 200,
  searchP99Ms: 100,
  publishToVisibleP99Ms: 1_000,
  articleJavaScriptKb: 110,
  articleWithoutLeadImageKb: 150,
  lighthousePerformance: 98,
  lighthouseOther: 100,
  peakRssMb: 300,
  queriesPerRender: 3,
  frontCacheStaticRatio: 0.5,
  frontCachePublishToVisibleP99Ms: 3_000,
  instancesThroughputRatio: 1.6,
  instancesPublishToVisibleP99Ms: 1_000,
  /** About once per page over all instances (two would be once per instance). */
  instancesRendersPerPage: 1.1,
} as const;

export type Row = { what: string; result: string; target: string; floor: string; bare: string; met: boolean | null };

const KB = 1_024;
const number = (value: number, digits = 0) =>
  Number.isFinite(value) ? value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits }) : '–';
const kb = (bytes: number) => `${number(bytes / KB, 1)} KB`;
const times = (value: number) => (Number.isFinite(value) ? `${number(value, 2)}×` : '–');
const cpuText = (ms: number) => `server CPU ${number(ms, ms < 10 ? 2 : 0)} ms/request`;
const mark = (met: boolean | null) => (met === null ? '' : met ? '✅' : '❌');

function throughputRow(what: string, target: TargetResult, results: BenchResults, goal: string, met: boolean | null): Row {
  const throughput = results.throughput;
  return {
    what: `${what} (${number(target.urls)} URLs, ${target.connections} conn.)`,
    result: `${number(target.median.requestsPerSecond)} req/s, p50 ${number(target.median.p50Ms)} ms, p99 ${number(target.median.p99Ms)} ms; ${cpuText(target.median.serverCpuMsPerRequest)}, ${kb(target.median.bytesPerRequest)}/response`,
    target: goal,
    floor: throughput ? times(ratio(target.median.requestsPerSecond, throughput.baselineNext.median.requestsPerSecond)) : '–',
    bare: throughput ? times(ratio(target.median.requestsPerSecond, throughput.bareNode.median.requestsPerSecond)) : '–',
    met,
  };
}

function ratios(value: number, results: BenchResults): Pick<Row, 'floor' | 'bare'> {
  const throughput = results.throughput;
  if (!throughput) return { floor: '–', bare: '–' };
  return {
    floor: times(ratio(value, throughput.baselineNext.median.requestsPerSecond)),
    bare: times(ratio(value, throughput.bareNode.median.requestsPerSecond)),
  };
}

/**
 * Pages rendered for each request (search, cold renders) against the floor rendered per
 * request; bare Node stays the ceiling.
 */
function renderedRatios(value: number, results: BenchResults): Pick<Row, 'floor' | 'bare'> {
  const floor = results.search?.renderedFloor;
  return {
    floor: floor ? times(ratio(value, floor.median.requestsPerSecond)) : '–',
    bare: ratios(value, results).bare,
  };
}

function weightText(weight: PageWeight): string {
  const { bytes } = weight;
  return `HTML ${kb(bytes.html)}, CSS ${kb(bytes.css)}, JS ${kb(bytes.js)}, fonts ${kb(bytes.font)}, lead image ${kb(bytes.leadImage)}, other images ${kb(bytes.otherImages)}; all but lead image ${kb(weight.withoutLeadImage)}`;
}

function lighthouseRow(what: string, page: LighthousePage): Row {
  const { scores } = page;
  const met =
    scores.performance >= TARGETS.lighthousePerformance &&
    scores.accessibility >= TARGETS.lighthouseOther &&
    scores['best-practices'] >= TARGETS.lighthouseOther &&
    scores.seo >= TARGETS.lighthouseOther;
  return {
    what,
    result: `Performance ${scores.performance}, Accessibility ${scores.accessibility}, Best Practices ${scores['best-practices']}, SEO ${scores.seo} (LCP ${number(page.metrics.largestContentfulPaintMs)} ms, TBT ${number(page.metrics.totalBlockingTimeMs)} ms)`,
    target: `Performance ≥ ${TARGETS.lighthousePerformance}; others ${TARGETS.lighthouseOther}`,
    floor: '',
    bare: '',
    met,
  };
}

/** Requests/s through the front cache against nginx answering the same bytes from files. */
const frontCacheStaticRatio = (front: FrontCacheResult) => ratio(front.frontCache.median.requestsPerSecond, front.staticFile.median.requestsPerSecond);

function frontCacheRows(results: BenchResults): Row[] {
  const front = results.frontCache;
  if (!front) return [];
  const { frontCache, staticFile, freshness } = front;
  const staticRatio = frontCacheStaticRatio(front);
  const load = (target: TargetResult) =>
    `${number(target.median.requestsPerSecond)} req/s, p50 ${number(target.median.p50Ms)} ms, p99 ${number(target.median.p99Ms)} ms; ${kb(target.median.bytesPerRequest)}/response`;
  return [
    {
      what: `Front cache: cached article pages through nginx's micro-cache (${number(frontCache.urls)} URLs, ${frontCache.connections} conn.)`,
      result: `${load(frontCache)}; ${times(staticRatio)} nginx with the same bytes from files`,
      target: `≥ ${TARGETS.frontCacheStaticRatio}× nginx static files`,
      ...ratios(frontCache.median.requestsPerSecond, results),
      met: staticRatio >= TARGETS.frontCacheStaticRatio,
    },
    {
      what: `nginx static files, same bytes (${number(staticFile.urls)} URLs, ${staticFile.connections} conn.)`,
      result: load(staticFile),
      target: 'reference',
      ...ratios(staticFile.median.requestsPerSecond, results),
      met: null,
    },
    {
      what: `Publish-to-visible through the front cache (${freshness.updates} API updates)`,
      result: `p50 ${number(freshness.p50Ms)} ms, p99 ${number(freshness.p99Ms)} ms${freshness.neverVisible ? `, ${freshness.neverVisible} never visible` : ''}`,
      target: `p99 ≤ ${number(TARGETS.frontCachePublishToVisibleP99Ms)} ms`,
      floor: '',
      bare: '',
      met: freshness.p99Ms <= TARGETS.frontCachePublishToVisibleP99Ms && freshness.neverVisible === 0,
    },
  ];
}

/** Requests/s through nginx over both instances against nginx over one of them, measured in turns. */
const instancesRatio = (instances: InstancesResult) => ratio(instances.overBoth.median.requestsPerSecond, instances.overOne.median.requestsPerSecond);

function instancesRows(results: BenchResults): Row[] {
  const instances = results.instances;
  if (!instances) return [];
  const { overBoth, overOne, direct, publishToOther, renders } = instances;
  const scaling = instancesRatio(instances);
  const load = (target: TargetResult) =>
    `${number(target.median.requestsPerSecond)} req/s, p50 ${number(target.median.p50Ms)} ms, p99 ${number(target.median.p99Ms)} ms; ${kb(target.median.bytesPerRequest)}/response`;
  return [
    {
      what: `Two instances: cached article pages through nginx over both (${number(overBoth.urls)} URLs, ${overBoth.connections} conn.)`,
      result: `${load(overBoth)}; ${times(scaling)} nginx over one instance, ${times(ratio(overBoth.median.requestsPerSecond, direct.median.requestsPerSecond))} one instance directly`,
      target: `≥ ${TARGETS.instancesThroughputRatio}× one instance`,
      ...ratios(overBoth.median.requestsPerSecond, results),
      met: scaling >= TARGETS.instancesThroughputRatio,
    },
    {
      what: `One instance through nginx, same configuration (${number(overOne.urls)} URLs, ${overOne.connections} conn.)`,
      result: load(overOne),
      target: 'reference',
      ...ratios(overOne.median.requestsPerSecond, results),
      met: null,
    },
    {
      what: `One instance directly (${number(direct.urls)} URLs, ${direct.connections} conn.)`,
      result: `${load(direct)}; ${cpuText(direct.median.serverCpuMsPerRequest)}`,
      target: 'reference',
      ...ratios(direct.median.requestsPerSecond, results),
      met: null,
    },
    {
      what: `Publish-to-visible on the other instance (${publishToOther.updates} API updates through A, B polled)`,
      result: `p50 ${number(publishToOther.p50Ms)} ms, p99 ${number(publishToOther.p99Ms)} ms${publishToOther.neverVisible ? `, ${publishToOther.neverVisible} never visible` : ''}`,
      target: `p99 ≤ ${number(TARGETS.instancesPublishToVisibleP99Ms)} ms`,
      floor: '',
      bare: '',
      met: publishToOther.p99Ms <= TARGETS.instancesPublishToVisibleP99Ms && publishToOther.neverVisible === 0,
    },
    {
      what: `Renders per write over both instances (${renders.writes} writes × ${renders.pagesPerWrite} stale pages, each asked for on both)`,
      result: `${number(renders.rendersPerPage, 2)} renders per page (${renders.rendersOnA} on A, ${renders.rendersOnB} on B)${renders.notShowingWrite ? `; ${renders.notShowingWrite} article answers without the write` : ''}`,
      target: `≤ ${TARGETS.instancesRendersPerPage} (once per page, not per instance)`,
      floor: '',
      bare: '',
      met: renders.rendersPerPage <= TARGETS.instancesRendersPerPage && renders.notShowingWrite === 0,
    },
  ];
}

export function reportRows(results: BenchResults): Row[] {
  const rows: Row[] = [];
  const throughput = results.throughput;
  if (throughput) {
    const articles = throughput.articles.median;
    const floorRatio = ratio(articles.requestsPerSecond, throughput.baselineNext.median.requestsPerSecond);
    rows.push(
      throughputRow('Cached article pages', throughput.articles, results, `≥ ${TARGETS.cachedArticlesFloorRatio}× floor; p99 ≤ ${TARGETS.cachedArticlesP99Ms} ms`,
        floorRatio >= TARGETS.cachedArticlesFloorRatio && articles.p99Ms <= TARGETS.cachedArticlesP99Ms),
      throughputRow('Cached home pages', throughput.home, results, '–', null),
      throughputRow('Cached tag pages', throughput.tags, results, '–', null),
      throughputRow('Framework floor: minimal Next.js ISR page', throughput.baselineNext, results, 'reference', null),
      throughputRow('Machine ceiling: bare Node.js, same bytes per URL', throughput.bareNode, results, 'reference', null),
    );
  }
  const cold = results.coldRenders;
  if (cold) {
    rows.push({
      what: `Cold renders (${number(cold.pages)} article pages, ${cold.connections} conn.)`,
      result: `${number(cold.median.requestsPerSecond)} pages/s, p50 ${number(cold.median.p50Ms)} ms, p99 ${number(cold.median.p99Ms)} ms; ${cpuText(cold.median.serverCpuMsPerRequest)}`,
      target: `≥ ${TARGETS.coldRendersPerSecond} pages/s`,
      ...renderedRatios(cold.median.requestsPerSecond, results),
      met: cold.median.requestsPerSecond >= TARGETS.coldRendersPerSecond,
    });
  }
  const search = results.search;
  if (search) {
    rows.push({
      what: `Search, ${number(results.dataset.articles)} articles (${search.queries} queries, ${search.connections} conn.)`,
      result: `${number(search.median.requestsPerSecond)} req/s, p50 ${number(search.median.p50Ms)} ms, p99 ${number(search.median.p99Ms)} ms; ${cpuText(search.median.serverCpuMsPerRequest)}`,
      target: `≥ ${TARGETS.searchRequestsPerSecond} req/s; p99 ≤ ${TARGETS.searchP99Ms} ms`,
      ...renderedRatios(search.median.requestsPerSecond, results),
      met: search.median.requestsPerSecond >= TARGETS.searchRequestsPerSecond && search.median.p99Ms <= TARGETS.searchP99Ms,
    });
    if (search.renderedFloor) {
      const floor = search.renderedFloor.median;
      rows.push({
        what: `Framework floor: minimal Next.js page rendered per request (${number(search.renderedFloor.urls)} URLs, ${search.renderedFloor.connections} conn.)`,
        result: `${number(floor.requestsPerSecond)} req/s, p50 ${number(floor.p50Ms)} ms, p99 ${number(floor.p99Ms)} ms; ${cpuText(floor.serverCpuMsPerRequest)}, ${kb(floor.bytesPerRequest)}/response`,
        target: 'reference',
        ...renderedRatios(floor.requestsPerSecond, results),
        met: null,
      });
    }
  }
  const freshness = results.freshness;
  if (freshness) {
    rows.push({
      what: `Publish-to-visible (${freshness.updates} API updates)`,
      result: `p50 ${number(freshness.p50Ms)} ms, p99 ${number(freshness.p99Ms)} ms${freshness.neverVisible ? `, ${freshness.neverVisible} never visible` : ''}`,
      target: `p99 ≤ ${number(TARGETS.publishToVisibleP99Ms)} ms`,
      floor: '',
      bare: '',
      met: freshness.p99Ms <= TARGETS.publishToVisibleP99Ms && freshness.neverVisible === 0,
    });
  }
  const weight = results.pageWeight;
  if (weight) {
    rows.push(
      {
        what: 'Article page weight (compressed)',
        result: weightText(weight.article),
        target: `JS ≤ ${TARGETS.articleJavaScriptKb} KB; all but lead image ≤ ${TARGETS.articleWithoutLeadImageKb} KB`,
        floor: '',
        bare: '',
        met: weight.article.bytes.js <= TARGETS.articleJavaScriptKb * KB && weight.article.withoutLeadImage <= TARGETS.articleWithoutLeadImageKb * KB,
      },
      { what: 'Home page weight (compressed)', result: weightText(weight.home), target: '–', floor: '', bare: '', met: null },
    );
  }
  const floorWeight = results.throughput?.floorPage.weight;
  if (floorWeight) {
    rows.push({ what: 'Framework floor page weight (compressed)', result: weightText(floorWeight), target: 'reference', floor: '', bare: '', met: null });
  }
  if (results.lighthouse) {
    rows.push(lighthouseRow('Lighthouse mobile: article', results.lighthouse.article), lighthouseRow('Lighthouse mobile: home page', results.lighthouse.home));
  }
  rows.push(...frontCacheRows(results), ...instancesRows(results));
  rows.push({
    what: 'Server memory',
    result: `peak RSS ${number(results.memory.peakRssMb)} MB`,
    target: `≤ ${TARGETS.peakRssMb} MB`,
    floor: '',
    bare: '',
    met: results.memory.peakRssMb <= TARGETS.peakRssMb,
  });
  const queries = results.queriesPerRender;
  if (queries) {
    rows.push({
      what: 'Database queries per article render',
      result: `${number(queries.perRender)} (samples: ${queries.samples.map((sample) => sample.statements).join(', ')})`,
      target: `≤ ${TARGETS.queriesPerRender}`,
      floor: '',
      bare: '',
      met: queries.perRender <= TARGETS.queriesPerRender,
    });
  }
  return rows;
}

export function markdownTable(rows: readonly Row[]): string {
  const escape = (text: string) => text.replace(/\|/g, '\\|');
  const lines = [
    '| what | result | target | × framework floor | × bare Node | met |',
    '|---|---|---|---|---|---|',
    ...rows.map((row) => `| ${[row.what, row.result, row.target, row.floor, row.bare, mark(row.met)].map(escape).join(' | ')} |`),
  ];
  return lines.join('\n');
}

/** For each missed target, the numbers from this run that say where the time or the bytes go. */
/** What Next.js itself manages when it renders a minimal page for every request, when that was measured. */
function renderedFloorText(results: BenchResults): string {
  const floor = results.search?.renderedFloor;
  if (!floor) return '';
  return ` The framework's floor, a minimal page rendered per request under \`next start\` (asked with the search's queries at ${floor.connections} connections), answered ${number(floor.median.requestsPerSecond)} req/s at ${number(floor.median.serverCpuMsPerRequest, 1)} ms of CPU per request.`;
}

export function missedEvidence(results: BenchResults): string[] {
  const notes: string[] = [];
  const throughput = results.throughput;
  if (throughput) {
    const articles = throughput.articles.median;
    const floor = throughput.baselineNext.median;
    const bare = throughput.bareNode.median;
    const throughputMet = ratio(articles.requestsPerSecond, floor.requestsPerSecond) >= TARGETS.cachedArticlesFloorRatio;
    if (!throughputMet || articles.p99Ms > TARGETS.cachedArticlesP99Ms) {
      notes.push(
        `**Cached article pages**: ${number(articles.requestsPerSecond)} req/s against the floor's ${number(floor.requestsPerSecond)} and bare Node's ${number(bare.requestsPerSecond)} with the same bytes; p99 ${number(articles.p99Ms)} ms at 50 connections. ` +
          `The portal process spends ${number(articles.serverCpuMsPerRequest, 2)} ms of CPU per cached article, the floor ${number(floor.serverCpuMsPerRequest, 2)} ms, bare Node ${number(bare.serverCpuMsPerRequest, 2)} ms; ` +
          `an article answer is ${kb(articles.bytesPerRequest)} on the wire against the floor page's ${kb(floor.bytesPerRequest)}. ` +
          (throughputMet
            ? `Requests/s meet the target; the p99 latency of ${number(articles.p99Ms)} ms does not (p99 of each run: ${throughput.articles.runs.map((run) => number(run.p99Ms)).join(', ')} ms).`
            : 'The server is CPU-bound on work per request, not on sending bytes.'),
      );
    }
  }
  const cold = results.coldRenders;
  if (cold && cold.median.requestsPerSecond < TARGETS.coldRendersPerSecond) {
    notes.push(
      `**Cold renders**: ${number(cold.median.requestsPerSecond)} pages/s, p50 ${number(cold.median.p50Ms)} ms per page at ${cold.connections} connections, ${number(cold.median.serverCpuMsPerRequest)} ms of server CPU per page; ` +
        `x-nextjs-cache of the first run: ${JSON.stringify(cold.runs[0]?.cacheHeaders ?? {})}; ${results.queriesPerRender ? `${results.queriesPerRender.perRender} database statements per render` : ''}.` +
        renderedFloorText(results),
    );
  }
  const search = results.search;
  if (search && (search.median.requestsPerSecond < TARGETS.searchRequestsPerSecond || search.median.p99Ms > TARGETS.searchP99Ms)) {
    notes.push(
      `**Search**: ${number(search.median.requestsPerSecond)} req/s, p99 ${number(search.median.p99Ms)} ms at ${search.connections} connections over ${number(results.dataset.articles)} articles, ${number(search.median.serverCpuMsPerRequest, 1)} ms of server CPU per request; every request renders a page and runs a full-text query.` +
        renderedFloorText(results),
    );
  }
  const freshness = results.freshness;
  if (freshness && (freshness.p99Ms > TARGETS.publishToVisibleP99Ms || freshness.neverVisible > 0)) {
    notes.push(`**Publish-to-visible**: p99 ${number(freshness.p99Ms)} ms, slowest ${number(freshness.maxMs)} ms, ${freshness.neverVisible} never visible within 15 s.`);
  }
  const weight = results.pageWeight?.article;
  if (weight && (weight.bytes.js > TARGETS.articleJavaScriptKb * KB || weight.withoutLeadImage > TARGETS.articleWithoutLeadImageKb * KB)) {
    const largest = [...weight.resources].filter((r) => r.category === 'js').sort((a, b) => b.bytes - a.bytes).slice(0, 4);
    const floor = results.throughput?.floorPage.weight;
    // Older results have no brotli-11 figure.
    const floorAtBrotli11 = floor?.jsAtBrotli11 === undefined ? '' : ` (${kb(floor.jsAtBrotli11)} compressed as the portal compresses its built scripts, brotli 11)`;
    notes.push(
      `**Article page weight**: JS ${kb(weight.bytes.js)} in ${weight.resources.filter((r) => r.category === 'js').length} files; largest: ${largest.map((r) => `${r.url} ${kb(r.bytes)}`).join(', ')}` +
        `${floor === undefined ? '' : `; the minimal Next.js page of the floor loads ${kb(floor.bytes.js)} of JS itself as \`next start\` sends it${floorAtBrotli11}`}.`,
    );
  }
  for (const [name, page] of Object.entries(results.lighthouse ?? {})) {
    const { scores } = page;
    if (scores.performance >= TARGETS.lighthousePerformance && scores.accessibility >= 100 && scores['best-practices'] >= 100 && scores.seo >= 100) continue;
    const audits = page.missedAudits.map((audit) => `${audit.category}: ${audit.title}${audit.displayValue ? ` (${audit.displayValue})` : ''}`);
    notes.push(`**Lighthouse, ${name}**: audits that cost points: ${audits.join('; ') || 'none below 0.9 (the score is the weighted metrics)'}.`);
  }
  if (results.memory.peakRssMb > TARGETS.peakRssMb) {
    const phases = Object.entries(results.memory.residentAfterPhaseMb ?? {}).map(([phase, mb]) => `${phase} ${mb} MB`);
    const floorPeak = results.throughput?.floorPage.peakRssMb;
    notes.push(
      `**Server memory**: peak RSS ${number(results.memory.peakRssMb)} MB; resident after each phase: ${phases.join(', ')}` +
        `${floorPeak === undefined ? '' : `; the floor's \`next start\` peaked at ${floorPeak} MB serving one page`}.`,
    );
  }
  const front = results.frontCache;
  if (front) {
    if (frontCacheStaticRatio(front) < TARGETS.frontCacheStaticRatio) {
      notes.push(
        `**Front cache**: ${number(front.frontCache.median.requestsPerSecond)} req/s against ${number(front.staticFile.median.requestsPerSecond)} for nginx answering the same pages (${kb(front.pages.averageBytes)} on average, ${front.pages.encodings.join(', ')}) from files; ` +
          `cache status of the warmed pages before the load: ${JSON.stringify(front.cacheStatusAfterWarm)}.`,
      );
    }
    if (front.freshness.p99Ms > TARGETS.frontCachePublishToVisibleP99Ms || front.freshness.neverVisible > 0) {
      notes.push(`**Publish-to-visible through the front cache**: p99 ${number(front.freshness.p99Ms)} ms, slowest ${number(front.freshness.maxMs)} ms, ${front.freshness.neverVisible} never visible within 15 s.`);
    }
  }
  const instances = results.instances;
  if (instances) {
    const { overBoth, overOne, direct, publishToOther, renders } = instances;
    if (instancesRatio(instances) < TARGETS.instancesThroughputRatio) {
      notes.push(
        `**Two instances**: ${number(overBoth.median.requestsPerSecond)} req/s through nginx over both against ${number(overOne.median.requestsPerSecond)} over one and ${number(direct.median.requestsPerSecond)} from one instance directly (${number(direct.median.serverCpuMsPerRequest, 2)} ms of its CPU per request); ` +
          `nginx, both instances and the load generator share the machine's ${results.machine.cpus} cores, and nginx's one-second micro-cache answers most requests itself whichever instances are behind it.`,
      );
    }
    if (publishToOther.p99Ms > TARGETS.instancesPublishToVisibleP99Ms || publishToOther.neverVisible > 0) {
      notes.push(`**Publish-to-visible on the other instance**: p99 ${number(publishToOther.p99Ms)} ms, slowest ${number(publishToOther.maxMs)} ms, ${publishToOther.neverVisible} never visible within 15 s.`);
    }
    if (renders.rendersPerPage > TARGETS.instancesRendersPerPage || renders.notShowingWrite > 0) {
      notes.push(
        `**Renders per write**: x-nextjs-cache of the answers after the writes: A ${JSON.stringify(renders.answersOnA)}, B ${JSON.stringify(renders.answersOnB)}; ` +
          `${number(renders.redisSetsPerWrite, 1)} SETs in Redis per write; ${renders.notShowingWrite} article answers without the write.`,
      );
    }
  }
  const queries = results.queriesPerRender;
  if (queries && queries.perRender > TARGETS.queriesPerRender) {
    notes.push(`**Database queries per render**: ${queries.perRender}; the statements of one render: ${queries.example.map((s) => `\`${s.slice(0, 120)}\``).join(', ')}.`);
  }
  return notes;
}

export function renderMarkdown(results: BenchResults, causes: string): string {
  const rows = reportRows(results);
  const evidence = missedEvidence(results);
  const m = results.machine;
  const s = results.settings;
  return [
    '# Benchmark results',
    '',
    `Run of ${results.startedAt} on ${m.cpus} × ${m.cpuModel}, ${m.memoryGb} GB, Node ${m.node}, Next.js ${m.next}. ` +
      `${number(results.dataset.articles)} published articles (demo content plus a generated archive of ${number(s.articles)}). ` +
      `Load: ${s.loadGenerator} on 127.0.0.1, \`accept-encoding: ${s.acceptEncoding}\`; every load figure is the median of ${s.runs} runs of ${s.seconds} s after a ${s.warmUpSeconds} s warm-up, ` +
      'the portal and both baselines measured in turns within each round. Ratios divide by the baselines of this run: the framework floor (a minimal Next.js page under `next start`: from the ISR cache for cached pages, rendered per request for search and cold renders) and the machine ceiling (bare Node.js answering each article URL with the bytes of its cached page).',
    '',
    markdownTable(rows),
    '',
    '## How it was measured',
    '',
    `- Cached pages: every URL rendered once and confirmed \`x-nextjs-cache: HIT\` before loading (${results.warmed ? `articles ${results.warmed.articles.kept}/${results.warmed.articles.requested}, not from cache on the second request: ${results.warmed.articles.notFromCache}` : 'not run'}). A page the ISR cache answered is answered again by the portal server itself until the next revalidation (\`server/page-answers.ts\`); one more request per article URL right after the load was answered by: ${results.throughput?.articleSourcesAfterLoad ? JSON.stringify(results.throughput.articleSourcesAfterLoad) : 'not measured'}.`,
    '- Server CPU per request: user + system time of the server process (`/proc/<pid>/stat`) over a run, divided by the answers; steadier than requests/s on a shared machine.',
    `- Cold renders: the pages' \`article:<id>\` tags revalidated through \`POST /api/revalidate\` (expire 0), then each page requested once; pages/s = pages ÷ wall time.`,
    `- Publish-to-visible: \`PUT /api/articles/<id>\` with a new title; time from the API's answer until the reader's page (polled every 5 ms) shows it.`,
    `- Page weight: the HTML and every stylesheet, script (not \`nomodule\`), font and eagerly loaded image it references, fetched with compression; images at their srcset width for a phone (640 px, or the widest below it); compressed body bytes (1 KB = 1,024 bytes), response headers not counted.`,
    `- Lighthouse 12.2 default mobile settings (simulated slow 4G, 4× CPU slowdown) with Debian's Chromium; median of the runs.`,
    `- Front cache: nginx from Debian's packages with \`deploy/nginx/portal.conf.template\` (1 s micro-cache, stale answers while it refreshes) in front of the same portal process; every URL asked for twice through it before the load (${results.frontCache ? `cache status of the second answers: ${JSON.stringify(results.frontCache.cacheStatusAfterWarm)}` : 'not run'}); the reference is nginx answering each URL with the bytes the front cache sent for it (${results.frontCache ? `${number(results.frontCache.pages.pages)} pages, ${kb(results.frontCache.pages.averageBytes)} on average, ${results.frontCache.pages.encodings.join(', ')}` : '–'}) from a file of its own: the load generator reads every body into a string, which costs it about four times as much when the bodies differ from response to response as when one body comes again and again. Publish-to-visible as above, with the API write and the reader's polling both through nginx.`,
    `- Two instances: two portal servers, each serving its own copy of the build, on the same PostgreSQL and one Redis (Debian's redis-server, \`REDIS_URL\`), behind nginx with the shipped configuration balancing over both; the reference is the same nginx configuration over instance A alone, and A loaded directly, in turns. Every article page rendered on A first (${results.instances ? `B's first answers for them: ${JSON.stringify(results.instances.firstAnswersOnB)}` : 'not run'}). Publish-to-visible as above with the write through A and the polling on B directly. Renders per write: an article's title changed through A; after ${number(HEARD_WITHIN_MS / 1_000, 1)} s each page the write made stale (the article in both languages, the six home pages) asked for on both instances, one after the other, and the \`x-nextjs-cache: MISS\` answers (rendered for that request) counted.`,
    `- Memory: ${results.memory.method}.`,
    `- Database queries: ${results.queriesPerRender?.method ?? 'not run'}.`,
    '',
    ...(results.failures ? ['## Scenarios that failed', '', ...Object.entries(results.failures).map(([name, message]) => `- ${name}: ${message.split('\n')[0] ?? ''}`), ''] : []),
    '## What was missed and why',
    '',
    ...(evidence.length === 0 ? ['Every target was met in this run.'] : evidence.map((note) => `- ${note}`)),
    ...(causes ? ['', causes] : []),
    '',
  ].join('\n');
}
