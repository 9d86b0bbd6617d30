import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, contentSecurityPolicyForPage, inlineScriptHashes, NO_INLINE_SCRIPTS_POLICY } from '@/lib/security-headers';
import { highFindings } from '../helpers/csp-evaluator';

/*
 * The Content-Security-Policy builder (lib/security-headers.ts): the hashes it
 * names are the ones a browser computes, data blocks need none, and no policy
 * it builds has a HIGH finding by CSP Evaluator's rules.
 */

function scriptSources(policy: string): string[] {
  const directive = policy.split(';').map((part) => part.trim()).find((part) => part.startsWith('script-src '));
  return directive?.split(/\s+/).slice(1) ?? [];
}

describe('Content-Security-Policy', () => {
  it('hashes each runnable inline script once, as the browser does (SHA-256 of its text)', () => {
    const html = Buffer.from(
      '<!DOCTYPE html><html><head><script src="/_next/static/a.js" async></script>' +
        '<script>self.__next_f=self.__next_f||[]</script><script type="application/ld+json">{"@type":"NewsArticle"}</script></head>' +
        '<body><script>self.__next_f.push([1,"Grüße"])</script><script>self.__next_f=self.__next_f||[]</script></body></html>',
    );
    // Values from `printf %s '<script text>' | openssl dgst -sha256 -binary | base64`.
    expect(inlineScriptHashes(html)).toEqual([
      'sXjGqJ00dxxEvsgy0wz4SHVW5xv3gsSh03kmxXNPOKo=',
      'KrBPC+ZxjNqMYLUyFOJ06q4bS82WWRJSbOK3UF1a8Mc=',
    ]);
    expect(inlineScriptHashes(html.toString('utf8'))).toEqual(inlineScriptHashes(html));
  });

  it("never allows inline scripts by 'unsafe-inline', and has no HIGH finding in any form", () => {
    const page = contentSecurityPolicyForPage(Buffer.from('<script>alert(1)</script>'));
    const policies = [NO_INLINE_SCRIPTS_POLICY, contentSecurityPolicy({ nonce: 'bm9uY2Vub25jZW5vbmNlMQ==' }), page];
    for (const policy of policies) {
      expect(scriptSources(policy)).not.toContain("'unsafe-inline'");
      expect(scriptSources(policy)[0]).toBe("'self'");
      expect(highFindings(policy), policy).toEqual([]);
    }
    expect(scriptSources(page)).toEqual(["'self'", "'sha256-bhHHL3z2vDgxUt0W3dWQOrprscmda2Y5pLsLg4GF+pI='"]);
  });

  it('finds the HIGH findings it is meant to find', () => {
    expect(highFindings("default-src 'self'; script-src 'self' 'unsafe-inline'; object-src 'none'; base-uri 'none'")).toHaveLength(1);
    expect(highFindings("script-src 'self' 'unsafe-inline' 'sha256-AAAA'; object-src 'none'; base-uri 'none'")).toEqual([]);
    expect(highFindings("script-src 'self' data:; base-uri 'none'").map((finding) => finding.directive)).toEqual(['script-src', 'object-src']);
    expect(highFindings("script-src * ; object-src 'none'").map((finding) => finding.directive)).toEqual(['script-src', 'base-uri']);
  });
});
