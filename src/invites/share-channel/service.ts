// /share-channel's work once the form is valid: check it against Slack's facts, record it, send it
// with conversations.inviteShared, record the outcome. Knows nothing of Slack's SDK or Block Kit.
import { canSendAsLimited, resendable } from './outcome.js';
import { displayStatus } from '../dashboard/status.js';
import type { Logger } from '../../logger.js';
import { InviteIdTakenError, type Clock, type InviteRecord, type InviteRepository, type InviteSharedArgs, type InviteSharedResult, type PendingInvite, type SlackConnectGateway, type WorkspaceDirectory } from '../ports.js';
import { deferrable, isAmbiguous, leftUnresolved, UNCONFIRMED } from '../call-failure.js';
import { LeaseLostError, leasePolicy, type LeaseKeeper, type LeasePolicy } from '../lease.js';
import { NO_METRICS, type InviteMetrics } from '../metrics.js';
import { waitOutRateLimits } from '../rate-limit.js';
import { DEFAULT_RETRY_DELAYS_MS, retryAmbiguous } from '../retry.js';
import { CHECK_DEADLINE_MS, checkWithSlack, newInviteRequest, recordFirst, saveOutcome, sendUnderLease, takenOver, type RecordOptions } from '../steps.js';
import { outcomeFields, toOutcome } from './outcome.js';
import { findPending, pendingMatches } from './pending.js';
import { createPendingCheck, type PendingCheck } from './pending-check.js';
import { validateAgainstFacts, type FieldErrors, type Requester, type ShareFacts, type ValidDraft } from './validate.js';

export interface ShareChannelServiceDeps {
  repo: Pick<
    InviteRepository,
    'createSlackConnect' | 'markSending' | 'recordSlackConnectOutcome' | 'recordUnresolved' | 'deferSend' | 'renewLease' | 'reload' | 'reopenUnconfirmed' | 'findById'
  >;
  gateway: SlackConnectGateway;
  directory: WorkspaceDirectory;
  clock: Clock;
  logger: Logger;
  appName: string;
  /** How long the look-ups behind one submission may take in all (CHECK_DEADLINE_MS: past Slack's acknowledgement if need be). */
  lookupTimeoutMs?: number;
  /**
   * A rate limit shorter than this is waited out while the person watches the modal; a longer
   * one defers the invitation, and recovery's sweep sends it once Slack's Retry-After has passed.
   */
  maxRateLimitWaitSeconds?: number;
  /** Waits before each retry after an ambiguous failure (timeout, 5xx, dropped connection). */
  retryDelaysMs?: readonly number[];
  /** How the lease on an invite being sent is kept (see ../lease.ts); by default a 60 s lease and 10 s calls. */
  lease?: LeasePolicy;
  /** The operator's metrics (rate-limit waits; for share-channel also reconciles and re-sends). */
  metrics?: InviteMetrics;
  /** Whether and how Slack can be asked which invitations are pending; by default through the gateway. */
  pendingCheck?: PendingCheck;
}

function argsOf(invite: InviteRecord): InviteSharedArgs {
  return {
    channelId: invite.channelId,
    invitee: invite.inviteeEmail ? { email: invite.inviteeEmail } : { userId: invite.inviteeUserId as string },
    externalLimited: invite.externalLimited ?? true,
  };
}

export type ShareChannelService = ReturnType<typeof createShareChannelService>;

/** Waits for the call's slot in the workspace's pace (a batch's calls). */
export type SendPacing = () => Promise<void>;

export interface SendOptions {
  pace?: SendPacing | undefined;
  /** How long an email invitation refused by Slack's per-user limit (`ratelimit`) waits before it is tried again; unset: it fails. */
  emailLimitWaitSeconds?: number | undefined;
}

/** Takeovers of one unfinished invitation that could not ask Slack, before it ends "not confirmed". */
export const MAX_RECOVERY_CHECKS = 10;

/** Slack's pending invitations for one recovery sweep, or why there are none. */
export type SweepListing = { invites: readonly PendingInvite[] } | { unavailable: 'permanently' | 'for now'; reason: string };

