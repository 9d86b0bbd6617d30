import type { NextConfig } from 'next';

// Next.js's defaults (compression on, as in the portal). Its own file also
// stops Next.js from looking upwards and finding the portal's configuration.
const config: NextConfig = {};

export default config;
