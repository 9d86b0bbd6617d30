import { otherLocale } from '@/i18n/routing';
import { routing } from '@/i18n/routing';
import type { ArticleImage, ArticleView } from '@/lib/queries/articles';
import { shareImage } from '@/lib/media/share-image';
import { absoluteUrl, articlePath } from '@/lib/paths';
import { publisherJsonLd, siteShareImage } from '@/lib/site-identity';

/** The article's node id: its canonical URL with a fragment, so the article and the web page showing it stay apart. */
function articleId(url: string): string {
  return `${url}#article`;
}

function imageObject(image: ArticleImage) {
  const { url, width, height, alt } = shareImage(image);
  return {
    '@type': 'ImageObject',
    url,
    contentUrl: url,
    width,
    height,
    caption: image.caption ?? alt,
    // Editors write credits as "© Name/Agency"; the credit line itself names only who made the picture.
    ...(image.credit ? { creditText: image.credit.replace(/^©\s*/, ''), copyrightNotice: image.credit } : {}),
  };
}

/**
 * JSON inside a script element: `<` could close the element or open a
 * comment, and U+2028/U+2029 end lines in older JavaScript parsers, so they
 * are written as escapes, which JSON reads back as the same characters.
 */
function scriptSafeJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/** Structured data (schema.org NewsArticle) describing the article for search engines. */
export function ArticleJsonLd({ article, url }: { article: ArticleView; url: string }) {
  const { locale } = article;
  const organization = publisherJsonLd(locale);
  const siteImage = siteShareImage(locale);
  const translationLocale = otherLocale(locale);
  const translationSlug = article.slugs[translationLocale];
  const translationUrl = translationSlug ? absoluteUrl(articlePath(translationLocale, translationSlug)) : null;
  const translation = translationUrl
    ? { '@type': 'NewsArticle', '@id': articleId(translationUrl), url: translationUrl, inLanguage: translationLocale }
    : null;
  // German is the original language of the portal; English versions are its translations.
  const translationLink = translation ? (locale === routing.defaultLocale ? { workTranslation: translation } : { translationOfWork: translation }) : {};
  const data = {
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    '@id': articleId(url),
    url,
    mainEntityOfPage: { '@type': 'WebPage', '@id': url },
    headline: article.title,
    description: article.lead,
    datePublished: article.publishedAt,
    dateModified: article.updatedAt,
    inLanguage: locale,
    // Search engines want an image for every article; one without a lead image gets the site's.
    image: article.image
      ? imageObject(article.image)
      : { '@type': 'ImageObject', url: siteImage.url, contentUrl: siteImage.url, width: siteImage.width, height: siteImage.height, caption: siteImage.alt },
    author: organization,
    publisher: organization,
    ...(article.tags.length > 0 ? { keywords: article.tags.map((tag) => tag.name) } : {}),
    ...translationLink,
  };
  return <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: scriptSafeJson(data) }} />;
}
