// The fake's user groups answer as Slack documents usergroups.list and usergroups.users.list
// (docs.slack.dev), through the real Web API client the app uses.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { WebClient } from '@slack/web-api';
import { FakeSlack, WORLD } from './fake-slack.js';

// The keys of a user group in Slack's documented example of usergroups.list.
const DOCUMENTED_KEYS = ['id', 'team_id', 'is_usergroup', 'name', 'description', 'handle', 'is_external', 'date_create', 'date_update', 'date_delete', 'auto_type', 'created_by', 'updated_by', 'deleted_by', 'prefs'];

describe('the fake Slack: user groups', () => {
  let fake: FakeSlack;
  let client: WebClient;
  before(async () => {
    fake = await FakeSlack.start();
    fake.seedDefaultWorld();
    fake.usergroups.add({ id: 'S0614TZR7', handle: 'admins', name: 'Team Admins', users: [WORLD.users.admin, WORLD.users.owner] });
    fake.usergroups.add({ id: 'S06158AV7', handle: 'old', name: 'Old group', users: [WORLD.users.alice], disabled: true });
    client = new WebClient(fake.botToken, { slackApiUrl: fake.url, retryConfig: { retries: 0 } });
  });
  after(() => fake.stop());

  it('lists the enabled groups in Slack’s shape, with counts and members on request', async () => {
    const plain = await client.usergroups.list();
    assert.deepEqual(plain.usergroups?.map((g) => g.id), ['S0614TZR7']);
    assert.deepEqual(Object.keys(plain.usergroups![0]!).sort(), [...DOCUMENTED_KEYS].sort());
    assert.equal(plain.usergroups![0]!.team_id, WORLD.teamId);
    const full = await client.usergroups.list({ include_count: true, include_users: true, include_disabled: true });
    assert.deepEqual(full.usergroups?.map((g) => [g.id, g.user_count, g.users]), [
      ['S0614TZR7', 2, [WORLD.users.admin, WORLD.users.owner]],
      ['S06158AV7', 1, [WORLD.users.alice]],
    ]);
    assert.ok((full.usergroups![1]!.date_delete ?? 0) > 0, 'a disabled group has date_delete');
  });

  it('lists a group’s members, and answers no_such_subteam for an unknown or disabled one', async () => {
    assert.deepEqual((await client.usergroups.users.list({ usergroup: 'S0614TZR7' })).users, [WORLD.users.admin, WORLD.users.owner]);
    await assert.rejects(client.usergroups.users.list({ usergroup: 'S0NOSUCH' }), (e: { data?: { error?: string } }) => e.data?.error === 'no_such_subteam');
    await assert.rejects(client.usergroups.users.list({ usergroup: 'S06158AV7' }), (e: { data?: { error?: string } }) => e.data?.error === 'no_such_subteam');
    assert.deepEqual((await client.usergroups.users.list({ usergroup: 'S06158AV7', include_disabled: true })).users, [WORLD.users.alice]);
  });
});
