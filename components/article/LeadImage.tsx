import type { ArticleImage } from '@/lib/queries/articles';
import { mediaSrcSet, mediaUrl } from '@/lib/media/urls';

/**
 * A responsive image served by the media route in widths fit for phones and
 * desktops. Width and height are always given so the page does not jump.
 */
export function ResponsiveImage({
  image,
  sizes,
  priority = false,
  className,
}: {
  image: ArticleImage;
  sizes: string;
  priority?: boolean;
  className?: string;
}) {
  return (
    <img
      src={mediaUrl(image.id, image.width >= 960 ? 960 : 480)}
      srcSet={mediaSrcSet(image.id, image.width)}
      sizes={sizes}
      width={image.width}
      height={image.height}
      alt={image.alt}
      loading={priority ? 'eager' : 'lazy'}
      fetchPriority={priority ? 'high' : 'auto'}
      decoding="async"
      className={className}
    />
  );
}

export function LeadImage({ image, creditLabel }: { image: ArticleImage; creditLabel: string | null }) {
  return (
    <figure className="mb-6">
      <ResponsiveImage
        image={image}
        sizes="(min-width: 64rem) 60rem, 100vw"
        priority
        className="h-auto w-full rounded bg-panel"
      />
      {(image.caption || creditLabel) && (
        <figcaption className="mt-2 text-sm text-muted">
          {image.caption}
          {image.caption && creditLabel ? ' ' : null}
          {/* Kept together where it fits beside the caption, wrapped where a narrow screen has no room. */}
          {creditLabel && <span className="inline-block">{creditLabel}</span>}
        </figcaption>
      )}
    </figure>
  );
}
