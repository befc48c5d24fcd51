// The scale phase (BENCH_PHASES=scale): 1,000 workspaces and 1,000,000 invitations in the
// database, then how long what grows with them takes. Seeded in one INSERT ... generate_series
// (the counters' triggers aggregate it in one statement), then VACUUM ANALYZE, as autovacuum
// would after a bulk load. In the bench's workspace: a heavy user (carol, 20,000 of the seeded
// invitations) and 100,000 invitations in all, seen whole by an admin; the other 900,000 spread
// over 999 more workspaces. Spread over two years, in realistic shares of each status; the
// expiries of the past already noticed (expired_at) and reminded, and 0.1% unfinished under a
// live lease of another replica, so the app's own sweeps find nothing to do meanwhile.
//
// Measured, ~50 runs each, one after another:
// - App Home through the app process over HTTP, as Slack drives it: app_home_opened for the
//   heavy user (event sent -> views.publish at the fake Slack), the admin's "Everyone's
//   invitations" button (block_actions -> views.publish), and an Older page far down the heavy
//   user's list (the cursor of their 19,000th invitation: no offset to skip);
// - the recovery sweep's query (claimAbandoned's UPDATE as the app sends it), the unfinished
//   gauge's query, the expiry sweep's claim (rolled back), straight on the database;
// - the dashboard service in this process over the app's repository (info: the database's share);
// - the app's peak RSS in each of three more passes of the App Home opens (memory flat).
// Each measurement through run.ts's measured() when given: on a quiet machine, or marked (*).
import { performance } from 'node:perf_hooks';
import type pg from 'pg';
import { createPrismaClient } from '../src/db/database.js';
import { createDashboardRepository } from '../src/db/dashboard-repository.js';
import { UNFINISHED_INVITES_SQL } from '../src/db/unfinished-invites.js';
import { createDashboardService } from '../src/invites/dashboard/service.js';
import { encodeHomeState } from '../src/slack/parse/home.js';
import { WORLD } from '../test/helpers/fake-slack.js';
import { signedHeaders } from '../test/helpers/signing.js';
import { blockAction, eventCallback } from '../test/helpers/slack-payloads.js';
import type { Child } from './ipc.js';
import { percentiles, type Percentiles } from './load.js';
import { currentRss, rssSampler } from './proc.js';
import type { Row } from './report.js';

export const SCALE_TARGETS = { homeP95Ms: 50, sweepP95Ms: 10, gaugeP95Ms: 10, rssGrowthMb: 20 };

const TOTAL = 1_000_000;
const WORKSPACES = 1_000;
const RUNS = 50;
const WARMUP = 10;
const MB = 1024 * 1024;
const TEAM = WORLD.teamId;
const { carol, admin } = WORLD.users;

export interface ScaleContext {
  app: Child;
  fake: Child;
  pool: pg.Pool;
  url: string;
  secret: string;
  log(message: string): void;
  /** Runs a measurement on a quiet machine (run.ts's measured(): waits for quiet, measures again if disturbed). */
  quiet?: <T>(label: string, run: () => Promise<T>) => Promise<{ result: T; otherDuring: number }>;
}

export interface ScaleResult {
  rows: Row[];
  notes: string[];
  seedSeconds: number;
  latency: Record<string, Percentiles>;
  rssMb: { start: number; passPeaks: number[] };
  /** Cores other processes used during each measurement. */
  otherCores: Record<string, number>;
}

