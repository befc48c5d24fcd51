// Bare Bolt's /share-channel submission: what the app does for one invitation (one email, one
// channel) in steady state, written as a minimal Bolt app would, with raw `pg` and no layers.
// Measured beside the app's in the benchmark's submission phase (bench/run.ts).
//
// The same work, step for step (src/slack/listeners/views/invite-submission.ts, src/db/):
//   checks: who may invite, read fresh from workspace_settings (the app's whoMayInvite); the
//     channel (conversations.info, reused 10 s), the requester's membership (conversations.members
//     for a channel of up to 1,000 members; shared by concurrent askers while in flight, never
//     reused: an authorization fact) and the requester's profile (users.info, reused 60 s), as the
//     app's cached directory asks them (src/invites/cached-directory.ts);
//   INSERT the invite as RECORDED (ON CONFLICT DO NOTHING on the modal's id), acknowledge with
//     response_action update and a "Sending invitation" view, UPDATE it to SENDING,
//     conversations.inviteShared, UPDATE it with the outcome, views.update with the outcome.
// So the fake Slack receives the same calls for the same load (the benchmark shows the calls
// per submission of both) and the database the same rows, which the same books then check.
// Not done: the app's error explanations, retries, leases renewed during long sends, recovery.
// Views are passed as objects, as a minimal Bolt app would (the app hands Bolt encoded strings).
import { randomUUID } from 'node:crypto';
import type { App } from '@slack/bolt';
import type { ModalView } from '@slack/types';
import type pg from 'pg';
import { SHARE_CHANNEL } from '../src/slack/ids.js';

const LEASE_MS = 60_000;

type Value = { value?: string | null; selected_conversation?: string | null; selected_options?: unknown[] };

/** Answers reused for `ttlMs` (0: shared only while in flight); failures are never kept. */
function reuse<T>(ttlMs: number) {
  const entries = new Map<string, { until: number; value: Promise<T> }>();
  return (key: string, load: () => Promise<T>): Promise<T> => {
    const hit = entries.get(key);
    if (hit && (hit.until === Number.POSITIVE_INFINITY || hit.until > Date.now())) return hit.value;
    const entry = { until: Number.POSITIVE_INFINITY, value: load() };
    entries.set(key, entry);
    entry.value.then(
      () => {
        if (ttlMs > 0) entry.until = Date.now() + ttlMs;
        else if (entries.get(key) === entry) entries.delete(key);
      },
      () => {
        if (entries.get(key) === entry) entries.delete(key);
      },
    );
    return entry.value;
  };
}

const outcomeModal = (title: string, text: string, channelId: string, email: string): ModalView => ({
  type: 'modal',
  callback_id: 'bare_share_channel_outcome',
  title: { type: 'plain_text', text: title },
  close: { type: 'plain_text', text: 'Close' },
  blocks: [
    { type: 'section', text: { type: 'mrkdwn', text } },
    { type: 'section', fields: [{ type: 'mrkdwn', text: `*Channel*\n<#${channelId}>` }, { type: 'mrkdwn', text: `*Invitee*\n${email}` }, { type: 'mrkdwn', text: '*Access*\nLimited (can only post messages)' }] },
  ],
});

