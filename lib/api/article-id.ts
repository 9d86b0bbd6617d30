/** The numeric id in `/api/articles/<id>`, or null for anything else. */
export function parseArticleId(value: string): number | null {
  return /^[1-9][0-9]{0,9}$/.test(value) && Number(value) <= 2_147_483_647 ? Number(value) : null;
}
