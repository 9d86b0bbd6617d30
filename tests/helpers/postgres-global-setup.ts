import type { TestProject } from 'vitest/node';
import { startTestPostgres } from './test-postgres';

declare module 'vitest' {
  export interface ProvidedContext {
    postgresAdminUrl: string;
  }
}

/** One PostgreSQL server for all integration tests; each test file makes its own database on it. */
export default async function setup(project: TestProject) {
  const server = await startTestPostgres();
  project.provide('postgresAdminUrl', server.adminUrl);
  return () => server.stop();
}
