// Types of lib/isr-revalidation-count.mjs, which stays JavaScript because the cache handler loads it at run time.
export function countRevalidation(): void;
export function revalidationCount(): number;
