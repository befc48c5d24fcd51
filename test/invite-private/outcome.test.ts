// The pure parts of /invite-private: Slack's answers -> each person's result and the invite's
// status; the form's own checks; the command text; the outcome view within Block Kit's limits.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { PersonAnswer, PrivateInviteRecord, SlackCallFailure } from '../../src/invites/ports.js';
import { settle, withOutcome } from '../../src/invites/private-channel/outcome.js';
import { validateDraft } from '../../src/invites/private-channel/validate.js';
import { parseInvitePrivateCommandText, parseInvitePrivateSubmission } from '../../src/slack/parse/invite-private.js';
import { privateInviteOutcomeView } from '../../src/slack/views/private-invite-outcome.js';
import { validateMessageBlocks, validateView } from '../helpers/fake-slack-blocks.js';

const answers = (...list: PersonAnswer[]) => new Map(list.map((a) => [a.userId, a]));
const requester = { teamId: 'T0TEAM', userId: 'U0ALICE' };

describe('settle: one result per person, and the status of the whole invite', () => {
  it('keeps the order asked for; already_in_channel is a success', () => {
    const outcome = settle(
      ['U1', 'U2', 'U3'],
      answers({ userId: 'U3', outcome: 'FAILED', errorCode: 'cant_invite' }, { userId: 'U1', outcome: 'INVITED' }, { userId: 'U2', outcome: 'FAILED', errorCode: 'already_in_channel' }),
      undefined,
    );
    assert.deepEqual(outcome, {
      status: 'PARTIALLY_COMPLETED',
      errorCode: 'cant_invite',
      recipients: [
        { userId: 'U1', outcome: 'INVITED' },
        { userId: 'U2', outcome: 'ALREADY_MEMBER' },
        { userId: 'U3', outcome: 'FAILED', errorCode: 'cant_invite' },
      ],
    });
  });

  it('COMPLETED when everyone is in, FAILED when no one is', () => {
    const done = settle(['U1', 'U2'], answers({ userId: 'U1', outcome: 'INVITED' }, { userId: 'U2', outcome: 'ALREADY_MEMBER' }), undefined);
    assert.equal(done.status, 'COMPLETED');
    assert.equal(done.errorCode, undefined);
    const none = settle(['U1'], answers({ userId: 'U1', outcome: 'FAILED', errorCode: 'user_not_found' }), undefined);
    assert.equal(none.status, 'FAILED');
    assert.equal(none.errorCode, 'user_not_found');
  });

  it("applies the call's failure, with its details, to everyone Slack said nothing about", () => {
    const cases: Array<[SlackCallFailure, Record<string, unknown>]> = [
      [{ kind: 'slack_error', code: 'missing_scope', neededScope: 'groups:write' }, { errorCode: 'missing_scope', errorDetail: 'groups:write' }],
      [{ kind: 'rate_limited', retryAfterSeconds: 120 }, { errorCode: 'ratelimited', retryAfterSeconds: 120 }],
      [{ kind: 'timeout' }, { errorCode: 'slack_timeout' }],
      [{ kind: 'unreachable' }, { errorCode: 'slack_unreachable' }],
      [{ kind: 'http_error', status: 502 }, { errorCode: 'slack_http_error', errorDetail: 'HTTP 502' }],
    ];
    for (const [failure, fields] of cases) {
      const outcome = settle(['U1', 'U2'], answers({ userId: 'U1', outcome: 'INVITED' }), failure);
      assert.equal(outcome.status, 'PARTIALLY_COMPLETED');
      for (const [key, value] of Object.entries(fields)) assert.equal(outcome[key as keyof typeof outcome], value, `${failure.kind}: ${key}`);
      assert.deepEqual(outcome.recipients[1], { userId: 'U2', outcome: 'FAILED', errorCode: fields.errorCode });
    }
  });

  it("does not blame the call when every person has an answer of their own", () => {
    const outcome = settle(['U1', 'U2'], answers({ userId: 'U1', outcome: 'FAILED', errorCode: 'already_in_channel' }, { userId: 'U2', outcome: 'FAILED', errorCode: 'ura_max_channels' }), {
      kind: 'slack_error',
      code: 'already_in_channel',
    });
    assert.deepEqual(outcome, {
      status: 'PARTIALLY_COMPLETED',
      errorCode: 'ura_max_channels',
      recipients: [
        { userId: 'U1', outcome: 'ALREADY_MEMBER' },
        { userId: 'U2', outcome: 'FAILED', errorCode: 'ura_max_channels' },
      ],
    });
  });

  it("reads a lone person's call error as about them (already a member is still a success)", () => {
    const alone = settle(['U1'], answers(), { kind: 'slack_error', code: 'already_in_channel' });
    assert.deepEqual(alone, { status: 'COMPLETED', errorCode: undefined, recipients: [{ userId: 'U1', outcome: 'ALREADY_MEMBER' }] });
    const two = settle(['U1', 'U2'], answers(), { kind: 'slack_error', code: 'already_in_channel' });
    assert.equal(two.status, 'FAILED', 'with several people, a bare call error says nothing about each one');
  });

  it('withOutcome shows the outcome on the record when saving it failed', () => {
    const record = recordWith(['U1', 'U2'], 'SENDING');
    const outcome = settle(['U1', 'U2'], answers({ userId: 'U1', outcome: 'INVITED' }), { kind: 'timeout' });
    const shown = withOutcome(record, outcome);
    assert.equal(shown.status, 'PARTIALLY_COMPLETED');
    assert.equal(shown.errorCode, 'slack_timeout');
    assert.deepEqual(shown.recipients.map((r) => [r.userId, r.outcome, r.errorCode]), [['U1', 'INVITED', null], ['U2', 'FAILED', 'slack_timeout']]);
    assert.equal(record.status, 'SENDING', 'the record itself is not changed');
  });
});

