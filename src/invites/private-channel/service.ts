// /invite-private's work once the form is valid: check it against Slack's facts (the requester
// must be in the private channel, and so must the app), record it with one row per person, add
// them with the configured Slack method, record each person's result. Knows nothing of Slack's SDK.
import type { Logger } from '../../logger.js';
import type {
  Clock,
  InviteRepository,
  PersonAnswer,
  PrivateChannelGateway,
  PrivateInviteRecord,
  PrivateInviteResult,
  Requester,
  WorkspaceDirectory,
} from '../ports.js';
import { deferrable, isAmbiguous, leftUnresolved } from '../call-failure.js';
import { leasePolicy, type LeasePolicy } from '../lease.js';
import { NO_METRICS, type InviteMetrics } from '../metrics.js';
import { waitOutRateLimits } from '../rate-limit.js';
import { DEFAULT_RETRY_DELAYS_MS, retryAmbiguous } from '../retry.js';
import { CHECK_DEADLINE_MS, checkWithSlack, newInviteRequest, recordFirst, saveOutcome, sendUnderLease, type RecordOptions } from '../steps.js';
import { settle, withOutcome } from './outcome.js';
import { judgeChannel, validateAgainstFacts, type FieldErrors, type PrivateFacts, type ValidPrivateDraft } from './validate.js';

export interface PrivateChannelServiceDeps {
  repo: Pick<InviteRepository, 'createPrivateChannel' | 'markSending' | 'recordPrivateChannelOutcome' | 'recordUnresolved' | 'deferSend' | 'renewLease' | 'reload'>;
  gateway: PrivateChannelGateway;
  directory: WorkspaceDirectory;
  clock: Clock;
  logger: Logger;
  appName: string;
  /** The app's own bot user: never someone to invite. */
  botUserId: string;
  /** How long the look-ups behind one submission may take in all (CHECK_DEADLINE_MS: past Slack's acknowledgement if need be). */
  lookupTimeoutMs?: number;
  /** A rate limit shorter than this is waited out while the person watches the modal. */
  maxRateLimitWaitSeconds?: number;
  /** Waits before each retry after an ambiguous failure (timeout, 5xx, dropped connection). */
  retryDelaysMs?: readonly number[];
  /** How the lease on an invite being sent is kept (see ../lease.ts); by default a 60 s lease and 10 s calls. */
  lease?: LeasePolicy;
  /** The operator's metrics (rate-limit waits; for share-channel also reconciles and re-sends). */
  metrics?: InviteMetrics;
}

export type PrivateChannelService = ReturnType<typeof createPrivateChannelService>;

