import type { OutgoingHttpHeaders, ServerResponse } from 'node:http';

/*
 * Next.js sends a redirect rendered for the first time (not yet from the ISR
 * cache) with its Location header twice; clients join the two into one
 * broken address. We keep the first.
 */

function firstOf(value: unknown): unknown {
  return Array.isArray(value) && value.length > 1 ? value[0] : value;
}

export function keepSingleLocationHeader(response: ServerResponse): void {
  const writeHead = response.writeHead.bind(response) as (...args: unknown[]) => ServerResponse;
  response.writeHead = ((status: number, ...rest: unknown[]) => {
    const location = response.getHeader('location');
    if (Array.isArray(location) && location.length > 1) response.setHeader('location', String(location[0]));
    const headers = rest.at(-1);
    if (Array.isArray(headers)) {
      // Raw [name, value, name, value, …] form: drop repeated Location pairs.
      let seen = false;
      const kept: unknown[] = [];
      for (let i = 0; i + 1 < headers.length; i += 2) {
        const isLocation = String(headers[i]).toLowerCase() === 'location';
        if (isLocation && seen) continue;
        seen ||= isLocation;
        kept.push(headers[i], headers[i + 1]);
      }
      rest[rest.length - 1] = kept;
    } else if (headers && typeof headers === 'object') {
      const object = headers as OutgoingHttpHeaders;
      for (const key of Object.keys(object)) {
        if (key.toLowerCase() === 'location') object[key] = firstOf(object[key]) as OutgoingHttpHeaders[string];
      }
    }
    return writeHead(status, ...rest);
  }) as typeof response.writeHead;
}
