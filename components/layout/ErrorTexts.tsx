'use client';

import { createContext, useContext, type ReactNode } from 'react';

/*
 * The error boundary (app/[locale]/error.tsx) is a client component and the
 * only one that needs translated texts of its own. The layout hands them
 * over already translated, as plain strings, so the page does not ship
 * next-intl's client-side message formatter (≈ 12 KB) to every reader.
 */

export type ErrorTexts = {
  heading: string;
  text: string;
  retry: string;
  home: string;
  homeHref: string;
  /** The reference line with `{digest}` left in place: the digest is known only when an error happens. */
  reference: string;
};

const ErrorTextsContext = createContext<ErrorTexts | null>(null);

export function ErrorTextsProvider({ texts, children }: { texts: ErrorTexts; children: ReactNode }) {
  return <ErrorTextsContext.Provider value={texts}>{children}</ErrorTextsContext.Provider>;
}

export function useErrorTexts(): ErrorTexts {
  const texts = useContext(ErrorTextsContext);
  if (!texts) throw new Error('useErrorTexts needs an ErrorTextsProvider (see app/[locale]/layout.tsx)');
  return texts;
}