export function registerBareSubmission(app: App, pool: pg.Pool): void {
  const owner = `bare-bolt:${process.pid}`;
  const channels = reuse<{ id: string; is_archived?: boolean; num_members?: number } | undefined>(10_000);
  const members = reuse<boolean>(0);
  const users = reuse<{ email?: string } | undefined>(60_000);

  app.view(SHARE_CHANNEL.callbackId, async ({ ack, body, view, client }) => {
    const values = view.state.values as Record<string, Record<string, Value>>;
    const channelId = values[SHARE_CHANNEL.blocks.channel]?.[SHARE_CHANNEL.actions.channel]?.selected_conversation ?? '';
    const email = (values[SHARE_CHANNEL.blocks.email]?.[SHARE_CHANNEL.actions.email]?.value ?? '').trim();
    const limited = (values[SHARE_CHANNEL.blocks.limited]?.[SHARE_CHANNEL.actions.limited]?.selected_options?.length ?? 0) > 0;
    const userId = body.user.id;
    const teamId = body.team?.id ?? body.user.team_id ?? '';
    const refuse = (text: string) => ack({ response_action: 'errors', errors: { [SHARE_CHANNEL.blocks.channel]: text } });

    // As the app: who may invite beside the form's checks; the channel, then the membership.
    type Channel = { id: string; is_archived?: boolean; num_members?: number } | undefined;
    const [, requester, { channel, isMember }] = await Promise.all([
      pool.query('SELECT invite_usergroup_id FROM workspace_settings WHERE team_id = $1', [teamId]),
      users(userId, async () => (await client.users.info({ user: userId })).user?.profile),
      channels(channelId, async () => (await client.conversations.info({ channel: channelId, include_num_members: true })).channel as Channel).then(async (c) => ({
        channel: c,
        isMember: c ? await members(`${channelId}:${userId}`, async () => ((await client.conversations.members({ channel: channelId, limit: 1000 })).members ?? []).includes(userId)) : false,
      })),
    ]);
    if (!channel || channel.is_archived) return refuse('That channel cannot be shared.');
    if (!isMember) return refuse('You are not in that channel.');
    if (requester?.email?.toLowerCase() === email.toLowerCase()) return refuse('That is your own address.');

    const { rows: [invite] } = await pool.query<{ id: string; lease_version: number }>(
      `INSERT INTO invites (id, kind, status, method, team_id, requester_user_id, channel_id, invitee_email, external_limited,
         idempotency_key, view_id, lease_owner, lease_expires_at, created_at, updated_at)
       VALUES ($1, 'SLACK_CONNECT', 'RECORDED', 'conversations.inviteShared', $2, $3, $4, $5, $6, $7, $7, $8, now() + $9::int * interval '1 millisecond', now(), now())
       ON CONFLICT (team_id, idempotency_key) DO NOTHING
       RETURNING id, lease_version`,
      [randomUUID(), teamId, userId, channelId, email, limited, view.id, owner, LEASE_MS],
    );
    await ack({ response_action: 'update', view: outcomeModal('Sending invitation', `:hourglass_flowing_sand: Sending the invitation to ${email}…`, channelId, email) });
    if (!invite) return; // the same submission again: already recorded

    const held = [invite.id, invite.lease_version];
    await pool.query(
      `UPDATE invites SET status = 'SENDING', attempts = attempts + 1, sent_at = now(), updated_at = now(), lease_owner = $3, lease_expires_at = now() + $4::int * interval '1 millisecond'
       WHERE id = $1 AND lease_version = $2 RETURNING attempts`,
      [...held, owner, LEASE_MS],
    );
    let sent: { invite_id?: string; is_legacy_shared_channel?: boolean; url?: string; conf_code?: string } | undefined;
    let errorCode: string | undefined;
    try {
      sent = (await client.conversations.inviteShared({ channel: channelId, emails: [email], external_limited: limited } as Parameters<typeof client.conversations.inviteShared>[0])) as typeof sent;
    } catch (error) {
      errorCode = (error as { data?: { error?: string } }).data?.error ?? 'unknown_error';
    }
    if (sent) {
      await pool.query(
        `UPDATE invites SET status = 'AWAITING_ACCEPTANCE', slack_invite_id = $3, is_legacy_shared_channel = $4, join_url = $5, conf_code = $6,
           error_code = NULL, error_detail = NULL, retry_after_seconds = NULL, lease_owner = NULL, lease_expires_at = NULL, completed_at = now(), updated_at = now()
         WHERE id = $1 AND lease_version = $2 RETURNING id`,
        [...held, String(sent.invite_id), sent.is_legacy_shared_channel === true, sent.url ?? null, sent.conf_code ?? null],
      );
    } else {
      await pool.query(
        `UPDATE invites SET status = 'FAILED', error_code = $3, lease_owner = NULL, lease_expires_at = NULL, completed_at = now(), updated_at = now()
         WHERE id = $1 AND lease_version = $2 RETURNING id`,
        [...held, errorCode],
      );
    }
    const outcome = sent
      ? outcomeModal('Invitation sent', `:white_check_mark: Slack Connect invitation sent to ${email}.`, channelId, email)
      : outcomeModal('Invitation not sent', `:x: Slack refused the invitation to ${email}: ${errorCode}.`, channelId, email);
    await client.views.update({ view_id: view.id, view: outcome });
  });
}
