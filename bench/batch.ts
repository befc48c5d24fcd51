// The batch phase of `npm run bench`: one /share-channel form with many invitees, sent one
// conversations.inviteShared call at a time at the workspace's pace (src/invites/batches/).
//
// Two questions, two app processes (the pace is a setting read at start-up):
// - What a batch costs per invitation: at the fastest pace BATCH_INVITES_PER_MINUTE allows (1200,
//   one slot every 50 ms, the fake's limit for conversations.inviteShared raised to match), a
//   100-invitee form finishes in about 5 s; the app's CPU from just before the submission to the
//   batch's last call at Slack, ÷ 100, its wall time, and the Slack calls per invitation.
// - Whether waiting for a slot costs anything: at a slow pace (a slot every 1.5 s) the app's CPU
//   in each gap between two conversations.inviteShared calls, from 300 ms after one (its work for
//   that call done) to 150 ms before the next, per second, beside the same process's idle CPU
//   measured in windows as long before the form is sent. The CPU is read in the app
//   (process.cpuUsage(), µs; /proc's 10 ms ticks are too coarse for a second) over IPC at each
//   window's ends, waiting and idle alike, so both include what waking the process for a read
//   costs (shown beside them: back to back, a warm read costs about 0.2 ms on a quiet machine).
//   Not taken off: on a busy machine that cost varies more than the difference measured.
import { randomBytes } from 'node:crypto';
import type pg from 'pg';
import { SHARE_CHANNEL } from '../src/slack/ids.js';
import { WORLD } from '../test/helpers/fake-slack.js';
import { signedHeaders } from '../test/helpers/signing.js';
import { shareChannelValues, slashCommand, viewSubmission, type OpenedView } from '../test/helpers/slack-payloads.js';
import type { Child } from './ipc.js';

export const BATCH = {
  invitees: 100,
  /** A first, unmeasured batch on the fast process, so the measured one runs warm (JIT, pools). */
  warmupInvitees: 20,
  fastPerMinute: 1200,
  slowPerMinute: 40,
  /** 7 gaps of 1.5 s: about 10 s, mostly waiting. */
  slowInvitees: 8,
  idleWindows: 5,
  afterCallMs: 300,
  beforeNextMs: 150,
  /** Waiting may cost this much more than idle (CPU ms per second). */
  waitMarginMsPerSecond: 1,
};

/** The share of the machine others used during a measurement (run.ts's CPU books). */
interface Share {
  seconds: number;
  other: number;
}

export interface BatchPhaseDeps<C extends Share> {
  fake: Child;
  pool: pg.Pool;
  signingSecret: string;
  /** Starts one app process with these settings added to its environment. */
  startApp(logName: string, env: Record<string, string>): Promise<Child>;
  /** Waits, at least a second and at most `maxSeconds`, for other processes to calm down; the cores they used in the last second. */
  quiet(app: Child, label: string, maxSeconds: number): Promise<number>;
  /** Starts the CPU books of a measurement with this app process; call the result at its end. */
  books(app: Child): () => C;
  log(message: string): void;
}

export interface BatchRun<C> {
  invitees: number;
  perMinute: number;
  /** The app's CPU from just before the submission to the batch's last Slack call, ms. */
  appCpuMs: number;
  cpuMsPerInvitation: number;
  /** Submission sent -> the batch's last call at the fake Slack. */
  wallSeconds: number;
  /** invite_batches.created_at -> finished_at, on the database's clock. */
  recordedToFinishedSeconds: number;
  slackCalls: Record<string, number>;
  slackErrors: Record<string, number>;
  callsPerInvitation: number;
  /** Every member sent once and awaiting acceptance, one accepted call per invitee. */
  accounted: boolean;
  problems: string[];
  cpu: C;
  otherCores: number;
}

