// The approvals' views: the card for each kind and status, its modals, the App Home section.
// Each is valid Block Kit by the fake Slack's validator, says the facts an approver decides on,
// offers buttons only while the approval waits, and lets no name from data ping or restyle.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { Approval, ApprovalKind, ApprovalStatus, TrustedOrganization } from '../../src/invites/approvals/types.js';
import { explainError } from '../../src/invites/error-catalogue.js';
import { APPROVALS } from '../../src/slack/ids.js';
import { approvalCard, decisionFailedNotice } from '../../src/slack/views/approval-card.js';
import { acceptInviteModal, addTrustedModal, declineReasonModal, validChannelName, validTrustedOrgId } from '../../src/slack/views/approval-modals.js';
import { suggestedChannelName } from '../../src/invites/approvals/channel-name.js';
import { approvalsSection, MAX_APPROVALS_BLOCKS } from '../../src/slack/views/home-approvals.js';
import { validateMessageBlocks, validateView } from '../helpers/fake-slack-blocks.js';

const appName = 'Connect Invites';
const expiresAt = new Date('2026-12-10T09:30:00Z');
const EXPIRES = `<!date^${expiresAt.getTime() / 1000}^{date_short_pretty} at {time}|2026-12-10 09:30 UTC>`;
const decidedAt = new Date('2026-12-04T15:00:00Z');
const ACME = { id: 'T0ACME', name: 'Acme', domain: 'acme' };
const US = { id: 'T0TEAM', name: 'Us', domain: 'us' };

const base: Approval = {
  id: '0b9f1c4e-5d2a-4f37-9a8e-1c2d3e4f5a6b',
  teamId: 'T0TEAM',
  kind: 'ACCEPTED_INVITE',
  slackInviteId: 'I0INVITE',
  channelId: 'C0SHARED',
  channelName: 'partner-launch',
  isPrivate: false,
  invitingUserId: 'U0ALICE',
  invitingTeam: US,
  otherTeam: ACME,
  targetTeamId: 'T0ACME',
  recipientEmail: 'pat@acme.example',
  externalLimited: true,
  expiresAt,
  status: 'PENDING',
  cards: [],
  createdAt: new Date('2026-12-03T10:00:00Z'),
  updatedAt: new Date('2026-12-03T10:00:00Z'),
};

/** One of each: our invitation accepted by them, theirs accepted by us, one to the app, an Enterprise request. */
const KINDS: Record<string, Approval> = {
  outgoing: base,
  incomingAccepted: { ...base, invitingUserId: 'W0THEIRS', invitingTeam: ACME, recipientEmail: undefined, recipientUserId: 'U0BOB', channelId: 'C0THEIRS', channelName: 'acme-launch' },
  incomingInvite: { ...base, kind: 'INCOMING_INVITE', invitingUserId: 'W0THEIRS', invitingTeam: ACME, recipientEmail: undefined, channelId: 'C0THEIRS', channelName: 'Acme Launch!', isPrivate: true },
  request: { ...base, kind: 'INVITE_REQUEST', enterpriseId: 'E0ORG', otherTeam: undefined, externalLimited: false },
};
const STATUSES: ApprovalStatus[] = ['PENDING', 'DECIDING', 'APPROVED', 'DECLINED', 'ACCEPTED', 'IGNORED', 'DECIDED_IN_SLACK'];

const decided = (a: Approval, status: ApprovalStatus, extra: Partial<Approval> = {}): Approval => ({ ...a, status, decidedByUserId: 'U0CAROL', decidedAt, ...extra });

type Json = Record<string, unknown>;
const buttons = (blocks: unknown[]) => (blocks as Json[]).flatMap((b) => (b.type === 'actions' ? (b.elements as Json[]) : [])).filter((e) => e.type === 'button');
const actionIds = (blocks: unknown[]) => buttons(blocks).map((b) => b.action_id);

/** Every mrkdwn text in a payload (what Slack parses for mentions and formatting). */
function mrkdwnTexts(x: unknown): string[] {
  if (Array.isArray(x)) return x.flatMap(mrkdwnTexts);
  if (typeof x !== 'object' || x === null) return [];
  const o = x as Json;
  if (o.type === 'mrkdwn' && typeof o.text === 'string') return [o.text];
  return Object.values(o).flatMap(mrkdwnTexts);
}

