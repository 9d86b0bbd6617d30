import { parseArgs } from 'node:util';
import { renderFrontCacheConfig } from './lib/nginx-front-cache';

/*
 * `npm run nginx-config -- --upstream 10.0.0.11:3000 --upstream 10.0.0.12:3000
 * --listen 80 --prefix /var/lib/portal-nginx` prints the front cache's nginx
 * configuration (deploy/nginx/portal.conf.template) for production, with the
 * portal's localized paths filled in from i18n/routing.ts.
 */

const { values } = parseArgs({
  options: {
    upstream: { type: 'string', multiple: true, default: ['127.0.0.1:3000'] },
    listen: { type: 'string', default: '80' },
    prefix: { type: 'string', default: '/var/lib/portal-nginx' },
  },
});

try {
  process.stdout.write(renderFrontCacheConfig({ prefix: values.prefix, upstreams: values.upstream, listen: values.listen }));
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
}
