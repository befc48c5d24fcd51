// `npm run bench`: how fast Connect Invites answers Slack, beside a bare Bolt app, in one run.
//
// The app runs on its real HTTP receiver against PostgreSQL (DATABASE_URL's server, or an
// embedded one started here; either way in a fresh database dropped at the end) and the fake
// Slack Web API (test/helpers/fake-slack.ts), and is driven by autocannon with correctly signed
// requests, each with its own timestamp, signature, trigger_id and, for submissions, modal.
//
// Processes: the app, the bare Bolt app and the fake Slack each run in a child process; this
// process only generates load and keeps the books. In-process would put the load generator, the
// fake and the app on one event loop, so every millisecond autocannon or the fake spends would
// show up as the app's latency and the app's RSS would include both (in-process, the fake's
// recorded calls and views alone are tens of MB). Separate processes let the kernel spread them
// over the 2 cores as it would a real deployment, give RSS per app (/proc/<pid>/status VmHWM),
// and CPU time per process, which the report shows per phase, with the rest of the machine's.
//
// Settings (environment): BENCH_DURATION_SECONDS (10, per measured phase), BENCH_WARMUP_SECONDS
// (2), BENCH_CONNECTIONS (50), BENCH_HOME_EVENTS (200), BENCH_HOME_INVITES (10000),
// BENCH_LOG_LEVEL (warn: the app's LOG_LEVEL), BENCH_PHASES (command,submission,home),
// BENCH_CPU_PROF=1 (profile the app: bench/results/profiles/*.cpuprofile),
// BENCH_QUIET_WAIT_SECONDS (20: how long to wait for other work on the machine to calm down
// before each measured phase), BENCH_STRICT=1 (exit 1 when a target is missed), DATABASE_URL.
import { randomBytes } from 'node:crypto';
import { chmodSync, closeSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import pg from 'pg';
import { pino } from 'pino';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '../src/db/embedded.js';
import { withDatabase } from '../test/helpers/database.js';
import { WORLD } from '../test/helpers/fake-slack.js';
import { newSigningSecret, signedHeaders } from '../test/helpers/signing.js';
import { APP_ID, eventCallback, interactive, newTriggerId, slashCommand, stateValue } from '../test/helpers/slack-payloads.js';
import { ROOT, spawnChild, type Child } from './ipc.js';
import { percentiles, runLoad, type LoadResult, type Percentiles } from './load.js';
import { cpuMs, descendants, machineCpuMs, peakRss, rssSampler } from './proc.js';
import { renderMarkdown, renderText, type Row } from './report.js';

// ------------------------------------------------------------------------------------ settings

function setting(name: string, fallback: number, min = 1): number {
  const raw = process.env[name]?.trim();
  if (!raw) return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < min) throw new Error(`${name} must be a number >= ${min} (got ${raw})`);
  return value;
}

const S = {
  duration: setting('BENCH_DURATION_SECONDS', 10),
  warmup: setting('BENCH_WARMUP_SECONDS', 2, 0),
  connections: setting('BENCH_CONNECTIONS', 50),
  homeEvents: setting('BENCH_HOME_EVENTS', 200),
  homeWarmupEvents: 10,
  homeInvites: setting('BENCH_HOME_INVITES', 10_000),
  logLevel: process.env.BENCH_LOG_LEVEL?.trim() || 'warn',
  cpuProf: process.env.BENCH_CPU_PROF === '1',
  phases: new Set((process.env.BENCH_PHASES ?? 'command,submission,home').split(',').map((p) => p.trim())),
  quietWait: setting('BENCH_QUIET_WAIT_SECONDS', 20, 0),
  /** Submissions per second the pool of modals is sized for; a faster app ends its run early (reported). */
  submissionRateCap: setting('BENCH_SUBMISSION_RATE_CAP', 1000),
  /** Bounds the command phase's request count (besides its duration). */
  commandRateCap: 20_000,
};

const TARGETS = { commandRatio: 0.9, commandP99Ms: 50, submissionsPerSecond: 300, submissionP99Ms: 100, homeP95Ms: 100, rssMb: 200 };
const RESULTS = path.join(ROOT, 'bench', 'results');
const MB = 1024 * 1024;
const { alice, carol } = WORLD.users;
const TEAM = WORLD.teamId;
const CHANNEL = WORLD.channels.public;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const log = (message: string) => process.stderr.write(`[bench] ${message}\n`);
const round = (v: number, digits = 1) => Math.round(v * 10 ** digits) / 10 ** digits;

// ------------------------------------------------------------------------------------ CPU books

interface CpuShare {
  seconds: number;
  /** CPU seconds per process group over the phase. */
  app: number;
  fake: number;
  loadGenerator: number;
  postgres: number | undefined;
  /** Busy CPU seconds on the whole machine, and the part none of ours account for. */
  machine: number;
  other: number;
  /** Cores available × seconds. */
  capacity: number;
}

