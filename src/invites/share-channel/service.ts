// /share-channel's work once the form is valid: check it against Slack's facts, record it, send it
// with conversations.inviteShared, record the outcome. Knows nothing of Slack's SDK or Block Kit.
import type { Logger } from '../../logger.js';
import type { Clock, InviteRecord, InviteRepository, InviteSharedArgs, InviteSharedResult, SlackConnectGateway, WorkspaceDirectory } from '../ports.js';
import { isAmbiguous, leftUnresolved } from '../call-failure.js';
import { waitOutRateLimits } from '../rate-limit.js';
import { DEFAULT_RETRY_DELAYS_MS, retryAmbiguous } from '../retry.js';
import { checkWithSlack, newInviteRequest, recordFirst, saveOutcome, type RecordOptions } from '../steps.js';
import { outcomeFields, toOutcome } from './outcome.js';
import { validateAgainstFacts, type FieldErrors, type Requester, type ShareFacts, type ValidDraft } from './validate.js';

export interface ShareChannelServiceDeps {
  repo: Pick<InviteRepository, 'createSlackConnect' | 'markSending' | 'recordSlackConnectOutcome' | 'recordUnresolved'>;
  gateway: SlackConnectGateway;
  directory: WorkspaceDirectory;
  clock: Clock;
  logger: Logger;
  appName: string;
  /** The look-ups run before Slack's 3-second acknowledgement deadline. */
  lookupTimeoutMs?: number;
  /** A rate limit shorter than this is waited out while the person watches the modal. */
  maxRateLimitWaitSeconds?: number;
  /** Waits before each retry after an ambiguous failure (timeout, 5xx, dropped connection). */
  retryDelaysMs?: readonly number[];
}

function argsOf(invite: InviteRecord): InviteSharedArgs {
  return {
    channelId: invite.channelId,
    invitee: invite.inviteeEmail ? { email: invite.inviteeEmail } : { userId: invite.inviteeUserId as string },
    externalLimited: invite.externalLimited ?? true,
  };
}

export type ShareChannelService = ReturnType<typeof createShareChannelService>;

export function createShareChannelService(deps: ShareChannelServiceDeps) {
  const { repo, gateway, directory, clock, logger, appName } = deps;
  const lookupTimeoutMs = deps.lookupTimeoutMs ?? 1800;
  const maxWait = deps.maxRateLimitWaitSeconds ?? 10;
  const retryDelaysMs = deps.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS;

  /**
   * One invitation, however Slack answers: short rate limits waited out, ambiguous failures tried
   * again a couple of times. Re-sending cannot invite twice: Slack keeps one pending invitation per
   * channel and invitee, and answers a repeat with connection_limit_exceeded_pending, which after a
   * retry means an earlier try reached Slack, so the app looks that invitation up instead.
   */
  async function inviteOnce(args: InviteSharedArgs, log: Logger): Promise<InviteSharedResult> {
    const { answer, retries } = await retryAmbiguous(
      () =>
        waitOutRateLimits(
          () => gateway.inviteShared(args),
          (a) => (!a.ok && a.kind === 'rate_limited' ? a.retryAfterSeconds : undefined),
          { clock, maxWaitSeconds: maxWait, log },
        ),
      (a) => !a.ok && isAmbiguous(a),
      { clock, delaysMs: retryDelaysMs, log },
    );
    if (retries > 0 && !answer.ok && answer.kind === 'slack_error' && answer.code === 'connection_limit_exceeded_pending') {
      const pending = await gateway.findPendingInvite(args);
      if ('found' in pending && pending.found) {
        log.info({ slackInviteId: pending.inviteId }, 'an earlier try reached Slack; recorded that invitation');
        return { ok: true, inviteId: pending.inviteId, isLegacySharedChannel: false };
      }
    }
    return answer;
  }

  async function gatherFacts(draft: ValidDraft, requester: Requester): Promise<ShareFacts> {
    const [channel, requesterIsMember, requesterFacts, invitee, inviteeIsMember] = await Promise.all([
      directory.channel(draft.channelId),
      directory.isMember(draft.channelId, requester.userId),
      draft.email !== undefined ? directory.user(requester.userId) : Promise.resolve(undefined),
      draft.userId !== undefined ? directory.user(draft.userId) : Promise.resolve(undefined),
      draft.userId !== undefined ? directory.isMember(draft.channelId, draft.userId) : Promise.resolve(false),
    ]);
    return { channel, requesterIsMember, requester: requesterFacts, invitee, inviteeIsMember };
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

    /** Sends a recorded invite and records what Slack said. Returns the final record. */
    async send(invite: InviteRecord): Promise<InviteRecord> {
      const log = logger.child({ inviteId: invite.id });
      const { attempts } = await repo.markSending(invite.id);
      const result = await inviteOnce(argsOf(invite), log);
      if (result.warnings?.length) log.warn({ warnings: result.warnings }, 'Slack returned warnings');
      const outcome = toOutcome(result);
      log.info({ ok: outcome.ok, errorCode: outcome.ok ? undefined : outcome.errorCode }, 'conversations.inviteShared answered');
      if (!outcome.ok && leftUnresolved(outcome.errorCode, attempts)) {
        log.warn({ attempts }, 'no answer from Slack; recovery will check whether the invitation was sent');
        return saveOutcome<InviteRecord>(log, outcome, () => repo.recordUnresolved(invite.id, outcome.errorCode), () => ({ ...invite, status: 'SENDING', errorCode: outcome.errorCode }));
      }
      return saveOutcome(
        log,
        outcome,
        () => repo.recordSlackConnectOutcome(invite.id, outcome),
        () => ({ ...invite, ...outcomeFields(outcome) }) as InviteRecord,
      );
    },

    /**
     * Brings an invite its process left unfinished to a final state. One left SENDING may have
     * reached Slack: if Slack holds it, that is recorded; otherwise (or if it was never sent) it
     * is sent now. Throws while Slack cannot be asked, so recovery tries again later.
     */
    async reconcile(invite: InviteRecord): Promise<InviteRecord> {
      if (invite.status === 'SENDING') {
        const pending = await gateway.findPendingInvite(argsOf(invite));
        if ('failure' in pending) throw new Error(`cannot ask Slack about the invitation yet (${pending.failure.kind})`);
        if (pending.found) {
          logger.info({ inviteId: invite.id, slackInviteId: pending.inviteId }, 'recovered: Slack had received the invitation');
          return repo.recordSlackConnectOutcome(invite.id, { ok: true, inviteId: pending.inviteId, isLegacySharedChannel: false });
        }
      }
      return service.send(invite);
    },
  };
  return service;
}