// i % 50 = 0: the heavy user (20,000); i % 50 in 1..4: others in the bench's workspace (80,000,
// 400 people); the rest in 999 other workspaces. Statuses by (i / 50 + i) % 20, so every group
// gets each in its share (40% accepted, 15% waiting
// for acceptance, 5% for approval, 10% declined, 15% failed, 15% private-channel requests done),
// and every 1,000th still sending. One a minute, back from now: two years.
export const SEED_SQL = `
  INSERT INTO invites (id, kind, status, team_id, requester_user_id, channel_id, channel_name, method, invitee_email, external_limited,
    idempotency_key, slack_invite_id, error_code, created_at, updated_at, lease_owner, lease_expires_at)
  SELECT gen_random_uuid(), CASE WHEN s IN ('COMPLETED') THEN 'PRIVATE_CHANNEL' ELSE 'SLACK_CONNECT' END::"InviteKind", s::"InviteStatus",
    CASE WHEN i % 50 < 5 THEN $1 ELSE 'TSCALE' || lpad((i % ($4::int - 1) + 1)::text, 4, '0') END,
    CASE WHEN i % 50 = 0 THEN $2 WHEN i % 50 < 5 THEN 'UWS' || (i % 400) ELSE 'UOT' || (i % 37) END,
    'C0SCALE' || (i % 97), 'project-' || (i % 97),
    CASE WHEN s = 'COMPLETED' THEN 'conversations.invite' ELSE 'conversations.inviteShared' END,
    CASE WHEN s = 'COMPLETED' THEN NULL ELSE 'scale' || i || '@partner.example' END, i % 2 = 0,
    'scale-' || i, CASE WHEN s IN ('AWAITING_ACCEPTANCE', 'AWAITING_APPROVAL', 'ACCEPTED', 'DECLINED') THEN 'ISCALE' || i END,
    CASE WHEN s = 'FAILED' THEN 'restricted_action' END,
    now() - make_interval(mins => i), now(),
    CASE WHEN s = 'SENDING' THEN 'bench-another-replica' END, CASE WHEN s = 'SENDING' THEN now() + interval '1 day' END
  FROM (
    SELECT i, CASE WHEN i % 1000 = 0 THEN 'SENDING'
      ELSE (ARRAY['ACCEPTED','ACCEPTED','ACCEPTED','ACCEPTED','ACCEPTED','ACCEPTED','ACCEPTED','ACCEPTED',
                  'AWAITING_ACCEPTANCE','AWAITING_ACCEPTANCE','AWAITING_ACCEPTANCE','AWAITING_APPROVAL','DECLINED','DECLINED',
                  'FAILED','FAILED','FAILED','COMPLETED','COMPLETED','COMPLETED'])[1 + (i / 50 + i) % 20] END AS s
    FROM generate_series(1, $3::int) AS i) g`;

// The past's expiries as the expiry sweep and the reminders would have left them.
export const SWEPT_SQL = `
  UPDATE invites SET expired_at = now(), reminder_sent_at = now()
  WHERE status IN ('AWAITING_ACCEPTANCE', 'AWAITING_APPROVAL') AND invite_expires_at(date_invalid, created_at) <= now() + interval '3 days'`;

// claimAbandoned (src/db/invite-repository.ts), as the app sends it.
const SWEEP_SQL = `
  UPDATE invites SET lease_owner = 'bench-sweeper', lease_expires_at = now() + interval '60 seconds', lease_version = lease_version + 1, updated_at = now()
  WHERE id IN (
    SELECT id FROM invites
    WHERE status IN ('RECORDED', 'SENDING') AND (lease_expires_at IS NULL OR lease_expires_at < now()) AND batch_id IS NULL
    ORDER BY created_at LIMIT 50 FOR UPDATE SKIP LOCKED)
  RETURNING id`;

// claimNewlyExpired (src/db/invite-repository.ts).
const EXPIRY_SQL = `
  UPDATE invites SET expired_at = now(), updated_at = now()
  WHERE id IN (
    SELECT id FROM invites
    WHERE kind = 'SLACK_CONNECT' AND status IN ('AWAITING_ACCEPTANCE', 'AWAITING_APPROVAL') AND expired_at IS NULL
      AND invite_expires_at(date_invalid, created_at) <= now()
    ORDER BY created_at LIMIT 50 FOR UPDATE SKIP LOCKED)
  RETURNING id`;

async function timed(runs: number, fn: () => Promise<unknown>): Promise<Percentiles> {
  for (let i = 0; i < WARMUP; i++) await fn();
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn();
    ms.push(performance.now() - start);
  }
  return percentiles(ms);
}

/** Above this many cores used by other processes during a measurement, its row is marked (*). */
const MAX_OTHER_CORES = 0.2;

