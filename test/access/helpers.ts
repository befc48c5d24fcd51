// The steps of the access tests: an invitation sent through the form and accepted by the partner
// (Slack's event tells the app), the Home tab as published, and its buttons clicked as Slack sends them.
import assert from 'node:assert/strict';
import { HOME } from '../../src/slack/ids.js';
import { WORLD, type E2E } from '../helpers/e2e.js';
import { blockAction, eventCallback, shareChannelValues } from '../helpers/slack-payloads.js';
import { sharedChannelInviteAccepted } from '../helpers/slack-payloads-approvals.js';
import { until } from '../helpers/until.js';

export const PARTNER = { id: WORLD.partnerTeamId, name: 'Partner Inc', domain: 'partner' };
export const ACCESS_ACTIONS: readonly string[] = [HOME.actions.giveFullAccess, HOME.actions.limitAccess];

export interface InviteRow {
  id: string;
  status: string;
  external_limited: boolean | null;
  accepted_by_team_id: string | null;
  access_changed_by_user_id: string | null;
  access_changed_at: Date | null;
}

export async function inviteRow(e2e: E2E, slackInviteId: string): Promise<InviteRow> {
  const [row] = await e2e.db.query<InviteRow>(
    'SELECT id, status, external_limited, accepted_by_team_id, access_changed_by_user_id, access_changed_at FROM invites WHERE slack_invite_id = $1',
    [slackInviteId],
  );
  assert.ok(row, `no invite ${slackInviteId}`);
  return row;
}

export async function history(e2e: E2E, inviteId: string): Promise<Array<{ external_limited: boolean; target_team_id: string; changed_by_user_id: string }>> {
  return e2e.db.query<{ external_limited: boolean; target_team_id: string; changed_by_user_id: string }>('SELECT external_limited, target_team_id, changed_by_user_id FROM invite_access_changes WHERE invite_id = $1 ORDER BY id', [inviteId]);
}

/** `user` invites `email` (limited unless said) through the form; the Slack invite ID. */
export async function invite(e2e: E2E, user: string, email: string, limited = true): Promise<string> {
  const opened = await e2e.openModal('/share-channel', { user, channel: WORLD.channels.public });
  const ack = await e2e.submit(opened, shareChannelValues({ channel: WORLD.channels.public, email, limited }), user);
  assert.equal(ack.json?.response_action, 'update', ack.text);
  const sent = await e2e.fake.waitForCall('conversations.inviteShared', (c) => (c.args.emails as string[] | undefined)?.[0] === email && (c.response as { ok: boolean }).ok);
  const slackInviteId = (sent.response as { invite_id: string }).invite_id;
  // Slack's answer is recorded just after it arrives.
  await until(`${slackInviteId} recorded`, async () => ((await e2e.db.query('SELECT 1 FROM invites WHERE slack_invite_id = $1', [slackInviteId])).length ? true : undefined));
  return slackInviteId;
}

/** The partner accepts it with no approval needed (the channel is shared with them), and Slack's event reaches the app. */
export async function acceptedByPartner(e2e: E2E, slackInviteId: string, team: { id: string; name?: string; domain?: string } = PARTNER): Promise<InviteRow> {
  e2e.fake.acceptConnectInvite(slackInviteId, { acceptingTeam: team, acceptingUserId: WORLD.users.ext, approvalRequired: false });
  const requester = (await e2e.db.query<{ requester_user_id: string }>('SELECT requester_user_id FROM invites WHERE slack_invite_id = $1', [slackInviteId]))[0]!.requester_user_id;
  const before = e2e.fake.callsTo('views.publish').length;
  const res = await e2e.app.send(sharedChannelInviteAccepted(e2e.fake, slackInviteId));
  assert.equal(res.status, 200);
  // The event republishes the inviter's Home tab after it is acknowledged: waited for, so no later step mistakes it for its own.
  await published(e2e, requester, before);
  return until(`${slackInviteId} accepted`, async () => {
    const row = await inviteRow(e2e, slackInviteId);
    return row.status === 'ACCEPTED' ? row : undefined;
  });
}

export interface PublishedHome {
  view: { blocks: Array<Record<string, any>>; private_metadata: string };
  text: string;
}

async function published(e2e: E2E, user: string, before: number): Promise<PublishedHome> {
  const call = await e2e.fake.waitForCall('views.publish', (c) => c.args.user_id === user && e2e.fake.callsTo('views.publish').indexOf(c) >= before);
  assert.equal((call.response as { ok: boolean }).ok, true, `views.publish failed: ${JSON.stringify(call.response)}`);
  const view = call.args.view as PublishedHome['view'];
  return { view, text: JSON.stringify(view.blocks) };
}

export async function openHome(e2e: E2E, user: string): Promise<PublishedHome> {
  const before = e2e.fake.callsTo('views.publish').length;
  const res = await e2e.app.send(eventCallback({ type: 'app_home_opened', user, channel: 'D0HOME', tab: 'home' }, WORLD.teamId));
  assert.equal(res.status, 200);
  return published(e2e, user, before);
}

/** The access button on the row of the invitation with this record ID, if the Home tab shows one. */
export function accessButton(home: PublishedHome, recordId: string): { action_id: string; value: string; text: { text: string }; confirm?: Record<string, any> } | undefined {
  return home.view.blocks.map((b) => b.accessory).find((a) => a && ACCESS_ACTIONS.includes(a.action_id) && a.value === recordId);
}

/** Clicks (after its confirm dialog) a Home button as Slack sends it; the Home tab published after it. */
export async function click(e2e: E2E, user: string, actionId: string, value: string, home?: PublishedHome): Promise<PublishedHome> {
  const before = e2e.fake.callsTo('views.publish').length;
  const res = await e2e.app.send(
    blockAction({ actionId, value, user: { id: user, teamId: WORLD.teamId }, view: { id: 'VHOME', hash: 'h', view: { private_metadata: home?.view.private_metadata ?? '' }, type: 'home' } }),
  );
  assert.equal(res.status, 200);
  return published(e2e, user, before);
}

/** Several clicks sent at once; resolves once the Home tab was published after each of them. */
export async function clickTogether(e2e: E2E, user: string, clicks: ReadonlyArray<{ actionId: string; value: string }>): Promise<void> {
  const mine = () => e2e.fake.callsTo('views.publish').filter((c) => c.args.user_id === user).length;
  const before = mine();
  const answers = await Promise.all(
    clicks.map(({ actionId, value }) => e2e.app.send(blockAction({ actionId, value, user: { id: user, teamId: WORLD.teamId }, view: { id: 'VHOME', hash: 'h', view: { private_metadata: '' }, type: 'home' } }))),
  );
  for (const res of answers) assert.equal(res.status, 200);
  await until(`${clicks.length} Home tabs published`, () => (mine() >= before + clicks.length ? true : undefined));
}

/** The workspace view (admins), from the Home tab's scope button. */
export async function everyonesHome(e2e: E2E, user: string): Promise<PublishedHome> {
  const home = await openHome(e2e, user);
  const scope = home.view.blocks.flatMap((b) => b.elements ?? []).find((el: { action_id?: string }) => el.action_id === HOME.actions.scope);
  assert.ok(scope, 'no scope button: not an admin?');
  return click(e2e, user, HOME.actions.scope, scope.value, home);
}

export const accessCalls = (e2e: E2E) => e2e.fake.callsTo('conversations.externalInvitePermissions.set');
