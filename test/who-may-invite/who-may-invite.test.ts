// Who may send invitations through the app, end to end (signed requests to the real Bolt
// receiver, the fake Slack, PostgreSQL). The app invites with its own token, so Slack's rules
// about who may invite never see the person: the app refuses guests (single- and multi-channel),
// apps and deactivated accounts on both commands, before any form opens and again at submission;
// refuses people of the other organization of a Slack Connect channel (Slack's recorded
// payloads); and, once an admin chose a user group on App Home, lets only its members (and
// admins) send Slack Connect invitations. Each refusal: nothing recorded, nothing sent.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import { HOME, INVITE_PRIVATE, SHARE_CHANNEL } from '../../src/slack/ids.js';
import { useE2E, WORLD, type E2E } from '../helpers/e2e.js';
import {
  blockAction,
  blockSuggestion,
  eventCallback,
  interactive,
  newTriggerId,
  shareChannelValues,
  slashCommand,
  stateValue,
  type EncodedBody,
  type OpenedView,
  type StateValues,
} from '../helpers/slack-payloads.js';
import { seedWhoWorld, WHO } from '../helpers/who-world.js';

const SAMPLES = path.resolve(import.meta.dirname, '../../docs/slack-samples');
const readSample = (file: string) => readFileSync(path.join(SAMPLES, file), 'utf8');

const { alice, bob, admin } = WORLD.users;
const PARTNER = WORLD.emails.ext;
const COMMANDS = ['/share-channel', '/invite-private'] as const;
type Command = (typeof COMMANDS)[number];

const privateValues = (users: string[]): StateValues => ({
  [INVITE_PRIVATE.blocks.channel]: { [INVITE_PRIVATE.actions.channel]: stateValue.conversation(WORLD.channels.private) },
  [INVITE_PRIVATE.blocks.users]: { [INVITE_PRIVATE.actions.users]: stateValue.users(users) },
});

/** The form each command opens, filled in so that, from a full member, it would be sent. */
const FORMS: Record<Command, { channel: string; values: () => StateValues; block: string; method: string }> = {
  '/share-channel': { channel: WORLD.channels.public, values: () => shareChannelValues({ channel: WORLD.channels.public, email: `p${randomBytes(3).toString('hex')}@partner.example` }), block: SHARE_CHANNEL.blocks.channel, method: 'conversations.inviteShared' },
  '/invite-private': { channel: WORLD.channels.private, values: () => privateValues([WORLD.users.carol]), block: INVITE_PRIVATE.blocks.channel, method: 'conversations.invite' },
};

const REFUSED: Array<[string, string, RegExp]> = [
  ['a single-channel guest', WHO.users.singleGuest, /guest account/],
  ['a multi-channel guest', WHO.users.multiGuest, /guest account/],
  ['another app’s bot', WHO.users.bot, /app or bot account/],
  ['a deactivated account', WHO.users.deactivated, /deactivated/],
];

async function rowsFor(e2e: E2E, where: { user?: string; key?: string }): Promise<number> {
  const rows = where.key
    ? await e2e.db.query<{ n: number }>('SELECT count(*)::int AS n FROM invites WHERE idempotency_key = $1', [where.key])
    : await e2e.db.query<{ n: number }>('SELECT count(*)::int AS n FROM invites WHERE requester_user_id = $1', [where.user]);
  return rows[0]!.n;
}

/** Runs a command; `refused` is the ephemeral acknowledgement, or undefined when a form opened. */
async function runCommand(e2e: E2E, command: Command, user: string, body?: EncodedBody) {
  const opens = e2e.fake.callsTo('views.open').length;
  const res = await e2e.app.send(body ?? slashCommand({ command, userId: user, teamId: WORLD.teamId, channelId: FORMS[command].channel }));
  assert.equal(res.status, 200);
  if (res.json?.response_type === 'ephemeral') {
    // The acknowledgement was the listener's last step: no form follows it.
    assert.equal(e2e.fake.callsTo('views.open').length, opens, 'no form opened');
    return { refused: res.json as { text: string; blocks: Array<{ text?: { text: string } }> } };
  }
  assert.equal(res.text, '', `a bare acknowledgement, got ${res.text}`);
  const call = await e2e.fake.waitForCall('views.open', () => e2e.fake.callsTo('views.open').length > opens);
  return { opened: e2e.fake.view((call.response as { view: { id: string } }).view.id)! };
}