interface Procs {
  app?: number | undefined;
  fake: number;
  postgres?: number | undefined;
}

function cpuBooks(procs: Procs) {
  const pgPids = () => (procs.postgres ? [procs.postgres, ...descendants(procs.postgres)] : []);
  const self = () => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1000;
  };
  const take = () => ({
    at: Date.now(),
    app: procs.app ? cpuMs(procs.app) : 0,
    fake: cpuMs(procs.fake),
    self: self(),
    postgres: pgPids().reduce((sum, pid) => sum + cpuMs(pid), 0),
    machine: machineCpuMs().busy,
  });
  const start = take();
  return (): CpuShare => {
    const end = take();
    const d = (k: keyof typeof start) => (end[k] - start[k]) / 1000;
    const seconds = d('at');
    const postgres = procs.postgres ? d('postgres') : undefined;
    const ours = d('app') + d('fake') + d('self') + (postgres ?? 0);
    return {
      seconds: round(seconds, 2),
      app: round(d('app'), 2),
      fake: round(d('fake'), 2),
      loadGenerator: round(d('self'), 2),
      postgres: postgres === undefined ? undefined : round(postgres, 2),
      machine: round(d('machine'), 2),
      other: round(Math.max(0, d('machine') - ours), 2),
      capacity: round(seconds * os.availableParallelism(), 2),
    };
  };
}

/** Other work on the machine (other people's test runs) distorts the numbers: wait for it to calm down, a bounded while. */
async function waitForQuiet(procs: Procs, label: string): Promise<number> {
  const deadline = Date.now() + S.quietWait * 1000;
  let other = 0;
  for (;;) {
    const books = cpuBooks(procs);
    await sleep(1000);
    const share = books();
    other = share.other / share.capacity;
    if (other < 0.1 || Date.now() >= deadline) break;
    log(`${label}: other processes use ${(other * 100).toFixed(0)}% of the machine; waiting for them (up to ${S.quietWait} s)`);
  }
  if (other >= 0.1) log(`${label}: starting although other processes use ${(other * 100).toFixed(0)}% of the machine`);
  return round(other, 3);
}

function cpuLine(label: string, c: CpuShare): string {
  const pgPart = c.postgres === undefined ? '' : `, postgres ${c.postgres}`;
  return `${label}: CPU s over ${c.seconds} s: app ${c.app}, fake Slack ${c.fake}, load generator ${c.loadGenerator}${pgPart}, other processes ${c.other} (machine busy ${c.machine} of ${c.capacity})`;
}

/** With BENCH_CPU_PROF=1, profiles `target` until the returned function is called (bench/results/profiles/<name>.cpuprofile). */
async function startProfile(target: Child, name: string): Promise<() => Promise<void>> {
  if (!S.cpuProf) return async () => undefined;
  const dir = path.join(RESULTS, 'profiles');
  mkdirSync(dir, { recursive: true });
  await target.call('profileStart');
  return async () => {
    const file = await target.call<string>('profileStop', { path: path.join(dir, `${name}.cpuprofile`) });
    log(`CPU profile: ${path.relative(ROOT, file)}`);
  };
}

// ------------------------------------------------------------------------------------ database

interface BenchDatabase {
  url: string;
  embedded: boolean;
  postmasterPid: number | undefined;
  pool: pg.Pool;
  drop(): Promise<void>;
}

