// The fake Slack Web API (test/helpers/fake-slack.ts) in its own process, so the load generator,
// the app and the fake each have their own event loop. The benchmark asks it, over IPC, what
// arrived when (RecordedCall.at: Date.now() on arrival), to open modals ahead of submissions, and
// to play slack.com's authorize page when it installs the app in OAuth mode.
import type { AuthorizeOptions, RateLimitSetting, RecordedCall } from '../test/helpers/fake-slack.js';
import { FakeSlack } from '../test/helpers/fake-slack.js';
import { announceReady, serve } from './ipc.js';
import { profilerHandlers } from './profiler.js';

// Without Slack's rate limits: the benchmark measures the app's own cost per request, far beyond
// what one workspace may send (conversations.inviteShared is Tier 2, about 20 a minute; D4 in the
// 2026-12 review). The batch phase turns Slack's limits on for its batches (`rateLimits`), with
// conversations.inviteShared's raised to the pace it sets. Scopes are enforced as in the tests
// (manifest.json's).
const fake = await FakeSlack.start({ rateLimits: 'off' });
fake.seedDefaultWorld();

type ViewRef = [id: string, hash: string];
const ok = (c: RecordedCall) => c.httpStatus === 200 && (c.response as { ok?: boolean } | undefined)?.ok === true;

/** The conversations.inviteShared calls among `calls` to addresses starting with `emailPrefix`. */
const invitesTo = (calls: readonly RecordedCall[], emailPrefix: string) =>
  calls.filter((c) => c.method === 'conversations.inviteShared' && String((c.args.emails as string[] | undefined)?.[0] ?? '').startsWith(emailPrefix));

/** What a phase's accounting reads of its calls and invitations. */
const inviteSummary = (calls: readonly RecordedCall[], invites: readonly RecordedCall[]) => ({
  calls: countByMethod(calls),
  errors: errorsOf(calls),
  inviteShared: invites.length,
  inviteSharedOk: invites.filter(ok).length,
  inviteSharedDistinctEmails: new Set(invites.map((c) => (c.args.emails as string[])[0])).size,
});
const errorOf = (c: RecordedCall) => (c.httpStatus !== 200 ? `HTTP ${c.httpStatus}` : String((c.response as { error?: unknown } | undefined)?.error));

function countByMethod(calls: readonly RecordedCall[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const c of calls) out[c.method] = (out[c.method] ?? 0) + 1;
  return out;
}

function errorsOf(calls: readonly RecordedCall[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const c of calls) {
    if (ok(c)) continue;
    const key = `${c.method}: ${errorOf(c)}`;
    out[key] = (out[key] ?? 0) + 1;
  }
  return out;
}

/** Opens `n` copies of `view` through the fake's own HTTP API, as a Slack client would. */
async function openViews(view: unknown, n: number): Promise<ViewRef[]> {
  const out: ViewRef[] = [];
  let next = 0;
  const worker = async () => {
    while (next < n) {
      next += 1;
      const res = await fetch(`${fake.url}views.open`, {
        method: 'POST',
        headers: { 'content-type': 'application/json; charset=utf-8', authorization: `Bearer ${fake.botToken}` },
        body: JSON.stringify({ trigger_id: `bench.${next}.${Math.random().toString(16).slice(2)}`, view }),
      });
      const body = (await res.json()) as { ok: boolean; error?: string; view?: { id: string; hash: string } };
      if (!body.ok || !body.view) throw new Error(`views.open for the submission pool failed: ${body.error}`);
      out.push([body.view.id, body.view.hash]);
    }
  };
  await Promise.all(Array.from({ length: 16 }, worker));
  return out;
}

const seenPublishes = new WeakSet<RecordedCall>();

