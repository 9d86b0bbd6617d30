import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { contentSecurityPolicy, contentSecurityPolicyForPage, freshNonce, inlineScriptHashes } from '@/lib/security-headers';

/*
 * What the Content-Security-Policy costs (lib/security-headers.ts), on a page
 * saved from the ISR cache: `npx tsx bench/csp-cost.ts <page.html>`.
 * - scan: finding and hashing the inline scripts, once per page version;
 * - memo hit: the policy of a version already seen, per request Next.js answers in one piece;
 * - nonce: a fresh nonce and its policy, per request handed to Next.js.
 * Kept answers (server/page-answers.ts) send the stored header and cost nothing more.
 */

function perCall(calls: number, work: () => unknown): number {
  const started = performance.now();
  for (let call = 0; call < calls; call++) work();
  return (performance.now() - started) / calls;
}

const file = process.argv[2];
if (!file) throw new Error('usage: npx tsx bench/csp-cost.ts <page.html>');
const body = readFileSync(file);
const hash = createHash('sha256').update(body).digest('base64url');
const policy = contentSecurityPolicyForPage(body, hash);
const result = {
  bytes: body.length,
  inlineScripts: inlineScriptHashes(body).length,
  policyBytes: policy.length,
  scanMs: perCall(2_000, () => inlineScriptHashes(body)).toFixed(3),
  memoHitMicroseconds: (perCall(200_000, () => contentSecurityPolicyForPage(body, hash)) * 1000).toFixed(2),
  nonceMicroseconds: (perCall(200_000, () => contentSecurityPolicy({ nonce: freshNonce() })) * 1000).toFixed(2),
};
console.log(JSON.stringify(result));
