import pg from 'pg';
import { getPage, header, sleep } from '../lib/http';
import { revalidateArticles } from '../lib/portal-api';
import { median } from '../lib/stats';

/*
 * Database statements per article render, counted in PostgreSQL's own log:
 * the benchmark server logs every statement (log_statement = all, switched
 * on with ALTER SYSTEM for this measurement only), the article's cache tag is
 * revalidated, the page is requested once (a blocking render), and the
 * statements logged meanwhile are counted. The scheduler's own statement
 * (announcing due articles every 10 s) is left out when it happens to fall
 * into the window.
 */

export type QueriesPerRenderResult = {
  method: string;
  perRender: number;
  samples: { path: string; cache: string; statements: number }[];
  /** The statements of one render, as PostgreSQL logged them. */
  example: string[];
};

const STATEMENT_LINE = /LOG:\s+(?:statement|execute [^:]*):\s+(.*)$/;
const SCHEDULER = /^UPDATE "article" SET "announced_at"/;
const APPLICATION = 'portal-bench';

export function statementsIn(log: string): string[] {
  return log
    .split('\n')
    .filter((line) => !line.includes(`app=${APPLICATION} `))
    .map((line) => STATEMENT_LINE.exec(line)?.[1]?.trim())
    .filter((statement): statement is string => statement !== undefined && !SCHEDULER.test(statement));
}

export async function measureQueriesPerRender(options: {
  origin: string;
  databaseUrl: string;
  pages: readonly { path: string; articleId: number }[];
  logCapture: { start: () => void; stop: () => string };
}): Promise<QueriesPerRenderResult> {
  const client = new pg.Client({ connectionString: options.databaseUrl, application_name: APPLICATION });
  await client.connect();
  const samples: QueriesPerRenderResult['samples'] = [];
  const examples: string[][] = [];
  try {
    await client.query(`ALTER SYSTEM SET log_statement = 'all'`);
    await client.query(`ALTER SYSTEM SET log_line_prefix = '%m [%p] app=%a '`);
    await client.query('SELECT pg_reload_conf()');
    await sleep(500);
    for (const page of options.pages) {
      await revalidateArticles(options.origin, [page.articleId]);
      await sleep(200);
      options.logCapture.start();
      const response = await getPage(`${options.origin}${page.path}`);
      // Log lines arrive through PostgreSQL's stderr a moment after the statements ran.
      await sleep(500);
      const statements = statementsIn(options.logCapture.stop());
      if (response.status !== 200) throw new Error(`${page.path} answered ${response.status}`);
      samples.push({ path: page.path, cache: header(response.headers, 'x-nextjs-cache') || '(none)', statements: statements.length });
      examples.push(statements);
    }
  } finally {
    await client.query('ALTER SYSTEM RESET log_statement');
    await client.query('ALTER SYSTEM RESET log_line_prefix');
    await client.query('SELECT pg_reload_conf()');
    await client.end();
  }
  const perRender = median(samples.map((sample) => sample.statements));
  const example = examples.find((statements) => statements.length === perRender) ?? examples[0] ?? [];
  return {
    method:
      'PostgreSQL log_statement = all on the benchmark database; statements logged while one article page rendered after its cache tag was revalidated (median of the samples)',
    perRender,
    samples,
    example: example.map((statement) => (statement.length > 300 ? `${statement.slice(0, 300)}…` : statement)),
  };
}
