'use client';

import { useDeferredValue, useState } from 'react';
import { ArticleBody } from '@/components/article/ArticleBody';
import { markdownToBody } from '@/lib/content/markdown-to-body';
import type { ArticleBody as Body } from '@/lib/content/body-schema';
import { INPUT } from '@/components/desk/editor/field-styles';

type MarkdownFieldProps = {
  id: string;
  name: string;
  lang: string;
  defaultValue: string;
  describedBy?: string;
  invalid: boolean;
  labels: { preview: string; previewEmpty: string; previewFailed: string; quoteBy: string };
};

function render(markdown: string): Body | null {
  try {
    return markdownToBody(markdown);
  } catch {
    return null;
  }
}

/**
 * The body's Markdown with a live preview drawn by the public page's own
 * renderer from the same conversion the save uses. Without JavaScript the
 * textarea alone is served and saved as a plain form field.
 */
export function MarkdownField({ id, name, lang, defaultValue, describedBy, invalid, labels }: MarkdownFieldProps) {
  const [markdown, setMarkdown] = useState(defaultValue);
  const deferred = useDeferredValue(markdown);
  const body = render(deferred);
  return (
    <>
      <textarea
        id={id}
        name={name}
        lang={lang}
        rows={16}
        defaultValue={defaultValue}
        onChange={(event) => setMarkdown(event.target.value)}
        aria-invalid={invalid || undefined}
        aria-describedby={describedBy}
        className={`${INPUT} font-mono text-sm`}
      />
      <section aria-label={labels.preview} lang={lang} className="mt-3 rounded border border-muted p-4">
        <p className="mb-2 text-sm font-semibold text-muted" aria-hidden="true">
          {labels.preview}
        </p>
        {body === null ? (
          <p>{labels.previewFailed}</p>
        ) : body.length === 0 ? (
          <p className="text-muted">{labels.previewEmpty}</p>
        ) : (
          <ArticleBody body={body} quoteLabel={(speaker) => labels.quoteBy.replace('{speaker}', speaker)} />
        )}
      </section>
    </>
  );
}
