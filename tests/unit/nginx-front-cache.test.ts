import { spawnSync } from 'node:child_process';
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

describe('npm run nginx-config', () => {
  const run = (...args: string[]) =>
    spawnSync(process.execPath, ['--import', 'tsx', 'scripts/nginx-config.ts', ...args], { encoding: 'utf8' });

  it('prints the HTTPS server block when given a certificate and its key, with plain HTTP redirected there', () => {
    const printed = run('--certificate', '/etc/portal/tls.pem', '--certificate-key', '/etc/portal/tls.key', '--tls-listen', '8443');
    expect(printed.status).toBe(0);
    expect(printed.stdout).toMatch(/^\s*listen 8443 ssl;$/m);
    expect(printed.stdout).toMatch(/^\s*ssl_certificate \/etc\/portal\/tls\.pem;$/m);
    expect(printed.stdout).toMatch(/^\s*ssl_certificate_key \/etc\/portal\/tls\.key;$/m);
    expect(printed.stdout).toContain('return 301 https://$host:8443$request_uri;');
  });

  it('prints no TLS without a certificate, and names the missing flag when only one of the two is given', () => {
    expect(run().stdout).not.toContain('ssl_certificate');
    const half = run('--certificate', '/etc/portal/tls.pem');
    expect(half.status).toBe(1);
    expect(half.stderr.trim()).toBe('HTTPS needs both --certificate and --certificate-key');
  });
});
