// Property-based tests: whatever arrives (any payload, any stored record, hostile text of any
// kind), the parsers never throw, and the views are valid Block Kit within Slack's limits with
// no mention or markup smuggled in from data.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { Dashboard } from '../../src/invites/dashboard/service.js';
import { FILTERS } from '../../src/invites/dashboard/status.js';
import { documentedCodes, explainError } from '../../src/invites/error-catalogue.js';
import type { InviteRecord, RecipientRecord } from '../../src/invites/ports.js';
import { decodeHomeState, encodeHomeState } from '../../src/slack/parse/home.js';
import { parseInvitePrivateCommandText, parseInvitePrivateSubmission } from '../../src/slack/parse/invite-private.js';
import { parseLifecycleEvent } from '../../src/slack/parse/lifecycle-event.js';
import { parseShareCommandText, parseShareSubmission } from '../../src/slack/parse/share-channel.js';
import { summarizeRequest } from '../../src/slack/request-context.js';
import { explanationMessage } from '../../src/slack/views/explanation.js';
import { homeNotShownView, homeUnavailableView, homeView } from '../../src/slack/views/home.js';
import { shareChannelOutcomeView } from '../../src/slack/views/invite-outcome.js';
import { lifecycleMessage } from '../../src/slack/views/lifecycle-message.js';
import { privateInviteOutcomeView } from '../../src/slack/views/private-invite-outcome.js';
import { validateMessageBlocks, validateView } from '../helpers/fake-slack-blocks.js';

const RUNS = { numRuns: 300 };

/** Text a hostile or unlucky person could put in any field. */
const hostile = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 60 }),
  fc.constantFrom('<!channel>', '<!here|here>', '<!everyone>', '<@U0ALICE>', '<#C0PUBLIC|x>', '*bold* _it_ ~s~ `c`', '&lt;', '<https://evil.example|click>', '\u202Eevil', 'a\u0000b', '😀'.repeat(50)),
  fc.string({ minLength: 3000, maxLength: 6000 }),
);
const maybe = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: null });
const date = fc.oneof(fc.date({ min: new Date(0), max: new Date(4102444800000), noInvalidDate: true }), fc.constant(new Date(Number.NaN)));
const slackId = (prefix: string) => fc.oneof(fc.stringMatching(new RegExp(`^${prefix}[A-Z0-9]{4,10}$`)), hostile);

const invite: fc.Arbitrary<InviteRecord> = fc.record({
  id: fc.uuid(),
  kind: fc.constantFrom('SLACK_CONNECT', 'PRIVATE_CHANNEL'),
  status: fc.constantFrom('RECORDED', 'SENDING', 'AWAITING_ACCEPTANCE', 'AWAITING_APPROVAL', 'ACCEPTED', 'DECLINED', 'COMPLETED', 'PARTIALLY_COMPLETED', 'FAILED'),
  teamId: slackId('T'),
  enterpriseId: maybe(hostile),
  requesterUserId: slackId('U'),
  channelId: slackId('C'),
  channelName: maybe(hostile),
  method: fc.constantFrom('conversations.inviteShared', 'conversations.invite', 'groups.invite', 'x'),
  inviteeEmail: maybe(hostile),
  inviteeUserId: maybe(slackId('U')),
  externalLimited: maybe(fc.boolean()),
  idempotencyKey: hostile,
  viewId: maybe(hostile),
  slackInviteId: maybe(hostile),
  isLegacySharedChannel: maybe(fc.boolean()),
  joinUrl: maybe(hostile),
  confCode: maybe(hostile),
  errorCode: maybe(fc.oneof(fc.constantFrom('restricted_action', 'missing_scope', 'ratelimited', 'not_in_channel'), hostile)),
  errorDetail: maybe(hostile),
  retryAfterSeconds: maybe(fc.integer({ min: -10, max: 10_000_000 })),
  attempts: fc.nat(),
  dateInvalid: maybe(date),
  approvalRequired: maybe(fc.boolean()),
  acceptedAt: maybe(date),
  acceptedByUserId: maybe(hostile),
  acceptedByTeamId: maybe(hostile),
  approvedAt: maybe(date),
  approvedByUserId: maybe(hostile),
  approvedByTeamId: maybe(hostile),
  declinedAt: maybe(date),
  declinedByUserId: maybe(hostile),
  declinedByTeamId: maybe(hostile),
  createdAt: date,
  updatedAt: date,
  sentAt: maybe(date),
  completedAt: maybe(date),
  leaseOwner: maybe(hostile),
  leaseExpiresAt: maybe(date),
}) as fc.Arbitrary<InviteRecord>;

const recipient: fc.Arbitrary<RecipientRecord> = fc.record({
  id: fc.bigInt({ min: 1n, max: 1n << 40n }),
  inviteId: fc.uuid(),
  userId: slackId('U'),
  outcome: fc.constantFrom('PENDING', 'INVITED', 'ALREADY_MEMBER', 'FAILED'),
  errorCode: maybe(hostile),
}) as fc.Arbitrary<RecipientRecord>;

const inviteWithRecipients = fc.tuple(invite, fc.array(recipient, { maxLength: 120 }), fc.nat({ max: 500 })).map(([i, recipients, extra]) => ({
  ...i,
  recipients,
  _count: { recipients: recipients.length + extra },
}));

/** No mention, broadcast or link can come from data; the only `<!` the app writes is its date token. */
function assertNoSmuggledMarkup(json: string) {
  assert.doesNotMatch(json, /<!(?!date\^)/, 'a broadcast mention in the output');
  assert.doesNotMatch(json, /<https?:/, 'a link from data in the output');
}

