import zlib from 'node:zlib';
import { BROWSER_ACCEPT_ENCODING, decodedBody, decodedText, rawRequest, type RawResponse } from '../lib/http';

/*
 * Page weight as a phone fetches it: the HTML, then every stylesheet,
 * script (modern browsers skip `nomodule`), font and eagerly loaded image it
 * references, each with compression accepted. Images are taken at a phone's
 * width from their srcset. Sizes are compressed body bytes as transferred;
 * the header bytes are given beside them.
 */

/** A phone's image width: 360–412 CSS pixels at a device pixel ratio of about 1.5. */
const PHONE_IMAGE_WIDTH = 640;

export type WeightCategory = 'html' | 'css' | 'js' | 'font' | 'leadImage' | 'otherImages';

export type PageWeight = {
  path: string;
  bytes: Record<WeightCategory, number>;
  /** Everything but the lead image. */
  withoutLeadImage: number;
  total: number;
  headerBytes: number;
  /**
   * The same scripts compressed with brotli at quality 11, as the portal's build compresses its
   * own (server/built-files.ts): compares pages whose servers compress differently.
   */
  jsAtBrotli11: number;
  resources: { url: string; category: WeightCategory; bytes: number; encoding: string }[];
};

function attribute(tag: string, name: string): string | null {
  const match = new RegExp(`\\s${name}="([^"]*)"`, 'i').exec(tag);
  return match?.[1]?.replace(/&amp;/g, '&') ?? null;
}

/** The srcset candidate at a phone's width: the widest up to PHONE_IMAGE_WIDTH, else the narrowest. */
export function phoneCandidate(srcset: string): string | null {
  const candidates = srcset
    .split(',')
    .map((entry) => entry.trim().split(/\s+/))
    .map(([url, descriptor]) => ({ url: url ?? '', width: Number((descriptor ?? '').replace(/w$/, '')) }))
    .filter((candidate) => candidate.url && Number.isFinite(candidate.width))
    .sort((a, b) => a.width - b.width);
  const fitting = candidates.filter((candidate) => candidate.width <= PHONE_IMAGE_WIDTH);
  return (fitting[fitting.length - 1] ?? candidates[0])?.url ?? null;
}

type Reference = { url: string; category: WeightCategory };

export function referencedResources(html: string): Reference[] {
  const found: Reference[] = [];
  const tags = html.match(/<(?:link|script|img)\b[^>]*>/gi) ?? [];
  let leadImageSeen = false;
  for (const tag of tags) {
    const name = tag.slice(1, tag.search(/[\s>]/)).toLowerCase();
    if (name === 'script') {
      const src = attribute(tag, 'src');
      if (src && !/\snomodule/i.test(tag)) found.push({ url: src, category: 'js' });
    } else if (name === 'link') {
      const rel = (attribute(tag, 'rel') ?? '').toLowerCase();
      const as = (attribute(tag, 'as') ?? '').toLowerCase();
      const href = attribute(tag, 'href');
      if (!href) continue;
      if (rel === 'stylesheet') found.push({ url: href, category: 'css' });
      else if (rel === 'modulepreload' || (rel === 'preload' && as === 'script')) found.push({ url: href, category: 'js' });
      else if (rel === 'preload' && as === 'font') found.push({ url: href, category: 'font' });
    } else if (name === 'img') {
      // Lazy images below the fold wait until the reader scrolls; the first eager one is the lead image.
      if ((attribute(tag, 'loading') ?? 'eager') === 'lazy') continue;
      const srcset = attribute(tag, 'srcset');
      const url = (srcset ? phoneCandidate(srcset) : null) ?? attribute(tag, 'src');
      if (!url) continue;
      found.push({ url, category: leadImageSeen ? 'otherImages' : 'leadImage' });
      leadImageSeen = true;
    }
  }
  return found;
}

function fontsInCss(css: string, cssUrl: string): Reference[] {
  const urls = [...css.matchAll(/url\(\s*["']?([^"')]+\.(?:woff2?|ttf|otf))["']?\s*\)/gi)].map((match) => match[1] ?? '');
  return urls.filter(Boolean).map((url) => ({ url: new URL(url, cssUrl).pathname, category: 'font' as const }));
}

async function fetchResource(origin: string, url: string, category: WeightCategory): Promise<RawResponse> {
  const accept = category === 'leadImage' || category === 'otherImages' ? 'image/avif,image/webp,image/*,*/*;q=0.8' : '*/*';
  const response = await rawRequest(new URL(url, origin).toString(), { headers: { 'accept-encoding': BROWSER_ACCEPT_ENCODING, accept } });
  if (response.status !== 200) throw new Error(`${url} answered ${response.status}`);
  return response;
}

/** The body, decoded and compressed again with brotli at quality 11. */
function atBrotli11(response: RawResponse): number {
  return zlib.brotliCompressSync(decodedBody(response), { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: zlib.constants.BROTLI_MAX_QUALITY } }).length;
}

export async function measurePageWeight(origin: string, path: string): Promise<PageWeight> {
  const html = await rawRequest(`${origin}${path}`, { headers: { 'accept-encoding': BROWSER_ACCEPT_ENCODING, accept: 'text/html' } });
  if (html.status !== 200) throw new Error(`${path} answered ${html.status}`);
  const bytes: Record<WeightCategory, number> = { html: html.body.length, css: 0, js: 0, font: 0, leadImage: 0, otherImages: 0 };
  let headerBytes = html.headerBytes;
  let jsAtBrotli11 = 0;
  const resources: PageWeight['resources'] = [];
  const queue = referencedResources(decodedText(html));
  const seen = new Set<string>();
  while (queue.length > 0) {
    const next = queue.shift();
    if (!next || seen.has(next.url)) continue;
    seen.add(next.url);
    const response = await fetchResource(origin, next.url, next.category);
    bytes[next.category] += response.body.length;
    headerBytes += response.headerBytes;
    resources.push({ url: next.url, category: next.category, bytes: response.body.length, encoding: String(response.headers['content-encoding'] ?? 'identity') });
    if (next.category === 'js') jsAtBrotli11 += atBrotli11(response);
    if (next.category === 'css') queue.push(...fontsInCss(decodedText(response), new URL(next.url, origin).toString()));
  }
  const total = Object.values(bytes).reduce((sum, value) => sum + value, 0);
  return { path, bytes, withoutLeadImage: total - bytes.leadImage, total, headerBytes, jsAtBrotli11, resources };
}
