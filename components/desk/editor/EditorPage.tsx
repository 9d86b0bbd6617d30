import { NextIntlClientProvider } from 'next-intl';
import { getMessages, getTranslations } from 'next-intl/server';
import { saveArticleAction } from '@/app/redaktion/artikel/actions';
import { ArticleEditor } from '@/components/desk/editor/ArticleEditor';
import { CsrfField } from '@/components/desk/shell/CsrfField';
import { articleTypeByName } from '@/lib/content/article-input';
import type { DeskEditorUser } from '@/lib/desk/editor/desk-editor-user';
import type { EditorArticle, PickableTag } from '@/lib/desk/editor/editor-reads';
import { editorValuesFromArticle, emptyEditorValues } from '@/lib/desk/editor/editor-values';
import { MAX_IMAGE_PIXELS, MAX_UPLOAD_BYTES } from '@/lib/media/accept-upload';
import { mediaUrl } from '@/lib/media/urls';

type EditorPageProps = { user: DeskEditorUser; stored: EditorArticle | null; tags: PickableTag[]; permalink: string };

/** The editing form for a new or stored article, with the texts its client parts need. */
export async function EditorPage({ user, stored, tags, permalink }: EditorPageProps) {
  const messages = await getMessages({ locale: user.locale });
  const typeText = await getTranslations({ locale: user.locale, namespace: 'ArticleType' });
  const article = stored?.article ?? null;
  const values = article && stored ? editorValuesFromArticle(article, stored.version) : emptyEditorValues();
  const isPublished = stored?.phase === 'published';
  const action = saveArticleAction.bind(null, article?.id ?? null);
  return (
    <NextIntlClientProvider locale={user.locale} messages={{ DeskEditor: messages.DeskEditor }}>
      <ArticleEditor
        action={action}
        permalink={permalink}
        values={values}
        canPublish={user.mayPublish}
        isPublished={isPublished}
        tags={tags}
        types={Object.keys(articleTypeByName).map((value) => ({ value, label: typeText(articleTypeByName[value as keyof typeof articleTypeByName]) }))}
        image={article?.image && stored?.image ? { src: mediaUrl(article.image.mediaId, 480), ...stored.image } : null}
        maxUploadMegabytes={Math.round(MAX_UPLOAD_BYTES / 1024 / 1024)}
        maxUploadMegapixels={MAX_IMAGE_PIXELS / 1e6}
        csrfField={<CsrfField />}
      />
    </NextIntlClientProvider>
  );
}