function assertNothingSmuggled(texts: string[]) {
  for (const text of texts) {
    assert.doesNotMatch(text, /<!(?!date\^)/, `a broadcast mention in ${text}`);
    assert.doesNotMatch(text, /<https?:|<@U0EVIL>|<#C0EVIL/, `a link or mention from data in ${text}`);
    assert.doesNotMatch(text, /\*bold\*|`code`|~strike~|(^|\s)_it_/, `formatting from data in ${text}`);
  }
}

const homeOf = (blocks: unknown[]) => ({ type: 'home', blocks });
const blockOf = (view: { blocks: unknown[] }, id: string) => (view.blocks as Json[]).find((b) => b.block_id === id) as Json & { element: Json; hint: { text: string } };

describe('approvalCard', () => {
  it('is valid Block Kit for every kind and status, and so are its modals', () => {
    for (const [name, approval] of Object.entries(KINDS)) {
      for (const status of STATUSES) {
        const a = status === 'PENDING' ? approval : decided(approval, status, { reason: 'Not a partner', slackError: 'invite_expired' });
        for (const trusted of [false, true]) {
          const card = approvalCard(a, { appName, trusted });
          assert.deepEqual(validateMessageBlocks(card.blocks), [], `${name} ${status}`);
          assert.ok(card.text.length > 0 && card.text.length <= 3000);
        }
      }
      for (const view of [declineReasonModal(approval, { kind: 'decline' }), declineReasonModal(approval, { kind: 'deny' }), acceptInviteModal(approval)]) {
        assert.deepEqual(validateView(view, 'modal'), [], name);
      }
    }
    assert.deepEqual(validateView(addTrustedModal(), 'modal'), []);
  });

  it('our invitation accepted by them: who invited whom, of which organization, where, with which access, until when', () => {
    const { blocks, text } = approvalCard(KINDS.outgoing!, { appName });
    const all = mrkdwnTexts(blocks).join('\n');
    for (const fact of ['<@U0ALICE>', 'pat@acme.example', '*Acme*', '(acme)', '`T0ACME`', '<#C0SHARED>', 'Limited: they can only post messages', EXPIRES, 'approval needed']) {
      assert.ok(all.includes(fact), `missing ${fact} in ${all}`);
    }
    assert.match(text, /approval needed.*<@U0ALICE> invited pat@acme\.example/);
    assert.deepEqual(actionIds(blocks), [APPROVALS.actions.approve, APPROVALS.actions.decline, APPROVALS.actions.trust]);
    const [approve, decline, trust] = buttons(blocks);
    assert.ok(approve?.confirm, 'Approve asks to confirm');
    assert.equal(decline?.confirm, undefined, 'Decline opens the reason modal instead');
    assert.match(JSON.stringify(trust?.text), /Always trust Acme/);
    for (const b of buttons(blocks)) assert.equal(b.value, base.id, 'a button carries only the approval’s ID');
  });

  it('no "Always trust" once the organization is trusted, nor for an Enterprise request', () => {
    assert.deepEqual(actionIds(approvalCard(KINDS.outgoing!, { appName, trusted: true }).blocks), [APPROVALS.actions.approve, APPROVALS.actions.decline]);
    const request = approvalCard(KINDS.request!, { appName }).blocks;
    assert.deepEqual(actionIds(request), [APPROVALS.actions.approve, APPROVALS.actions.decline]);
    assert.match(JSON.stringify(buttons(request)[1]?.text), /Deny/);
    const all = mrkdwnTexts(request).join('\n');
    assert.match(all, /<@U0ALICE> asked to invite pat@acme\.example into <#C0SHARED>/);
    assert.match(all, /Full: they can post, invite others/);
  });

  it('their invitation, accepted here: their organization and channel by name, our person mentioned, theirs not', () => {
    const all = mrkdwnTexts(approvalCard(KINDS.incomingAccepted!, { appName }).blocks).join('\n');
    assert.match(all, /\*Acme\* \(acme\) `T0ACME` invited <@U0BOB> into their channel #acme-launch/);
    assert.doesNotMatch(all, /<@W0THEIRS>|<#C0THEIRS>/);
  });

  it('an invitation to the app: Accept (a form), Ignore, Always trust', () => {
    const { blocks } = approvalCard(KINDS.incomingInvite!, { appName });
    assert.deepEqual(actionIds(blocks), [APPROVALS.actions.accept, APPROVALS.actions.ignore, APPROVALS.actions.trust]);
    assert.match(mrkdwnTexts(blocks).join('\n'), /invited this workspace, through Connect Invites, into their channel #Acme Launch!/);
  });

  it('once decided (or while being sent), no buttons, and who decided, when, the outcome and the reason', () => {
    for (const approval of Object.values(KINDS)) {
      for (const status of STATUSES.filter((s) => s !== 'PENDING')) {
        assert.deepEqual(buttons(approvalCard(decided(approval, status), { appName }).blocks), [], status);
      }
    }
    const declined = mrkdwnTexts(approvalCard(decided(base, 'DECLINED', { reason: 'Not a partner of ours' }), { appName }).blocks).join('\n');
    assert.ok(declined.includes(`*Declined* by <@U0CAROL> · <!date^${decidedAt.getTime() / 1000}^{date_short_pretty} at {time}|2026-12-04 15:00 UTC>`), declined);
    assert.match(declined, /Reason: “Not a partner of ours”/);
    assert.doesNotMatch(declined, /Expires/);
    assert.match(mrkdwnTexts(approvalCard(decided(KINDS.request!, 'DECLINED'), { appName }).blocks).join('\n'), /\*Denied\* by <@U0CAROL>/);
    const auto = mrkdwnTexts(approvalCard(decided(base, 'APPROVED', { decidedByUserId: undefined, decidedByRule: 'T0ACME' }), { appName }).blocks).join('\n');
    assert.match(auto, /\*Approved\* automatically, by the trusted-organization rule for \*Acme\*/);
    const deciding = mrkdwnTexts(approvalCard(decided(base, 'DECIDING', { decidedAt: undefined }), { appName }).blocks).join('\n');
    assert.match(deciding, /Being sent to Slack by <@U0CAROL>…/);
  });

  it('decided in Slack: says which, from Slack’s code, and is not an error', () => {
    const expected: Record<string, RegExp> = {
      already_approved: /already approved in Slack/,
      invite_already_approved: /already approved in Slack/,
      invite_already_denied: /already declined in Slack/,
      invite_expired: /expired in Slack/,
      invite_used: /already used in Slack/,
      approval_inactive: /no longer waiting in Slack/,
      inactive_invite: /no longer waiting in Slack/,
      invalid_action: /already approved or declined in Slack/,
    };
    for (const [code, words] of Object.entries(expected)) {
      const all = mrkdwnTexts(approvalCard(decided(base, 'DECIDED_IN_SLACK', { slackError: code }), { appName }).blocks).join('\n');
      assert.match(all, /Already decided in Slack/);
      assert.match(all, words, code);
      assert.doesNotMatch(all, /error|:warning:/i, code);
    }
    const denied = mrkdwnTexts(approvalCard(decided(KINDS.request!, 'DECIDED_IN_SLACK', { slackError: 'invite_already_denied' }), { appName }).blocks).join('\n');
    assert.match(denied, /already denied in Slack/);
  });

  it('decisionFailedNotice: the catalogue’s explanation, valid under a card', () => {
    const notice = decisionFailedNotice(explainError('restricted_action', { method: 'conversations.inviteShared', appName }));
    const card = approvalCard(base, { appName });
    assert.deepEqual(validateMessageBlocks([...card.blocks, ...notice]), []);
    const all = mrkdwnTexts(notice).join('\n');
    assert.match(all, /Slack did not take the decision/);
    assert.match(all, /What to do next/);
    assert.match(all, /`restricted_action`/);
  });
});

describe('escaping: names from data cannot ping, link or restyle', () => {
  const evil = '<!channel> *bold* _it_ `code` ~strike~ <https://evil.example|click> <@U0EVIL>';
  const hostile: Approval = {
    ...base,
    channelName: `<!here> ${evil}`,
    otherTeam: { id: 'T0ACME', name: evil, domain: '<#C0EVIL>' },
    invitingTeam: { id: 'T0OTHER', name: evil },
    recipientEmail: `<!everyone>${evil}@x.example`,
    reason: `${evil}\n> quoted`,
  };

  it('in every card, modal and the Home section', () => {
    for (const kind of ['ACCEPTED_INVITE', 'INCOMING_INVITE', 'INVITE_REQUEST'] as ApprovalKind[]) {
      for (const status of STATUSES) {
        const card = approvalCard({ ...hostile, kind, ...(status === 'PENDING' ? {} : { status, decidedAt, decidedByUserId: undefined, decidedByRule: 'rule' }) }, { appName: evil });
        assert.deepEqual(validateMessageBlocks(card.blocks), []);
        assertNothingSmuggled([card.text, ...mrkdwnTexts(card.blocks)]);
      }
      const a = { ...hostile, kind };
      assertNothingSmuggled(mrkdwnTexts([declineReasonModal(a, { kind: 'deny' }), acceptInviteModal(a)]));
    }
    const trusted: TrustedOrganization = { teamId: 'T0TEAM', orgId: 'T0ACME', name: evil, domain: evil, addedByUserId: '<@U0EVIL>', addedAt: decidedAt };
    const section = approvalsSection({ available: true, pending: [hostile], trusted: [trusted], approverChannelId: '<#C0EVIL>' }, { appName: evil });
    assert.deepEqual(validateView(homeOf(section), 'home'), []);
    assertNothingSmuggled(mrkdwnTexts(section));
  });

  it('for any text at all', () => {
    const text = fc.oneof(fc.string({ maxLength: 60 }), fc.string({ unit: 'grapheme', maxLength: 60 }), fc.string({ minLength: 2000, maxLength: 5000 }));
    const team = fc.record({ id: fc.oneof(fc.constant('T0ACME'), text), name: fc.option(text, { nil: undefined }), domain: fc.option(text, { nil: undefined }) });
    fc.assert(
      fc.property(fc.constantFrom<ApprovalKind>('ACCEPTED_INVITE', 'INCOMING_INVITE', 'INVITE_REQUEST'), fc.constantFrom(...STATUSES), team, text, text, text, (kind, status, otherTeam, channelName, email, reason) => {
        const a: Approval = { ...base, kind, status, otherTeam, invitingTeam: otherTeam, channelName, recipientEmail: email, reason, decidedAt, slackError: reason };
        const card = approvalCard(a, { appName });
        assert.deepEqual(validateMessageBlocks(card.blocks), []);
        for (const view of [declineReasonModal(a, { kind: 'decline' }), acceptInviteModal(a)]) assert.deepEqual(validateView(view, 'modal'), []);
        const section = approvalsSection({ available: true, pending: [a], trusted: [{ teamId: 'T0TEAM', orgId: otherTeam.id, name: otherTeam.name, domain: otherTeam.domain, addedByUserId: 'U0ALICE', addedAt: decidedAt }] }, { appName });
        assert.deepEqual(validateView(homeOf(section), 'home'), []);
        for (const t of mrkdwnTexts([card.blocks, section])) assert.doesNotMatch(t, /<!(?!date\^)/);
      }),
      { numRuns: 200 },
    );
  });
});

describe('declineReasonModal, acceptInviteModal, addTrustedModal', () => {
  it('decline and deny: an optional reason of at most 560 characters, the kind and approval in private_metadata', () => {
    for (const kind of ['decline', 'deny'] as const) {
      const view = declineReasonModal(KINDS.request!, { kind });
      assert.equal(view.callback_id, APPROVALS.callbacks.declineReason);
      assert.deepEqual(JSON.parse(view.private_metadata ?? ''), { approvalId: base.id, kind });
      assert.equal(view.submit?.text, kind === 'deny' ? 'Deny' : 'Decline');
      assert.match(view.title.text, kind === 'deny' ? /^Deny/ : /^Decline/);
      const input = blockOf(view, APPROVALS.blocks.reason);
      assert.equal(input.optional, true);
      assert.deepEqual(input.element, { type: 'plain_text_input', action_id: APPROVALS.inputs.reason, multiline: true, max_length: 560 });
    }
  });

  it('accept: the channel name pre-filled to Slack’s rules, public or private as invited', () => {
    const view = acceptInviteModal(KINDS.incomingInvite!);
    assert.equal(view.callback_id, APPROVALS.callbacks.acceptInvite);
    assert.deepEqual(JSON.parse(view.private_metadata ?? ''), { approvalId: base.id });
    const name = blockOf(view, APPROVALS.blocks.channelName);
    assert.equal(name.element.initial_value, 'acme-launch');
    assert.equal(name.element.max_length, 80);
    const privacy = blockOf(view, APPROVALS.blocks.privacy);
    assert.equal((privacy.element.initial_option as Json).value, APPROVALS.privacyOptions.private);
    const publicOne = acceptInviteModal({ ...KINDS.incomingInvite!, isPrivate: undefined, channelName: '!!!' });
    assert.equal((blockOf(publicOne, APPROVALS.blocks.privacy).element.initial_option as Json).value, 'public');
    assert.equal(blockOf(publicOne, APPROVALS.blocks.channelName).element.initial_value, undefined, 'nothing usable: the admin types it');
  });

  it('suggestedChannelName cleans any name into a valid one', () => {
    const cases: Array<[string | undefined, string]> = [
      ['Acme Launch!', 'acme-launch'],
      ['Café Déjà Vu', 'cafe-deja-vu'],
      ['ext_partner-42', 'ext_partner-42'],
      ['--Q4 / Plans--', 'q4-plans'],
      [`${'a'.repeat(79)} b`, 'a'.repeat(79)],
      ['😀😀', ''],
      [undefined, ''],
    ];
    for (const [name, expected] of cases) assert.equal(suggestedChannelName(name), expected, String(name));
    fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), (s) => {
      const cleaned = suggestedChannelName(s);
      assert.ok(cleaned === '' || validChannelName(cleaned) === undefined, cleaned);
    }));
  });

  it('validChannelName says what breaks Slack’s rules', () => {
    for (const ok of ['general', 'ext-acme_launch', 'q4-2026', 'a', 'x'.repeat(80), '_private-ish']) assert.equal(validChannelName(ok), undefined, ok);
    const problems: Array<[string, RegExp]> = [
      ['', /Enter a name/],
      ['   ', /Enter a name/],
      ['x'.repeat(81), /at most 80 characters; this one has 81/],
      ['#general', /Leave out the “#”/],
      ['acme launch', /cannot contain spaces/],
      ['Acme', /lower case/],
      ['acme.launch', /only lower case letters.*not “\.”/],
      ['café', /not “é”/],
      ['---', /at least one letter or number/],
      ['__', /at least one letter or number/],
    ];
    for (const [name, words] of problems) assert.match(validChannelName(name) ?? 'valid', words, JSON.stringify(name));
  });

  it('add a trusted organization: a T… or E… ID, with a hint', () => {
    const view = addTrustedModal();
    assert.equal(view.callback_id, APPROVALS.callbacks.addTrusted);
    const input = blockOf(view, APPROVALS.blocks.trustedTeamId);
    assert.match(input.hint.text, /T for a workspace or E for an Enterprise Grid organization/);
    assert.equal(input.element.action_id, APPROVALS.inputs.trustedTeamId);
    for (const ok of ['T0123ABCD', 'E0123ABCDEF']) assert.equal(validTrustedOrgId(ok), undefined);
    for (const bad of ['', 'U0123ABCD', 't0123abcd', 'T01', 'acme.slack.com']) assert.ok(validTrustedOrgId(bad), bad);
  });
});

describe('approvalsSection (App Home)', () => {
  const trusted = (n: number, name = (i: number) => `Partner ${i}`): TrustedOrganization[] =>
    Array.from({ length: n }, (_, i) => ({ teamId: 'T0TEAM', orgId: `T0P${String(i).padStart(4, '0')}`, name: name(i), domain: `partner${i}`, addedByUserId: 'U0ADMIN', addedAt: decidedAt }));
  const pending = (n: number) => Array.from({ length: n }, (_, i) => ({ ...Object.values(KINDS)[i % 4]!, id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}` }));

  it('without the scope: how to get it, and nothing else', () => {
    const blocks = approvalsSection({ available: false, pending: pending(3), trusted: trusted(2) }, { appName });
    assert.deepEqual(validateView(homeOf(blocks), 'home'), []);
    assert.deepEqual(buttons(blocks), []);
    assert.ok(blocks.every((b) => b.type !== 'actions' && !('accessory' in b)));
    const all = mrkdwnTexts(blocks).join('\n');
    assert.match(all, /`conversations\.connect:manage`/);
    assert.match(all, /owner or admin/);
    assert.match(all, /reinstall/);
    assert.doesNotMatch(all, /Partner|Waiting/);
  });

  it('10 shown of 15 pending and 50 trusted: within limits, the cards’ buttons, a remove button each, and an Add', () => {
    const blocks = approvalsSection({ available: true, pending: pending(15), trusted: trusted(50, (i) => `${'Very long partner name '.repeat(10)}${i}`), approverChannelId: 'C0APPROVERS', lastSyncedAt: decidedAt }, { appName });
    assert.deepEqual(validateView(homeOf(blocks), 'home'), []);
    assert.ok(blocks.length <= MAX_APPROVALS_BLOCKS, `${blocks.length} blocks`);
    for (const text of mrkdwnTexts(blocks)) assert.ok(text.length <= 3000);
    const all = mrkdwnTexts(blocks).join('\n');
    assert.match(all, /Waiting for approval\* \(15\)/);
    assert.match(all, /And 5 more/);
    assert.match(all, /last read from Slack <!date\^/);
    const ids = buttons(blocks).map((b) => String(b.action_id));
    assert.equal(ids.filter((id) => id === APPROVALS.actions.approve).length, 8, 'approve on the 10 shown, but for the incoming invitations');
    assert.equal(ids.filter((id) => id === APPROVALS.actions.accept).length, 2);
    const removes = buttons(blocks).filter((b) => APPROVALS.actionPatterns.untrust.test(String(b.action_id)));
    assert.equal(removes.length, 50);
    assert.deepEqual(new Set(removes.map((b) => b.value)).size, 50, 'each names its organization by value');
    assert.equal(ids.filter((id) => id === APPROVALS.actions.addTrusted).length, 1);
  });

  it('however many trusted, it stays within its share of the Home tab', () => {
    const blocks = approvalsSection({ available: true, pending: pending(40), trusted: trusted(300) }, { appName });
    assert.deepEqual(validateView(homeOf(blocks), 'home'), []);
    assert.ok(blocks.length <= MAX_APPROVALS_BLOCKS, `${blocks.length} blocks`);
    assert.match(mrkdwnTexts(blocks).join('\n'), /And 250 more, not shown here/);
  });

  it('no "Always trust" for an organization already trusted', () => {
    const blocks = approvalsSection({ available: true, pending: [KINDS.outgoing!], trusted: [{ teamId: 'T0TEAM', orgId: 'T0ACME', name: 'Acme', addedByUserId: 'U0ADMIN', addedAt: decidedAt }] }, { appName });
    assert.ok(!buttons(blocks).some((b) => b.action_id === APPROVALS.actions.trust));
    const untrusted = approvalsSection({ available: true, pending: [KINDS.outgoing!], trusted: [] }, { appName });
    assert.ok(buttons(untrusted).some((b) => b.action_id === APPROVALS.actions.trust));
    assert.match(mrkdwnTexts(untrusted).join('\n'), /Nothing is waiting|None yet/);
  });

  it('the approver channel: a conversations_select (set or empty), its hint, and a way back to direct messages', () => {
    const find = (blocks: unknown[]) => (blocks as Json[]).find((b) => b.block_id === APPROVALS.blocks.approverChannel) as { accessory: Json };
    const set = approvalsSection({ available: true, pending: [], trusted: [], approverChannelId: 'C0APPROVERS' }, { appName });
    assert.equal(find(set).accessory.type, 'conversations_select');
    assert.equal(find(set).accessory.action_id, APPROVALS.actions.approverChannel);
    assert.equal(find(set).accessory.initial_conversation, 'C0APPROVERS');
    assert.ok(actionIds(set).includes(APPROVALS.actions.clearApproverChannel));
    assert.match(mrkdwnTexts(set).join('\n'), /Empty: each admin gets a direct message/);
    const empty = approvalsSection({ available: true, pending: [], trusted: [] }, { appName });
    assert.equal(find(empty).accessory.initial_conversation, undefined);
    assert.ok(!actionIds(empty).includes(APPROVALS.actions.clearApproverChannel));
    assert.deepEqual(validateView(homeOf(empty), 'home'), []);
  });
});
