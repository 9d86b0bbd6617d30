import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { routing } from '@/i18n/routing';

/*
 * i18n/ is the only place that knows the languages and the localized path
 * segments (STYLE.md, "URLs"): everything else asks i18n/navigation.ts. This
 * reads every source and configuration file outside i18n/ and messages/
 * (tests and demo content aside) for a segment or a locale written again.
 */

const ROOT = path.resolve(import.meta.dirname, '..', '..');
// bench/baseline-next is a bare Next.js app the benchmark compares the portal with.
const SKIPPED_DIRS = new Set(['node_modules', '.git', 'i18n', 'messages', 'tests', 'content', 'docs', 'generated', 'public', 'baseline-next']);
const SOURCE = /\.(ts|tsx|mts|mjs|js|template|conf)$/;
// Demo content and its generator are written in the two languages on purpose.
const DEMO_FILES = new Set(['scripts/lib/seed-demo.ts', 'scripts/lib/generate-archive.ts', 'scripts/lib/demo-images.ts']);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    // Dot folders hold builds and bundles (.next, .portal-server), not sources.
    if (name.startsWith('.') || SKIPPED_DIRS.has(name)) return [];
    if (statSync(full).isDirectory()) return sourceFiles(full);
    const relative = path.relative(ROOT, full);
    return SOURCE.test(name) && !DEMO_FILES.has(relative) && !name.endsWith('.d.ts') ? [relative] : [];
  });
}

const segmentsOf = (template: string) => template.split('/').filter((part) => part !== '' && !part.startsWith('['));
const internalSegments = new Set(Object.keys(routing.pathnames).flatMap(segmentsOf));
// Segments readers see that are not also the name of an internal route: `artikel`, `easy-german` …
const localizedSegments = [
  ...new Set(
    Object.values(routing.pathnames).flatMap((localized) =>
      typeof localized === 'string' ? [] : Object.values(localized).flatMap(segmentsOf),
    ),
  ),
].filter((segment) => !internalSegments.has(segment));

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const segmentPattern = new RegExp(`(?<![\\w-])(${localizedSegments.map(escape).join('|')})(?![\\w-])`);
const locales = routing.locales.map(escape).join('|');
// A language written as a string ('de'), or as the first segment of a path (/en/article).
const localePattern = new RegExp(`(['"\`])(${locales})\\1|/(${locales})/[a-z]`);

// Next.js's names of routes (their folders) and imports of route modules are not URLs readers see.
const ROUTE_NAME = /(PageProps|LayoutProps|RouteContext)<'|from '@\/app\//;

function findings(pattern: RegExp): string[] {
  return sourceFiles(ROOT).flatMap((file) =>
    readFileSync(path.join(ROOT, file), 'utf8')
      .split('\n')
      .flatMap((line, index) => (pattern.test(line) && !ROUTE_NAME.test(line) ? [`${file}:${index + 1}: ${line.trim()}`] : [])),
  );
}

describe('i18n/ is the one home of locales and localized URLs', () => {
  it('knows the localized segments it guards', () => {
    expect(localizedSegments).toEqual(expect.arrayContaining(['artikel', 'schlagwort', 'seite', 'reden', 'easy-german']));
  });

  it('no localized path segment is written outside i18n/ and messages/', () => {
    expect(findings(segmentPattern)).toEqual([]);
  });

  it('no locale is written as a literal outside i18n/ and messages/', () => {
    expect(findings(localePattern)).toEqual([]);
  });
});
