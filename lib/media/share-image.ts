import type { ArticleImage } from '@/lib/queries/articles';
import { MEDIA_WIDTHS, mediaUrl } from '@/lib/media/urls';
import { absoluteUrl } from '@/lib/paths';

export type ShareImage = { url: string; width: number; height: number; alt: string };

// Large enough for every network's big preview card, small enough to load fast.
const SHARE_WIDTH = 1280;

/**
 * The rendition of an article's image that link previews and search engines
 * get, with the pixel size it really has: the media route never enlarges, so
 * an original narrower than the chosen width keeps its own width.
 */
export function shareImage(image: ArticleImage): ShareImage {
  const fitting = MEDIA_WIDTHS.filter((width) => width <= SHARE_WIDTH && width <= image.width);
  const rendition = fitting.at(-1) ?? MEDIA_WIDTHS[0];
  const width = Math.min(rendition, image.width);
  return {
    url: absoluteUrl(mediaUrl(image.id, rendition)),
    width,
    height: Math.round((width * image.height) / image.width),
    alt: image.alt,
  };
}
