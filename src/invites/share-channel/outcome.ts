// Turns Slack's answer to conversations.inviteShared into the outcome the record keeps.
import { failureFields } from '../call-failure.js';
import type { InviteRecord, InviteSharedResult, SlackConnectOutcome } from '../ports.js';

export function toOutcome(result: InviteSharedResult): SlackConnectOutcome {
  if (result.ok) {
    return { ok: true, inviteId: result.inviteId, isLegacySharedChannel: result.isLegacySharedChannel, url: result.url, confCode: result.confCode };
  }
  return { ok: false, ...failureFields(result) };
}

/** The record fields an outcome sets; shared by the repository and the fallback above. */
export function outcomeFields(outcome: SlackConnectOutcome) {
  return outcome.ok
    ? {
        status: 'AWAITING_ACCEPTANCE' as const,
        slackInviteId: outcome.inviteId,
        isLegacySharedChannel: outcome.isLegacySharedChannel,
        joinUrl: outcome.url ?? null,
        confCode: outcome.confCode ?? null,
        errorCode: null,
        errorDetail: null,
        retryAfterSeconds: null,
      }
    : {
        status: 'FAILED' as const,
        errorCode: outcome.errorCode,
        errorDetail: outcome.errorDetail ?? null,
        retryAfterSeconds: outcome.retryAfterSeconds ?? null,
      };
}

/** A full-access invitation Slack refused because the workspace allows only limited ones: it can go again as limited. */
export function canSendAsLimited(invite: Pick<InviteRecord, 'kind' | 'status' | 'errorCode' | 'externalLimited'>): boolean {
  return invite.kind === 'SLACK_CONNECT' && invite.status === 'FAILED' && invite.errorCode === 'restricted_action' && !invite.externalLimited;
}

/**
 * Whether the person may send an invitation again as a new one: it ended without reaching them
 * (failed, declined, expired: `status` as the Home tab shows it). One still on its way or waiting
 * is refused, so two invitations never wait for one person at once.
 */
export function resendable(invite: Pick<InviteRecord, 'kind' | 'status' | 'errorCode'>, shownStatus: string): boolean {
  return invite.kind === 'SLACK_CONNECT' && (shownStatus === 'failed' || shownStatus === 'declined' || shownStatus === 'expired') && invite.errorCode !== 'slack_unconfirmed';
}
