// The ceiling: a bare Bolt app on the same HTTP receiver, answering /share-channel the way the
// app does (acknowledge, then views.open) with nothing else: no logging middleware, no database,
// no look-ups. Run by bench/run.ts in its own process against the same fake Slack.
// BARE_BOLT_MODAL=app makes it open the app's own /share-channel modal instead of a small one
// (a diagnostic: how much of the difference is the size of the modal, which the Web API client
// deep-copies and serialises for its debug log and Slack sends back whole, at any log level).
// With DATABASE_URL set it also answers the /share-channel form's submission as the app does for
// one invitation, with raw `pg` (bench/bare-submission.ts): the submission phase's bare Bolt.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, HTTPReceiver, LogLevel } from '@slack/bolt';
import type { ModalView } from '@slack/types';
import pg from 'pg';
import { shareChannelModal } from '../src/slack/views/share-channel-modal.js';
import { registerBareSubmission } from './bare-submission.js';
import { announceReady, serve } from './ipc.js';
import { profilerHandlers } from './profiler.js';

const env = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
};

const MODAL: ModalView = {
  type: 'modal',
  callback_id: 'bare_share_channel',
  title: { type: 'plain_text', text: 'Share a channel' },
  close: { type: 'plain_text', text: 'Cancel' },
  blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'Who would you like to invite?' } }],
};

export function createBareBolt(options: { token: string; signingSecret: string; slackApiUrl: string; botId: string; botUserId: string; appModal?: boolean; pool?: pg.Pool }): App {
  const app = new App({
    token: options.token,
    signingSecret: options.signingSecret,
    botId: options.botId,
    botUserId: options.botUserId,
    logLevel: LogLevel.WARN,
    receiver: new HTTPReceiver({ signingSecret: options.signingSecret, endpoints: '/slack/events', logLevel: LogLevel.WARN }),
    clientOptions: { slackApiUrl: options.slackApiUrl },
  });
  app.command('/share-channel', async ({ ack, client, command }) => {
    await ack();
    const view = options.appModal ? shareChannelModal({ channelId: command.channel_id }) : MODAL;
    await client.views.open({ trigger_id: command.trigger_id, view });
  });
  if (options.pool) registerBareSubmission(app, options.pool);
  return app;
}

if (process.send) {
  // The app's default pool size (src/db/database.ts), for the same concurrency against PostgreSQL.
  const pool = process.env.DATABASE_URL ? new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 }) : undefined;
  const app = createBareBolt({
    token: env('SLACK_BOT_TOKEN'),
    signingSecret: env('SLACK_SIGNING_SECRET'),
    slackApiUrl: env('SLACK_API_URL'),
    botId: env('SLACK_BOT_ID'),
    botUserId: env('SLACK_BOT_USER_ID'),
    appModal: process.env.BARE_BOLT_MODAL === 'app',
    pool,
  });
  const server = (await app.start(0)) as Server;
  serve({
    ...profilerHandlers,
    usage: () => ({ resourceUsage: process.resourceUsage(), memoryUsage: process.memoryUsage() }),
    stop: async () => {
      await app.stop();
      await pool?.end();
      setImmediate(() => process.exit(0));
      return { resourceUsage: process.resourceUsage() };
    },
  });
  announceReady({ port: (server.address() as AddressInfo).port });
}
