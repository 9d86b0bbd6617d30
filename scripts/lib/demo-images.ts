import sharp from 'sharp';

/*
 * Paints the demo pictures as SVG and encodes them as JPEG, so the project
 * ships no binary images and downloads nothing.
 */

export type DemoImage = { id: string; width: number; height: number; hue: number; motif: 'circles' | 'stripes' | 'waves' | 'grid' };

function motifShapes(image: DemoImage): string {
  const { width: w, height: h, hue } = image;
  const shade = (lightness: number, alpha = 0.5) => `hsla(${hue}, 55%, ${lightness}%, ${alpha})`;
  const shapes: string[] = [];
  for (let i = 0; i < 9; i += 1) {
    const t = i / 8;
    switch (image.motif) {
      case 'circles':
        shapes.push(`<circle cx="${(w * (0.15 + 0.7 * t)).toFixed(0)}" cy="${(h * (0.3 + 0.4 * Math.sin(i))).toFixed(0)}" r="${(h * (0.08 + 0.05 * (i % 3))).toFixed(0)}" fill="${shade(70 - i * 3)}"/>`);
        break;
      case 'stripes':
        shapes.push(`<rect x="${(w * t).toFixed(0)}" y="0" width="${(w / 18).toFixed(0)}" height="${h}" fill="${shade(75 - i * 4, 0.35)}" transform="skewX(-15)"/>`);
        break;
      case 'waves': {
        const y = h * (0.2 + 0.08 * i);
        shapes.push(`<path d="M0 ${y.toFixed(0)} Q ${w / 4} ${(y - h * 0.1).toFixed(0)} ${w / 2} ${y.toFixed(0)} T ${w} ${y.toFixed(0)} V ${h} H 0 Z" fill="${shade(80 - i * 5, 0.25)}"/>`);
        break;
      }
      case 'grid':
        for (let j = 0; j < 5; j += 1) {
          shapes.push(`<rect x="${(w * (0.05 + 0.1 * i)).toFixed(0)}" y="${(h * (0.1 + 0.17 * j)).toFixed(0)}" width="${(w * 0.07).toFixed(0)}" height="${(h * 0.12).toFixed(0)}" rx="8" fill="${shade(60 + ((i + j) % 4) * 8, 0.55)}"/>`);
        }
        break;
    }
  }
  return shapes.join('');
}

export async function renderDemoImage(image: DemoImage): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${image.width}" height="${image.height}">
  <defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1">
    <stop offset="0" stop-color="hsl(${image.hue}, 60%, 30%)"/>
    <stop offset="1" stop-color="hsl(${(image.hue + 40) % 360}, 50%, 55%)"/>
  </linearGradient></defs>
  <rect width="100%" height="100%" fill="url(#g)"/>${motifShapes(image)}</svg>`;
  return sharp(Buffer.from(svg)).jpeg({ quality: 82, mozjpeg: true }).toBuffer();
}
