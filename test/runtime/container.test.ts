// The Dockerfile and compose.yaml, checked without Docker (no image registry here): their stages,
// user, probe, command and settings agree with the app they package, and the files the runtime
// stage copies are enough to run the app.
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { DEFAULT_MIGRATIONS_DIR, readMigrations } from '../../src/db/migrator.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { FakeSlack } from '../helpers/fake-slack.js';
import { spawnApp } from '../helpers/process.js';
import { newSigningSecret } from '../helpers/signing.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const read = (file: string) => readFileSync(path.join(ROOT, file), 'utf8');
const packageJson = JSON.parse(read('package.json')) as { engines: { node: string }; scripts: Record<string, string> };
const configSource = read('src/config.ts');

interface Instruction {
  keyword: string;
  args: string;
}
/** The Dockerfile's instructions by stage, continuation lines joined, comments dropped. */
function stages(text: string): Map<string, Instruction[]> {
  const lines = text.replace(/\\\n/g, ' ').split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
  const result = new Map<string, Instruction[]>();
  let current: Instruction[] | undefined;
  for (const line of lines) {
    const [, keyword, args] = /^(\S+)\s+(.*)$/.exec(line)!;
    if (keyword!.toUpperCase() === 'FROM') {
      const name = / AS (\S+)$/i.exec(args!)?.[1];
      assert.ok(name, `every stage is named: ${line}`);
      result.set(name, (current = [{ keyword: 'FROM', args: args! }]));
    } else {
      assert.ok(current, `${line} comes after a FROM`);
      current.push({ keyword: keyword!.toUpperCase(), args: args! });
    }
  }
  return result;
}
const dockerfile = stages(read('Dockerfile'));
const build = dockerfile.get('build')!;
const runtime = dockerfile.get('runtime')!;
const all = (stage: Instruction[], keyword: string) => stage.filter((i) => i.keyword === keyword).map((i) => i.args);
const one = (stage: Instruction[], keyword: string) => {
  const found = all(stage, keyword);
  assert.equal(found.length, 1, `one ${keyword}`);
  return found[0]!;
};

/** Whether an engines range of `^M.m.p` and `>=M.m.p` alternatives admits the newest releases of major `major`. */
function enginesAllowMajor(range: string, major: number): boolean {
  return range.split('||').some((alternative) => {
    const [, op, first] = /^\s*(\^|>=)(\d+)\./.exec(alternative) ?? [];
    assert.ok(op, `an alternative of the form ^M.m.p or >=M.m.p: ${alternative}`);
    return op === '^' ? Number(first) === major : major >= Number(first);
  });
}

/** compose.yaml's `environment:` keys for a service (the file keeps to two-space block style). */
function composeEnvironment(text: string, service: string): string[] {
  const lines = text.split('\n');
  const start = lines.findIndex((l) => l === `  ${service}:`);
  assert.ok(start >= 0, `service ${service}`);
  const end = lines.findIndex((l, i) => i > start && /^ {2}\S/.test(l));
  const body = lines.slice(start + 1, end < 0 ? undefined : end);
  const env = body.findIndex((l) => l === '    environment:');
  assert.ok(env >= 0, `${service} has an environment`);
  const keys: string[] = [];
  for (const line of body.slice(env + 1)) {
    if (!/^ {6}/.test(line)) break;
    const key = /^ {6}([A-Z_][A-Z0-9_]*):/.exec(line)?.[1];
    if (key) keys.push(key);
  }
  return keys;
}

