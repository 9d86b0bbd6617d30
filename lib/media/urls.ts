/** Widths the media route renders; anything else is refused, so the resize cache stays bounded. */
export const MEDIA_WIDTHS = [320, 480, 640, 960, 1280, 1600] as const;
export type MediaWidth = (typeof MEDIA_WIDTHS)[number];

export function mediaUrl(mediaId: string, width: MediaWidth): string {
  return `/media/${encodeURIComponent(mediaId)}/${width}.webp`;
}

/** A srcset with every rendered width up to the original's own width. */
export function mediaSrcSet(mediaId: string, originalWidth: number): string {
  const widths = MEDIA_WIDTHS.filter((w) => w <= originalWidth);
  const usable = widths.length > 0 ? widths : [MEDIA_WIDTHS[0]];
  return usable.map((w) => `${mediaUrl(mediaId, w)} ${w}w`).join(', ');
}

export function isMediaWidth(value: number): value is MediaWidth {
  return (MEDIA_WIDTHS as readonly number[]).includes(value);
}