export function createPrivateChannelService(deps: PrivateChannelServiceDeps) {
  const { repo, gateway, directory, clock, logger, appName, botUserId } = deps;
  const lookupTimeoutMs = deps.lookupTimeoutMs ?? CHECK_DEADLINE_MS;
  const maxWait = deps.maxRateLimitWaitSeconds ?? 5;
  const retryDelaysMs = deps.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS;
  const policy = deps.lease ?? leasePolicy(60_000, 10_000);
  const metrics = deps.metrics ?? NO_METRICS;

  /**
   * The channel first (its size picks how membership is asked), then the requester's membership,
   * then, only for a channel they may add people to, everyone chosen: up to 100 profiles, asked
   * as bulk look-ups (paced within users.info's tier, from the cache where it can).
   */
  async function gatherFacts(draft: ValidPrivateDraft, requester: Requester): Promise<PrivateFacts> {
    const channel = await directory.channel(draft.channelId);
    const requesterIsMember = channel ? await directory.isMember(draft.channelId, requester.userId, channel.memberCount) : false;
    const people = judgeChannel({ channel, requesterIsMember }, { appName }) ? new Map() : await directory.users(draft.userIds);
    return { channel, requesterIsMember, people };
  }

  return {
    method: gateway.method,

    /** Field errors the person must fix, or undefined when Slack's facts allow the invite. */
    check(draft: ValidPrivateDraft, requester: Requester): Promise<{ errors?: FieldErrors; channelName?: string }> {
      return checkWithSlack(
        () => gatherFacts(draft, requester),
        (facts) => validateAgainstFacts(draft, facts, { appName, botUserId }),
        { timeoutMs: lookupTimeoutMs, log: logger, channelId: draft.channelId },
      );
    },

    record(draft: ValidPrivateDraft, requester: Requester, options: RecordOptions): Promise<{ invite: PrivateInviteRecord; created: boolean }> {
      return recordFirst(logger, () =>
        repo.createPrivateChannel({ ...newInviteRequest(requester, draft.channelId, options), method: gateway.method, userIds: draft.userIds }),
      );
    },

    /** Adds the recorded people and records each one's result. Returns the final record. */
    send(invite: PrivateInviteRecord): Promise<PrivateInviteRecord> {
      const log = logger.child({ inviteId: invite.id, method: gateway.method });
      return sendUnderLease(invite, { repo, policy, log }, async (attempts, lease) => {
        const userIds = invite.recipients.map((r) => r.userId);
        const answers = new Map<string, PersonAnswer>();
        // After a rate limit or an ambiguous failure, only the people Slack has not answered about
        // are asked again. Asking twice is harmless here: someone already added answers
        // already_in_channel, which counts as added.
        const { answer: last } = await retryAmbiguous(
          () =>
            waitOutRateLimits(
              async (): Promise<PrivateInviteResult> => {
                lease.assertHeld();
                const result = await gateway.invite(invite.channelId, userIds.filter((id) => !answers.has(id)));
                for (const answer of result.answers) answers.set(answer.userId, answer);
                if (result.warnings?.length) log.warn({ warnings: result.warnings }, 'Slack returned warnings');
                return result;
              },
              (result) => (result.failure?.kind === 'rate_limited' ? result.failure.retryAfterSeconds : undefined),
              { clock, maxWaitSeconds: maxWait, log, metrics },
            ),
          (result) => result.failure !== undefined && isAmbiguous(result.failure),
          { clock, delaysMs: retryDelaysMs, log },
        );
        const outcome = settle(userIds, answers, last.failure);
        log.info(
          { status: outcome.status, errorCode: outcome.errorCode, people: outcome.recipients.map((r) => ({ user: r.userId, outcome: r.outcome, errorCode: r.errorCode })) },
          `${gateway.method} answered`,
        );
        if (last.failure?.kind === 'rate_limited' && answers.size === 0 && deferrable(attempts)) {
          // Slack added no one: everyone is asked once the limit has passed. (When it answered for
          // some before the limit, those answers are recorded and the rest carry the rate limit.)
          const retryAfterSeconds = last.failure.retryAfterSeconds;
          log.info({ retryAfterSeconds }, 'rate limited by Slack; the invitation goes once the limit has passed');
          return saveOutcome(log, outcome, async () => ({ ...(await repo.deferSend(invite, retryAfterSeconds)), recipients: invite.recipients }), () => ({ ...invite, status: 'RECORDED', errorCode: 'ratelimited', retryAfterSeconds }));
        }
        if (last.failure?.kind === 'timeout' && leftUnresolved('slack_timeout', attempts)) {
          // Asking again later is harmless: anyone added meanwhile answers already_in_channel.
          log.warn({ attempts }, 'no answer from Slack; recovery will ask again');
          return saveOutcome(log, outcome, () => repo.recordUnresolved(invite, 'slack_timeout'), () => ({ ...invite, status: 'SENDING', errorCode: 'slack_timeout' }));
        }
        return saveOutcome(
          log,
          outcome,
          () => repo.recordPrivateChannelOutcome(invite, outcome),
          () => withOutcome(invite, outcome),
        );
      });
    },
  };
}
