import http from 'node:http';
import { readFileSync } from 'node:fs';
import type { RecordedPages } from './lib/baselines';

/*
 * The machine's ceiling for `npm run bench`: a Node.js HTTP server that
 * answers each path with the recorded bytes and headers the portal sent for
 * it, doing no work per request (404 for any other path).
 * Usage: bench/bare-server.ts <pages.json> <port>
 */

const [file, portArgument] = process.argv.slice(2);
if (!file || !portArgument) throw new Error('usage: bench/bare-server.ts <pages.json> <port>');
const recorded = JSON.parse(readFileSync(file, 'utf8')) as RecordedPages;
const answers = new Map(
  Object.entries(recorded).map(([path, page]) => {
    const body = Buffer.from(page.bodyBase64, 'base64');
    return [path, { status: page.status, headers: [...page.headers, ['content-length', String(body.length)]].flat(), body }] as const;
  }),
);

const server = http.createServer((request, response) => {
  const answer = answers.get(request.url ?? '');
  if (!answer) {
    response.writeHead(404, { 'content-length': '0' }).end();
    return;
  }
  response.writeHead(answer.status, answer.headers);
  response.end(answer.body);
});
// The same connection settings as the portal server (server/portal-server.ts).
server.keepAliveTimeout = 5_000;
server.listen(Number(portArgument), '127.0.0.1');

const stop = () => server.close(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