describe('the Dockerfile', () => {
  it('builds in one stage and runs in another, both on a slim Node LTS image the app supports', () => {
    assert.deepEqual([...dockerfile.keys()], ['build', 'runtime']);
    for (const stage of [build, runtime]) {
      const image = /^node:(\d+)-\S*slim AS/.exec(stage[0]!.args);
      assert.ok(image, `a slim node image: ${stage[0]!.args}`);
      const major = Number(image[1]);
      assert.equal(major % 2, 0, 'an even major: an LTS line');
      assert.ok(enginesAllowMajor(packageJson.engines.node, major), `engines ${packageJson.engines.node} includes Node ${major}`);
    }
  });

  it('installs with npm ci (which generates the Prisma client), builds, and drops dev dependencies', () => {
    const runs = all(build, 'RUN').join(' && ');
    assert.match(runs, /\bnpm ci\b/);
    assert.equal(packageJson.scripts.postinstall, 'prisma generate', 'npm ci generates the client through the postinstall');
    assert.match(runs, /\bnpm run build\b/);
    assert.match(runs, /\bnpm prune --omit=dev\b/);
    // prisma generate needs the schema and prisma.config.ts before npm ci runs.
    const beforeCi = build.slice(0, build.findIndex((i) => i.keyword === 'RUN' && /npm ci/.test(i.args)));
    const copied = beforeCi.filter((i) => i.keyword === 'COPY').map((i) => i.args).join(' ');
    for (const file of ['package.json', 'package-lock.json', 'prisma.config.ts', 'prisma']) assert.ok(copied.split(/\s+/).includes(file), `${file} is copied before npm ci`);
  });

  it('runs as a non-root user, in production, with only the build output, dependencies and migrations', () => {
    const user = one(runtime, 'USER');
    assert.doesNotMatch(user, /^(root|0)(:|$)/);
    const userAt = runtime.findIndex((i) => i.keyword === 'USER');
    assert.ok(userAt < runtime.findIndex((i) => i.keyword === 'CMD'), 'USER comes before CMD');
    assert.match(all(runtime, 'ENV').join(' '), /\bNODE_ENV=production\b/);
    const copies = all(runtime, 'COPY');
    assert.ok(copies.every((c) => c.startsWith('--from=build ')), 'everything comes from the build stage');
    const sources = copies.map((c) => c.split(/\s+/).at(-2)!.replace(/^\/app\//, ''));
    assert.deepEqual(sources.sort(), ['dist', 'node_modules', 'package.json', 'prisma/migrations']);
    // Where the app looks for its migrations, relative to the app's root.
    assert.equal(path.relative(ROOT, DEFAULT_MIGRATIONS_DIR), 'prisma/migrations');
  });

  it('exposes the default port, probes liveness at /livez, and starts the app as npm start does', () => {
    const port = /PORT=(\d+)/.exec(all(runtime, 'ENV').join(' '))?.[1];
    assert.equal(one(runtime, 'EXPOSE'), port);
    assert.match(configSource, new RegExp(`value\\('PORT'\\) \\?\\? '${port}'`), 'the same default as src/config.ts');
    const healthcheck = one(runtime, 'HEALTHCHECK');
    assert.match(healthcheck, /CMD .*\/livez\b/);
    assert.doesNotMatch(healthcheck, /readyz|healthz/, 'a database outage must not fail the liveness check');
    const cmd = JSON.parse(one(runtime, 'CMD')) as string[];
    const start = packageJson.scripts.start!.split(/\s+/);
    assert.deepEqual(cmd, start);
  });

  it('gets the files it copies past .dockerignore, and never .env or local node_modules', () => {
    const ignored = read('.dockerignore').split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
    for (const kept of ['src', 'prisma', 'package.json', 'package-lock.json', 'prisma.config.ts', 'tsconfig.json', 'tsconfig.build.json']) {
      assert.ok(!ignored.includes(kept), `${kept} is not ignored`);
    }
    for (const secret of ['.env', 'node_modules', '.data', 'dist', 'src/generated']) assert.ok(ignored.includes(secret), `${secret} is ignored`);
  });
});

describe('the runtime stage\'s files', () => {
  let fake: FakeSlack;
  let db: TestDatabase;
  let dir: string;
  before(async () => {
    fake = await FakeSlack.start();
    fake.seedDefaultWorld();
    db = await createTestDatabase({ migrate: false });
    dir = mkdtempSync(path.join(tmpdir(), 'connect-invites-image-'));
    // What the runtime stage copies from the build, and nothing else of the checkout.
    for (const copy of all(runtime, 'COPY')) {
      const [source, target] = copy.split(/\s+/).slice(-2) as [string, string];
      const from = path.join(ROOT, source.replace(/^\/app\//, ''));
      const to = path.resolve(dir, target === './' ? path.basename(from) : target);
      // node_modules is this checkout's (dev dependencies too: npm prune is not tried here).
      if (path.basename(from) === 'node_modules') symlinkSync(from, to, 'dir');
      else cpSync(from, to, { recursive: true });
    }
  });
  after(async () => {
    await fake?.stop();
    await db?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('run the app as the image\'s command does: migrations applied from the copy, requests served, a clean stop', async () => {
    const [, ...flags] = JSON.parse(one(runtime, 'CMD')) as string[];
    const main = path.join(dir, flags.at(-1)!);
    const app = spawnApp(
      { SLACK_BOT_TOKEN: fake.botToken, SLACK_SIGNING_SECRET: newSigningSecret(), SLACK_API_URL: fake.url, DATABASE_URL: db.url, NODE_ENV: 'production', PORT: '0' },
      dir,
      main,
    );
    try {
      const port = await app.running;
      const health = await fetch(`http://127.0.0.1:${port}/healthz`);
      assert.equal(health.status, 200);
      const [{ count }] = (await db.query<{ count: string }>('SELECT count(*) FROM _prisma_migrations WHERE finished_at IS NOT NULL')) as [{ count: string }];
      assert.equal(Number(count), (await readMigrations()).length, 'every migration applied');
    } finally {
      assert.equal(await app.stop(), 0, app.stderr());
    }
  });
});

describe('compose.yaml', () => {
  const compose = read('compose.yaml');
  it('sets only settings the app reads, and points DATABASE_URL at its own PostgreSQL', () => {
    const names = composeEnvironment(compose, 'app');
    assert.ok(names.includes('DATABASE_URL'));
    for (const name of names) assert.ok(configSource.includes(`'${name}'`), `src/config.ts reads ${name}`);
    assert.match(compose, /DATABASE_URL: postgresql:\/\/connect_invites:\S+@db:5432\/connect_invites/);
    assert.match(compose, /env_file:\n\s+- path: \.env/);
  });

  it('starts the app once PostgreSQL is healthy, and keeps the data in a volume', () => {
    assert.match(compose, /depends_on:\n\s+db:\n\s+condition: service_healthy/);
    assert.match(compose, / {2}db:\n(?: {4}.*\n)*? {4}healthcheck:\n {6}test: .*pg_isready/);
    const volume = /- (\S+):\/var\/lib\/postgresql\/data/.exec(compose)?.[1];
    assert.ok(volume && new RegExp(`^volumes:\\n {2}${volume}:`, 'm').test(compose), 'a named volume, declared');
    assert.deepEqual(composeEnvironment(compose, 'db').sort(), ['POSTGRES_DB', 'POSTGRES_PASSWORD', 'POSTGRES_USER']);
  });
});