serve({
  ...profilerHandlers,
  /** Where the next phase's calls start in `fake.calls`. */
  mark: () => fake.calls.length,

  /** Forgets recorded calls (kept: users, channels, views); marks start again at 0. */
  truncate: () => {
    fake.calls.length = 0;
  },

  /** Forgets calls, views, invites and messages (kept: users and channels). */
  reset: () => fake.reset(),

  /** The command phase as the fake saw it: each views.open's trigger_id and arrival time. */
  commandPhase: ({ from }: { from: number }) => {
    const calls = fake.calls.slice(from);
    const opens = calls.filter((c) => c.method === 'views.open');
    return {
      calls: countByMethod(calls),
      errors: errorsOf(calls),
      opened: opens.filter(ok).length,
      arrivals: opens.map((c) => [String(c.args.trigger_id), c.at] as const),
    };
  },

  /**
   * Modals to submit: the ones opened since `from` with `callbackId` (first those the app opened
   * in the command phase), topped up to `want` by opening more copies of the app's modal. The
   * order is stable, so a second call with a larger `want` extends the first; `offset` skips the
   * views the caller already has. Returns the first view as stored (the submissions' template).
   */
  submissionPool: async ({ from, callbackId, want, offset = 0 }: { from: number; callbackId: string; want: number; offset?: number }) => {
    const collect = () => {
      const views: ViewRef[] = [];
      let input: unknown;
      for (const c of fake.calls.slice(from)) {
        if (views.length >= want) break;
        if (c.method !== 'views.open' || !ok(c)) continue;
        const opened = (c.response as { view: { id: string; hash: string; callback_id?: string } }).view;
        if (opened.callback_id !== callbackId) continue;
        input ??= c.args.view;
        views.push([opened.id, opened.hash]);
      }
      return { views, input };
    };
    let { views, input } = collect();
    if (input === undefined) throw new Error(`no ${callbackId} modal was opened`);
    const toppedUp = Math.max(0, want - views.length);
    if (toppedUp > 0) {
      await openViews(input, toppedUp);
      ({ views } = collect());
    }
    const first = views[0] as ViewRef;
    return { template: fake.view(first[0])?.view, views: views.slice(offset), toppedUp };
  },

  /** The submission phase as the fake saw it, for the accounting and the end-to-end times. */
  submissionPhase: ({ from, emailPrefix }: { from: number; emailPrefix: string }) => {
    const calls = fake.calls.slice(from);
    const invites = invitesTo(calls, emailPrefix);
    const updates = calls.filter((c) => c.method === 'views.update');
    const titles: Record<string, number> = {};
    for (const u of updates) {
      const title = String((u.args.view as { title?: { text?: string } } | undefined)?.title?.text);
      titles[title] = (titles[title] ?? 0) + 1;
    }
    return {
      ...inviteSummary(calls, invites),
      viewsUpdate: updates.length,
      viewsUpdateOk: updates.filter(ok).length,
      viewsUpdateDistinct: new Set(updates.map((c) => c.args.view_id)).size,
      titles,
      dms: calls.filter((c) => c.method === 'chat.postMessage').length,
      updateArrivals: updates.map((c) => [String(c.args.view_id), c.at] as const),
    };
  },

  /** Waits for the next views.publish for `user` and says when it arrived and whether it was accepted. */
  waitPublish: async ({ user, timeoutMs }: { user: string; timeoutMs: number }) => {
    const call = await fake.waitForCall('views.publish', (c) => c.args.user_id === user && !seenPublishes.has(c), timeoutMs);
    seenPublishes.add(call);
    const view = call.args.view as { blocks?: unknown[] } | undefined;
    return { at: call.at, ok: ok(call), error: ok(call) ? undefined : errorOf(call), blocks: view?.blocks?.length ?? 0, text: JSON.stringify(view?.blocks ?? []).slice(0, 4000) };
  },

  calls: () => ({ calls: countByMethod(fake.calls), errors: errorsOf(fake.calls) }),

  /** Slack's rate limits from the next call on (test/helpers/fake-slack/rate-limits.ts), or 'off'. */
  rateLimits: (setting: RateLimitSetting) => fake.setRateLimits(setting),

  /** The first modal with `callbackId` opened since `from`, as stored (id, hash, view), once it is. */
  openedView: async ({ from, callbackId, timeoutMs }: { from: number; callbackId: string; timeoutMs: number }) => {
    const opened = (c: RecordedCall) => ok(c) && (c.response as { view?: { callback_id?: string } }).view?.callback_id === callbackId && fake.calls.indexOf(c) >= from;
    const call = await fake.waitForCall('views.open', opened, timeoutMs);
    return fake.view((call.response as { view: { id: string } }).view.id);
  },

  /** The `n`th (from 0) call of `method` since `from`, once it has arrived: when, and whether Slack accepted it. */
  nthCall: async ({ method, from, n, timeoutMs }: { method: string; from: number; n: number; timeoutMs: number }) => {
    const nth = () => fake.calls.slice(from).filter((c) => c.method === method)[n];
    const call = nth() ?? (await fake.waitForCall(method, () => nth() !== undefined, timeoutMs), nth());
    if (!call) throw new Error(`no ${method} call ${n} since ${from}`);
    return { at: call.at, ok: ok(call) };
  },

  /** A batch as the fake saw it since `from`: calls by method, its invitations (by email prefix) and when every call arrived. */
  batchPhase: ({ from, emailPrefix }: { from: number; emailPrefix: string }) => {
    const calls = fake.calls.slice(from);
    const invites = invitesTo(calls, emailPrefix);
    return {
      ...inviteSummary(calls, invites),
      inviteArrivals: invites.map((c) => c.at),
      arrivals: calls.map((c) => c.at),
    };
  },

  /** The app's OAuth credentials and Redirect URLs, for an app process started in OAuth mode. */
  oauthApp: () => ({ ...fake.oauthApp }),

  /** The person clicks "Allow" on Slack's authorize page: the app's redirect URL with a code and the state. */
  authorize: (o: AuthorizeOptions) => fake.authorize(o),

  stop: async () => {
    await fake.stop();
    setImmediate(() => process.exit(0));
  },
});

announceReady({ url: fake.url });
