/*
 * The framework's floor for the benchmark: one page, rendered once and then
 * answered from the ISR cache by `next start`, with nothing of the portal in it.
 */
export const revalidate = 60;

export default function Page() {
  return (
    <main>
      <h1>Baseline</h1>
      <p>Rendered at {new Date().toISOString()}.</p>
    </main>
  );
}
