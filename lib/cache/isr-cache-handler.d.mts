// Types of lib/cache/isr-cache-handler.mjs, which stays JavaScript because Next.js loads it by itself: Next.js's cache handler interface.
import type { CacheHandler } from 'next/dist/server/lib/incremental-cache';
declare const PortalIsrCache: typeof CacheHandler;
export default PortalIsrCache;
