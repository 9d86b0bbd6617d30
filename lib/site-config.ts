/** Settings an operator gives through the environment (see README, "Configuration"). */

/** Absolute origin used for canonical and hreflang URLs. */
export function siteUrl(): URL {
  return new URL(process.env.SITE_URL ?? `http://localhost:${process.env.PORT ?? '3000'}`);
}

/** Folder holding uploaded and generated images: MEDIA_DIR, else `media` in the data folder of `npm start` (PORTAL_DATA_DIR). */
export function mediaDir(): string {
  return process.env.MEDIA_DIR ?? `${process.env.PORTAL_DATA_DIR || '.data'}/media`;
}
