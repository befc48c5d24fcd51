// The admin side of Slack Connect: what waits for a workspace admin (an accepted invitation that
// needs this side's approval, an invitation to the app from another organization, an Enterprise
// invite request), who may decide (owners and admins, asked of Slack at each click, never taken
// from a button), one decision however many admins click at once, auto-approval for trusted
// partner organizations, and every decision recorded with Slack's answer. Knows nothing of
// Slack's SDK: cards and messages go through the ApprovalNotifier port.
import type { Logger } from '../../logger.js';
import type { ConnectAdminMethod } from '../explanations/catalogue.js';
import type { UserFacts } from '../ports.js';
import { adminNow, type Actor } from '../who-may-invite/rules.js';
import { isAlreadyDecided } from './already-decided.js';
import { suggestedChannelName } from './channel-name.js';
import type { AdminCallResult, ConnectAdminGateway, ConnectTeam } from './ports.js';
import type { Approval, ApprovalDecision, ApprovalStatus, CardRef, TrustedOrganization } from './types.js';

/** What an event or Slack's listing says about something to decide. */
export type NewApproval = Omit<Approval, 'id' | 'inviteId' | 'requesterUserId' | 'status' | 'decidedByUserId' | 'decidedByRule' | 'decidedAt' | 'reason' | 'slackError' | 'cards' | 'createdAt' | 'updatedAt'>;

export interface ApprovalRepository {
  /** Records it once (again: refreshes what Slack says, never a decision); `created` for the first time. */
  record(approval: NewApproval): Promise<{ approval: Approval; created: boolean }>;
  get(teamId: string, id: string): Promise<Approval | undefined>;
  /** PENDING -> DECIDING for one decider; undefined when someone else got there first. */
  claim(teamId: string, id: string, by: { userId?: string; rule?: string }): Promise<Approval | undefined>;
  settle(id: string, outcome: { status: ApprovalStatus; reason?: string | undefined; slackError?: string | undefined }): Promise<Approval>;
  /** DECIDING -> PENDING after Slack refused for a reason that may pass, noting which. */
  release(id: string, slackError: string): Promise<Approval>;
  setCards(id: string, cards: CardRef[]): Promise<void>;
  listOpen(teamId: string, limit: number): Promise<Approval[]>;
  countOpen(teamId: string): Promise<number>;
  listTrusted(teamId: string): Promise<TrustedOrganization[]>;
  trust(teamId: string, org: ConnectTeam, byUserId: string): Promise<void>;
  untrust(teamId: string, orgId: string, byUserId: string): Promise<boolean>;
  /** The first of these organizations the workspace trusts, if any. */
  trustedRule(teamId: string, orgIds: ReadonlyArray<string | undefined>): Promise<string | undefined>;
  approverChannel(teamId: string): Promise<string | undefined>;
  setApproverChannel(teamId: string, channelId: string | null, byUserId: string): Promise<void>;
  /** True for the one caller (of any replica) that may read Slack's pending list now; at most once per interval. */
  claimSync(teamId: string, minIntervalMs: number): Promise<boolean>;
  lastSync(teamId: string): Promise<Date | undefined>;
}

/** Cards and messages about approvals, at the Slack edge. */
export interface ApprovalNotifier {
  /** Posts the card to the approvers (the admins' channel, else each admin by DM); where it went. */
  post(approval: Approval): Promise<CardRef[]>;
  /** Shows every posted card as the approval now stands. */
  update(approval: Approval): Promise<void>;
  /** Tells the person who asked for the invitation how it was decided. */
  tellInviter(approval: Approval): Promise<void>;
}

export interface ApprovalServiceDeps {
  repo: ApprovalRepository;
  gateway: ConnectAdminGateway;
  notifier: ApprovalNotifier;
  /** Slack's facts about a person now (users.info, never cached: an authorization check). */
  userNow(userId: string): Promise<UserFacts | undefined>;
  /** Whether the installation holds conversations.connect:manage (approving and listing need it). */
  canManage(): boolean;
  logger: Logger;
  /** The pending list is read from Slack at most this often per workspace (listConnectInvites is Tier 1). */
  syncIntervalMs?: number;
}

