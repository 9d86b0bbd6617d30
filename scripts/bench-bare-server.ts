import http from 'node:http';
import { readFileSync } from 'node:fs';
import type { RecordedPage } from './lib/bench-baselines';

/*
 * The machine's ceiling for `npm run bench`: a Node.js HTTP server that
 * answers every request with the recorded bytes and headers of a cached
 * article page, doing no work per request. Usage: bench-bare-server.ts <page.json> <port>
 */

const [file, portArgument] = process.argv.slice(2);
if (!file || !portArgument) throw new Error('usage: bench-bare-server.ts <page.json> <port>');
const page = JSON.parse(readFileSync(file, 'utf8')) as RecordedPage;
const body = Buffer.from(page.bodyBase64, 'base64');
const headers: [string, string][] = [...page.headers, ['content-length', String(body.length)]];

const server = http.createServer((_request, response) => {
  response.writeHead(page.status, headers.flat());
  response.end(body);
});
// The same connection settings as the portal server (server/portal-server.ts).
server.keepAliveTimeout = 5_000;
server.listen(Number(portArgument), '127.0.0.1');

const stop = () => server.close(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