function assertRefusal(refused: { text: string; blocks: Array<{ text?: { text: string } }> } | undefined, pattern: RegExp): void {
  assert.ok(refused, 'the command was refused');
  assert.match(refused.text, pattern);
  const shown = refused.blocks.map((b) => b.text?.text ?? '').join('\n');
  assert.match(shown, pattern);
  assert.match(shown, /What to do next/);
}

/** Submits `opened` as `user` and expects a refusal under the form's first field, with nothing recorded and nothing sent. */
async function assertSubmissionRefused(e2e: E2E, command: Command, opened: OpenedView, user: string, pattern: RegExp, body?: EncodedBody) {
  const sends = e2e.fake.callsTo(FORMS[command].method).length;
  const ack = await (body ? e2e.app.send(body) : e2e.submit(opened, FORMS[command].values(), user));
  assert.equal(ack.status, 200);
  assert.equal(ack.json?.response_action, 'errors', ack.text);
  assert.deepEqual(Object.keys(ack.json.errors), [FORMS[command].block]);
  assert.match(ack.json.errors[FORMS[command].block], pattern);
  assert.equal(await rowsFor(e2e, { key: opened.id }), 0, 'nothing recorded');
  assert.equal(e2e.fake.callsTo(FORMS[command].method).length, sends, 'nothing sent');
}

async function openHome(e2e: E2E, user: string) {
  const publishes = e2e.fake.callsTo('views.publish').length;
  assert.equal((await e2e.app.send(eventCallback({ type: 'app_home_opened', user, channel: 'D0HOME', tab: 'home' }, WORLD.teamId))).status, 200);
  return latestHome(e2e, user, publishes);
}

async function latestHome(e2e: E2E, user: string, publishesBefore: number) {
  const call = await e2e.fake.waitForCall('views.publish', (c) => c.args.user_id === user && e2e.fake.callsTo('views.publish').indexOf(c) >= publishesBefore);
  assert.equal((call.response as { ok: boolean }).ok, true, `views.publish failed: ${JSON.stringify(call.response)}`);
  const view = call.args.view as { blocks: Array<Record<string, any>>; private_metadata: string };
  return { view, text: JSON.stringify(view.blocks) };
}

type Home = Awaited<ReturnType<typeof openHome>>;
const homeView = (home: Home) => ({ id: 'VHOME', hash: 'h', view: { private_metadata: home.view.private_metadata }, type: 'home' as const });

/** A Home-tab action by `user` (chosen from the menu, or the clear button), and the Home tab published after it. */
async function homeAction(e2e: E2E, user: string, home: Home, action: { chooseGroup: string } | { clear: true }) {
  const publishes = e2e.fake.callsTo('views.publish').length;
  const payload =
    'chooseGroup' in action
      ? blockAction({ actionId: HOME.actions.inviteGroup, blockId: HOME.blocks.inviteGroup, elementType: 'external_select', selectedOption: { value: action.chooseGroup }, user: { id: user, teamId: WORLD.teamId }, view: homeView(home) })
      : blockAction({ actionId: HOME.actions.clearInviteGroup, blockId: HOME.blocks.inviteGroupClear, value: 'clear', user: { id: user, teamId: WORLD.teamId }, view: homeView(home) });
  assert.equal((await e2e.app.send(payload)).status, 200);
  return latestHome(e2e, user, publishes);
}

async function setting(e2e: E2E) {
  const rows = await e2e.db.query<{ group_id: string | null; handle: string | null; updated_by: string; age_seconds: number }>(
    `SELECT invite_usergroup_id AS group_id, invite_usergroup_handle AS handle, updated_by_user_id AS updated_by,
            extract(epoch FROM now() - updated_at)::float AS age_seconds
       FROM workspace_settings WHERE team_id = $1`,
    [WORLD.teamId],
  );
  return rows[0];
}

