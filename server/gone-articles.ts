import type { PrismaClient } from '@/lib/generated/prisma/client';
import { matchPathname } from '@/i18n/navigation';
import { isPossibleSlug } from '@/lib/content/slug-rules';

/**
 * Whether a URL that answered 404 belongs to a withdrawn article, which must
 * answer 410 Gone instead (Next.js pages cannot choose that status).
 */
export async function isWithdrawnArticleUrl(prisma: PrismaClient, url: string | undefined): Promise<boolean> {
  const path = (url ?? '').split('?')[0] ?? '';
  const match = matchPathname(path);
  if (match?.pathname !== '/article/[slug]') return false;
  const { locale } = match;
  const slug = match.params.slug ?? '';
  if (!isPossibleSlug(slug)) return false;
  const withdrawn = { withdrawnAt: { not: null } };
  const found = await prisma.article.findFirst({
    where: {
      ...withdrawn,
      OR: [{ translations: { some: { locale, slug } } }, { oldSlugs: { some: { locale, slug } } }],
    },
    select: { id: true },
  });
  return found !== null;
}
