import { randomBytes } from 'node:crypto';
import type { Duplex } from 'node:stream';
import { NO_INLINE_SCRIPTS_POLICY, securityHeaders } from '@/lib/security-headers';

/*
 * Requests Node's HTTP parser rejects (a space in the path, an unknown
 * method token, headers over the size limit, a missing Host header …) never
 * reach the request handler; Node answers them with a bare status line. We
 * answer them ourselves so that they carry the same security headers and a
 * request id as every other answer, and say what was wrong.
 */

function statusFor(code: string | undefined): { status: number; reason: string } {
  if (code === 'HPE_HEADER_OVERFLOW') return { status: 431, reason: 'Request Header Fields Too Large' };
  if (code === 'ERR_HTTP_REQUEST_TIMEOUT') return { status: 408, reason: 'Request Timeout' };
  return { status: 400, reason: 'Bad Request' };
}

export function answerClientError(error: Error & { code?: string }, socket: Duplex): void {
  // A connection reset by the client has no one left to answer.
  if (error.code === 'ECONNRESET' || !socket.writable) {
    socket.destroy();
    return;
  }
  const { status, reason } = statusFor(error.code);
  const body = `${reason}\n`;
  const headers = [
    `Content-Security-Policy: ${NO_INLINE_SCRIPTS_POLICY}`,
    ...securityHeaders.map(({ key, value }) => `${key}: ${value}`),
    `X-Request-Id: ${randomBytes(8).toString('hex')}`,
    'Content-Type: text/plain; charset=utf-8',
    'Cache-Control: private, no-store',
    `Content-Length: ${Buffer.byteLength(body)}`,
    'Connection: close',
  ];
  socket.end(`HTTP/1.1 ${status} ${reason}\r\n${headers.join('\r\n')}\r\n\r\n${body}`);
}
