/** The desk's form controls share one look (the barrier form's, a little denser). */
export const INPUT = 'mt-1 block w-full rounded border border-muted bg-page px-3 py-2 text-ink';
export const BUTTON = 'rounded border-2 border-accent px-4 py-2 font-semibold';
export const PRIMARY_BUTTON = 'rounded border-2 border-accent bg-accent px-4 py-2 font-semibold text-accent-ink';
