import { existsSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { defineConfig } from 'prisma/config';

// Prisma's CLI wants a schema-engine binary before `generate`, `validate`, `format` and `version`
// too, though they never run it (version only asks its version), and downloads one when none is
// installed: on a machine that reaches only the npm registry, that fails and so would `npm install`
// (its postinstall runs `prisma generate`). For those commands alone, and only while no real engine
// is installed, any executable file satisfies the check. Every other command (`migrate deploy`,
// `migrate status`, `db ...`) gets Prisma's real engine: the installed one, or Prisma's download.
// An engine named in the environment always wins.
const ENGINELESS_COMMANDS = new Set(['generate', 'validate', 'format', 'version']);
if (runsNoEngine(process.argv.slice(2)) && !realEngineInstalled()) process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= process.execPath;

export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  datasource: {
    // Only `prisma migrate` and `prisma db` read this; the app reads DATABASE_URL itself.
    url: process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/connect_invites',
  },
});

/** `prisma [--config file] <command> ...`, or `prisma -v`. */
function runsNoEngine(args: string[]): boolean {
  if (args.includes('-v') || args.includes('--version')) return true;
  const command = args.find((arg, i) => !arg.startsWith('-') && args[i - 1] !== '--config');
  return command !== undefined && ENGINELESS_COMMANDS.has(command);
}

/** Whether a schema-engine-<platform> is where the CLI looks: @prisma/engines (where its
 * download goes), then the prisma package and the node_modules holding it. */
function realEngineInstalled(): boolean {
  const require = createRequire(import.meta.url);
  const prisma = path.dirname(require.resolve('prisma/package.json'));
  const engines = path.dirname(createRequire(path.join(prisma, 'package.json')).resolve('@prisma/engines/package.json'));
  return [engines, prisma, path.dirname(prisma)].some(
    (dir) => existsSync(dir) && readdirSync(dir).some((name) => name.startsWith('schema-engine-')),
  );
}
