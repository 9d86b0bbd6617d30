import type { PrismaClient } from '@/lib/generated/prisma/client';
import { matchPathname } from '@/i18n/navigation';
import { isPossibleSlug } from '@/lib/content/slug-rules';

/**
 * Whether a URL that answered 404 belongs to a withdrawn article, which must
 * answer 410 Gone instead (Next.js pages cannot choose that status).
 */
export async function isWithdrawnArticleUrl(prisma: PrismaClient, url: string | undefined): Promise<boolean> {
  return (await withdrawnArticleAt(prisma, url)) !== null;
}

/** The withdrawn article a URL belonged to, with the reason readers see on its 410 page (in the URL's language); null when none. */
export async function withdrawnArticleAt(prisma: PrismaClient, url: string | undefined): Promise<{ reason: string | null } | null> {
  const path = (url ?? '').split('?')[0] ?? '';
  const match = matchPathname(path);
  if (match?.pathname !== '/article/[slug]') return null;
  const { locale } = match;
  const slug = match.params.slug ?? '';
  if (!isPossibleSlug(slug)) return null;
  const withdrawn = { withdrawnAt: { not: null } };
  const found = await prisma.article.findFirst({
    where: {
      ...withdrawn,
      OR: [{ translations: { some: { locale, slug } } }, { oldSlugs: { some: { locale, slug } } }],
    },
    select: { translations: { select: { locale: true, withdrawnReason: true } } },
  });
  if (!found) return null;
  const reasons = found.translations;
  return { reason: (reasons.find((t) => t.locale === locale) ?? reasons.find((t) => t.withdrawnReason))?.withdrawnReason ?? null };
}