/** Slack cannot be asked about the invitation yet: a later sweep tries again. */
export class CannotCheckYetError extends Error {
  override name = 'CannotCheckYetError';
}

export function createShareChannelService(deps: ShareChannelServiceDeps) {
  const { repo, gateway, directory, clock, logger, appName } = deps;
  const lookupTimeoutMs = deps.lookupTimeoutMs ?? CHECK_DEADLINE_MS;
  const maxWait = deps.maxRateLimitWaitSeconds ?? 5;
  const retryDelaysMs = deps.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS;
  const policy = deps.lease ?? leasePolicy(60_000, 10_000);
  const metrics = deps.metrics ?? NO_METRICS;
  const pendingCheck = deps.pendingCheck ?? createPendingCheck(() => gateway.listPendingInvites(), undefined, logger);

  /**
   * One invitation, however Slack answers: short rate limits waited out, ambiguous failures tried
   * again a couple of times. Re-sending cannot invite twice: Slack keeps one pending invitation per
   * channel and invitee, and answers a repeat with connection_limit_exceeded_pending, which after a
   * retry means an earlier try reached Slack, so the app looks that invitation up instead.
   */
  async function inviteOnce(args: InviteSharedArgs, lease: LeaseKeeper, log: Logger, pace: SendPacing | undefined): Promise<InviteSharedResult> {
    const { answer, retries } = await retryAmbiguous(
      () =>
        waitOutRateLimits(
          // A new call only while the lease is surely held: otherwise another process may be sending it.
          // A batch's calls each wait for their slot in the workspace's pace first (every try counts at Slack).
          async () => (await pace?.(), lease.assertHeld(), gateway.inviteShared(args)),
          (a) => (!a.ok && a.kind === 'rate_limited' ? a.retryAfterSeconds : undefined),
          { clock, maxWaitSeconds: maxWait, log, metrics },
        ),
      (a) => !a.ok && isAmbiguous(a),
      { clock, delaysMs: retryDelaysMs, log },
    );
    if (retries > 0 && !answer.ok && answer.kind === 'slack_error' && answer.code === 'connection_limit_exceeded_pending') {
      // Slack refused a retry because the channel has a pending invitation: perhaps an earlier
      // try's, perhaps another invitation's (Slack's rule may be per channel). Only the listing tells.
      lease.assertHeld();
      const listing = await pendingCheck.list();
      if ('failure' in listing) {
        log.warn({ failure: listing.failure.kind }, 'cannot tell whether an earlier try reached Slack; the person is told so');
        return { ok: false, kind: 'unconfirmed', code: answer.code, warnings: answer.warnings };
      }
      const pending = findPending(listing.invites, args);
      if (pending) {
        log.info({ slackInviteId: pending.inviteId }, 'an earlier try reached Slack; recorded that invitation');
        return { ok: true, inviteId: pending.inviteId, isLegacySharedChannel: false };
      }
    }
    return answer;
  }

  /**
   * The channel, then memberships (its size picks how they are asked), beside the profiles.
   * The requester's membership is an authorization fact: no answer fails the check. The
   * invitee's only spares them a refusal Slack would give anyway (already_in_channel), so no
   * answer there lets Slack decide.
   */
  async function gatherFacts(draft: ValidDraft, requester: Requester): Promise<ShareFacts> {
    const { channelId, userId } = draft;
    const [memberships, requesterFacts, invitee] = await Promise.all([
      directory.channel(channelId).then(async (channel) => {
        if (!channel) return { channel, requesterIsMember: false, inviteeIsMember: false };
        const [requesterIsMember, inviteeIsMember] = await Promise.all([
          directory.isMember(channelId, requester.userId, channel.memberCount),
          userId === undefined
            ? false
            : directory.isMember(channelId, userId, channel.memberCount).catch((err: unknown) => {
                logger.info({ err, channel: channelId }, "could not check whether the invitee is already in the channel; Slack's answer decides");
                return false;
              }),
        ]);
        return { channel, requesterIsMember, inviteeIsMember };
      }),
      draft.email !== undefined ? directory.user(requester.userId) : Promise.resolve(undefined),
      userId !== undefined ? directory.user(userId) : Promise.resolve(undefined),
    ]);
    return { ...memberships, requester: requesterFacts, invitee };
  }

  /**
   * Records the invitation Slack holds for a recovered invite, by the invite's lease holder. A
   * match already recorded on another invite (the same invitation submitted from two forms) is
   * that one's; with no match left, this one ends as Slack answers a second send.
   */
  async function recordFound(invite: InviteRecord, matches: readonly PendingInvite[]): Promise<InviteRecord> {
    const log = logger.child({ inviteId: invite.id });
    try {
      for (const pending of matches) {
        try {
          const recorded = await repo.recordSlackConnectOutcome(invite, { ok: true, inviteId: pending.inviteId, isLegacySharedChannel: false });
          log.info({ slackInviteId: pending.inviteId }, 'recovered: Slack had received the invitation');
          return recorded;
        } catch (err) {
          if (!(err instanceof InviteIdTakenError)) throw err;
        }
      }
      log.warn('recovered: Slack’s pending invitation for this channel and invitee belongs to another record of the same invitation');
      return await repo.recordSlackConnectOutcome(invite, { ok: false, errorCode: 'connection_limit_exceeded_pending' });
    } catch (err) {
      if (!(err instanceof LeaseLostError)) throw err;
      return takenOver(invite, repo, log, 'while recording the invitation found at Slack');
    }
  }

  /** Ends an invite the app cannot confirm: recorded as such (by its lease holder), for the person to send again. */
  async function settleUnconfirmed(invite: InviteRecord, reason: string): Promise<InviteRecord> {
    const log = logger.child({ inviteId: invite.id });
    try {
      const settled = await repo.recordSlackConnectOutcome(invite, { ok: false, errorCode: UNCONFIRMED, errorDetail: reason });
      log.warn({ reason, takeovers: invite.leaseVersion }, 'cannot confirm with Slack whether the invitation was sent; not sending it again on its own');
      return settled;
    } catch (err) {
      if (!(err instanceof LeaseLostError)) throw err;
      return takenOver(invite, repo, log, 'while settling it as not confirmed');
    }
  }

  const service = {
    /** Field errors the person must fix, or undefined when Slack's facts allow the invite. */
    check(draft: ValidDraft, requester: Requester): Promise<{ errors?: FieldErrors; channelName?: string }> {
      return checkWithSlack(
        () => gatherFacts(draft, requester),
        (facts) => validateAgainstFacts(draft, requester, facts, appName),
        { timeoutMs: lookupTimeoutMs, log: logger, channelId: draft.channelId },
      );
    },

    /**
     * The checks of several invitees into one channel (a batch): the channel and the requester's
     * membership once, then each chosen person's facts (paced within users.info's tier by the
     * directory). `channel`: what stops them all; `invitees`: what stops each (undefined: fine).
     */
    checkMany(channelId: string, drafts: readonly ValidDraft[], requester: Requester): Promise<{ errors?: { channel?: string; invitees?: ReadonlyArray<string | undefined> }; channelName?: string }> {
      return checkWithSlack(
        async () => {
          const channel = await directory.channel(channelId);
          const [requesterIsMember, requesterFacts, people] = await Promise.all([
            channel ? directory.isMember(channelId, requester.userId, channel.memberCount) : false,
            drafts.some((d) => d.email !== undefined) ? directory.user(requester.userId) : undefined,
            Promise.all(
              drafts.map(async (d) =>
                d.userId === undefined
                  ? undefined
                  : {
                      invitee: await directory.user(d.userId),
                      // As for one invitee: no answer lets Slack decide (already_in_channel).
                      isMember: channel ? await directory.isMember(channelId, d.userId, channel.memberCount).catch(() => false) : false,
                    },
              ),
            ),
          ]);
          return { channel, requesterIsMember, requester: requesterFacts, people };
        },
        ({ channel, requesterIsMember, requester: requesterFacts, people }) => {
          const verdicts = drafts.map((d, i) =>
            validateAgainstFacts(d, requester, { channel, requesterIsMember, requester: requesterFacts, invitee: people[i]?.invitee, inviteeIsMember: people[i]?.isMember }, appName),
          );
          const whole = verdicts.find((v) => v?.channel)?.channel;
          if (whole) return { channel: whole };
          const invitees = verdicts.map((v) => v?.inviteeEmail ?? v?.inviteeUser);
          return invitees.some(Boolean) ? { invitees } : undefined;
        },
        { timeoutMs: lookupTimeoutMs, log: logger, channelId },
      );
    },

    record(draft: ValidDraft, requester: Requester, options: RecordOptions): Promise<{ invite: InviteRecord; created: boolean }> {
      return recordFirst(logger, () =>
        repo.createSlackConnect({
          ...newInviteRequest(requester, draft.channelId, options),
          inviteeEmail: draft.email,
          inviteeUserId: draft.userId,
          externalLimited: draft.externalLimited,
        }),
      );
    },

    /**
     * Sends a recorded invite and records what Slack said. Returns the final record. A batch's
     * member passes `pace` (each call waits for its slot) and `emailLimitWaitSeconds`: Slack's
     * per-user limit on email invitations (`ratelimit`) then defers it instead of failing it.
     */
    send(invite: InviteRecord, options: SendOptions = {}): Promise<InviteRecord> {
      const log = logger.child({ inviteId: invite.id });
      return sendUnderLease(invite, { repo, policy, log }, async (attempts, lease) => {
        const result = await inviteOnce(argsOf(invite), lease, log, options.pace);
        if (result.warnings?.length) log.warn({ warnings: result.warnings }, 'Slack returned warnings');
        const waitSeconds = !result.ok && result.kind === 'rate_limited' ? result.retryAfterSeconds
          : !result.ok && result.kind === 'slack_error' && result.code === 'ratelimit' ? options.emailLimitWaitSeconds : undefined;
        if (!result.ok && waitSeconds !== undefined && deferrable(attempts)) {
          // Slack did nothing: the invitation waits (safe to send later) instead of failing.
          const code = result.kind === 'slack_error' ? result.code : 'ratelimited';
          log.info({ retryAfterSeconds: waitSeconds, code }, 'rate limited by Slack; the invitation goes once the limit has passed');
          return saveOutcome<InviteRecord>(log, result, () => repo.deferSend(invite, waitSeconds, code), () => ({ ...invite, status: 'RECORDED', errorCode: code, retryAfterSeconds: waitSeconds }));
        }
        const outcome = toOutcome(result);
        log.info({ ok: outcome.ok, errorCode: outcome.ok ? undefined : outcome.errorCode }, 'conversations.inviteShared answered');
        if (!outcome.ok && leftUnresolved(outcome.errorCode, attempts)) {
          log.warn({ attempts }, 'no answer from Slack; recovery will check whether the invitation was sent');
          return saveOutcome<InviteRecord>(log, outcome, () => repo.recordUnresolved(invite, outcome.errorCode), () => ({ ...invite, status: 'SENDING', errorCode: outcome.errorCode }));
        }
        return saveOutcome(
          log,
          outcome,
          () => repo.recordSlackConnectOutcome(invite, outcome),
          () => ({ ...invite, ...outcomeFields(outcome) }) as InviteRecord,
        );
      });
    },

    /**
     * The person's "Send again" on an invitation the app could not confirm: sent once more,
     * however often the button is pressed (the first press reopens it; the others see it as it is).
     * Undefined when it is not the person's.
     */
    async sendAgain(requester: Requester, inviteId: string): Promise<InviteRecord | undefined> {
      const reopened = await repo.reopenUnconfirmed(requester.teamId, inviteId, requester.userId);
      if (reopened) {
        logger.info({ inviteId }, 'sending again, as the person asked');
        metrics.resend('send_again');
        return service.send(reopened);
      }
      const current = await repo.findById(requester.teamId, inviteId);
      return current?.requesterUserId === requester.userId ? current : undefined;
    },

    find: (teamId: string, inviteId: string): Promise<InviteRecord | undefined> => repo.findById(teamId, inviteId),

    /**
     * "Send again" on an invitation that ended without reaching the person (failed, declined,
     * expired): a new one, to the same invitee or a corrected email, linked to the old one in the
     * history, recorded (not yet sent: the caller shows it, then sends it). Pressed twice with the
     * same email, it is the same one. Refused while the old one is still on its way or waiting.
     */
    async recordResend(requester: Requester, inviteId: string, { correctedEmail, viewId }: { correctedEmail?: string | undefined; viewId?: string | undefined }, now: Date): Promise<{ invite: InviteRecord; created: boolean } | { refused: 'not_found' | 'still_pending' }> {
      const original = await repo.findById(requester.teamId, inviteId);
      if (!original || original.requesterUserId !== requester.userId) return { refused: 'not_found' };
      if (!resendable(original, displayStatus(original, now))) return { refused: 'still_pending' };
      const email = correctedEmail ?? original.inviteeEmail ?? undefined;
      const recorded = await recordFirst(logger, () =>
        repo.createSlackConnect({
          ...newInviteRequest(requester, original.channelId, { idempotencyKey: `resend:${original.id}:${email ?? original.inviteeUserId}`, viewId, channelName: original.channelName ?? undefined }),
          inviteeEmail: email,
          inviteeUserId: email ? undefined : (original.inviteeUserId ?? undefined),
          externalLimited: original.externalLimited ?? true,
          resendOfId: original.id,
        }),
      );
      // Counted once: pressed twice, the same one is found again.
      if (recorded.created) metrics.resend('resend');
      return recorded;
    },

    /**
     * "Send as limited instead" on a full-access invitation Slack refused because the workspace
     * allows only limited ones (restricted_action): a new invitation with the same invitee and
     * channel, limited, linked to the refused one, and sent. Pressed twice, it is the same one.
     * Undefined when the invitation is not the person's; the invitation as it is when it is not
     * one that can be sent this way.
     */
    async sendAsLimited(requester: Requester, inviteId: string): Promise<InviteRecord | undefined> {
      const original = await repo.findById(requester.teamId, inviteId);
      if (!original || original.requesterUserId !== requester.userId) return undefined;
      if (!canSendAsLimited(original)) return original;
      const { invite, created } = await recordFirst(logger, () =>
        repo.createSlackConnect({
          ...newInviteRequest(requester, original.channelId, { idempotencyKey: `limited:${original.id}`, viewId: original.viewId ?? undefined, channelName: original.channelName ?? undefined }),
          inviteeEmail: original.inviteeEmail ?? undefined,
          inviteeUserId: original.inviteeUserId ?? undefined,
          externalLimited: true,
          resendOfId: original.id,
        }),
      );
      logger.info({ inviteId: invite.id, resendOf: original.id, created }, 'sending as limited instead, as the person asked');
      if (created) metrics.resend('as_limited');
      return created ? service.send(invite) : invite;
    },

    /**
     * Brings an invite its process left unfinished to a final state, given Slack's listing of the
     * workspace's pending invitations (one listing serves every invite of a recovery sweep). One
     * left SENDING may have reached Slack: if the listing holds it, that is recorded; if it does
     * not (or the invite was never sent), it is sent now. Without a listing it is never sent
     * again: it waits for a later sweep, and ends "not confirmed" (for the person to send again)
     * when Slack cannot be asked at all or after MAX_RECOVERY_CHECKS takeovers.
     */
    async reconcile(invite: InviteRecord, pendingAtSlack: () => Promise<SweepListing>, options: SendOptions = {}): Promise<InviteRecord> {
      if (invite.status === 'SENDING') {
        const listing = await pendingAtSlack();
        if ('invites' in listing) {
          const matches = pendingMatches(listing.invites, argsOf(invite));
          if (matches.length > 0) {
            metrics.reconcile('found_at_slack');
            return recordFound(invite, matches);
          }
        } else if (listing.unavailable === 'permanently' || invite.leaseVersion >= MAX_RECOVERY_CHECKS) {
          metrics.reconcile('not_confirmed');
          return settleUnconfirmed(invite, listing.reason);
        } else {
          metrics.reconcile('cannot_check_yet');
          throw new CannotCheckYetError(listing.reason);
        }
      }
      metrics.reconcile('sent');
      return service.send(invite, options);
    },
  };
  return service;
}