export interface WaitCost {
  perMinute: number;
  /** CPU ms per second in each gap between two calls, and in as many idle windows before the form. */
  waitingMsPerSecond: number[];
  idleMsPerSecond: number[];
  medianWaiting: number;
  medianIdle: number;
  meanWaiting: number;
  meanIdle: number;
  /** Gaps left out: a Slack call fell inside, or the window could not be read in time. */
  gapsLeftOut: number;
  /** What one warm CPU read costs the app (median of back-to-back reads), ms; included in every window. */
  probeMs: number;
  windowMs: number;
  pass: boolean;
}

export interface BatchPhase<C> {
  fast: BatchRun<C>;
  slow: BatchRun<C>;
  wait: WaitCost;
}

const { alice } = WORLD.users;
const TEAM = WORLD.teamId;
const CHANNEL = WORLD.channels.public;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length === 0 ? Number.NaN : s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
};
const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : Number.NaN);

type CpuRead = { at: number; us: number };
const cpuOf = (app: Child) => app.call<CpuRead>('cpu');

/** The app's CPU over [a, b] in ms per second. */
const perSecond = (a: CpuRead, b: CpuRead) => (b.us - a.us) / Math.max(1, b.at - a.at);

export async function batchPhase<C extends Share>(deps: BatchPhaseDeps<C>): Promise<BatchPhase<C>> {
  const { fake, log } = deps;
  await fake.call('truncate');
  // Slack's own limits for everything the batch calls; conversations.inviteShared's (Tier 2, 20 a
  // minute) raised to the fast pace, as Slack raises an app's limits on request.
  await fake.call('rateLimits', { multiplier: 1, methods: { 'conversations.inviteShared': BATCH.fastPerMinute / 20 } });
  try {
    const fastApp = await deps.startApp('app-batch', { BATCH_INVITES_PER_MINUTE: String(BATCH.fastPerMinute) });
    log(`batch: app pid ${fastApp.pid} at ${BATCH.fastPerMinute} invitations a minute; a warm-up batch of ${BATCH.warmupInvitees}`);
    await runBatch(deps, fastApp, 'batch (warm-up)', BATCH.warmupInvitees, BATCH.fastPerMinute);
    await deps.quiet(fastApp, 'batch', 3);
    log(`batch: ${BATCH.invitees} invitees in one form`);
    const fast = await runBatch(deps, fastApp, 'batch', BATCH.invitees, BATCH.fastPerMinute);
    await fastApp.stop();

    const slowApp = await deps.startApp('app-batch-slow', { BATCH_INVITES_PER_MINUTE: String(BATCH.slowPerMinute) });
    const intervalMs = 60_000 / BATCH.slowPerMinute;
    const windowMs = intervalMs - BATCH.afterCallMs - BATCH.beforeNextMs;
    // What one read costs: the app's CPU between two reads sent one right after the other (after 10 to warm up).
    const reads: number[] = [];
    let last = await cpuOf(slowApp);
    for (let i = 0; i < 30; i++) {
      const next = await cpuOf(slowApp);
      if (i >= 10) reads.push(next.us - last.us);
      last = next;
    }
    const probeUs = median(reads);
    // (Waiting for quiet also lets the new process's start-up work end before its idle is read.)
    await deps.quiet(slowApp, 'batch (slow pace)', 2);
    const idle: number[] = [];
    for (let i = 0; i < BATCH.idleWindows; i++) {
      const a = await cpuOf(slowApp);
      await sleep(windowMs);
      const b = await cpuOf(slowApp);
      idle.push(perSecond(a, b));
      await sleep(100);
    }
    log(`batch: ${BATCH.slowInvitees} invitees at ${BATCH.slowPerMinute} a minute (a slot every ${intervalMs} ms), app pid ${slowApp.pid}`);
    const windows: Array<{ a: CpuRead; b: CpuRead; gap: number }> = [];
    const slow = await runBatch(deps, slowApp, 'batch (slow pace)', BATCH.slowInvitees, BATCH.slowPerMinute, async (from) => {
      for (let gap = 0; gap < BATCH.slowInvitees - 1; gap++) {
        const call = await fake.call<{ at: number }>('nthCall', { method: 'conversations.inviteShared', from, n: gap, timeoutMs: intervalMs * 4 + 30_000 });
        await sleep(call.at + BATCH.afterCallMs - Date.now());
        const a = await cpuOf(slowApp);
        await sleep(call.at + intervalMs - BATCH.beforeNextMs - Date.now());
        const b = await cpuOf(slowApp);
        windows.push({ a, b, gap });
      }
    });
    await slowApp.stop();

    // A window counts if it lies inside its gap and no Slack call arrived meanwhile (the app only waited).
    const { inviteArrivals, arrivals } = slow.seen;
    const waiting = windows
      .filter(({ a, b, gap }) => {
        const start = inviteArrivals[gap] as number;
        const end = inviteArrivals[gap + 1] ?? Number.POSITIVE_INFINITY;
        return a.at >= start + BATCH.afterCallMs / 2 && b.at < end && b.at - a.at >= windowMs / 2 && !arrivals.some((t) => t >= a.at && t <= b.at);
      })
      .map(({ a, b }) => perSecond(a, b));
    const medianWaiting = median(waiting);
    const medianIdle = median(idle);
    return {
      fast: fast.run,
      slow: slow.run,
      wait: {
        perMinute: BATCH.slowPerMinute,
        waitingMsPerSecond: waiting,
        idleMsPerSecond: idle,
        medianWaiting,
        medianIdle,
        meanWaiting: mean(waiting),
        meanIdle: mean(idle),
        gapsLeftOut: BATCH.slowInvitees - 1 - waiting.length,
        probeMs: probeUs / 1000,
        windowMs,
        pass: waiting.length >= (BATCH.slowInvitees - 1) / 2 && medianWaiting <= medianIdle + BATCH.waitMarginMsPerSecond,
      },
    };
  } finally {
    await fake.call('rateLimits', 'off');
  }
}

