// The people and user groups the "who may invite" tests need, beside the default world: guests
// of both kinds, a deactivated account and an app in the channels (so that only who they are can
// refuse them), a person of the other organization in a Slack Connect channel (IDs as in
// ../shared/reference/slack-samples/interactive/view_submission_slack_connect_other_side.json),
// and user groups. Kept apart from fake-slack.ts's default world.
import { WORLD, type FakeSlack } from './fake-slack.js';

export const WHO = {
  users: {
    /** Single-channel guest: WORLD.users.guest (is_restricted and is_ultra_restricted). */
    singleGuest: WORLD.users.guest,
    /** Multi-channel guest: is_restricted only. */
    multiGuest: 'U0MCGUEST',
    deactivated: 'U0GONE',
    /** Another app's bot user: WORLD.users.otherBot. */
    bot: WORLD.users.otherBot,
    /** The other organization's person, as in the Slack Connect samples. */
    otherSide: 'W111',
    /** A full member no other test looks up (so the directory cache holds nothing about them). */
    dave: 'U0DAVE',
    erin: 'U0ERIN',
    /** A second admin, demoted during a test. */
    admin2: 'U0ADMIN2',
  },
  otherSideTeamId: 'T-other-side',
  otherSideEnterpriseId: 'E-other-side',
  groups: {
    /** Allowed to send Slack Connect invitations once an admin chooses it: bob and dave. */
    partnerTeam: { id: 'S0PARTNERS', handle: 'partner-team', name: 'Partner team' },
    /** Nobody in it. */
    empty: { id: 'S0EMPTY', handle: 'empty-group', name: 'Empty group' },
    /** Dave only; looked up by one test alone (so nothing about it is cached before). */
    auditors: { id: 'S0AUDIT', handle: 'auditors', name: 'Auditors' },
  },
} as const;

export function seedWhoWorld(fake: FakeSlack): void {
  const u = WHO.users;
  fake.addUser({ id: u.multiGuest, name: 'mcguest', realName: 'Mia Multi-Guest', email: 'mia@example.com', isRestricted: true });
  fake.addUser({ id: u.deactivated, name: 'gone', realName: 'Gary Gone', email: 'gary@example.com', deleted: true });
  fake.addUser({ id: u.otherSide, name: 'kaz', realName: 'Kaz Other-Side', email: 'kaz@other-side.example', teamId: WHO.otherSideTeamId });
  fake.addUser({ id: u.dave, name: 'dave', realName: 'Dave Davis', email: 'dave@example.com' });
  fake.addUser({ id: u.erin, name: 'erin', realName: 'Erin Evans', email: 'erin@example.com' });
  fake.addUser({ id: u.admin2, name: 'admin2', realName: 'Abe Admin', email: 'abe@example.com', isAdmin: true });
  // In the channels, so that nothing but who they are can refuse them.
  const everyoneAsking = [u.singleGuest, u.multiGuest, u.deactivated, u.bot, u.otherSide, u.dave, u.erin, WORLD.users.admin];
  for (const id of [WORLD.channels.public, WORLD.channels.private]) {
    const channel = fake.channel(id);
    if (!channel) throw new Error(`no channel ${id} in the default world`);
    for (const member of everyoneAsking) if (!channel.members.includes(member)) channel.members.push(member);
  }
  fake.usergroups.add({ ...WHO.groups.partnerTeam, users: [WORLD.users.bob, u.dave] });
  fake.usergroups.add({ ...WHO.groups.empty, users: [] });
  fake.usergroups.add({ ...WHO.groups.auditors, users: [u.dave] });
}
