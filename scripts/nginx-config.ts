import { parseArgs } from 'node:util';
import { renderFrontCacheConfig, type TlsSettings } from './lib/nginx-front-cache';

/*
 * `npm run nginx-config -- --upstream 10.0.0.11:3000 --upstream 10.0.0.12:3000
 * --listen 80 --prefix /var/lib/portal-nginx` prints the front cache's nginx
 * configuration (deploy/nginx/portal.conf.template) for production, with the
 * portal's localized paths filled in from i18n/routing.ts. With
 * `--certificate F --certificate-key F` (and `--tls-listen 443`) it takes
 * HTTPS as well and sends plain HTTP there (deploy/nginx/portal-tls.conf.template).
 */

const { values } = parseArgs({
  options: {
    upstream: { type: 'string', multiple: true, default: ['127.0.0.1:3000'] },
    listen: { type: 'string', default: '80' },
    prefix: { type: 'string', default: '/var/lib/portal-nginx' },
    'tls-listen': { type: 'string', default: '443' },
    certificate: { type: 'string' },
    'certificate-key': { type: 'string' },
  },
});

/** The TLS settings the flags name, or none; half of them is a mistake worth naming. */
function tlsFromFlags(): TlsSettings | undefined {
  const { certificate, 'certificate-key': certificateKey, 'tls-listen': listen } = values;
  if (certificate === undefined && certificateKey === undefined) return undefined;
  if (certificate === undefined || certificateKey === undefined) throw new Error('HTTPS needs both --certificate and --certificate-key');
  const port = Number(listen.split(':').at(-1));
  if (!Number.isInteger(port) || port < 1 || port > 65_535) throw new Error(`--tls-listen must end in a port number, not "${listen}"`);
  return { listen, certificate, certificateKey, port };
}

try {
  process.stdout.write(renderFrontCacheConfig({ prefix: values.prefix, upstreams: values.upstream, listen: values.listen, tls: tlsFromFlags() }));
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
}
