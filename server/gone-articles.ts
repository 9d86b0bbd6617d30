import type { PrismaClient } from '@/lib/generated/prisma/client';

const ARTICLE_PATH = /^\/(de)\/artikel\/([a-z0-9-]{1,160})$|^\/(en)\/article\/([a-z0-9-]{1,160})$/;

/**
 * Whether a URL that answered 404 belongs to a withdrawn article, which must
 * answer 410 Gone instead (Next.js pages cannot choose that status).
 */
export async function isWithdrawnArticleUrl(prisma: PrismaClient, url: string | undefined): Promise<boolean> {
  const path = (url ?? '').split('?')[0] ?? '';
  const match = ARTICLE_PATH.exec(path);
  if (!match) return false;
  const locale = (match[1] ?? match[3]) as 'de' | 'en';
  const slug = match[2] ?? match[4] ?? '';
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
