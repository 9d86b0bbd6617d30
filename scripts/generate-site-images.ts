import { mkdirSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { routing } from '@/i18n/routing';
import { SITE_IDENTITY, siteTexts, type SiteImage } from '@/lib/site-identity';
import { escapeXml } from '@/lib/xml';

/*
 * Draws the site's logo and share image (lib/site-identity.ts) as SVG and
 * renders them to PNG, the format every link preview and search engine
 * reads. The PNGs are committed in public/site/; run `npm run site-images`
 * after changing the identity.
 */

const ROOT = path.resolve(import.meta.dirname, '..');
const { brandColor } = SITE_IDENTITY;

// The mark of app/icon.svg, drawn on a 32-unit grid.
const MARK = '<path d="M9 23V9h3l8 9.5V9h3v14h-3l-8-9.5V23z" fill="#fff"/>';

function logoSvg({ width, height }: SiteImage): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 32 32"><rect width="32" height="32" fill="${brandColor}"/>${MARK}</svg>`;
}

function shareSvg({ width, height }: SiteImage): string {
  const { shortName } = siteTexts(routing.defaultLocale);
  const other = routing.locales.filter((locale) => locale !== routing.defaultLocale).map((locale) => siteTexts(locale).shortName);
  const lines = [shortName, ...other].map(
    (text, index) =>
      `<text x="96" y="${430 + index * 64}" font-family="DejaVu Serif, serif" font-weight="${index === 0 ? 700 : 400}" font-size="${index === 0 ? 52 : 36}" fill="#fff">${escapeXml(text)}</text>`,
  );
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">` +
    `<rect width="${width}" height="${height}" fill="${brandColor}"/>` +
    `<rect x="0" y="${height - 24}" width="${width}" height="24" fill="#fff" opacity="0.25"/>` +
    `<g transform="translate(96 96) scale(7.5)"><rect width="32" height="32" rx="6" fill="#fff" opacity="0.15"/>${MARK}</g>` +
    lines.join('') +
    '</svg>'
  );
}

async function render(svg: string, image: SiteImage): Promise<void> {
  const file = path.join(ROOT, 'public', image.path);
  mkdirSync(path.dirname(file), { recursive: true });
  await sharp(Buffer.from(svg)).resize(image.width, image.height).png({ compressionLevel: 9, palette: true }).toFile(file);
  console.log(`${path.relative(ROOT, file)}: ${image.width}×${image.height}`);
}

await render(logoSvg(SITE_IDENTITY.logo), SITE_IDENTITY.logo);
await render(shareSvg(SITE_IDENTITY.shareImage), SITE_IDENTITY.shareImage);
