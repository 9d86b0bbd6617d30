import { createHash, randomBytes } from 'node:crypto';
import { LRUCache } from 'lru-cache';

/*
 * Headers every response carries, and the Content-Security-Policy, which
 * differs per page: scripts run only from this origin, or inline when the
 * policy names them, by hash or by nonce, never by 'unsafe-inline'.
 *
 * - A page sent in one piece (every page from the ISR cache) gets the
 *   SHA-256 hashes of its own inline scripts, computed once per version of
 *   the page (memoised by the hash of its bytes) where server/response-bodies.ts
 *   hashes the body for its ETag anyway. The policy is the same for every
 *   reader of that version, so kept answers and front caches can send it on.
 * - A streamed render (search, the editors' desk, anything dynamic) goes
 *   out before its scripts are known, so it gets a fresh nonce per response:
 *   the portal server hands it to Next.js in the request's own
 *   Content-Security-Policy header, and Next.js puts it on every script it
 *   writes (its documented way of reading a nonce).
 * No 'strict-dynamic': it would make browsers ignore 'self', and the
 * <script src> elements of cached pages carry no nonce a reader's policy names.
 * See docs/architecture.md, "Content Security Policy".
 */

const OTHER_DIRECTIVES = [
  "default-src 'self'",
  // React and Next.js set a few style attributes (error pages, hidden elements); styles cannot run code.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "media-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "frame-src 'none'",
  "form-action 'self'",
  "manifest-src 'self'",
];

/** What may run on a page besides scripts from this origin. */
export type InlineScripts = { nonce?: string; hashes?: readonly string[] };

/**
 * The Content-Security-Policy for a response whose inline scripts are the ones
 * named here (none: only scripts from this origin run). The editors' desk and any
 * other dynamic page can call it with its own nonce; pages rendered by Next.js
 * get theirs from the portal server without doing anything.
 */
export function contentSecurityPolicy({ nonce, hashes = [] }: InlineScripts = {}): string {
  const scriptSources = ["'self'", ...(nonce ? [`'nonce-${nonce}'`] : []), ...hashes.map((hash) => `'sha256-${hash}'`)];
  return [`script-src ${scriptSources.join(' ')}`, ...OTHER_DIRECTIVES].join('; ');
}

/** A nonce for one response: 128 random bits, as CSP asks. */
export function freshNonce(): string {
  return randomBytes(16).toString('base64');
}

// An opening <script> tag, its attributes, and everything up to its end tag (script contents cannot contain "</script").
const SCRIPT_ELEMENT = /<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi;
// Types a browser runs; data blocks such as application/ld+json are never run, so need no hash.
const SCRIPT_TYPE = /\btype\s*=\s*["']?([^"'\s>]*)/i;
const RUNNABLE_TYPES = new Set(['', 'text/javascript', 'application/javascript', 'module', 'importmap', 'speculationrules']);

/** The base64 SHA-256 of every inline script in an HTML document that a browser would run, each once. */
export function inlineScriptHashes(html: Buffer | string): string[] {
  // latin1 maps each byte to one character, so the hashed text is the page's own bytes, whatever its encoding.
  const text = typeof html === 'string' ? html : html.toString('latin1');
  const encoding = typeof html === 'string' ? 'utf8' : 'latin1';
  const hashes = new Set<string>();
  for (const [, attributes = '', content = ''] of text.matchAll(SCRIPT_ELEMENT)) {
    if (/\bsrc\s*=/i.test(attributes)) continue;
    const type = (SCRIPT_TYPE.exec(attributes)?.[1] ?? '').toLowerCase();
    if (!RUNNABLE_TYPES.has(type)) continue;
    hashes.add(createHash('sha256').update(content, encoding).digest('base64'));
  }
  return [...hashes];
}

// Policies of page versions seen lately, by the hash of the page's bytes: one regular-expression pass per version, not per request.
const policiesByPage = new LRUCache<string, string>({ max: 4_096 });

/**
 * The policy for an HTML page sent in one piece: its own inline scripts by hash.
 * `bodyHash` is any digest of `html` the caller already has (the ETag's); without one it is computed.
 */
export function contentSecurityPolicyForPage(html: Buffer | string, bodyHash?: string): string {
  const key = bodyHash ?? createHash('sha256').update(html).digest('base64url');
  const known = policiesByPage.get(key);
  if (known !== undefined) return known;
  const policy = contentSecurityPolicy({ hashes: inlineScriptHashes(html) });
  policiesByPage.set(key, policy);
  return policy;
}

/** For answers with no inline script at all (plain text, JSON, files): only scripts from this origin. */
export const NO_INLINE_SCRIPTS_POLICY = contentSecurityPolicy();

// Everything the portal does not use is switched off.
const permissionsPolicy = [
  'accelerometer=()',
  'autoplay=()',
  'camera=()',
  'display-capture=()',
  'encrypted-media=()',
  'fullscreen=()',
  'geolocation=()',
  'gyroscope=()',
  'magnetometer=()',
  'microphone=()',
  'midi=()',
  'payment=()',
  'publickey-credentials-get=()',
  'screen-wake-lock=()',
  'usb=()',
  'xr-spatial-tracking=()',
  'interest-cohort=()',
  'browsing-topics=()',
].join(', ');

/**
 * Headers that are the same on every answer. The Content-Security-Policy is not among them: the
 * portal server sets it per answer (above); next.config.ts must not set one, or it would replace those.
 */
export const securityHeaders = [
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
  { key: 'Permissions-Policy', value: permissionsPolicy },
  { key: 'Cross-Origin-Opener-Policy', value: 'same-origin' },
  { key: 'Cross-Origin-Resource-Policy', value: 'same-origin' },
  { key: 'X-Frame-Options', value: 'DENY' },
];

/** HTTPS only: sent by the portal server when the request came over TLS (directly or via a proxy). */
export const STRICT_TRANSPORT_SECURITY = 'max-age=63072000; includeSubDomains';