describe('validateDraft: the form alone', () => {
  it('takes each person once, in the order chosen', () => {
    assert.deepEqual(validateDraft({ channelId: 'G1', userIds: ['U2', 'U1', 'U2'] }, requester), { ok: true, draft: { channelId: 'G1', userIds: ['U2', 'U1'] } });
  });

  it('reports every missing field at once', () => {
    const result = validateDraft({ channelId: undefined, userIds: [] }, requester);
    assert.equal(result.ok, false);
    assert.deepEqual(Object.keys(result.ok ? {} : result.errors).sort(), ['channel', 'users']);
  });

  it('counts people once when checking the limit of 100', () => {
    const hundred = Array.from({ length: 100 }, (_, i) => `U${i}`);
    assert.equal(validateDraft({ channelId: 'G1', userIds: [...hundred, ...hundred] }, requester).ok, true);
    assert.equal(validateDraft({ channelId: 'G1', userIds: [...hundred, 'U100'] }, requester).ok, false);
  });
});

describe('parsing /invite-private', () => {
  it('takes the people mentioned in the command text, in both escaped forms, and nothing else', () => {
    assert.deepEqual(parseInvitePrivateCommandText('<@U0BOB|bob>, <@W0CAROL> @dave <#C0CHAN|chan> <@U0BOB>'), ['U0BOB', 'W0CAROL']);
    assert.deepEqual(parseInvitePrivateCommandText(undefined), []);
    assert.deepEqual(parseInvitePrivateCommandText('<@u0lower> <@U0BOB'), []);
  });

  it('reads a submission, and survives a malformed one', () => {
    const view = {
      state: {
        values: {
          'invite_private.channel': { channel: { type: 'conversations_select', selected_conversation: 'G1' } },
          'invite_private.users': { users: { type: 'multi_users_select', selected_users: ['U1', 7, '', 'U2'] } },
        },
      },
    };
    assert.deepEqual(parseInvitePrivateSubmission(view), { channelId: 'G1', userIds: ['U1', 'U2'] });
    for (const junk of [undefined, null, 'x', { state: null }, { state: { values: { 'invite_private.users': { users: { selected_users: 'U1' } } } } }]) {
      assert.deepEqual(parseInvitePrivateSubmission(junk), { channelId: undefined, userIds: [] });
    }
  });
});

