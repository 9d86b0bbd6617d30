'use client';

import { useState, useSyncExternalStore } from 'react';

export type ShareActionLabels = { copyLink: string; copied: string; copyFailed: string; share: string };

type CopyState = 'idle' | 'copied' | 'failed';

const neverChanges = () => () => {};

/**
 * Reads a browser capability once hydrated; the server and the hydrating
 * render both see `false`, so the HTML matches and the buttons appear only
 * where they work.
 */
function useBrowserCan(check: () => boolean): boolean {
  return useSyncExternalStore(neverChanges, check, () => false);
}

const canCopy = () => typeof navigator.clipboard?.writeText === 'function';
const canShare = () => typeof navigator.share === 'function';

/** Copy-link and system-share buttons; without JavaScript the block stays hidden and the plain share links remain. */
export function ShareActions({ url, title, labels }: { url: string; title: string; labels: ShareActionLabels }) {
  const copyAvailable = useBrowserCan(canCopy);
  const shareAvailable = useBrowserCan(canShare);
  const [copyState, setCopyState] = useState<CopyState>('idle');

  async function copyLink() {
    try {
      await navigator.clipboard.writeText(url);
      setCopyState('copied');
    } catch {
      setCopyState('failed');
    }
  }

  async function share() {
    try {
      await navigator.share({ title, url });
    } catch {
      // The reader closed the share sheet; nothing to report.
    }
  }

  const buttonClass = 'rounded border border-line px-3 py-1 font-semibold hover:bg-panel';
  return (
    <div hidden={!copyAvailable && !shareAvailable} className="mt-4">
      <div className="flex flex-wrap gap-2">
        {copyAvailable && (
          <button type="button" onClick={copyLink} className={buttonClass}>
            {labels.copyLink}
          </button>
        )}
        {shareAvailable && (
          <button type="button" onClick={share} className={buttonClass}>
            {labels.share}
          </button>
        )}
      </div>
      <p aria-live="polite" className="mt-2 text-sm">
        {copyState === 'copied' ? labels.copied : copyState === 'failed' ? labels.copyFailed : null}
      </p>
    </div>
  );
}