export type DecisionOutcome =
  | { kind: 'refused'; code: 'not_approver' | 'requester_check_failed' | 'requester_other_workspace' | 'approvals_unavailable' }
  /** Someone else decided (or is deciding) it first: the approval as they left it. */
  | { kind: 'already'; approval: Approval }
  /** `followUp`: the cards updated and the inviter told, still going (a modal acknowledges first, then waits for it). */
  | { kind: 'decided'; approval: Approval; method: ConnectAdminMethod | undefined; followUp: Promise<void> }
  /** Slack refused for a reason that may pass; the approval waits again, `code` says why. */
  | { kind: 'failed'; approval: Approval; code: string; method: ConnectAdminMethod; followUp: Promise<void> }
  | { kind: 'not_found' };

export interface DecisionOptions {
  reason?: string | undefined;
  channelName?: string | undefined;
  isPrivate?: boolean | undefined;
}

const MAX_REASON = 560;

/** The Slack method a decision is sent with (its errors have that method's words in the catalogue). */
function methodOf(kind: Approval['kind'], decision: ApprovalDecision): ConnectAdminMethod {
  if (kind === 'INCOMING_INVITE') return 'conversations.acceptSharedInvite';
  if (kind === 'INVITE_REQUEST') return decision === 'approve' ? 'conversations.requestSharedInvite.approve' : 'conversations.requestSharedInvite.deny';
  return decision === 'approve' ? 'conversations.approveSharedInvite' : 'conversations.declineSharedInvite';
}
const DECISIONS: Record<Approval['kind'], readonly ApprovalDecision[]> = {
  ACCEPTED_INVITE: ['approve', 'decline'],
  INVITE_REQUEST: ['approve', 'decline'],
  INCOMING_INVITE: ['accept', 'ignore'],
};