describe('the outcome view', () => {
  it('fits 100 people who all failed with the longest explanations: in a modal and in the DM fallback', () => {
    const ids = Array.from({ length: 100 }, (_, i) => `U0P${String(i).padStart(3, '0')}`);
    // Alternate long explanations, so sections cannot share one text.
    const codes = ['team_added_to_org', 'fatal_error', 'no_external_invite_permission', 'ura_max_channels'];
    const record = recordWith(ids, 'FAILED', (i) => ({ outcome: 'FAILED', errorCode: codes[i % codes.length]! }));
    const view = privateInviteOutcomeView(record, { appName: 'Connect Invites', now: new Date(0) });
    assert.deepEqual(validateView(view, 'modal'), []);
    assert.deepEqual(validateMessageBlocks(view.blocks), []);
    const text = JSON.stringify(view.blocks);
    for (const id of ids) assert.ok(text.includes(`<@${id}>`), `${id} is listed`);
    for (const code of codes) assert.ok(text.includes(`\`${code}\``), `${code} is named`);
  });

  it('escapes what Slack sent, and never turns a bad ID into a mention', () => {
    const record = recordWith(['U0OK', '<!channel>'], 'PARTIALLY_COMPLETED', (i) => (i === 0 ? { outcome: 'INVITED', errorCode: null } : { outcome: 'FAILED', errorCode: '<!here|x>' }));
    const text = JSON.stringify(privateInviteOutcomeView(record, { appName: 'Connect Invites' }).blocks);
    assert.ok(!text.includes('<!channel>') && !text.includes('<!here'), text);
    assert.match(text, /an unknown person/);
  });

  it('says which people were added while Slack is still working', () => {
    const view = privateInviteOutcomeView(recordWith(['U1', 'U2'], 'SENDING'), { appName: 'Connect Invites' });
    assert.equal(view.title?.text, 'Adding people');
    assert.match(JSON.stringify(view.blocks), /Sending… adding 2 people to <#G0CHAN>/);
  });
});

function recordWith(
  userIds: string[],
  status: PrivateInviteRecord['status'],
  result: (i: number) => { outcome: PrivateInviteRecord['recipients'][number]['outcome']; errorCode: string | null } = () => ({ outcome: 'PENDING', errorCode: null }),
): PrivateInviteRecord {
  const now = new Date(0);
  return {
    id: '00000000-0000-4000-8000-000000000000',
    kind: 'PRIVATE_CHANNEL',
    status,
    teamId: 'T0TEAM',
    enterpriseId: null,
    requesterUserId: 'U0ALICE',
    channelId: 'G0CHAN',
    channelName: 'chan',
    method: 'conversations.invite',
    inviteeEmail: null,
    inviteeUserId: null,
    externalLimited: null,
    idempotencyKey: 'V1',
    viewId: 'V1',
    slackInviteId: null,
    isLegacySharedChannel: null,
    joinUrl: null,
    confCode: null,
    errorCode: null,
    errorDetail: null,
    retryAfterSeconds: null,
    attempts: 1,
    dateInvalid: null,
    approvalRequired: null,
    acceptedAt: null,
    acceptedByUserId: null,
    acceptedByTeamId: null,
    approvedAt: null,
    approvedByUserId: null,
    approvedByTeamId: null,
    declinedAt: null,
    declinedByUserId: null,
    declinedByTeamId: null,
    createdAt: now,
    updatedAt: now,
    sentAt: now,
    completedAt: null,
    leaseOwner: null,
    leaseExpiresAt: null,
    leaseVersion: 0,
    resendOfId: null,
    reminderSentAt: null,
    expiredAt: null,
    batchId: null,
    batchPosition: null,
    inviteeName: null,
    accessChangedByUserId: null,
    accessChangedAt: null,
    recipients: userIds.map((userId, i) => ({ id: BigInt(i + 1), inviteId: '00000000-0000-4000-8000-000000000000', userId, ...result(i) })),
  };
}
