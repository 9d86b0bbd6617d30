import { defineConfig } from 'prisma/config';

// Only the CLI reads this file; the app connects through lib/db.ts.
export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  datasource: { url: process.env.DATABASE_URL ?? 'postgresql://localhost:5432/news_portal' },
});
