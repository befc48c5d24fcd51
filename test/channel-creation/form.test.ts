// "Or create a new channel" on the /share-channel form, end to end: the name checked inline by
// Slack's rules, the channel created once however often the form is delivered, the requester,
// the colleagues and a user group's members added, the invitations sent into it (one or a batch);
// a name in use offered only to its members.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SHARE_CHANNEL } from '../../src/slack/ids.js';
import { useE2E, WORLD, type E2E } from '../helpers/e2e.js';
import { blockSuggestion, shareChannelValues, stateValue, type OpenedView, type StateValues } from '../helpers/slack-payloads.js';
import { until } from '../helpers/until.js';

const { alice, bob, carol } = WORLD.users;
const B = SHARE_CHANNEL.blocks;
const A = SHARE_CHANNEL.actions;

function withNewChannel(values: StateValues, o: { name: string; private?: boolean; members?: string[]; group?: string }): StateValues {
  return {
    ...values,
    [B.newChannel]: { [A.newChannel]: stateValue.text(o.name) },
    [B.newChannelPrivate]: { [A.newChannelPrivate]: stateValue.checkboxes(o.private ? [SHARE_CHANNEL.privateOption] : []) },
    [B.newChannelMembers]: { [A.newChannelMembers]: stateValue.users(o.members ?? []) },
    [B.newChannelGroup]: { [A.newChannelGroup]: { type: 'external_select', selected_option: o.group ? { text: { type: 'plain_text', text: '@group' }, value: o.group } : null } },
  };
}

const open = (e2e: E2E): Promise<OpenedView> => e2e.openModal('/share-channel', { user: alice, channel: WORLD.channels.noBot });
const creates = (e2e: E2E) => e2e.fake.callsTo('conversations.create');
const channelNamed = (e2e: E2E, name: string) => e2e.fake.channelsNamed(name);

describe('create a channel and invite in one step', () => {
  const FAST = { BATCH_INVITES_PER_MINUTE: '600' };
  const e2e = useE2E(FAST, { fake: { rateLimits: { multiplier: 1, methods: { 'conversations.inviteShared': 30 } } } });

  it('checks the name inline by Slack’s rules, suggesting one, and creates nothing', async () => {
    const opened = await open(e2e);
    const before = creates(e2e).length;
    const ack = await e2e.submit(opened, withNewChannel(shareChannelValues({ email: 'ann@partner.example' }), { name: 'Acme Partners!' }), alice);
    assert.equal(ack.json?.response_action, 'errors', ack.text);
    assert.deepEqual(Object.keys(ack.json.errors), [B.newChannel]);
    assert.match(ack.json.errors[B.newChannel], /acme-partners/);
    assert.equal(creates(e2e).length, before, 'nothing created');
  });

  it('refuses a chosen channel and a new name together', async () => {
    const opened = await open(e2e);
    const ack = await e2e.submit(opened, withNewChannel(shareChannelValues({ channel: WORLD.channels.public, email: 'ann@partner.example' }), { name: 'acme-both' }), alice);
    assert.equal(ack.json?.response_action, 'errors', ack.text);
    assert.match(ack.json.errors[B.newChannel], /not both/);
  });

  it('creates the channel once under a repeated delivery, adds the requester, colleagues and a group, then sends the invitation into it', async () => {
    e2e.fake.usergroups.add({ id: 'S0PARTNERS', handle: 'partner-team', name: 'Partner team', users: [carol] });
    // The group menu: anyone in the workspace may choose one.
    const opened = await open(e2e);
    const options = await e2e.app.send(blockSuggestion({ actionId: A.newChannelGroup, blockId: B.newChannelGroup, value: 'partner', user: { id: alice, teamId: WORLD.teamId }, view: opened }));
    assert.deepEqual(options.json?.options?.map((o: { value: string }) => o.value), ['S0PARTNERS']);

    const values = withNewChannel(shareChannelValues({ email: 'ann@partner.example' }), { name: 'acme-launch', members: [bob], group: 'S0PARTNERS' });
    const [first, second] = await Promise.all([e2e.submit(opened, values, alice), e2e.submit(opened, values, alice)]);
    assert.ok([first, second].every((a) => a.status === 200 && a.json?.response_action !== 'errors'), `${first.text} ${second.text}`);
    const row = await until('sent', async () => {
      const [r] = await e2e.db.query<{ channel_id: string; status: string }>("SELECT channel_id, status FROM invites WHERE invitee_email = 'ann@partner.example' AND status = 'AWAITING_ACCEPTANCE'");
      return r;
    });
    const made = channelNamed(e2e, 'acme-launch');
    assert.equal(made.length, 1, 'one channel');
    assert.equal(row.channel_id, made[0]!.id, 'the invitation went into the new channel');
    for (const member of [alice, bob, carol]) assert.ok(made[0]!.members.includes(member), `${member} added`);
    assert.equal(made[0]!.isPrivate ?? false, false);
    const invites = e2e.fake.callsTo('conversations.inviteShared').filter((c) => c.args.channel === made[0]!.id);
    assert.equal(invites.length, 1, 'one invitation');
    assert.equal((await e2e.db.query('SELECT 1 FROM channel_creations WHERE channel_id = $1', [made[0]!.id])).length, 1);
  });

  it('sends a batch into a new private channel', async () => {
    const opened = await open(e2e);
    const ack = await e2e.submit(opened, withNewChannel(shareChannelValues({ email: 'b1@partner.example\nb2@partner.example\nb3@partner.example' }), { name: 'acme-private', private: true }), alice);
    assert.equal(ack.json?.response_action, 'update', ack.text);
    const [made] = channelNamed(e2e, 'acme-private');
    assert.ok(made?.isPrivate, 'private');
    await until('the batch finished', async () => {
      const r = await e2e.db.query("SELECT 1 FROM invite_batches WHERE channel_id = $1 AND finished_at IS NOT NULL", [made!.id]);
      return r.length ? true : undefined;
    });
    const rows = await e2e.db.query<{ status: string }>('SELECT status FROM invites WHERE channel_id = $1', [made!.id]);
    assert.deepEqual(rows.map((r) => r.status), ['AWAITING_ACCEPTANCE', 'AWAITING_ACCEPTANCE', 'AWAITING_ACCEPTANCE']);
  });

  it('offers a name in use only to its members', async () => {
    // #project-x exists and alice is in it: offered. #private-no-alice exists, and she is not: only "in use".
    const member = await e2e.submit(await open(e2e), withNewChannel(shareChannelValues({ email: 'c@partner.example' }), { name: 'project-x' }), alice);
    assert.equal(member.json?.response_action, 'errors', member.text);
    assert.match(member.json.errors[B.newChannel], /#?project-x/);
    assert.match(member.json.errors[B.newChannel], /you are in it|choose it/i);
    const outsider = await e2e.submit(await open(e2e), withNewChannel(shareChannelValues({ email: 'c@partner.example' }), { name: 'no-bot' }), carol);
    assert.equal(outsider.json?.response_action, 'errors', outsider.text);
    assert.doesNotMatch(outsider.json.errors[B.newChannel], /you are in it|choose it above/i);
    assert.equal((await e2e.db.query("SELECT 1 FROM invites WHERE invitee_email = 'c@partner.example'")).length, 0, 'nothing sent');
  });
});