export async function scalePhase({ app, fake, pool, url, secret, log, quiet }: ScaleContext): Promise<ScaleResult> {
  const otherCores: Record<string, number> = {};
  const latency: Record<string, Percentiles> = {};
  const record = async (key: string, run: () => Promise<Percentiles>) => {
    if (!quiet) return void (latency[key] = await run());
    const { result, otherDuring } = await quiet(`scale ${key}`, run);
    latency[key] = result;
    otherCores[key] = otherDuring;
  };
  const seedStart = performance.now();
  log(`scale: recording ${TOTAL.toLocaleString('en-US')} invitations in ${WORKSPACES} workspaces (one INSERT ... generate_series)`);
  await pool.query(SEED_SQL, [TEAM, carol, TOTAL, WORKSPACES]);
  await pool.query(SWEPT_SQL);
  log('scale: VACUUM ANALYZE');
  await pool.query('VACUUM ANALYZE invites');
  await pool.query('VACUUM ANALYZE invite_counts');
  const seedSeconds = (performance.now() - seedStart) / 1000;
  const { rows: [facts] } = await pool.query<{ total: number; teams: number; heavy: number; workspace: number; unfinished: number; countRows: number }>(
    `SELECT (SELECT count(*)::int FROM invites) AS total, (SELECT count(DISTINCT team_id)::int FROM invites) AS teams,
       (SELECT count(*)::int FROM invites WHERE team_id = $1 AND requester_user_id = $2) AS heavy,
       (SELECT count(*)::int FROM invites WHERE team_id = $1) AS workspace,
       (SELECT count(*)::int FROM invites WHERE status IN ('RECORDED', 'SENDING')) AS unfinished,
       (SELECT count(*)::int FROM invite_counts) AS "countRows"`,
    [TEAM, carol],
  );
  log(`scale: seeded in ${seedSeconds.toFixed(0)} s: ${JSON.stringify(facts)}`);

  const port = app.ready.port as number;
  const post = async (encoded: { body: string; contentType: string }, user: string): Promise<number> => {
    const sent = Date.now();
    const res = await fetch(`http://127.0.0.1:${port}/slack/events`, { method: 'POST', headers: { 'content-type': encoded.contentType, ...signedHeaders(secret, encoded.body) }, body: encoded.body });
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`the app answered HTTP ${res.status}`);
    const published = await fake.call<{ at: number; ok: boolean; error?: string; text: string }>('waitPublish', { user, timeoutMs: 10_000 });
    if (!published.ok) throw new Error(`views.publish failed: ${published.error}`);
    return published.at - sent;
  };
  const measure = async (fn: () => Promise<number>): Promise<Percentiles> => {
    const ms: number[] = [];
    for (let i = 0; i < RUNS; i++) ms.push(await fn());
    return percentiles(ms);
  };
  const openHome = () => post(eventCallback({ type: 'app_home_opened', user: carol, channel: 'D0HOME', tab: 'home' }, TEAM), carol);
  const button = (user: string, value: string) => () =>
    post(blockAction({ actionId: 'home.scope', value, user: { id: user, teamId: TEAM }, view: { id: 'VHOME', hash: 'h', view: { private_metadata: value }, type: 'home' } }), user);
  const { rows: [deep] } = await pool.query<{ created_at: Date; id: string }>(
    `SELECT created_at, id FROM invites WHERE team_id = $1 AND requester_user_id = $2 ORDER BY created_at DESC, id DESC OFFSET 19000 LIMIT 1`,
    [TEAM, carol],
  );
  const deepValue = encodeHomeState({ scope: 'mine', filter: 'all', cursor: deep && { direction: 'older', createdAt: deep.created_at, id: deep.id } });

  const adminView = button(admin, encodeHomeState({ scope: 'workspace', filter: 'all' }));
  const deepPage = button(carol, deepValue);
  const views = { homeHeavy: openHome, homeAdmin: adminView, homeDeep: deepPage };
  const rssStart = (currentRss(app.pid) ?? 0) / MB;
  for (let i = 0; i < WARMUP; i++) for (const fn of Object.values(views)) await fn();
  log(`scale: App Home over HTTP, ${RUNS} runs each after ${WARMUP} warm-up`);
  for (const [key, fn] of Object.entries(views)) await record(key, () => measure(fn));
  // Memory flat: the peak RSS of each of three more passes of as many opens (a heap that may grow
  // to twice what is live peaks higher at first; a leak would keep raising the peak).
  const peaks: number[] = [];
  for (let pass = 0; pass < 3; pass++) {
    const sampler = rssSampler(app.pid, 20);
    for (let i = 0; i < RUNS; i++) for (const fn of Object.values(views)) await fn();
    sampler.stop();
    peaks.push(Math.max(sampler.max, currentRss(app.pid) ?? 0) / MB);
  }
  const [, rssMeasured = 0, rssAfter = 0] = peaks;

  log('scale: the sweep, gauge and expiry queries on the database');
  await record('sweep', () => timed(RUNS, () => pool.query(SWEEP_SQL)));
  await record('gauge', () => timed(RUNS, () => pool.query(UNFINISHED_INVITES_SQL)));
  const client = await pool.connect();
  try {
    await record('expiry', () =>
      timed(RUNS, async () => {
        await client.query('BEGIN');
        await client.query(EXPIRY_SQL);
        await client.query('ROLLBACK');
      }));
  } finally {
    client.release();
  }

  log('scale: the dashboard service over the repository, in this process');
  const prisma = createPrismaClient(url, 4);
  try {
    const repo = createDashboardRepository(prisma);
    const service = createDashboardService({ repo, isAdmin: async () => true, now: () => repo.databaseNow() });
    await record('serviceHeavy', () => timed(RUNS, () => service.load({ teamId: TEAM, userId: carol, scope: 'mine', filter: 'all' })));
    await record('serviceAdmin', () => timed(RUNS, () => service.load({ teamId: TEAM, userId: admin, scope: 'workspace', filter: 'all' })));
    await record('serviceAdminExpired', () => timed(RUNS, () => service.load({ teamId: TEAM, userId: admin, scope: 'workspace', filter: 'expired' })));
    // A filter few match, read to its end: per status one index range, never the workspace's whole history.
    await record('serviceAdminFew', () => timed(RUNS, () => service.load({ teamId: TEAM, userId: admin, scope: 'workspace', filter: 'awaiting_approval' })));
  } finally {
    await prisma.$disconnect();
  }

  const p95 = (metric: string, key: string, target: number | undefined): Row => {
    const p = latency[key] as Percentiles;
    return {
      metric: `${metric} p95 (${p.n} runs)`,
      app: p.p95,
      target: target === undefined ? '' : `< ${target} ms`,
      pass: target === undefined ? undefined : p.p95 < target,
      unit: 'ms',
      ...((otherCores[key] ?? 0) > MAX_OTHER_CORES ? { disturbed: true } : {}),
    };
  };
  const heavy = (facts?.heavy ?? 0).toLocaleString('en-US');
  const workspace = (facts?.workspace ?? 0).toLocaleString('en-US');
  const growth = rssAfter - rssMeasured;
  const rows: Row[] = [
    { metric: 'scale: invitations in the database (workspaces)', app: `${(facts?.total ?? 0).toLocaleString('en-US')} (${facts?.teams ?? 0})`, target: '1,000,000 (1,000)', pass: (facts?.total ?? 0) >= TOTAL && (facts?.teams ?? 0) >= WORKSPACES },
    p95(`scale: App Home opened, a person with ${heavy} invitations, event -> views.publish`, 'homeHeavy', SCALE_TARGETS.homeP95Ms),
    p95(`scale: App Home, an admin's workspace-wide view (${workspace}), click -> views.publish`, 'homeAdmin', SCALE_TARGETS.homeP95Ms),
    p95('scale: App Home, Older from the 19,000th invitation, click -> views.publish', 'homeDeep', SCALE_TARGETS.homeP95Ms),
    p95(`scale: recovery sweep's query (claimAbandoned, ${facts?.unfinished ?? 0} unfinished)`, 'sweep', SCALE_TARGETS.sweepP95Ms),
    p95('scale: unfinished-invitations gauge query', 'gauge', SCALE_TARGETS.gaugeP95Ms),
    p95('scale: expiry sweep claim (claimNewlyExpired, rolled back)', 'expiry', undefined),
    p95('scale: dashboard service (counts + page), heavy person, in-process', 'serviceHeavy', undefined),
    p95('scale: dashboard service, workspace-wide, in-process', 'serviceAdmin', undefined),
    p95('scale: dashboard service, workspace-wide, filter Expired, in-process', 'serviceAdminExpired', undefined),
    p95('scale: dashboard service, workspace-wide, filter Waiting for approval (few), in-process', 'serviceAdminFew', undefined),
    {
      metric: `scale: app RSS at the start; peak in each of 3 more passes of ${RUNS * 3} App Home opens`,
      app: `${rssStart.toFixed(0)}; ${peaks.map((p) => p.toFixed(0)).join(', ')} MB`,
      target: `3rd peak < 2nd + ${SCALE_TARGETS.rssGrowthMb} MB`,
      pass: rssMeasured > 0 && growth < SCALE_TARGETS.rssGrowthMb,
    },
  ];
  const notes = [
    `Scale: seeded ${(facts?.total ?? 0).toLocaleString('en-US')} invitations in ${facts?.teams} workspaces in ${seedSeconds.toFixed(0)} s (INSERT ... generate_series, VACUUM ANALYZE); invite_counts holds ${facts?.countRows} rows. App Home rows: the app process over HTTP (signed events and block_actions -> views.publish at the fake Slack); sweep, gauge and expiry rows: the query alone from this process; service rows: createDashboardService over the app's repository in this process. p95 of ${RUNS} runs after ${WARMUP} warm-up each.`,
  ];
  return { rows, notes, seedSeconds, latency, rssMb: { start: rssStart, passPeaks: peaks }, otherCores };
}
