// A corpus of malformed, truncated, unknown and hostile requests, correctly signed (so they get
// past verification and reach the app's own parsing): each gets a clear answer or a logged
// rejection, the app keeps running, and nothing reaches Slack or the database unescaped.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { useE2E, WORLD } from '../helpers/e2e.js';
import { eventCallback, interactive, slashCommand, type EncodedBody, shareChannelValues } from '../helpers/slack-payloads.js';

const form = (fields: Record<string, string>): EncodedBody => ({ body: new URLSearchParams(fields).toString(), contentType: 'application/x-www-form-urlencoded' });
const json = (body: string): EncodedBody => ({ body, contentType: 'application/json' });
const user = { id: WORLD.users.alice, username: 'alice', team_id: WORLD.teamId };

const CORPUS: Array<[string, EncodedBody, number[]]> = [
  ['interactivity payload that is not JSON', form({ payload: '{"type":"view_submission",' }), [400]],
  ['a truncated event body', json('{"type":"event_callback","event":{"type":"app_home_opened","user":"U0A'), [400]],
  ['an empty body', json(''), [400]],
  ['a body that is a JSON array', json('[1,2,3]'), [404]],
  ['a plain-text body', { body: 'hello there', contentType: 'text/plain' }, [400]],
  // Payloads Bolt cannot route get its 404 after its 3-second wait for a listener, with a log line.
  ['an unknown payload type', interactive({ type: 'something_new_from_slack', team: { id: WORLD.teamId }, user }), [404]],
  ['an event callback without an event', json(JSON.stringify({ type: 'event_callback', team_id: WORLD.teamId, event_id: 'Ev0NOEVENT' })), [404]],
  ['a view submission without a view', interactive({ type: 'view_submission', team: { id: WORLD.teamId }, user }), [400]],
  ['a block action without actions', interactive({ type: 'block_actions', team: { id: WORLD.teamId }, user, actions: [] }), [404]],
  ['a lifecycle event without its invite', eventCallback({ type: 'shared_channel_invite_accepted', channel: {} }, WORLD.teamId), [200]],
  ['a lifecycle event with hostile fields', eventCallback({ type: 'shared_channel_invite_declined', invite: { id: { $gt: '' }, inviting_team: ['<!channel>'] }, declining_user: 7 }, WORLD.teamId), [200]],
  ['an app_home_opened for a garbage user', eventCallback({ type: 'app_home_opened', user: '<!channel>', tab: 'home' }, WORLD.teamId), [200]],
  ['a slash command with no trigger and 100 kB of text', slashCommand({ command: '/share-channel', text: '<!channel> '.repeat(10_000), userId: WORLD.users.alice, teamId: WORLD.teamId, channelId: WORLD.channels.public, triggerId: '' }), [200]],
  ['a home action with a forged state value', interactive({ type: 'block_actions', team: { id: WORLD.teamId }, user, trigger_id: 't', actions: [{ action_id: 'home.refresh', block_id: 'x', type: 'button', value: '{"__proto__":{"admin":true}}' }] }), [200]],
];

describe('bad input', () => {
  const e2e = useE2E();

  for (const [name, payload, statuses] of CORPUS) {
    it(`answers ${name} without crashing`, async () => {
      const res = await e2e.app.send(payload);
      assert.ok(statuses.includes(res.status), `HTTP ${res.status}: ${res.text.slice(0, 200)}`);
      assert.equal((await fetch(`${e2e.app.baseUrl}/healthz`)).status, 200, 'still healthy');
    });
  }

  it('refuses hostile form values inline, sending nothing to Slack and recording nothing', async () => {
    const opened = await e2e.openModal('/share-channel', { user: WORLD.users.alice, channel: WORLD.channels.public });
    const hostile = [
      { channel: '<!channel>', email: 'partner@partner.example' },
      { channel: WORLD.channels.public, email: '<!channel>@partner.example' },
      { channel: WORLD.channels.public, email: `${'a'.repeat(5000)}@partner.example` },
      { channel: WORLD.channels.public, email: 'partner@partner.example\u0000<script>' },
      { channel: 'C'.repeat(100_000), email: 'partner@partner.example' },
    ];
    for (const values of hostile) {
      const ack = await e2e.submit(
        opened,
        shareChannelValues({ channel: values.channel, email: values.email }),
        WORLD.users.alice,
      );
      assert.equal(ack.status, 200);
      assert.equal(ack.json?.response_action, 'errors', `${JSON.stringify(values).slice(0, 80)} -> ${ack.text.slice(0, 200)}`);
      assert.doesNotMatch(ack.text, /<!channel>/);
    }
    assert.equal(e2e.fake.callsTo('conversations.inviteShared').length, 0);
    assert.equal((await e2e.db.query('SELECT 1 FROM invites')).length, 0);
  });

  it('logged every rejection and never crashed', () => {
    const fatal = e2e.app.logs.filter((l) => (l.level as number) >= 60);
    assert.deepEqual(fatal, []);
    assert.ok(e2e.app.logs.some((l) => l.msg === 'malformed shared_channel_invite event ignored'));
  });
});