export function createApprovalService({ repo, gateway, notifier, userNow, canManage, logger, syncIntervalMs = 60_000 }: ApprovalServiceDeps) {
  const needsManage = (kind: Approval['kind']) => kind !== 'INCOMING_INVITE';

  const REFUSAL = { other_workspace: 'requester_other_workspace', check_failed: 'requester_check_failed', not_admin: 'not_approver' } as const;
  async function isApprover(actor: Actor): Promise<DecisionOutcome | undefined> {
    const verdict = await adminNow(actor, userNow);
    return verdict === 'admin' ? undefined : { kind: 'refused', code: REFUSAL[verdict] };
  }

  /** Sends a claimed decision to Slack and records the answer. */
  async function send(claimed: Approval, decision: ApprovalDecision, options: DecisionOptions): Promise<DecisionOutcome> {
    const reason = options.reason?.trim().slice(0, MAX_REASON) || undefined;
    const method = methodOf(claimed.kind, decision);
    let result: AdminCallResult<object>;
    if (decision === 'ignore') result = { ok: true };
    else if (decision === 'accept') {
      result = await gateway.accept({ inviteId: claimed.slackInviteId, channelName: options.channelName ?? claimed.channelName ?? '', isPrivate: options.isPrivate ?? claimed.isPrivate ?? false });
    } else if (claimed.kind === 'INVITE_REQUEST') {
      result = decision === 'approve' ? await gateway.approveRequest(claimed.slackInviteId) : await gateway.denyRequest(claimed.slackInviteId, reason);
    } else {
      result = decision === 'approve' ? await gateway.approve(claimed.slackInviteId, claimed.targetTeamId) : await gateway.decline(claimed.slackInviteId, claimed.targetTeamId);
    }
    const log = logger.child({ approvalId: claimed.id, kind: claimed.kind, decision, slackInviteId: claimed.slackInviteId });
    let settled: Approval;
    if (result.ok) {
      const status: ApprovalStatus = decision === 'approve' ? 'APPROVED' : decision === 'decline' ? 'DECLINED' : decision === 'accept' ? 'ACCEPTED' : 'IGNORED';
      settled = await repo.settle(claimed.id, { status, reason });
      log.info({ status, byRule: claimed.decidedByRule }, 'decision recorded with Slack');
    } else {
      const code = result.kind === 'slack_error' ? result.code : result.kind;
      if (!isAlreadyDecided(code)) {
        const released = await repo.release(claimed.id, code);
        log.warn({ code }, 'Slack refused the decision; it waits again');
        const followUp = notifier.update(released).catch((err: unknown) => log.warn({ err }, 'could not update the cards'));
        return { kind: 'failed', approval: released, code, method, followUp };
      }
      settled = await repo.settle(claimed.id, { status: 'DECIDED_IN_SLACK', slackError: code });
      log.info({ code }, 'already decided in Slack; recorded so');
    }
    const followUp = Promise.all([
      notifier.update(settled).catch((err: unknown) => log.warn({ err }, 'could not update the cards')),
      settled.status === 'DECIDED_IN_SLACK' || claimed.kind === 'INCOMING_INVITE'
        ? undefined
        : notifier.tellInviter(settled).catch((err: unknown) => log.warn({ err }, 'could not tell the inviter')),
    ]).then(() => undefined);
    return { kind: 'decided', approval: settled, method: decision === 'ignore' ? undefined : method, followUp };
  }

  /** Approves (or accepts) by the workspace's trusted-organization rule, with no person. */
  async function byRule(approval: Approval, rule: string): Promise<Approval> {
    const claimed = await repo.claim(approval.teamId, approval.id, { rule });
    if (!claimed) return approval;
    const outcome = await send(claimed, approval.kind === 'INCOMING_INVITE' ? 'accept' : 'approve', { channelName: approval.channelName && cleanChannelName(approval.channelName) });
    if ('followUp' in outcome) await outcome.followUp;
    return 'approval' in outcome ? outcome.approval : approval;
  }

  return {
    /** Whether approving is possible at all in this installation (the scope). */
    available: (): boolean => canManage(),

    find: (teamId: string, id: string): Promise<Approval | undefined> => repo.get(teamId, id),

    /** Something new to decide: recorded once; decided by a rule when one applies, else a card to the approvers. */
    async received(input: NewApproval): Promise<Approval | undefined> {
      if (needsManage(input.kind) && !canManage()) {
        logger.info({ kind: input.kind, slackInviteId: input.slackInviteId }, 'an approval arrived, but the app cannot approve without conversations.connect:manage; left to Slack’s own screens');
        return undefined;
      }
      const { approval, created } = await repo.record(input);
      if (!created || approval.status !== 'PENDING') return approval;
      const rule = input.kind === 'INVITE_REQUEST' ? undefined : await repo.trustedRule(approval.teamId, [approval.otherTeam?.id, approval.invitingTeam?.id]);
      const decided = rule ? await byRule(approval, rule) : approval;
      // Decided by the rule; or Slack refused the rule's decision (a channel name taken, say): then people decide.
      if (decided.status !== 'PENDING') return decided;
      const cards = await notifier.post(approval).catch((err: unknown) => {
        logger.warn({ err, approvalId: approval.id }, 'could not post the approval card');
        return [] as CardRef[];
      });
      if (cards.length > 0) await repo.setCards(approval.id, cards);
      return { ...decided, cards };
    },

    /** An admin's click (or modal): checked with Slack now, claimed once, sent, recorded. */
    async decide(actor: Actor, teamId: string, approvalId: string, decision: ApprovalDecision, options: DecisionOptions = {}): Promise<DecisionOutcome> {
      const approval = await repo.get(teamId, approvalId);
      if (!approval || !DECISIONS[approval.kind].includes(decision)) return { kind: 'not_found' };
      if (needsManage(approval.kind) && !canManage()) return { kind: 'refused', code: 'approvals_unavailable' };
      const refused = await isApprover(actor);
      if (refused) return refused;
      const claimed = await repo.claim(teamId, approvalId, { userId: actor.userId });
      if (!claimed) return { kind: 'already', approval: (await repo.get(teamId, approvalId)) ?? approval };
      return send(claimed, decision, options);
    },

    /** "Always trust this organization" on a card: the rule, then this approval by it. */
    async trustAndApprove(actor: Actor, teamId: string, approvalId: string): Promise<DecisionOutcome> {
      const approval = await repo.get(teamId, approvalId);
      const org = approval?.otherTeam;
      if (!approval || !org) return { kind: 'not_found' };
      const refused = await isApprover(actor);
      if (refused) return refused;
      await repo.trust(teamId, org, actor.userId);
      logger.info({ org: org.id, by: actor.userId }, 'organization trusted');
      return this.decide(actor, teamId, approvalId, approval.kind === 'INCOMING_INVITE' ? 'accept' : 'approve', { channelName: approval.channelName && cleanChannelName(approval.channelName) });
    },

    /**
     * Reads Slack's pending approvals (and Enterprise invite requests) into the database, at most
     * once per interval per workspace across replicas; a failed read waits for the next interval.
     */
    async sync(teamId: string, enterpriseId: string | undefined): Promise<void> {
      if (!canManage() || !(await repo.claimSync(teamId, syncIntervalMs))) return;
      const listing = await gateway.listPendingApprovals();
      if (!listing.ok) logger.warn({ team: teamId, failure: listing.kind === 'slack_error' ? listing.code : listing.kind }, 'could not read pending approvals from Slack');
      else for (const p of listing.approvals) {
        await this.received({
          teamId, enterpriseId, kind: 'ACCEPTED_INVITE', slackInviteId: p.inviteId, channelId: p.channelId, channelName: p.channelName, isPrivate: p.isPrivate,
          invitingUserId: p.invitingUserId, invitingTeam: p.invitingTeam, otherTeam: p.direction === 'outgoing' ? p.acceptingTeam : p.invitingTeam,
          targetTeamId: p.acceptingTeam?.id, recipientEmail: p.recipientEmail, recipientUserId: p.recipientUserId, externalLimited: p.externalLimited, expiresAt: p.expiresAt,
        });
      }
      // Invite requests exist only where an Enterprise org holds invitations for approval.
      if (!enterpriseId) return;
      const requests = await gateway.listRequests();
      if (!requests.ok) return void logger.info({ team: teamId, failure: requests.kind === 'slack_error' ? requests.code : requests.kind }, 'could not read invite requests from Slack');
      for (const r of requests.requests.filter((q) => q.state === 'pending')) {
        await this.received({
          teamId, enterpriseId, kind: 'INVITE_REQUEST', slackInviteId: r.inviteId, channelId: r.channelId, channelName: r.channelName, invitingUserId: r.invitingUserId,
          invitingTeam: r.invitingTeam, recipientEmail: r.recipientEmail, recipientUserId: r.recipientUserId, externalLimited: r.externalLimited, expiresAt: r.expiresAt,
        });
      }
    },

    /** App Home's admin section (the caller shows it to admins only). */
    async overview(teamId: string) {
      const [pending, open, trusted, approverChannelId, lastSyncedAt] = await Promise.all([
        repo.listOpen(teamId, 10), repo.countOpen(teamId), repo.listTrusted(teamId), repo.approverChannel(teamId), repo.lastSync(teamId),
      ]);
      return { available: canManage(), pending, open, trusted, approverChannelId, lastSyncedAt };
    },

    async trust(actor: Actor, teamId: string, org: ConnectTeam): Promise<DecisionOutcome | undefined> {
      const refused = await isApprover(actor);
      if (refused) return refused;
      await repo.trust(teamId, org, actor.userId);
      return undefined;
    },

    async untrust(actor: Actor, teamId: string, orgId: string): Promise<DecisionOutcome | undefined> {
      const refused = await isApprover(actor);
      if (refused) return refused;
      await repo.untrust(teamId, orgId, actor.userId);
      return undefined;
    },

    async setApproverChannel(actor: Actor, teamId: string, channelId: string | null): Promise<DecisionOutcome | undefined> {
      const refused = await isApprover(actor);
      if (refused) return refused;
      await repo.setApproverChannel(teamId, channelId, actor.userId);
      return undefined;
    },
  };
}

/** An invitation's channel name as Slack lets a channel be named here; a name with nothing usable left gets a plain one. */
const cleanChannelName = (name: string) => suggestedChannelName(name) || 'shared-channel';

export type ApprovalService = ReturnType<typeof createApprovalService>;
