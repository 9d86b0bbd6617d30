import { describe, expect, it } from 'vitest';
import { renderFrontCacheConfig, upstreamServerLines } from '../../scripts/lib/nginx-front-cache';
import { getPathname } from '@/i18n/navigation';
import { routing } from '@/i18n/routing';

/* The shipped nginx configuration (deploy/nginx/portal.conf.template) as scripts/lib/nginx-front-cache.ts fills it in. */

describe('the nginx front cache configuration', () => {
  const config = renderFrontCacheConfig({ prefix: '/tmp/x', upstreams: ['10.0.0.11:3000', '10.0.0.12:3000', '[::1]:3001'], listen: '127.0.0.1:8080' });

  it('names every portal instance in its upstream block', () => {
    const upstream = /upstream portal \{([^}]*)\}/.exec(config)?.[1] ?? '';
    expect(upstream.match(/^\s*server \S+;$/gm)?.map((line) => line.trim())).toEqual([
      'server 10.0.0.11:3000;',
      'server 10.0.0.12:3000;',
      'server [::1]:3001;',
    ]);
    expect(config).not.toMatch(/\{\{[A-Z_]+\}\}/);
  });

  it('sets X-Forwarded-For to the address nginx saw instead of appending to what the client sent', () => {
    expect(config).toMatch(/^\s*proxy_set_header X-Forwarded-For \$remote_addr;$/m);
    expect(config).not.toContain('$proxy_add_x_forwarded_for');
  });

  it('takes the localized paths it must not cache from i18n/routing.ts', () => {
    for (const locale of routing.locales) {
      expect(config).toContain(getPathname(locale, '/preview/[id]', { id: '1' }).replace(/\/1$/, '').slice(1));
      expect(config).toContain(getPathname(locale, '/search').slice(1));
    }
    expect(config).toMatch(/^\s*~\^\/\(de\/vorschau\|en\/preview\)\/ 1;$/m);
  });

  it('refuses an empty list and addresses that would end the directive', () => {
    expect(() => upstreamServerLines([])).toThrow('at least one portal instance');
    expect(() => upstreamServerLines(['10.0.0.1:80; server evil:80'])).toThrow('not an upstream address');
  });
});
