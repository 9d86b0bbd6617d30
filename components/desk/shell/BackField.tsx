'use client';

import { usePathname } from 'next/navigation';

/** The page a shell form (language switch) was sent from, to come back to it afterwards. */
export function BackField() {
  return <input type="hidden" name="back" value={usePathname()} />;
}
