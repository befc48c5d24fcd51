// The channel gateway against the fake Slack: what conversations.create and conversations.list are
// sent (an org-wide installation's client names the workspace), how their answers become the
// domain's, and the name look-up paging past the first 1,000 channels.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { pino } from 'pino';
import type { Config } from '../../src/config.js';
import { createSlackClients } from '../../src/slack/clients.js';
import { createChannelGateway } from '../../src/slack/gateways/channels.js';
import { allBotScopes, FakeSlack, WORLD } from '../helpers/fake-slack.js';

const logger = pino({ level: 'silent' });

describe('channel gateway', () => {
  let fake: FakeSlack;
  const slackConfig = (): Config['slack'] => ({ botToken: undefined, oauth: undefined, signingSecret: 'x', appToken: undefined, apiUrl: fake.url, privateInviteMethod: 'conversations.invite', inviteTimeoutMs: 2000 });
  const gatewayFor = (token: string, teamId?: string) => createChannelGateway(createSlackClients(slackConfig(), logger, async () => token, teamId).invites);

  beforeEach(async () => {
    fake = await FakeSlack.start();
    fake.seedDefaultWorld();
  });
  afterEach(() => fake.stop());

  it('creates a channel and answers it as the domain describes it', async () => {
    const before = Date.now();
    const r = await gatewayFor(fake.botToken).create('gw-new', true);
    assert.ok(r.ok);
    if (!r.ok) return;
    assert.equal(r.channel.name, 'gw-new');
    assert.equal(r.channel.isPrivate, true);
    assert.equal(r.channel.isArchived, false);
    assert.equal(r.channel.creatorId, fake.botUserId);
    assert.ok(r.channel.createdAt && r.channel.createdAt.getTime() >= Math.floor(before / 1000) * 1000);
    assert.deepEqual(fake.callsTo('conversations.create')[0]!.args, { name: 'gw-new', is_private: true });
  });

  it('answers Slack’s refusals and a lost answer as failures', async () => {
    const gateway = gatewayFor(fake.botToken);
    assert.deepEqual(await gateway.create('project-x', false), { ok: false, kind: 'slack_error', code: 'name_taken' });
    fake.setBotScopes(allBotScopes().filter((s) => s !== 'groups:write'));
    assert.deepEqual(await gateway.create('gw-private', true), { ok: false, kind: 'slack_error', code: 'missing_scope', neededScope: 'groups:write' });
    fake.loseAnswerNext('conversations.create');
    const lost = await createChannelGateway(createSlackClients({ ...slackConfig(), inviteTimeoutMs: 300 }, logger, async () => fake.botToken).invites).create('gw-lost', false);
    assert.deepEqual(lost, { ok: false, kind: 'timeout' });
  });

  it('names the workspace with an org-wide token (team_id), as conversations.create and conversations.list require', async () => {
    fake.addWorkspace({ teamId: 'T0GWORG', enterpriseId: 'E0GW' });
    const token = fake.addInstallation({ enterpriseId: 'E0GW', isEnterpriseInstall: true });
    const gateway = gatewayFor(token, 'T0GWORG');
    const r = await gateway.create('org-room', false);
    assert.ok(r.ok);
    assert.equal(fake.callsTo('conversations.create')[0]!.args.team_id, 'T0GWORG');
    const found = await gateway.findByName('org-room');
    assert.ok(found.ok && found.channel?.id === (r.ok ? r.channel.id : ''));
    assert.equal(fake.callsTo('conversations.list')[0]!.args.team_id, 'T0GWORG');
    // Without team_id Slack refuses: what the client's teamId prevents.
    assert.deepEqual(await gatewayFor(token).create('org-room-2', false), { ok: false, kind: 'slack_error', code: 'missing_argument' });
  });

  it('finds a channel by name past the first page, archived ones too, and private ones only where the app is', async () => {
    for (let i = 0; i < 1200; i++) fake.addChannel({ id: `C0MANY${String(i).padStart(4, '0')}`, name: `many-${i}`, members: [] });
    fake.addChannel({ id: 'C0LASTONE', name: 'needle', isArchived: true, members: [], creator: fake.botUserId });
    const gateway = gatewayFor(fake.botToken);
    const found = await gateway.findByName('needle');
    assert.deepEqual(found, { ok: true, channel: { id: 'C0LASTONE', name: 'needle', isPrivate: false, isArchived: true, creatorId: fake.botUserId, createdAt: new Date(1_600_000_000_000) } });
    const pages = fake.callsTo('conversations.list');
    assert.equal(pages.length, 2);
    assert.deepEqual(pages[0]!.args, { types: 'public_channel,private_channel', exclude_archived: false, limit: 1000 });
    const inIt = await gateway.findByName('secret-plans');
    assert.equal(inIt.ok && inIt.channel?.id, WORLD.channels.private);
    // A private channel the app is not in is not listed: the same answer as no channel at all.
    assert.deepEqual(await gateway.findByName('private-nobot'), { ok: true, channel: undefined });
  });
});
