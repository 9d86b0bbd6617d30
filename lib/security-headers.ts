/*
 * Headers every response carries (applied in next.config.ts). The policy is
 * as strict as statically cached pages allow: a per-request nonce would make
 * every page dynamic, so the few inline scripts Next.js needs to start the
 * page are allowed by 'unsafe-inline' instead; nothing may come from another
 * origin.
 */

const contentSecurityPolicy = [
  "default-src 'self'",
  // Next.js streams its page data in inline <script> elements; ISR pages cannot carry nonces.
  "script-src 'self' 'unsafe-inline'",
  // React and Next.js set a few style attributes (error pages, hidden elements).
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "media-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "frame-src 'none'",
  "form-action 'self'",
  "manifest-src 'self'",
].join('; ');

// Everything the portal does not use is switched off.
const permissionsPolicy = [
  'accelerometer=()',
  'autoplay=()',
  'camera=()',
  'display-capture=()',
  'encrypted-media=()',
  'fullscreen=()',
  'geolocation=()',
  'gyroscope=()',
  'magnetometer=()',
  'microphone=()',
  'midi=()',
  'payment=()',
  'publickey-credentials-get=()',
  'screen-wake-lock=()',
  'usb=()',
  'xr-spatial-tracking=()',
  'interest-cohort=()',
  'browsing-topics=()',
].join(', ');

export const securityHeaders = [
  { key: 'Content-Security-Policy', value: contentSecurityPolicy },
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
  { key: 'Permissions-Policy', value: permissionsPolicy },
  { key: 'Cross-Origin-Opener-Policy', value: 'same-origin' },
  { key: 'Cross-Origin-Resource-Policy', value: 'same-origin' },
  { key: 'X-Frame-Options', value: 'DENY' },
];

/** HTTPS only: sent by the portal server when the request came over TLS (directly or via a proxy). */
export const STRICT_TRANSPORT_SECURITY = 'max-age=63072000; includeSubDomains';
