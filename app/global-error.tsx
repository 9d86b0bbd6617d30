'use client';

import './globals.css';
import { otherLocale, routing } from '@/i18n/routing';

/*
 * Last resort when even the page frame fails. It cannot know the reader's
 * language for sure, so it speaks both, and it shows no technical details.
 */
export default function GlobalError() {
  return (
    <html lang={routing.defaultLocale}>
      <body className="font-sans">
        <main className="mx-auto max-w-3xl px-4 py-12">
          <h1 className="text-2xl font-bold">Die Seite ist gerade nicht erreichbar</h1>
          <p className="mt-2">Bitte versuchen Sie es in einigen Augenblicken erneut.</p>
          <div lang={otherLocale(routing.defaultLocale)} className="mt-8">
            <h2 className="text-2xl font-bold">This page is temporarily unavailable</h2>
            <p className="mt-2">Please try again in a few moments.</p>
          </div>
          <p className="mt-8">
            <a href="/">Startseite / Home page</a>
          </p>
        </main>
      </body>
    </html>
  );
}
