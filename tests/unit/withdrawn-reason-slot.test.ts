import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { fillWithdrawnReason, WITHDRAWN_REASON_PLACEHOLDER } from '@/lib/content/withdrawn-reason-slot';

/** The slot as components/article/WithdrawnReason.tsx renders it (its label comes from messages there). */
const page = renderToStaticMarkup(
  createElement('main', null, [
    createElement('h1', { key: 'h' }, 'Dieser Beitrag ist nicht mehr verfügbar'),
    createElement('p', { key: 'p', 'data-withdrawn-reason': '', className: 'x' }, [
      createElement('strong', { key: 's' }, 'Begründung der Redaktion:'),
      ' ',
      createElement('span', { key: 'r' }, WITHDRAWN_REASON_PLACEHOLDER),
    ]),
  ]),
);

describe('the reason slot of the 410 page', () => {
  it('is filled with the reason, escaped', () => {
    const filled = fillWithdrawnReason(page, 'Zahlen <b>falsch</b> & "veraltet"');
    expect(filled).toContain('<span>Zahlen &#60;b&#62;falsch&#60;/b&#62; &#38; &#34;veraltet&#34;</span>');
    expect(filled).not.toContain(WITHDRAWN_REASON_PLACEHOLDER);
  });

  it('is removed when there is no reason', () => {
    const filled = fillWithdrawnReason(page, null);
    expect(filled).toBe('<main><h1>Dieser Beitrag ist nicht mehr verfügbar</h1></main>');
  });
});
