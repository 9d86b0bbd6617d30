import { describe, expect, it } from 'vitest';
import { fillWithdrawnReason, WITHDRAWN_REASON_PLACEHOLDER } from '@/lib/content/withdrawn-reason-slot';

/** The slot as components/article/WithdrawnReason.tsx renders it, and the page's payload script that also names it. */
const slot = `<p data-withdrawn-reason="" hidden="" class="mt-4"><strong>Begründung der Redaktion:</strong> <span>${WITHDRAWN_REASON_PLACEHOLDER}</span></p>`;
const script = `<script>self.__next_f.push([1,"${WITHDRAWN_REASON_PLACEHOLDER} data-withdrawn-reason"])</script>`;
const page = `<main><h1>Dieser Beitrag ist nicht mehr verfügbar</h1>${slot}</main>${script}`;

describe('the reason slot of the 410 page', () => {
  it('is shown and filled with the reason, escaped, leaving scripts as built', () => {
    const filled = fillWithdrawnReason(page, 'Zahlen <b>falsch</b> & "veraltet" \\u');
    expect(filled).toBe(
      '<main><h1>Dieser Beitrag ist nicht mehr verfügbar</h1><p data-withdrawn-reason="" class="mt-4"><strong>Begründung der Redaktion:</strong> ' +
        `<span>Zahlen &#60;b&#62;falsch&#60;/b&#62; &#38; &#34;veraltet&#34; &#92;u</span></p></main>${script}`,
    );
  });

  it('stays hidden and is emptied when there is no reason', () => {
    expect(fillWithdrawnReason(page, null)).toBe(`<main><h1>Dieser Beitrag ist nicht mehr verfügbar</h1><p data-withdrawn-reason="" hidden="" class="mt-4"></p></main>${script}`);
  });
});