describe('parsers never throw, whatever arrives', () => {
  it('command texts', () => {
    fc.assert(
      fc.property(fc.anything(), (text) => {
        parseShareCommandText(text);
        parseInvitePrivateCommandText(text);
      }),
      RUNS,
    );
  });

  it('view submissions of any shape', () => {
    const stateish = fc.oneof(fc.anything(), fc.record({ state: fc.oneof(fc.anything(), fc.record({ values: fc.dictionary(fc.string(), fc.dictionary(fc.string(), fc.anything())) })) }));
    fc.assert(
      fc.property(stateish, (view) => {
        const draft = parseShareSubmission(view);
        assert.equal(typeof draft.externalLimited, 'boolean');
        parseInvitePrivateSubmission(view);
      }),
      RUNS,
    );
  });

  it('events, request bodies and home state', () => {
    fc.assert(
      fc.property(fc.anything(), fc.constantFrom('accepted', 'approved', 'declined'), (body, kind) => {
        parseLifecycleEvent(body, kind, new Date());
        parseLifecycleEvent({ event_id: 'Ev1', team_id: 'T1', event: { invite: body } }, kind, new Date());
        summarizeRequest(body);
        const state = decodeHomeState(body);
        assert.ok(FILTERS.includes(state.filter) && (state.cursor === undefined || (!Number.isNaN(state.cursor.createdAt.getTime()) && /^[0-9a-f-]{36}$/.test(state.cursor.id))));
        assert.deepEqual(decodeHomeState(encodeHomeState(state)), state);
      }),
      RUNS,
    );
  });

  it('reads a well-formed email or mention after the command', () => {
    fc.assert(
      fc.property(fc.emailAddress(), (email) => {
        assert.deepEqual(parseShareCommandText(`<mailto:${email}|${email}>`), { email });
      }),
      RUNS,
    );
  });
});

describe('views are valid Block Kit, within limits, with nothing smuggled in', () => {
  const options = { appName: 'Connect Invites', now: new Date('2026-11-22T12:00:00Z') };

  it('the /share-channel outcome, for any record', () => {
    fc.assert(
      fc.property(invite, (record) => {
        const view = shareChannelOutcomeView(record, options);
        assert.deepEqual(validateView(view, 'modal'), []);
        assertNoSmuggledMarkup(JSON.stringify(view));
      }),
      RUNS,
    );
  });

  it('the /invite-private outcome, for any record and any recipients', () => {
    fc.assert(
      fc.property(inviteWithRecipients, (record) => {
        const view = privateInviteOutcomeView({ ...record, kind: 'PRIVATE_CHANNEL' } as Parameters<typeof privateInviteOutcomeView>[0], options);
        assert.deepEqual(validateView(view, 'modal'), []);
        assertNoSmuggledMarkup(JSON.stringify(view));
      }),
      { numRuns: 150 },
    );
  });

  it('the lifecycle message, for any record', () => {
    fc.assert(
      fc.property(invite, (record) => {
        const message = lifecycleMessage(record);
        assert.deepEqual(validateMessageBlocks(message.blocks), []);
        assertNoSmuggledMarkup(JSON.stringify(message));
      }),
      RUNS,
    );
  });

  it('the Home tab, for any page of records, counts and state', () => {
    const dashboard = fc.record({
      invites: fc.array(inviteWithRecipients, { maxLength: 15 }),
      isAdmin: fc.boolean(),
      hasOlder: fc.boolean(),
      hasNewer: fc.boolean(),
      cursor: fc.option(fc.record({ direction: fc.constantFrom('older' as const, 'newer' as const), createdAt: fc.date({ noInvalidDate: true, min: new Date(0) }), id: fc.uuid() })),
      scope: fc.constantFrom('mine', 'workspace'),
      filter: fc.constantFrom(...FILTERS),
      count: fc.nat({ max: 10_000_000 }),
      notice: fc.option(fc.oneof(fc.constantFrom(...documentedCodes()), fc.string({ unit: 'binary' }))),
    });
    fc.assert(
      fc.property(dashboard, (d) => {
        const data: Dashboard = {
          request: { teamId: 'T0TEAM', userId: 'U0ALICE', scope: d.scope as 'mine' | 'workspace', filter: d.filter, cursor: d.cursor ?? undefined },
          isAdmin: d.isAdmin,
          counts: { sent: d.count, awaiting_acceptance: d.count, awaiting_approval: 0, accepted: 1, declined: 2, expired: 3, added: 5, failed: 4, sending: 6 },
          invites: d.invites,
          hasOlder: d.hasOlder,
          hasNewer: d.hasNewer,
          pageSize: 15,
          now: options.now,
        };
        const notice = d.notice === null ? undefined : explainError(d.notice, { method: 'views.open', retry: { button: d.notice } });
        const view = homeView(data, { ...options, notice });
        assert.deepEqual(validateView(view, 'home'), []);
        assert.ok(view.blocks.length <= 100);
        assertNoSmuggledMarkup(JSON.stringify(view));
        if (notice) {
          for (const fallback of [homeUnavailableView(notice), homeNotShownView(notice)]) {
            assert.deepEqual(validateView(fallback, 'home'), []);
            assertNoSmuggledMarkup(JSON.stringify(fallback));
          }
          const message = explanationMessage(notice);
          assert.deepEqual(validateMessageBlocks(message.blocks), []);
          assertNoSmuggledMarkup(JSON.stringify(message));
        }
      }),
      { numRuns: 150 },
    );
  });
});
