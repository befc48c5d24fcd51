import { defineConfig } from 'prisma/config';

// Prisma's CLI insists on a schema-engine binary before `generate`, `validate` and `format`, even
// though they never run it, and downloading one fails on offline machines. Any executable file
// satisfies the check; a real engine configured by the environment still wins. Migrations are
// applied by the app itself (src/db/migrator.ts), so the engine is never needed here.
process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= process.execPath;

export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  datasource: {
    // Only `prisma migrate` (where the engine can be downloaded) reads this.
    url: process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/connect_invites',
  },
});