/**
 * Opens the form with /share-channel (views.open through the fake), sends it with `invitees`
 * addresses as one signed view_submission and waits for the batch to finish and go quiet at
 * Slack; `during` runs meanwhile, given where the batch's calls start at the fake.
 */
async function runBatch<C extends Share>(
  deps: BatchPhaseDeps<C>,
  app: Child,
  label: string,
  invitees: number,
  perMinute: number,
  during?: (from: number) => Promise<void>,
): Promise<{ run: BatchRun<C>; seen: Seen }> {
  const { fake, pool, signingSecret } = deps;
  const url = `http://127.0.0.1:${app.ready.port as number}/slack/events`;
  const post = async ({ body, contentType }: { body: string; contentType: string }) => {
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': contentType, ...signedHeaders(signingSecret, body) }, body });
    return { status: res.status, text: await res.text() };
  };

  const beforeOpen = await fake.call<number>('mark');
  const command = await post(slashCommand({ command: '/share-channel', userId: alice, teamId: TEAM, channelId: CHANNEL }));
  if (command.status !== 200) throw new Error(`${label}: /share-channel answered HTTP ${command.status}: ${command.text.slice(0, 300)}`);
  const opened = await fake.call<OpenedView | undefined>('openedView', { from: beforeOpen, callbackId: SHARE_CHANNEL.callbackId, timeoutMs: 10_000 });
  if (!opened) throw new Error(`${label}: the form was opened but the fake does not hold it`);

  const prefix = `batch${randomBytes(3).toString('hex')}-`;
  const emails = Array.from({ length: invitees }, (_, i) => `${prefix}${i}@partner.example`);
  const submission = viewSubmission(opened, shareChannelValues({ channel: CHANNEL, email: emails.join('\n') }), { id: alice, teamId: TEAM });

  const from = await fake.call<number>('mark');
  const books = deps.books(app);
  const cpu0 = await cpuOf(app);
  const sentAt = Date.now();
  const answer = await post(submission);
  if (answer.status !== 200 || !answer.text.includes('"response_action":"update"')) throw new Error(`${label}: the submission answered HTTP ${answer.status}: ${answer.text.slice(0, 300)}`);
  const sampling = during?.(from);
  const timeoutMs = 30_000 + (invitees * 60_000) / perMinute;
  const batch = await finished(pool, opened.id, timeoutMs);
  await sampling;
  const lastCallAt = await quietAtSlack(fake, 300, timeoutMs);
  const cpu1 = await cpuOf(app);
  const cpu = books();

  const seen = await fake.call<Seen>('batchPhase', { from, emailPrefix: prefix });
  const { rows: statuses } = await pool.query<{ status: string; n: number }>(
    'SELECT i.status, count(*)::int AS n FROM invites i JOIN invite_batches b ON b.id = i.batch_id WHERE b.idempotency_key = $1 GROUP BY i.status',
    [opened.id],
  );
  const byStatus = Object.fromEntries(statuses.map((r) => [r.status, r.n]));
  const problems: string[] = [];
  if (byStatus.AWAITING_ACCEPTANCE !== invitees) problems.push(`members: ${JSON.stringify(byStatus)} for ${invitees} invitees`);
  if (seen.inviteShared !== invitees || seen.inviteSharedOk !== invitees || seen.inviteSharedDistinctEmails !== invitees) {
    problems.push(`conversations.inviteShared: ${seen.inviteShared} calls (${seen.inviteSharedOk} ok, ${seen.inviteSharedDistinctEmails} distinct invitees) for ${invitees} invitees`);
  }
  if (Object.keys(seen.errors).length) problems.push(`Slack refused: ${JSON.stringify(seen.errors)}`);
  const total = Object.values(seen.calls).reduce((a, b) => a + b, 0);
  const appCpuMs = (cpu1.us - cpu0.us) / 1000;
  deps.log(`${label}: ${invitees} invitations in ${((lastCallAt - sentAt) / 1000).toFixed(2)} s, app CPU ${appCpuMs.toFixed(0)} ms, Slack calls ${JSON.stringify(seen.calls)}`);
  return {
    seen,
    run: {
      invitees,
      perMinute,
      appCpuMs,
      cpuMsPerInvitation: appCpuMs / invitees,
      wallSeconds: (lastCallAt - sentAt) / 1000,
      recordedToFinishedSeconds: batch.seconds,
      slackCalls: seen.calls,
      slackErrors: seen.errors,
      callsPerInvitation: total / invitees,
      accounted: problems.length === 0,
      problems,
      cpu,
      otherCores: Math.round((cpu.other / Math.max(0.001, cpu.seconds)) * 100) / 100,
    },
  };
}

