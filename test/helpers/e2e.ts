// One end-to-end world per test file: the fake Slack Web API (seeded), a fresh database, and the
// app running in-process on its real HTTP receiver, plus the steps a person takes in Slack.
import { after, before } from 'node:test';
import { FakeSlack, WORLD, type FakeSlackOptions } from './fake-slack.js';
import { startTestApp, type TestApp } from './app-harness.js';
import { createTestDatabase, type TestDatabase } from './database.js';
import { slashCommand, viewSubmission, type OpenedView, type StateValues } from './slack-payloads.js';

export { WORLD };

export interface E2E {
  fake: FakeSlack;
  db: TestDatabase;
  app: TestApp;
  /** Runs a slash command as `user` in `channel` and returns the modal the app opened. */
  openModal(command: string, options: { user: string; channel: string; text?: string }): Promise<OpenedView>;
  /** Submits the modal and returns Slack's HTTP answer (the acknowledgement). */
  submit(opened: OpenedView, values: StateValues, user: string): ReturnType<TestApp['send']>;
}

export function useE2E(env: Record<string, string> = {}, options: { databaseTimeZone?: string; rateWindowMs?: number; fake?: FakeSlackOptions } = {}): E2E {
  const ctx = {} as E2E;
  before(async () => {
    ctx.fake = await FakeSlack.start(options.fake);
    ctx.fake.seedDefaultWorld();
    ctx.db = await createTestDatabase({ timeZone: options.databaseTimeZone });
    ctx.app = await startTestApp({ fake: ctx.fake, databaseUrl: ctx.db.url, env, rateWindowMs: options.rateWindowMs });
  });
  after(async () => {
    await ctx.app?.stop();
    await ctx.fake?.stop();
    await ctx.db?.drop();
  });
  ctx.openModal = async (command, { user, channel, text }) => {
    const before = ctx.fake.callsTo('views.open').length;
    const res = await ctx.app.send(slashCommand({ command, text, userId: user, teamId: WORLD.teamId, channelId: channel }));
    if (res.status !== 200) throw new Error(`command answered HTTP ${res.status}`);
    const call = await ctx.fake.waitForCall('views.open', () => ctx.fake.callsTo('views.open').length > before);
    const id = (call.response as { view?: { id?: string } }).view?.id;
    const stored = id ? ctx.fake.view(id) : undefined;
    if (!stored) throw new Error(`views.open failed: ${JSON.stringify(call.response)}`);
    return stored;
  };
  ctx.submit = (opened, values, user) => ctx.app.send(viewSubmission(opened, values, { id: user, teamId: WORLD.teamId }));
  return ctx;
}