describe('who may send invitations through the app', () => {
  const e2e = useE2E();
  before(() => seedWhoWorld(e2e.fake));

  describe('guests, apps and deactivated accounts', () => {
    for (const command of COMMANDS) {
      for (const [who, user, why] of REFUSED) {
        it(`${command}: refuses ${who} before any form opens, in a message only they see`, async () => {
          const { refused } = await runCommand(e2e, command, user);
          assertRefusal(refused, why);
          assert.equal(await rowsFor(e2e, { user }), 0, 'nothing recorded');
        });

        it(`${command}: refuses ${who} again at submission, whatever form they send`, async () => {
          // A form a full member opened, sent by them: the submission decides, not the command.
          const { opened } = await runCommand(e2e, command, alice);
          await assertSubmissionRefused(e2e, command, opened!, user, why);
          assert.equal(await rowsFor(e2e, { user }), 0);
        });
      }
    }

    it('lets a full member of the workspace through, on both commands', async () => {
      const { opened } = await runCommand(e2e, '/share-channel', WHO.users.erin);
      const ack = await e2e.submit(opened!, shareChannelValues({ channel: WORLD.channels.public, email: PARTNER }), WHO.users.erin);
      assert.equal(ack.json?.response_action, 'update', ack.text);
      await e2e.fake.waitForCall('conversations.inviteShared', (c) => (c.args.emails as string[] | undefined)?.[0] === PARTNER);
      const { opened: privateForm } = await runCommand(e2e, '/invite-private', WHO.users.erin);
      assert.equal(privateForm?.view.callback_id, INVITE_PRIVATE.callbackId);
    });

    it('fails closed when Slack does not say who is asking, and asks again next time', async () => {
      e2e.fake.failNext('users.info', 'fatal_error');
      const { refused } = await runCommand(e2e, '/share-channel', WHO.users.dave);
      assertRefusal(refused, /could not confirm with Slack that your account may send invitations/);
      const { opened } = await runCommand(e2e, '/share-channel', WHO.users.dave);
      assert.equal(opened?.view.callback_id, SHARE_CHANNEL.callbackId, 'a failed look-up is not remembered');
    });

    it('refuses the Home tab’s buttons to a guest too, with the reason in place of the form', async () => {
      const home = await openHome(e2e, WHO.users.multiGuest);
      const opens = e2e.fake.callsTo('views.open').length;
      await e2e.app.send(blockAction({ actionId: HOME.actions.openShareChannel, value: 'open', user: { id: WHO.users.multiGuest, teamId: WORLD.teamId }, view: homeView(home) }));
      const call = await e2e.fake.waitForCall('views.open', () => e2e.fake.callsTo('views.open').length > opens);
      const view = call.args.view as { callback_id?: string; blocks: unknown[] };
      assert.notEqual(view.callback_id, SHARE_CHANNEL.callbackId);
      assert.match(JSON.stringify(view.blocks), /guest account/);
    });
  });

  describe('someone of the other organization of a Slack Connect channel', () => {
    /** Slack's recorded slash command body (a Grid person, W111), typed in one of this app's channels. */
    function otherSideCommand(command: Command, teamId: string): EncodedBody {
      const form = new URLSearchParams(readSample('commands/slash_command_body.modified_real.txt'));
      form.set('command', command);
      form.set('team_id', teamId);
      form.set('channel_id', FORMS[command].channel);
      form.set('trigger_id', newTriggerId());
      // Where respond() would post: loopback, never Slack's hooks (the sample's own is hooks.slack.com).
      form.set('response_url', `http://127.0.0.1:1/commands/${teamId}/1/${randomBytes(8).toString('hex')}`);
      assert.equal(form.get('user_id'), WHO.users.otherSide);
      return { body: form.toString(), contentType: 'application/x-www-form-urlencoded' };
    }

    /** Slack's recorded view_submission from the other side (team and user of T-other-side, the installation in view.app_installed_team_id), carrying this app's form. */
    function otherSideSubmission(command: Command, opened: OpenedView, installedTeamId: string): EncodedBody {
      const sample = JSON.parse(readSample('interactive/view_submission_slack_connect_other_side.json'));
      assert.equal(sample.team.id, WHO.otherSideTeamId);
      assert.equal(sample.user.id, WHO.users.otherSide);
      sample.view = {
        ...sample.view,
        id: opened.id,
        hash: opened.hash,
        callback_id: opened.view.callback_id,
        blocks: opened.view.blocks,
        state: { values: FORMS[command].values() },
        app_installed_team_id: installedTeamId,
      };
      return interactive(sample);
    }

    for (const command of COMMANDS) {
      it(`${command}: refuses a person whom Slack places in the other organization (the recorded command body)`, async () => {
        const { refused } = await runCommand(e2e, command, WHO.users.otherSide, otherSideCommand(command, WORLD.teamId));
        assertRefusal(refused, /another workspace or organization/);
        assert.ok(e2e.fake.callsTo('users.info').some((c) => c.args.user === WHO.users.otherSide), 'judged from users.info: team_id is the other side');
        assert.equal(await rowsFor(e2e, { user: WHO.users.otherSide }), 0);
      });

      it(`${command}: refuses a command for a workspace this app is not installed in, without asking Slack`, async () => {
        const calls = e2e.fake.calls.length;
        const { refused } = await runCommand(e2e, command, WHO.users.otherSide, otherSideCommand(command, 'T111'));
        assertRefusal(refused, /another workspace or organization/);
        assert.equal(e2e.fake.calls.length, calls, 'no Slack call');
      });

      it(`${command}: refuses the other side’s view submission (the recorded Slack Connect payload), from the request alone`, async () => {
        const { opened } = await runCommand(e2e, command, alice);
        const calls = e2e.fake.calls.length;
        await assertSubmissionRefused(e2e, command, opened!, WHO.users.otherSide, /another workspace or organization/, otherSideSubmission(command, opened!, WORLD.teamId));
        assert.equal(e2e.fake.calls.length, calls, 'refused without asking Slack anything: the request says the other side');
        assert.equal(await rowsFor(e2e, { user: WHO.users.otherSide }), 0);
      });

      it(`${command}: refuses a view submission for an installation that is not this app’s`, async () => {
        const { opened } = await runCommand(e2e, command, alice);
        const calls = e2e.fake.calls.length;
        await assertSubmissionRefused(e2e, command, opened!, WHO.users.otherSide, /another workspace or organization/, otherSideSubmission(command, opened!, 'T-installed-workspace'));
        assert.equal(e2e.fake.calls.length, calls, 'no Slack call');
      });
    }
  });

  describe('admins let only one user group send Slack Connect invitations, on App Home', () => {
    const { partnerTeam, empty } = WHO.groups;
    let adminHome: Home;
    let chosen: Home;
    let aliceForm: OpenedView;

    before(async () => {
      // A form alice opened while she still could: sent after the change, it must be refused.
      aliceForm = (await runCommand(e2e, '/share-channel', alice)).opened!;
      adminHome = await openHome(e2e, admin);
      chosen = await homeAction(e2e, admin, adminHome, { chooseGroup: partnerTeam.id });
    });

    it('shows admins the setting: none by default, a user-group menu fed by Slack', async () => {
      const section = adminHome.view.blocks.find((b) => b.block_id === HOME.blocks.inviteGroup);
      assert.ok(section, 'the admins’ section');
      assert.equal(section.accessory.type, 'external_select');
      assert.equal(section.accessory.action_id, HOME.actions.inviteGroup);
      assert.equal(section.accessory.initial_option, undefined, 'no group by default');
      assert.match(section.text.text, /Every full member can send/);

      const res = await e2e.app.send(blockSuggestion({ actionId: HOME.actions.inviteGroup, blockId: HOME.blocks.inviteGroup, value: 'partner', user: { id: admin, teamId: WORLD.teamId }, view: homeView(adminHome) }));
      assert.equal(res.status, 200);
      assert.deepEqual(res.json.options, [{ text: { type: 'plain_text', text: '@partner-team (Partner team)', emoji: true }, value: partnerTeam.id }]);
      assert.ok(e2e.fake.callsTo('usergroups.list').length > 0, 'the groups come from usergroups.list');
    });

    it('stores the choice with who made it and when (the database’s clock), and shows it', async () => {
      const row = await setting(e2e);
      assert.equal(row?.group_id, partnerTeam.id);
      assert.equal(row?.handle, partnerTeam.handle);
      assert.equal(row?.updated_by, admin);
      assert.ok(row!.age_seconds >= 0 && row!.age_seconds < 600, `updated_at is the database's recent now() (${row?.age_seconds} s ago)`);
      assert.match(chosen.text, /Only members of \*@partner-team\*/);
      assert.match(chosen.text, new RegExp(`Last changed by <@${admin}>`));
      const section = chosen.view.blocks.find((b) => b.block_id === HOME.blocks.inviteGroup);
      assert.equal(section?.accessory.initial_option.value, partnerTeam.id);
      assert.ok(chosen.text.includes(HOME.actions.clearInviteGroup), 'a way back to everyone');
    });

    it('offers the groups to admins only', async () => {
      const res = await e2e.app.send(blockSuggestion({ actionId: HOME.actions.inviteGroup, blockId: HOME.blocks.inviteGroup, value: '', user: { id: alice, teamId: WORLD.teamId } }));
      assert.equal(res.status, 200);
      assert.deepEqual(res.json.options, []);
      const aliceHome = await openHome(e2e, alice);
      assert.ok(!aliceHome.text.includes(HOME.actions.inviteGroup), 'no admins’ section for a member');
    });

    it('refuses someone outside the group, at the command and at submission; nothing recorded or sent', async () => {
      const { refused } = await runCommand(e2e, '/share-channel', alice);
      assertRefusal(refused, /only the members of one user group[\s\S]*@partner-team/);
      assert.ok(e2e.fake.callsTo('usergroups.users.list').some((c) => c.args.usergroup === partnerTeam.id), 'membership from usergroups.users.list');
      await assertSubmissionRefused(e2e, '/share-channel', aliceForm, alice, /only the members of one user group/);
    });

    it('lets a member of the group send one', async () => {
      const { opened } = await runCommand(e2e, '/share-channel', bob);
      const email = `member-${randomBytes(3).toString('hex')}@partner.example`;
      const ack = await e2e.submit(opened!, shareChannelValues({ channel: WORLD.channels.public, email }), bob);
      assert.equal(ack.json?.response_action, 'update', ack.text);
      const call = await e2e.fake.waitForCall('conversations.inviteShared', (c) => (c.args.emails as string[] | undefined)?.[0] === email);
      assert.equal(call.args.channel, WORLD.channels.public);
      assert.equal(await rowsFor(e2e, { key: opened!.id }), 1);
    });

    it('lets admins and owners send them although they are not in the group', async () => {
      const { opened } = await runCommand(e2e, '/share-channel', admin);
      assert.equal(opened?.view.callback_id, SHARE_CHANNEL.callbackId);
    });

    it('leaves /invite-private alone: the setting is about Slack Connect invitations', async () => {
      const { opened } = await runCommand(e2e, '/invite-private', alice);
      assert.equal(opened?.view.callback_id, INVITE_PRIVATE.callbackId);
    });

    it('cannot be changed by someone who is not an admin, even with a forged action payload', async () => {
      const aliceHome = await openHome(e2e, alice);
      for (const action of [{ chooseGroup: empty.id }, { clear: true as const }]) {
        const after = await homeAction(e2e, alice, aliceHome, action);
        assert.match(after.text, /Only workspace admins and owners can change who may send Slack Connect invitations/);
        assert.ok(!after.text.includes(HOME.actions.inviteGroup), 'still no admins’ section');
      }
      const row = await setting(e2e);
      assert.equal(row?.group_id, partnerTeam.id, 'unchanged');
      assert.equal(row?.updated_by, admin);
    });

    it('asks Slack whether someone is an admin when they click: an admin demoted since cannot change it', async () => {
      const home = await openHome(e2e, WHO.users.admin2);
      assert.ok(home.text.includes(HOME.actions.clearInviteGroup), 'shown while an admin');
      e2e.fake.user(WHO.users.admin2)!.isAdmin = false;
      const after = await homeAction(e2e, WHO.users.admin2, home, { clear: true });
      assert.match(after.text, /Only workspace admins and owners can change/);
      assert.equal((await setting(e2e))?.group_id, partnerTeam.id, 'unchanged');
    });

    it('refuses a group Slack does not list, and changes nothing', async () => {
      const after = await homeAction(e2e, admin, adminHome, { chooseGroup: 'S0NOSUCHGROUP' });
      assert.match(after.text, /Slack no longer lists the chosen user group/);
      assert.equal((await setting(e2e))?.group_id, partnerTeam.id);
    });

    it('fails closed when Slack cannot say who is in the group', async () => {
      // A group whose members nobody has asked for yet (nothing cached), with dave in it.
      await homeAction(e2e, admin, adminHome, { chooseGroup: WHO.groups.auditors.id });
      assert.equal((await setting(e2e))?.group_id, WHO.groups.auditors.id);
      e2e.fake.failNext('usergroups.users.list', 'missing_scope', { extra: { needed: 'usergroups:read', provided: 'commands,chat:write' } });
      assertRefusal((await runCommand(e2e, '/share-channel', WHO.users.dave)).refused, /usergroups:read/);
      e2e.fake.failNext('usergroups.users.list', 'fatal_error');
      assertRefusal((await runCommand(e2e, '/share-channel', WHO.users.dave)).refused, /could not confirm with Slack/);
      const { opened } = await runCommand(e2e, '/share-channel', WHO.users.dave);
      assert.equal(opened?.view.callback_id, SHARE_CHANNEL.callbackId, 'allowed once Slack answers');
    });

    it('is cleared by an admin: every member may send them again', async () => {
      const after = await homeAction(e2e, admin, adminHome, { clear: true });
      assert.match(after.text, /Every full member can send/);
      const row = await setting(e2e);
      assert.equal(row?.group_id, null);
      assert.equal(row?.updated_by, admin);
      const { opened } = await runCommand(e2e, '/share-channel', alice);
      assert.equal(opened?.view.callback_id, SHARE_CHANNEL.callbackId);
    });
  });
});