interface Seen {
  calls: Record<string, number>;
  errors: Record<string, number>;
  inviteShared: number;
  inviteSharedOk: number;
  inviteSharedDistinctEmails: number;
  inviteArrivals: number[];
  arrivals: number[];
}

/** Polls the database until the batch recorded for the modal `viewId` is finished. */
async function finished(pool: pg.Pool, viewId: string, timeoutMs: number): Promise<{ seconds: number }> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const { rows: [row] } = await pool.query<{ seconds: number | null }>(
      'SELECT EXTRACT(EPOCH FROM (finished_at - created_at))::float8 AS seconds FROM invite_batches WHERE idempotency_key = $1 AND finished_at IS NOT NULL',
      [viewId],
    );
    if (row) return { seconds: row.seconds ?? 0 };
    await sleep(50);
  }
  throw new Error(`the batch of modal ${viewId} did not finish within ${timeoutMs} ms`);
}

/** Waits until the fake has received no call for `quietMs` (the batch's modal, summary and Home tab come after finished_at); when the last one arrived. */
async function quietAtSlack(fake: Child, quietMs: number, timeoutMs: number): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  let count = -1;
  let since = Date.now();
  while (Date.now() < deadline) {
    const now = await fake.call<number>('mark');
    if (now !== count) {
      count = now;
      since = Date.now();
    } else if (Date.now() - since >= quietMs) {
      break;
    }
    await sleep(25);
  }
  const arrivals = await fake.call<Seen>('batchPhase', { from: Math.max(0, count - 1), emailPrefix: '\0' });
  return arrivals.arrivals.at(-1) ?? Date.now();
}
