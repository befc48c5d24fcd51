// The Slack CLI project files (the CLI itself is not installed here): .slack/hooks.json is shaped
// as Slack's Bolt templates have it and names commands that exist; the get-manifest hook gives
// the CLI manifest.json in Socket Mode; and the start hook, given tokens the way `slack run`
// gives them, starts the app in Socket Mode with them.
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import type { TestDatabase } from '../helpers/database.js';
import { FakeSlack } from '../helpers/fake-slack.js';
import type { FakeSocketMode } from '../helpers/fake-socket-mode.js';
import { startSocketModeWorld, type SocketModeWorld } from '../helpers/socket-mode-world.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const readJson = (file: string) => JSON.parse(readFileSync(path.join(ROOT, file), 'utf8'));
const hooksFile = readJson('.slack/hooks.json') as { hooks: Record<string, string>; config?: { watch?: { app?: { paths: string[] } } } };
const packageJson = readJson('package.json') as { scripts: Record<string, string>; devDependencies: Record<string, string> };
const manifest = readJson('manifest.json');
const run = promisify(execFile);

/** A hook's command split as the CLI splits it (on whitespace; no shell). */
const words = (hook: string) => hook.split(/\s+/).filter(Boolean);

describe('Slack CLI project files', () => {
  it('find the SDK hooks through @slack/cli-hooks, as the Bolt templates do, and it is installed', () => {
    assert.equal(hooksFile.hooks['get-hooks'], 'npx -q --no-install -p @slack/cli-hooks slack-cli-get-hooks');
    assert.ok(packageJson.devDependencies['@slack/cli-hooks'], '@slack/cli-hooks is a dev dependency');
    const bin = (readJson('node_modules/@slack/cli-hooks/package.json') as { bin: Record<string, string> }).bin['slack-cli-get-hooks'];
    assert.ok(bin && existsSync(path.join(ROOT, 'node_modules/@slack/cli-hooks', bin)));
  });

  it('let the SDK manage the Socket Mode connection, and override its start and get-manifest hooks with commands that exist', async () => {
    const { stdout } = await run(process.execPath, [path.join(ROOT, 'node_modules/@slack/cli-hooks/src/get-hooks.js')], { cwd: ROOT });
    const sdk = JSON.parse(stdout) as { hooks: Record<string, string>; config: Record<string, unknown> };
    assert.equal(sdk.config['sdk-managed-connection-enabled'], true);
    assert.ok(sdk.hooks.start && sdk.hooks['get-manifest'], 'the SDK offers both hooks, which hooks.json overrides');

    const [npm, runWord, script, ...rest] = words(hooksFile.hooks.start!);
    assert.deepEqual([npm, runWord, rest], ['npm', 'run', []]);
    assert.ok(packageJson.scripts[script!], `package.json has the script ${script}`);
    const startFile = words(packageJson.scripts[script!]!).find((w) => w.endsWith('.ts'))!;
    assert.ok(existsSync(path.join(ROOT, startFile)), `${startFile} exists`);

    const manifestWords = words(hooksFile.hooks['get-manifest']!);
    assert.equal(manifestWords[0], 'node');
    assert.ok(existsSync(path.join(ROOT, manifestWords.at(-1)!)));
    for (const dir of hooksFile.config?.watch?.app?.paths ?? []) assert.ok(existsSync(path.join(ROOT, dir)), `watched ${dir} exists`);
  });

  it('keep the manifest in the project, so the CLI creates and updates the app from it', () => {
    assert.equal((readJson('.slack/config.json') as { manifest: { source: string } }).manifest.source, 'local');
    assert.ok(!readFileSync(path.join(ROOT, '.gitignore'), 'utf8').split('\n').includes('.slack/config.json'));
  });

  for (const protocol of ['message-boundaries', undefined]) {
    it(`give the CLI manifest.json in Socket Mode, without request URLs (${protocol ?? 'default'} protocol)`, async () => {
      const boundary = 'b0undary-7f3a';
      const args = protocol ? [`--protocol=${protocol}`, `--boundary=${boundary}`] : [];
      const { stdout } = await run(process.execPath, [...words(hooksFile.hooks['get-manifest']!).slice(1), ...args], { cwd: ROOT });
      const text = stdout.trim();
      const json = protocol ? text.slice(boundary.length, -boundary.length) : text;
      if (protocol) assert.ok(text.startsWith(boundary) && text.endsWith(boundary));
      const cli = JSON.parse(json);
      assert.equal(cli.settings.socket_mode_enabled, true);
      assert.doesNotMatch(json, /request_url|message_menu_options_url|"url"/);
      // Everything else is manifest.json's own.
      assert.deepEqual(cli.oauth_config, manifest.oauth_config);
      assert.deepEqual(cli.settings.event_subscriptions.bot_events, manifest.settings.event_subscriptions.bot_events);
      assert.deepEqual(
        cli.features.slash_commands,
        manifest.features.slash_commands.map(({ url: _url, ...command }: Record<string, unknown>) => command),
      );
      assert.deepEqual(cli.display_information, manifest.display_information);
      assert.equal(cli.settings.interactivity.is_enabled, true);
    });
  }
});

describe('the start hook, as `slack run` runs it', () => {
  let fake: FakeSlack;
  let world: SocketModeWorld | undefined;
  let socket: FakeSocketMode;
  let db: TestDatabase;
  let dir: string;
  before(async () => {
    ({ fake, socket, db } = world = await startSocketModeWorld());
    // Its own working directory, so no developer's .env is read.
    dir = mkdtempSync(path.join(tmpdir(), 'connect-invites-slack-run-'));
  });
  after(async () => {
    await world?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('starts the app in Socket Mode with the tokens the CLI provides, and stops on SIGINT', async () => {
    const script = words(packageJson.scripts['slack:start']!);
    assert.equal(script[0], 'node');
    const tsx = import.meta.resolve('tsx');
    const args = script.slice(1).map((w) => (w === 'tsx' ? tsx : w.endsWith('.ts') ? path.join(ROOT, w) : w));
    const child = spawn(process.execPath, args, {
      cwd: dir,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '',
        SLACK_CLI_XAPP: fake.appToken,
        SLACK_CLI_XOXB: fake.botToken,
        SLACK_API_URL: fake.url,
        DATABASE_URL: db.url,
        PORT: '0',
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.stdout.resume();
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      await Promise.race([socket.connected, exited.then((code) => assert.fail(`exited ${code}: ${stderr}`))]);
      const opens = fake.callsTo('apps.connections.open');
      assert.equal(opens.length, 1);
      assert.equal(opens[0]!.token, fake.appToken);
      assert.ok(fake.callsTo('auth.test').some((c) => c.token === fake.botToken), 'the bot token is the one checked at start-up');
    } finally {
      child.kill('SIGINT');
    }
    assert.equal(await exited, 0, stderr);
  });

  it('refuses to run outside the CLI, saying what to run instead', async () => {
    const script = words(packageJson.scripts['slack:start']!);
    const args = script.slice(1).map((w) => (w === 'tsx' ? import.meta.resolve('tsx') : w.endsWith('.ts') ? path.join(ROOT, w) : w));
    const result = await run(process.execPath, args, { cwd: dir, env: { PATH: process.env.PATH ?? '' } }).then(
      () => assert.fail('it started'),
      (error: { code: number; stderr: string }) => error,
    );
    assert.equal(result.code, 1);
    assert.match(result.stderr, /slack run/);
    assert.match(result.stderr, /npm run dev or npm start/);
  });
});
