import { notFound } from 'next/navigation';

/** Unknown desk addresses get the desk's 404 inside its own layout, not the readers' page. */
export default function UnknownDeskPage(): never {
  notFound();
}
