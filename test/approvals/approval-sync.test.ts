// The approvals service's read of Slack's lists, with its real repository (PostgreSQL) and real
// gateway (against the fake Slack): on Enterprise Grid the held invite requests are read with
// conversations.requestSharedInvite.list and recorded to decide, pending acceptances with
// listConnectInvites; both at most once a minute per workspace, across two service instances
// (replicas) sharing the database.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { WebClient } from '@slack/web-api';
import { pino } from 'pino';
import { createPrismaClient } from '../../src/db/database.js';
import { createApprovalRepository } from '../../src/db/approval-repository.js';
import { createApprovalService, type ApprovalNotifier } from '../../src/invites/approvals/service.js';
import type { Approval } from '../../src/invites/approvals/types.js';
import { createConnectAdminGateway } from '../../src/slack/gateways/connect-admin.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { FakeSlack, manifestBotScopes, WORLD } from '../helpers/fake-slack.js';

describe('the approvals service reading Slack’s lists', () => {
  let fake: FakeSlack;
  let db: TestDatabase;
  let prisma: ReturnType<typeof createPrismaClient>;
  const posted: Approval[] = [];
  const notifier: ApprovalNotifier = {
    post: async (a) => (posted.push(a), [{ channel: 'C0APPROVERS', ts: `${posted.length}.0` }]),
    update: async () => {},
    tellInviter: async () => {},
  };
  const service = () =>
    createApprovalService({
      repo: createApprovalRepository(prisma),
      gateway: createConnectAdminGateway(new WebClient(fake.botToken, { slackApiUrl: fake.url, retryConfig: { retries: 0 }, rejectRateLimitedCalls: true })),
      notifier,
      userNow: async () => undefined,
      canManage: () => true,
      logger: pino({ level: 'silent' }),
    });

  before(async () => {
    fake = await FakeSlack.start({ scopes: [...manifestBotScopes(), 'conversations.connect:manage'] });
    fake.seedDefaultWorld();
    db = await createTestDatabase();
    prisma = createPrismaClient(db.url, 4);
  });
  after(async () => {
    await prisma?.$disconnect();
    await fake?.stop();
    await db?.drop();
  });

  it('records Enterprise invite requests held in Slack, once, with a card each, and reads Slack once a minute across two replicas', async () => {
    const held = [
      fake.requestSharedInvite({ channel: { id: WORLD.channels.public, name: 'project-x' }, actorUserId: WORLD.users.alice, email: 'held-one@partner.example', isExternalLimited: true }),
      fake.requestSharedInvite({ channel: { id: WORLD.channels.public, name: 'project-x' }, actorUserId: WORLD.users.bob, email: 'held-two@partner.example', isExternalLimited: false }),
    ];
    const [a, b] = [service(), service()];
    await Promise.all([a.sync(WORLD.teamId, 'E0GRID'), b.sync(WORLD.teamId, 'E0GRID'), a.sync(WORLD.teamId, 'E0GRID')]);
    assert.equal(fake.callsTo('conversations.requestSharedInvite.list').length, 1, 'one read for three syncs on two replicas');
    assert.equal(fake.callsTo('conversations.listConnectInvites').length, 1);
    const rows = await db.query<{ slack_invite_id: string; kind: string; inviting_user_id: string; recipient_email: string; external_limited: boolean; status: string }>(
      "SELECT slack_invite_id, kind, inviting_user_id, recipient_email, external_limited, status FROM approvals WHERE kind = 'INVITE_REQUEST' ORDER BY recipient_email",
    );
    assert.deepEqual(rows, [
      { slack_invite_id: held[0]!.id, kind: 'INVITE_REQUEST', inviting_user_id: WORLD.users.alice, recipient_email: 'held-one@partner.example', external_limited: true, status: 'PENDING' },
      { slack_invite_id: held[1]!.id, kind: 'INVITE_REQUEST', inviting_user_id: WORLD.users.bob, recipient_email: 'held-two@partner.example', external_limited: false, status: 'PENDING' },
    ]);
    assert.deepEqual(posted.map((p) => p.slackInviteId).sort(), held.map((h) => h.id).sort(), 'a card each, once');
  });

  it('does not read invite requests outside Enterprise Grid', async () => {
    await db.query('DELETE FROM approval_syncs');
    const before = fake.callsTo('conversations.requestSharedInvite.list').length;
    await service().sync(WORLD.teamId, undefined);
    assert.equal(fake.callsTo('conversations.requestSharedInvite.list').length, before);
  });
});
