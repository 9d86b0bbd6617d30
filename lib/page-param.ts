/** Parses the page number of a listing URL; null for anything that is not 2, 3, … (page 1 has no number). */
export function parsePageParam(value: string): number | null {
  if (!/^[1-9][0-9]{0,5}$/.test(value)) return null;
  const page = Number(value);
  return page >= 2 ? page : null;
}
