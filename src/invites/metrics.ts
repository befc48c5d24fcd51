// What the domain tells the operator's metrics, as a port: services call it, src/metrics/
// implements it with prom-client, and NO_METRICS (the default) does nothing. Every argument is
// one of a few fixed words (or an error code, bounded by the implementation): never a workspace,
// a person, a channel or an email, so nothing here can put them in a label.
import type { InviteRepository } from './ports.js';

export type InvitationKind = 'slack_connect' | 'private_channel';
/**
 * How one send ended: `sent` (Slack took it), `partial` (a private-channel invitation Slack took
 * for some of its people), `failed` (Slack refused it, or the app could not confirm it), `deferred`
 * (rate limited: it waits and is sent later), `unresolved` (no answer: recovery checks it).
 */
export type InvitationOutcome = 'sent' | 'partial' | 'failed' | 'deferred' | 'unresolved';
/** `retry_after`: Slack answered 429 and the app waited; `tier_budget`: a look-up waited its turn in its method's tier; `batch_pace`: a batch's send waited for its slot. */
export type RateLimitWaitReason = 'retry_after' | 'tier_budget' | 'batch_pace';
/** A takeover by recovery of an invitation, or of a whole batch, whose process died. */
export type TakeoverKind = 'invitation' | 'batch';
/** How reconciling an invitation left unfinished went (share-channel service `reconcile`). */
export type ReconcileResult = 'found_at_slack' | 'sent' | 'not_confirmed' | 'cannot_check_yet';
/** "Send again" on one not confirmed, a new invitation after one that ended, "Send as limited instead". */
export type ResendKind = 'send_again' | 'resend' | 'as_limited';
export type LifecycleEventType = 'accepted' | 'approved' | 'declined';
/** `duplicate`: Slack delivered the event again and it was dropped (processed_events). */
export type LifecycleEventOutcome = 'applied' | 'duplicate' | 'unknown_invite' | 'no_change';

export interface InviteMetrics {
  invitation(kind: InvitationKind, outcome: InvitationOutcome, errorCode?: string): void;
  rateLimitWait(reason: RateLimitWaitReason, seconds: number): void;
  takeover(kind: TakeoverKind): void;
  reconcile(result: ReconcileResult): void;
  resend(kind: ResendKind): void;
  lifecycleEvent(type: LifecycleEventType, outcome: LifecycleEventOutcome): void;
}

const nothing = () => {};
export const NO_METRICS: InviteMetrics = Object.freeze({
  invitation: nothing,
  rateLimitWait: nothing,
  takeover: nothing,
  reconcile: nothing,
  resend: nothing,
  lifecycleEvent: nothing,
});

/**
 * The invite repository, counting each outcome as it is recorded: every send of every kind (a
 * person's, a batch member's, recovery's) records through one of these, so counting here misses
 * none and counts none twice. A write that fails (lease lost, database down) counts nothing.
 */
export function countingOutcomes<R extends Pick<InviteRepository, 'recordSlackConnectOutcome' | 'recordPrivateChannelOutcome' | 'recordUnresolved' | 'deferSend'>>(repo: R, metrics: InviteMetrics): R {
  if (metrics === NO_METRICS) return repo;
  return {
    ...repo,
    async recordSlackConnectOutcome(hold, outcome) {
      const recorded = await repo.recordSlackConnectOutcome(hold, outcome);
      if (outcome.ok) metrics.invitation('slack_connect', 'sent');
      else metrics.invitation('slack_connect', 'failed', outcome.errorCode);
      return recorded;
    },
    async recordPrivateChannelOutcome(hold, outcome) {
      const recorded = await repo.recordPrivateChannelOutcome(hold, outcome);
      const result = outcome.status === 'COMPLETED' ? 'sent' : outcome.status === 'PARTIALLY_COMPLETED' ? 'partial' : 'failed';
      metrics.invitation('private_channel', result, outcome.errorCode ?? outcome.recipients.find((r) => r.errorCode)?.errorCode ?? undefined);
      return recorded;
    },
    async recordUnresolved(hold, errorCode) {
      const recorded = await repo.recordUnresolved(hold, errorCode);
      metrics.invitation(recorded.kind === 'SLACK_CONNECT' ? 'slack_connect' : 'private_channel', 'unresolved', errorCode);
      return recorded;
    },
    async deferSend(hold, retryAfterSeconds, errorCode) {
      const recorded = await repo.deferSend(hold, retryAfterSeconds, errorCode);
      metrics.invitation(recorded.kind === 'SLACK_CONNECT' ? 'slack_connect' : 'private_channel', 'deferred', errorCode ?? 'ratelimited');
      return recorded;
    },
  };
}
