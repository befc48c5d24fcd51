// `npm test`: builds the app (as `npm start` runs it), then runs every test/**/*.test.ts with
// node's test runner against real PostgreSQL:
// the server in DATABASE_URL, or an embedded one started here (and removed afterwards).
// Each test file creates its own database on that server. Files run one at a time: the load and
// throughput tests measure the app against Slack's 3-second limit and must not share the 2 cores.
// Extra arguments are passed to node --test (for example a single file to run).
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { startEmbeddedPostgres } from '../src/db/embedded.js';

const root = path.resolve(import.meta.dirname, '..');
const args = process.argv.slice(2);
const files = args.some((a) => a.endsWith('.ts')) ? [] : findTests(path.join(root, 'test'));

// The process tests run the app as `npm start` does, from its build: build what is tested.
execFileSync(process.execPath, [path.join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' });

let adminUrl = process.env.DATABASE_URL;
let cleanup = async () => {};
if (!adminUrl) {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'connect-invites-test-db-'));
  const embedded = await startEmbeddedPostgres({ dataDir, database: 'postgres', logger: pino({ level: 'warn' }) });
  adminUrl = embedded.url;
  cleanup = async () => {
    await embedded.stop();
    rmSync(dataDir, { recursive: true, force: true });
  };
  process.stdout.write(`Tests use an embedded PostgreSQL (set DATABASE_URL to use your own server).\n`);
}

const child = spawn(
  process.execPath,
  ['--import', 'tsx', '--test', '--test-concurrency=1', '--test-timeout=120000', ...args, ...files],
  { cwd: root, stdio: 'inherit', env: { ...process.env, TEST_DATABASE_URL: adminUrl } },
);
const forward = (signal: NodeJS.Signals) => child.kill(signal);
process.on('SIGINT', forward);
process.on('SIGTERM', forward);
const code: number = await new Promise((resolve) => child.on('exit', (c, signal) => resolve(c ?? (signal ? 1 : 0))));
await cleanup();
process.exit(code);

function findTests(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.test.ts'))
    .map((e) => path.relative(root, path.join(e.parentPath, e.name)))
    .sort();
}
