// /share-channel's work once the form is valid: check it against Slack's facts, record it, send it
// with conversations.inviteShared, record the outcome. Knows nothing of Slack's SDK or Block Kit.
import type { Logger } from '../../logger.js';
import type { Clock, InviteRecord, InviteRepository, SlackConnectGateway, WorkspaceDirectory } from '../ports.js';
import { waitOutRateLimits } from '../rate-limit.js';
import { checkWithSlack, newInviteRequest, recordFirst, saveOutcome, type RecordOptions } from '../steps.js';
import { outcomeFields, toOutcome } from './outcome.js';
import { validateAgainstFacts, type FieldErrors, type Requester, type ShareFacts, type ValidDraft } from './validate.js';

export interface ShareChannelServiceDeps {
  repo: Pick<InviteRepository, 'createSlackConnect' | 'markSending' | 'recordSlackConnectOutcome'>;
  gateway: SlackConnectGateway;
  directory: WorkspaceDirectory;
  clock: Clock;
  logger: Logger;
  appName: string;
  /** The look-ups run before Slack's 3-second acknowledgement deadline. */
  lookupTimeoutMs?: number;
  /** A rate limit shorter than this is waited out while the person watches the modal. */
  maxRateLimitWaitSeconds?: number;
}

export type ShareChannelService = ReturnType<typeof createShareChannelService>;

export function createShareChannelService(deps: ShareChannelServiceDeps) {
  const { repo, gateway, directory, clock, logger, appName } = deps;
  const lookupTimeoutMs = deps.lookupTimeoutMs ?? 1800;
  const maxWait = deps.maxRateLimitWaitSeconds ?? 10;

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

  return {
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
      await repo.markSending(invite.id);
      const args = {
        channelId: invite.channelId,
        invitee: invite.inviteeEmail ? { email: invite.inviteeEmail } : { userId: invite.inviteeUserId as string },
        externalLimited: invite.externalLimited ?? true,
      };
      const result = await waitOutRateLimits(
        () => gateway.inviteShared(args),
        (answer) => (!answer.ok && answer.kind === 'rate_limited' ? answer.retryAfterSeconds : undefined),
        { clock, maxWaitSeconds: maxWait, log },
      );
      if (result.warnings?.length) log.warn({ warnings: result.warnings }, 'Slack returned warnings');
      const outcome = toOutcome(result);
      log.info({ ok: outcome.ok, errorCode: outcome.ok ? undefined : outcome.errorCode }, 'conversations.inviteShared answered');
      return saveOutcome(
        log,
        outcome,
        () => repo.recordSlackConnectOutcome(invite.id, outcome),
        () => ({ ...invite, ...outcomeFields(outcome) }) as InviteRecord,
      );
    },
  };
}
