import { forbidden } from 'next/navigation';

/** Where refused desk forms lead (lib/desk/session.ts requireDeskAction): the desk's 403 page, app/redaktion/forbidden.tsx. */
export default function RefusedPage(): never {
  forbidden();
}
