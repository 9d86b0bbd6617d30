/*
 * The framework's floor for pages rendered on every request, as the portal's
 * search is: a minimal page under `next start` that reads the query string,
 * measured with the same queries and connections as the search.
 */
export const dynamic = 'force-dynamic';

export default async function Page({ searchParams }: { searchParams: Promise<{ q?: string | string[] }> }) {
  const { q } = await searchParams;
  return (
    <main>
      <h1>Rendered per request</h1>
      <p>Query: {typeof q === 'string' ? q : '(none)'}</p>
    </main>
  );
}
