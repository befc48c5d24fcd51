// Turns Slack's answers about the people of a private-channel invite into the outcome the record
// keeps: one result per person, and a status for the whole invite. Pure.
import { failureFields } from '../call-failure.js';
import type { PersonAnswer, PrivateChannelOutcome, PrivateInviteRecord, RecipientOutcomeFields, SlackCallFailure } from '../ports.js';

/** Slack's way of saying "already a member" when it says it per person. */
const ALREADY_MEMBER_CODES = new Set(['already_in_channel', 'already_in_group']);

/**
 * One result per person asked for, in their order: their own answer when Slack gave one, else the
 * call's failure (which applies to everyone it did not answer about).
 */
export function settle(userIds: readonly string[], answers: ReadonlyMap<string, PersonAnswer>, failure: SlackCallFailure | undefined): PrivateChannelOutcome {
  const callFailure = failure ? failureFields(failure) : undefined;
  const recipients = userIds.map((userId): RecipientOutcomeFields => {
    const answer = answers.get(userId);
    if (answer) return answer.outcome === 'FAILED' ? personFailure(userId, answer.errorCode) : { userId, outcome: answer.outcome };
    if (!callFailure) return { userId, outcome: 'FAILED', errorCode: 'unknown_error' };
    // One person asked for: the call's error is about them (Slack answered without a list).
    return userIds.length === 1 ? personFailure(userId, callFailure.errorCode) : { userId, outcome: 'FAILED', errorCode: callFailure.errorCode };
  });

  const added = recipients.filter((r) => r.outcome !== 'FAILED').length;
  const status = added === recipients.length ? 'COMPLETED' : added === 0 ? 'FAILED' : 'PARTIALLY_COMPLETED';
  // The invite's own error: the call's, when someone carries it (with its scope or wait), else the first person's.
  const carriesCallFailure = recipients.some((r) => r.outcome === 'FAILED' && !answers.has(r.userId));
  if (callFailure && carriesCallFailure) return { status, ...callFailure, recipients };
  return { status, errorCode: recipients.find((r) => r.outcome === 'FAILED')?.errorCode, recipients };
}

function personFailure(userId: string, code: string): RecipientOutcomeFields {
  return ALREADY_MEMBER_CODES.has(code) ? { userId, outcome: 'ALREADY_MEMBER' } : { userId, outcome: 'FAILED', errorCode: code };
}

/** The invite's own fields an outcome sets; shared by the repository and the fallback below. */
export function privateOutcomeFields(outcome: PrivateChannelOutcome) {
  return {
    status: outcome.status,
    errorCode: outcome.errorCode ?? null,
    errorDetail: outcome.errorDetail ?? null,
    retryAfterSeconds: outcome.retryAfterSeconds ?? null,
  };
}

/** The record as it would be once the outcome is saved (when saving it failed, to still show it). */
export function withOutcome(invite: PrivateInviteRecord, outcome: PrivateChannelOutcome): PrivateInviteRecord {
  const byUser = new Map(outcome.recipients.map((r) => [r.userId, r]));
  return {
    ...invite,
    ...privateOutcomeFields(outcome),
    recipients: invite.recipients.map((r) => {
      const result = byUser.get(r.userId);
      return result ? { ...r, outcome: result.outcome, errorCode: result.errorCode ?? null } : r;
    }),
  };
}
