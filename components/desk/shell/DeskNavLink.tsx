'use client';

import { usePathname } from 'next/navigation';

/** A navigation link that tells assistive technology when it is the page shown (rendered on the server too). */
export function DeskNavLink({ href, children, exact = false }: { href: string; children: React.ReactNode; exact?: boolean }) {
  const pathname = usePathname();
  const current = exact ? pathname === href : pathname === href || pathname.startsWith(`${href}/`);
  return (
    <a href={href} aria-current={current ? 'page' : undefined} className="rounded px-2 py-1 underline-offset-4 hover:underline aria-[current=page]:font-bold aria-[current=page]:underline">
      {children}
    </a>
  );
}