async function adminQuery(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

async function openBenchDatabase(): Promise<BenchDatabase> {
  let adminUrl = process.env.DATABASE_URL?.trim() || undefined;
  let embedded: EmbeddedDatabase | undefined;
  let baseDir: string | undefined;
  let postmasterPid: number | undefined;
  if (!adminUrl) {
    // Run as root, PostgreSQL runs as the `postgres` user, who must be able to reach the data folder.
    baseDir = mkdtempSync(path.join('/tmp', 'connect-invites-bench-'));
    chmodSync(baseDir, 0o755);
    const dataDir = path.join(baseDir, 'pg');
    log(`starting an embedded PostgreSQL in ${dataDir} (set DATABASE_URL to use your own server)`);
    embedded = await startEmbeddedPostgres({ dataDir, database: 'postgres', logger: pino({ level: 'warn' }) });
    adminUrl = embedded.url;
    postmasterPid = Number(readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n', 1)[0]);
  }
  const name = `connect_invites_bench_${randomBytes(4).toString('hex')}`;
  try {
    await adminQuery(adminUrl, `CREATE DATABASE ${name}`);
  } catch (error) {
    await embedded?.stop();
    throw new Error(`could not create the benchmark's database ${name} on DATABASE_URL's server (the user needs CREATEDB): ${(error as Error).message}`);
  }
  const url = withDatabase(adminUrl, name);
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  return {
    url,
    embedded: embedded !== undefined,
    postmasterPid,
    pool,
    async drop() {
      await pool.end();
      await adminQuery(adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch((err: unknown) => log(`could not drop ${name}: ${String(err)}`));
      if (embedded) {
        await embedded.stop();
        if (baseDir) rmSync(baseDir, { recursive: true, force: true });
      }
    },
  };
}

// ------------------------------------------------------------------------------------ phases

interface CommandPhase {
  load: LoadResult;
  /** Command request sent -> the fake receiving views.open for its trigger_id. */
  modalOpen: Percentiles;
  viewsOpened: number;
  errors: Record<string, number>;
  cpu: CpuShare;
  otherBefore: number;
}

/** /share-channel at `connections` concurrent connections: acknowledgements, and views.open at the fake. */
async function commandPhase(label: string, target: Child, profileName: string, secret: string, fake: Child, procs: Procs): Promise<CommandPhase> {
  const port = target.ready.port as number;
  const sentAt = new Map<string, number>();
  const build = () => {
    const triggerId = newTriggerId();
    sentAt.set(triggerId, Date.now());
    const { body, contentType } = slashCommand({ command: '/share-channel', userId: alice, teamId: TEAM, channelId: CHANNEL, channelName: 'project-x', triggerId });
    return { body, contentType, tag: triggerId };
  };
  const common = { port, signingSecret: secret, connections: S.connections, build, check: (status: number) => status === 200 };
  if (S.warmup > 0) await runLoad({ ...common, durationSeconds: S.warmup, maxRequests: S.commandRateCap * S.warmup });
  const otherBefore = await waitForQuiet(procs, label);
  const from = await fake.call<number>('mark');
  const books = cpuBooks(procs);
  log(`${label}: ${S.duration} s at ${S.connections} connections`);
  const stopProfile = await startProfile(target, profileName);
  const load = await runLoad({ ...common, durationSeconds: S.duration, maxRequests: S.commandRateCap * S.duration });
  await stopProfile();
  const cpu = books();
  await sleep(1000); // views.open calls still under way land at the fake
  const seen = await fake.call<{ opened: number; errors: Record<string, number>; arrivals: Array<[string, number]> }>('commandPhase', { from });
  const modal: number[] = [];
  for (const [trigger, at] of seen.arrivals) {
    const sent = sentAt.get(trigger);
    if (sent !== undefined) modal.push(at - sent);
  }
  log(cpuLine(label, cpu));
  return { load, modalOpen: percentiles(modal), viewsOpened: seen.opened, errors: seen.errors, cpu, otherBefore };
}

interface SubmissionPhase {
  load: LoadResult;
  warmupLoad: LoadResult | undefined;
  /** Measured submissions whose final views.update reached the fake. */
  completed: number;
  completedPerSecond: number;
  /** Submission request sent -> the final views.update at the fake. */
  endToEnd: Percentiles;
  accounting: Record<string, unknown>;
  accounted: boolean;
  problems: string[];
  poolToppedUp: number;
  cpu: CpuShare;
  otherBefore: number;
}

const FORM = { channel: 'share_channel.channel', email: 'share_channel.email', user: 'share_channel.user', limited: 'share_channel.limited' };

/** Share-channel submissions, end to end, each with its own modal (the idempotency key) and invitee. */
async function submissionPhase(app: Child, secret: string, fake: Child, db: BenchDatabase, procs: Procs, poolFrom: number): Promise<SubmissionPhase> {
  const port = app.ready.port as number;
  const runTag = randomBytes(3).toString('hex');
  const want = Math.ceil(S.submissionRateCap * (S.warmup + S.duration));
  const pool = await fake.call<{ template: Record<string, unknown>; views: Array<[string, string]>; toppedUp: number }>(
    'submissionPool',
    { from: poolFrom, callbackId: 'share_channel', want },
    180_000,
  );
  log(`submissions: ${pool.views.length} modals ready (${pool.views.length - pool.toppedUp} opened by the app's command phase, ${pool.toppedUp} more opened at the fake)`);

  // One encoded payload with placeholders (URL-safe, so they survive the form encoding); each
  // request fills in its own view id, hash, trigger_id and invitee email.
  const PH = { view: 'BENCHxVIEWxID', hash: 'BENCHxHASH', trigger: 'BENCHxTRIGGER', email: 'BENCHxEMAIL' };
  const encoded = interactive({
    type: 'view_submission',
    team: { id: TEAM, domain: 'acme' },
    user: { id: alice, username: 'alice', name: 'alice', team_id: TEAM },
    api_app_id: APP_ID,
    token: 'legacy-verification-token',
    trigger_id: PH.trigger,
    view: {
      ...pool.template,
      id: PH.view,
      root_view_id: PH.view,
      hash: PH.hash,
      team_id: TEAM,
      app_id: APP_ID,
      bot_id: 'B0BOT',
      state: {
        values: {
          [FORM.channel]: { channel: stateValue.conversation(CHANNEL) },
          [FORM.email]: { email: stateValue.email(PH.email) },
          [FORM.user]: { user: stateValue.user(null) },
          [FORM.limited]: { limited: stateValue.checkboxes(['limited']) },
        },
      },
    },
    response_urls: [],
    is_enterprise_install: false,
    enterprise: null,
  });
  const parts = encoded.body.split(new RegExp(`(${Object.values(PH).join('|')})`));
  if (parts.filter((p) => p === PH.view).length !== 2 || !parts.includes(PH.email)) throw new Error('the submission template lost a placeholder');

  let next = 0;
  const sentAt = new Map<string, number>();
  const measured = new Set<string>();
  let phase: 'warmup' | 'measured' = 'warmup';
  const build = () => {
    const view = pool.views[next];
    if (!view) throw new Error('the pool of modals ran out (maxRequests should have stopped the run first)');
    const n = next++;
    const [viewId, hash] = view;
    const email = encodeURIComponent(`b${runTag}${phase === 'warmup' ? 'w' : 'm'}-${n}@partner.example`);
    const fill: Record<string, string> = { [PH.view]: viewId, [PH.hash]: hash, [PH.trigger]: newTriggerId(), [PH.email]: email };
    const body = parts.map((p) => fill[p] ?? p).join('');
    sentAt.set(viewId, Date.now());
    if (phase === 'measured') measured.add(viewId);
    return { body, contentType: encoded.contentType, tag: viewId };
  };
  const check = (_status: number, body: string) => body.includes('"response_action":"update"') && body.includes('Sending invitation');
  const common = { port, signingSecret: secret, connections: S.connections, build, check };

  const from = await fake.call<number>('mark');
  let warmupLoad: LoadResult | undefined;
  if (S.warmup > 0) {
    const warmupRequests = Math.max(S.connections, Math.floor(S.submissionRateCap * S.warmup));
    warmupLoad = await runLoad({ ...common, durationSeconds: S.warmup, maxRequests: warmupRequests });
  }
  await settle(db, fake, 30_000);
  const otherBefore = await waitForQuiet(procs, 'submissions');
  phase = 'measured';
  const remaining = pool.views.length - next;
  const books = cpuBooks(procs);
  log(`submissions: ${S.duration} s at ${S.connections} connections (at most ${remaining})`);
  const stopProfile = await startProfile(app, 'app-submission');
  const load = await runLoad({ ...common, durationSeconds: S.duration, maxRequests: remaining });
  const settled = await settle(db, fake, 60_000);
  await stopProfile();
  const cpu = books();
  log(cpuLine('submissions', cpu));

  // ---- the books: every submission accounted for, in the database and at Slack
  const prefix = `b${runTag}`;
  type Seen = {
    calls: Record<string, number>;
    errors: Record<string, number>;
    inviteShared: number;
    inviteSharedOk: number;
    inviteSharedDistinctEmails: number;
    viewsUpdate: number;
    viewsUpdateOk: number;
    viewsUpdateDistinct: number;
    titles: Record<string, number>;
    dms: number;
    updateArrivals: Array<[string, number]>;
  };
  const seen = await fake.call<Seen>('submissionPhase', { from, emailPrefix: prefix });
  const { rows: byStatus } = await db.pool.query<{ status: string; n: number }>(
    `SELECT status, count(*)::int AS n FROM invites WHERE invitee_email LIKE $1 GROUP BY status ORDER BY status`,
    [`${prefix}%`],
  );
  const { rows: [totals] } = await db.pool.query<{ rows: number; keys: number; emails: number; views: number }>(
    `SELECT count(*)::int AS rows, count(DISTINCT idempotency_key)::int AS keys, count(DISTINCT invitee_email)::int AS emails, count(DISTINCT view_id)::int AS views
       FROM invites WHERE invitee_email LIKE $1`,
    [`${prefix}%`],
  );
  const { rows: keyRows } = await db.pool.query<{ k: string }>(`SELECT idempotency_key AS k FROM invites WHERE invitee_email LIKE $1`, [`${prefix}%`]);
  const recorded = new Set(keyRows.map((r) => r.k));
  const statuses = Object.fromEntries(byStatus.map((r) => [r.status, r.n]));
  const rows = totals?.rows ?? 0;
  const sent = next;
  const acknowledged = (warmupLoad?.good ?? 0) + load.good;
  const ackedButMissing = [...(warmupLoad?.goodTags ?? []), ...load.goodTags].filter((id) => !recorded.has(id)).length;

  const problems: string[] = [];
  const expect = (ok: boolean, problem: string) => {
    if (!ok) problems.push(problem);
  };
  expect(settled, 'the app was still working 60 s after the load stopped');
  expect(rows >= acknowledged && rows <= sent, `${rows} invites recorded for ${acknowledged} acknowledged and ${sent} sent submissions`);
  expect(ackedButMissing === 0, `${ackedButMissing} acknowledged submissions have no record`);
  expect((statuses.RECORDED ?? 0) + (statuses.SENDING ?? 0) === 0, `stuck: ${statuses.RECORDED ?? 0} RECORDED, ${statuses.SENDING ?? 0} SENDING`);
  expect(statuses.AWAITING_ACCEPTANCE === rows, `not every invite was sent: ${JSON.stringify(statuses)}`);
  expect(totals?.keys === rows && totals?.emails === rows && totals?.views === rows, `duplicates: ${JSON.stringify(totals)}`);
  expect(seen.inviteShared === rows && seen.inviteSharedOk === rows && seen.inviteSharedDistinctEmails === rows, `conversations.inviteShared: ${seen.inviteShared} calls (${seen.inviteSharedOk} ok, ${seen.inviteSharedDistinctEmails} distinct invitees) for ${rows} invites`);
  expect(seen.viewsUpdate === rows && seen.viewsUpdateOk === rows && seen.viewsUpdateDistinct === rows, `views.update: ${seen.viewsUpdate} calls (${seen.viewsUpdateOk} ok, ${seen.viewsUpdateDistinct} distinct modals) for ${rows} invites`);
  expect(seen.titles['Invitation sent'] === rows, `modal outcomes: ${JSON.stringify(seen.titles)}`);
  expect(seen.dms === 0, `${seen.dms} outcomes went by DM instead of the modal`);
  expect(load.bad + (warmupLoad?.bad ?? 0) === 0, `${load.bad + (warmupLoad?.bad ?? 0)} submissions not acknowledged with the sending view: ${load.badSamples.join(' / ')}`);

  // ---- completed per second and end-to-end time, for the measured submissions
  let last = load.startedAt;
  const e2e: number[] = [];
  for (const [viewId, at] of seen.updateArrivals) {
    if (!measured.has(viewId)) continue;
    last = Math.max(last, at);
    const s = sentAt.get(viewId);
    if (s !== undefined) e2e.push(at - s);
  }
  const completed = e2e.length;
  const completedPerSecond = completed / Math.max(0.001, (last - load.startedAt) / 1000);

  return {
    load,
    warmupLoad,
    completed,
    completedPerSecond,
    endToEnd: percentiles(e2e),
    accounting: { sent, acknowledged, rows, statuses, totals, fake: { ...seen, updateArrivals: undefined }, ackedButMissing },
    accounted: problems.length === 0,
    problems,
    poolToppedUp: pool.toppedUp,
    cpu,
    otherBefore,
  };
}

/** Waits until nothing is RECORDED or SENDING and the fake has stopped receiving calls. */
async function settle(db: BenchDatabase, fake: Child, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  let lastCalls = -1;
  let stableSince = Date.now();
  while (Date.now() < deadline) {
    const { rows: [r] } = await db.pool.query<{ open: number }>(`SELECT count(*)::int AS open FROM invites WHERE status IN ('RECORDED', 'SENDING')`);
    const calls = await fake.call<number>('mark');
    if (calls !== lastCalls) {
      lastCalls = calls;
      stableSince = Date.now();
    }
    if ((r?.open ?? 1) === 0 && Date.now() - stableSince >= 500) return true;
    await sleep(100);
  }
  return false;
}

interface HomePhase {
  latency: Percentiles;
  events: number;
  failures: string[];
  firstView: { blocks: number; showsCount: boolean; newestFirst: boolean };
  cpu: CpuShare;
  otherBefore: number;
}

/** app_home_opened for a person with many invites: event request sent -> views.publish at the fake. */
async function homePhase(app: Child, secret: string, fake: Child, db: BenchDatabase, procs: Procs): Promise<HomePhase> {
  const port = app.ready.port as number;
  await fake.call('reset');
  const invites = S.homeInvites;
  log(`home: recording ${invites} invites for ${carol}`);
  // As test/home/home.test.ts does: four statuses, 1 in 97 with a long channel name full of mentions.
  await db.pool.query(
    `INSERT INTO invites (id, kind, status, team_id, requester_user_id, channel_id, channel_name, method, invitee_email, external_limited, idempotency_key, slack_invite_id, error_code, created_at, updated_at)
     SELECT gen_random_uuid(), 'SLACK_CONNECT', (ARRAY['AWAITING_ACCEPTANCE','ACCEPTED','FAILED','DECLINED']::"InviteStatus"[])[1 + i % 4], $1, $2, 'C0PUBLIC',
            CASE WHEN i % 97 = 0 THEN repeat('<!channel> *x*', 500) ELSE 'project-x' END,
            'conversations.inviteShared', 'bulk' || i || '@partner.example', i % 2 = 0, 'bulk-' || i,
            CASE WHEN i % 4 = 2 THEN NULL ELSE 'I0BULK' || i END, CASE WHEN i % 4 = 2 THEN 'restricted_action' END,
            now() - make_interval(secs => i), now()
     FROM generate_series(1, $3::int) AS i`,
    [TEAM, carol, invites],
  );
  // What autovacuum does soon after a bulk load in production; without it the planner guesses.
  await db.pool.query('ANALYZE invites');

  const url = `http://127.0.0.1:${port}/slack/events`;
  const failures: string[] = [];
  const latencies: number[] = [];
  let firstView = { blocks: 0, showsCount: false, newestFirst: false };
  const openHome = async () => {
    const { body, contentType } = eventCallback({ type: 'app_home_opened', user: carol, channel: 'D0HOME', tab: 'home' }, TEAM);
    const sent = Date.now();
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': contentType, ...signedHeaders(secret, body) }, body });
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`app_home_opened answered HTTP ${res.status}`);
    const published = await fake.call<{ at: number; ok: boolean; error?: string; blocks: number; text: string }>('waitPublish', { user: carol, timeoutMs: 10_000 });
    if (!published.ok) throw new Error(`views.publish failed: ${published.error}`);
    return { ms: published.at - sent, published };
  };
  const deadline = Date.now() + 120_000;
  for (let i = 0; i < S.homeWarmupEvents && Date.now() < deadline; i++) {
    const { published } = await openHome();
    if (i === 0) {
      firstView = {
        blocks: published.blocks,
        showsCount: published.text.includes(`*Sent*\\n${invites}`) || published.text.includes(String(invites)),
        newestFirst: published.text.includes('bulk1@partner.example'),
      };
    }
  }
  const otherBefore = await waitForQuiet(procs, 'home');
  const books = cpuBooks(procs);
  log(`home: ${S.homeEvents} app_home_opened events, one after another`);
  const stopProfile = await startProfile(app, 'app-home');
  for (let i = 0; i < S.homeEvents && Date.now() < deadline; i++) {
    try {
      latencies.push((await openHome()).ms);
    } catch (error) {
      failures.push((error as Error).message);
      if (failures.length >= 5) break;
    }
  }
  await stopProfile();
  const cpu = books();
  log(cpuLine('home', cpu));
  return { latency: percentiles(latencies), events: latencies.length, failures, firstView, cpu, otherBefore };
}

// ------------------------------------------------------------------------------------ the run

/** Which code was measured: the commit, and any uncommitted changes to the app (BENCH_SOURCE overrides, e.g. for an exported snapshot). */
function gitState(): { head: string; dirty: string[] } {
  const label = process.env.BENCH_SOURCE?.trim();
  if (label) return { head: label, dirty: [] };
  try {
    const git = (...args: string[]) => execFileSync('git', args, { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    const head = git('rev-parse', '--short', 'HEAD').trim();
    const dirty = git('status', '--porcelain', '--', 'src', 'prisma', 'package.json').split('\n').filter(Boolean);
    return { head, dirty };
  } catch {
    return { head: 'unknown', dirty: [] };
  }
}

async function main(): Promise<void> {
  const started = Date.now();
  mkdirSync(RESULTS, { recursive: true });
  const cleanups: Array<() => Promise<void>> = [];
  const cleanup = async () => {
    for (const fn of cleanups.reverse()) await fn().catch((err: unknown) => log(`cleanup: ${String(err)}`));
  };
  process.once('SIGINT', () => {
    log('interrupted; cleaning up');
    void cleanup().then(() => process.exit(130));
  });

  try {
    const db = await openBenchDatabase();
    cleanups.push(() => db.drop());

    const fake = await spawnChild('fake-slack-process.ts', { env: { PATH: process.env.PATH }, stdout: 'ignore' });
    cleanups.push(() => fake.stop());
    const fakeUrl = fake.ready.url as string;

    const secret = newSigningSecret();
    const appLogPath = path.join(RESULTS, 'app.log');
    const appLog = openSync(appLogPath, 'w');
    cleanups.push(async () => closeSync(appLog));
    const app = await spawnChild('app-process.ts', {
      // Only what the app needs: nothing from the developer's .env or environment leaks in.
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        NODE_ENV: 'production',
        SLACK_BOT_TOKEN: WORLD.tokens.bot,
        SLACK_SIGNING_SECRET: secret,
        SLACK_API_URL: fakeUrl,
        DATABASE_URL: db.url,
        PORT: '0',
        LOG_LEVEL: S.logLevel,
      },
      stdout: appLog,
    });
    cleanups.push(() => app.stop());
    const appPort = app.ready.port as number;
    const procs: Procs = { app: app.pid, fake: fake.pid, postgres: db.postmasterPid };
    const appRss = rssSampler(app.pid);
    log(`app pid ${app.pid} on port ${appPort} (LOG_LEVEL=${S.logLevel}), fake Slack pid ${fake.pid}, ${db.embedded ? 'embedded' : 'your'} PostgreSQL`);

    const poolFrom = await fake.call<number>('mark');
    let appCommand: CommandPhase | undefined;
    let bareCommand: CommandPhase | undefined;
    let bareRss: number | undefined;
    if (S.phases.has('command')) {
      appCommand = await commandPhase('command (app)', app, 'app-command', secret, fake, procs);
    } else {
      // The submissions need one modal the app opened, as their template.
      const { body, contentType } = slashCommand({ command: '/share-channel', userId: alice, teamId: TEAM, channelId: CHANNEL });
      await fetch(`http://127.0.0.1:${appPort}/slack/events`, { method: 'POST', headers: { 'content-type': contentType, ...signedHeaders(secret, body) }, body });
      await sleep(500);
    }

    let submissions: SubmissionPhase | undefined;
    if (S.phases.has('submission')) submissions = await submissionPhase(app, secret, fake, db, procs, poolFrom);
    await fake.call('truncate');

    if (S.phases.has('command')) {
      const bare = await spawnChild('bare-bolt.ts', {
        env: {
          PATH: process.env.PATH,
          NODE_ENV: 'production',
          SLACK_BOT_TOKEN: WORLD.tokens.bot,
          SLACK_SIGNING_SECRET: secret,
          SLACK_API_URL: fakeUrl,
          SLACK_BOT_ID: 'B0BOT',
          SLACK_BOT_USER_ID: WORLD.users.bot,
        },
        stdout: 'ignore',
      });
      cleanups.push(() => bare.stop());
      bareCommand = await commandPhase('command (bare Bolt)', bare, 'bare-command', secret, fake, { ...procs, app: bare.pid });
      bareRss = peakRss(bare.pid);
      await bare.stop();
      await fake.call('truncate');
    }

    let home: HomePhase | undefined;
    if (S.phases.has('home')) home = await homePhase(app, secret, fake, db, procs);

    const appPeak = peakRss(app.pid) ?? appRss.max;
    appRss.stop();
    const appUsage = await app.call<{ memoryUsage: NodeJS.MemoryUsage }>('usage');
    await app.stop();
    const appStderr = app.stderr().trim();
    const appWarnings = readFileSync(appLogPath, 'utf8').split('\n').filter((l) => /"level":(40|50|60)/.test(l));

    // ---------------------------------------------------------------------------- the table
    const rows: Row[] = [];
    if (appCommand && bareCommand) {
      const a = appCommand.load;
      const b = bareCommand.load;
      rows.push(
        { metric: '/share-channel: acknowledged commands per second', app: a.rps, bare: b.rps, ratio: a.rps / b.rps, target: `>= ${TARGETS.commandRatio * 100}% of bare Bolt`, pass: a.rps / b.rps >= TARGETS.commandRatio, unit: '/s' },
        { metric: '/share-channel: acknowledgement p50', app: a.latency.p50, bare: b.latency.p50, ratio: a.latency.p50 / b.latency.p50, target: '', unit: 'ms' },
        { metric: '/share-channel: acknowledgement p99', app: a.latency.p99, bare: b.latency.p99, ratio: a.latency.p99 / b.latency.p99, target: `< ${TARGETS.commandP99Ms} ms`, pass: a.latency.p99 < TARGETS.commandP99Ms, unit: 'ms' },
        { metric: '/share-channel: command sent -> views.open at Slack, p99', app: appCommand.modalOpen.p99, bare: bareCommand.modalOpen.p99, ratio: appCommand.modalOpen.p99 / bareCommand.modalOpen.p99, target: '', unit: 'ms' },
        {
          metric: '/share-channel: every command answered 200 and opened its modal',
          app: `${a.good}/${a.answered} ok, ${appCommand.viewsOpened} opened`,
          bare: `${b.good}/${b.answered} ok, ${bareCommand.viewsOpened} opened`,
          target: 'no errors',
          pass: a.bad + a.errors + b.bad + b.errors === 0 && Object.keys(appCommand.errors).length + Object.keys(bareCommand.errors).length === 0,
        },
      );
    }
    if (submissions) {
      const s = submissions;
      rows.push(
        { metric: 'submission: completed end to end per second', app: s.completedPerSecond, target: `>= ${TARGETS.submissionsPerSecond}/s`, pass: s.completedPerSecond >= TARGETS.submissionsPerSecond, unit: '/s' },
        { metric: 'submission: acknowledgement p99', app: s.load.latency.p99, target: `< ${TARGETS.submissionP99Ms} ms`, pass: s.load.latency.p99 < TARGETS.submissionP99Ms, unit: 'ms' },
        { metric: 'submission: acknowledgement p50', app: s.load.latency.p50, target: '', unit: 'ms' },
        { metric: 'submission: sent -> outcome in the modal, p99', app: s.endToEnd.p99, target: '', unit: 'ms' },
        {
          metric: 'submission: every one accounted for (DB and Slack)',
          app: `${(s.accounting.rows as number)} final of ${(s.accounting.sent as number)} sent, ${s.problems.length} problems`,
          target: 'all final, no duplicates, calls match',
          pass: s.accounted,
        },
      );
    }
    if (home) {
      rows.push({ metric: `App Home: app_home_opened -> views.publish p95 (${S.homeInvites} invites)`, app: home.latency.p95, target: `< ${TARGETS.homeP95Ms} ms`, pass: home.latency.p95 < TARGETS.homeP95Ms && home.failures.length === 0, unit: 'ms' });
    }
    rows.push({
      metric: 'peak RSS (VmHWM)',
      app: appPeak / MB,
      bare: bareRss === undefined ? undefined : bareRss / MB,
      ratio: bareRss === undefined ? undefined : appPeak / bareRss,
      target: `< ${TARGETS.rssMb} MB`,
      pass: appPeak / MB < TARGETS.rssMb,
      unit: 'MB',
    });

    const git = gitState();
    const machine = `${os.availableParallelism()} cores (${os.cpus()[0]?.model.trim() ?? 'unknown CPU'}), ${Math.round(os.totalmem() / 1024 ** 3)} GB, Linux ${os.release()}, Node ${process.version}`;
    const when = new Date().toISOString();
    const settings = { ...S, phases: [...S.phases], database: db.embedded ? 'embedded PostgreSQL 17' : 'DATABASE_URL', appPoolSize: 'default (10)' };
    const cpuRows = [
      appCommand && cpuLine('command (app)', appCommand.cpu),
      bareCommand && cpuLine('command (bare Bolt)', bareCommand.cpu),
      submissions && cpuLine('submissions', submissions.cpu),
      home && cpuLine('home', home.cpu),
    ].filter((x): x is string => !!x);

    const notes = [
      `Measured ${when} on ${machine}; git ${git.head}${git.dirty.length ? ` with uncommitted changes in ${git.dirty.length} file(s) under src/ or prisma/` : ''}.`,
      `App LOG_LEVEL=${S.logLevel}; ${S.connections} connections; ${S.duration} s per measured phase after ${S.warmup} s of warm-up; ${db.embedded ? 'embedded PostgreSQL 17' : 'PostgreSQL from DATABASE_URL'}; app, bare Bolt and fake Slack each in their own process.`,
      ...cpuRows,
    ];
    if (submissions?.problems.length) notes.push(`Submission accounting problems: ${submissions.problems.join('; ')}`);
    if (home?.failures.length) notes.push(`App Home failures: ${home.failures.join('; ')}`);
    if (appWarnings.length) notes.push(`The app logged ${appWarnings.length} warning/error lines (bench/results/app.log); first: ${appWarnings[0]?.slice(0, 300)}`);

    const text = renderText(rows);
    process.stdout.write(`\n${text}\n\n${notes.map((n) => `- ${n}`).join('\n')}\n`);
    const markdown = `Measured ${when} on ${machine}, LOG_LEVEL=${S.logLevel}, ${S.connections} connections, ${S.duration} s per phase.\n\n${renderMarkdown(rows)}\n\n${notes.map((n) => `- ${n}`).join('\n')}\n`;
    writeFileSync(path.join(RESULTS, 'latest.md'), markdown);
    const strip = (l: LoadResult | undefined) => l && { ...l, goodTags: undefined };
    writeFileSync(
      path.join(RESULTS, 'latest.json'),
      `${JSON.stringify(
        {
          when,
          machine,
          git,
          settings,
          targets: TARGETS,
          rows,
          notes,
          command: {
            app: appCommand && { ...appCommand, load: strip(appCommand.load) },
            bare: bareCommand && { ...bareCommand, load: strip(bareCommand.load) },
          },
          submissions: submissions && { ...submissions, load: strip(submissions.load), warmupLoad: strip(submissions.warmupLoad) },
          home,
          memory: { appPeakRss: appPeak, appMaxSampledRss: appRss.max, bareBoltPeakRss: bareRss, appMemoryUsage: appUsage.memoryUsage },
          appWarnings: appWarnings.slice(0, 20),
          appStderr: appStderr.slice(0, 4000),
          totalSeconds: round((Date.now() - started) / 1000),
        },
        null,
        2,
      )}\n`,
    );
    log(`done in ${round((Date.now() - started) / 1000)} s; bench/results/latest.{md,json}`);
    if (process.env.BENCH_STRICT === '1' && rows.some((r) => r.pass === false)) process.exitCode = 1;
  } finally {
    await cleanup();
  }
}

await main();
